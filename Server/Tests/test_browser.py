"""The page in headless Chromium (Debian's `chromium`), driven over the DevTools protocol: a query
through the URL and through typing, hits with highlights, the document view with keywords, the
trend chart, the segmentation playground, and documents with markup rendered as text.

SCREENSHOTS=dir keeps screenshots of the page (wide and narrow) there."""
import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
import websocket  # websocket-client

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI sets REQUIRE_CHROMIUM=1: there a missing browser is a failure, not a skip.
if CHROMIUM is None and os.environ.get("REQUIRE_CHROMIUM") == "1":
    raise RuntimeError("chromium is not installed (REQUIRE_CHROMIUM=1)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


class Browser:
    """One headless Chromium and one page in it, over the DevTools protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--no-first-run",
             "--remote-allow-origins=*", f"--user-data-dir={self.profile}", "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stderr.readline()
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        if port is None:
            self.process.kill()
            raise RuntimeError("chromium did not start its DevTools server")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
            page = next(t for t in json.load(r) if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, **params):
        i = next(self.ids)
        self.ws.send(json.dumps({"id": i, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == i:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:  # e.g. an element not there yet
                value = None
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")

    def navigate(self, url):
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && typeof navigate === 'function'")

    def type_text(self, text):
        self.send("Input.insertText", text=text)

    def press(self, key, code=None, keycode=0, text=None):
        params = {"key": key, "code": code or key, "windowsVirtualKeyCode": keycode}
        down = dict(params, type="keyDown")
        if text:
            down["text"] = text
        self.send("Input.dispatchKeyEvent", **down)
        self.send("Input.dispatchKeyEvent", type="keyUp", **params)

    def screenshot(self, path, width=1280, height=900):
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 600)
        time.sleep(0.3)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        self.send("Emulation.clearDeviceMetricsOverride")

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


HITS = "document.querySelectorAll('#hits .hit').length"


def test_query_through_the_url(server, browser):
    browser.navigate(server.url("/?q=" + urllib.request.quote("乡村振兴")))
    assert browser.wait_for(f"{HITS} >= 5")
    assert browser.evaluate("document.getElementById('q').value") == "乡村振兴"
    marks = browser.evaluate("[...document.querySelectorAll('#hits mark')].map(m => m.textContent)")
    assert marks and set(marks) <= {"乡村振兴", "乡村", "振兴"}, marks
    # Every hit shows at least one highlight, and the snippet text is the API's.
    assert browser.evaluate("[...document.querySelectorAll('#hits .hit')].every(h => h.querySelector('mark'))")
    # The trend chart: an SVG with one line through 2019…2024 and a dot per year.
    browser.wait_for("document.querySelector('#trend svg polyline') !== null")
    assert not browser.evaluate("document.getElementById('trend').hidden")
    points = browser.evaluate("document.querySelector('#trend svg polyline').getAttribute('points')")
    assert len(points.split()) == 6
    periods = browser.evaluate("[...document.querySelectorAll('#trend svg circle')].map(c => c.dataset.period)")
    assert periods == ["2019", "2020", "2021", "2022", "2023", "2024"]
    ys = [float(p.split(",")[1]) for p in points.split()]
    assert len(set(ys)) > 1, "a flat line: the chart shows no data"
    shots = os.environ.get("SCREENSHOTS")
    if shots:
        os.makedirs(shots, exist_ok=True)
        browser.screenshot(os.path.join(shots, "search-wide.png"))


def test_query_through_typing_and_the_document_view(server, browser):
    browser.navigate(server.url("/"))
    browser.evaluate("document.getElementById('q').focus()")
    browser.type_text("高质量发展")
    browser.press("Enter", keycode=13, text="\r")
    browser.wait_for(f"{HITS} >= 3")
    assert "q=" + urllib.request.quote("高质量发展") in browser.evaluate("location.search")
    # Keyboard: j selects the first hit, Enter opens it.
    browser.evaluate("document.activeElement.blur()")
    browser.press("j", code="KeyJ", keycode=74, text="j")
    first = browser.evaluate("document.activeElement.dataset.id")
    assert first
    browser.press("Enter", keycode=13, text="\r")
    browser.wait_for("!document.getElementById('document').hidden")
    browser.wait_for("document.querySelectorAll('#doc-keywords .keyword').length >= 5")
    assert "doc=" + first in browser.evaluate("location.search")
    title = browser.evaluate("document.getElementById('doc-title').textContent")
    assert title
    doc_marks = browser.evaluate("[...document.querySelectorAll('#doc-text mark')].map(m => m.textContent)")
    assert doc_marks and set(doc_marks) <= {"高质量发展", "高质量", "质量", "发展"}, doc_marks
    shots = os.environ.get("SCREENSHOTS")
    if shots:
        browser.screenshot(os.path.join(shots, "document-wide.png"))
        browser.screenshot(os.path.join(shots, "document-narrow.png"), width=420, height=900)
    browser.press("Escape", keycode=27)
    browser.wait_for("document.getElementById('document').hidden")


def test_passages_paging_and_date_filter(server, browser):
    browser.navigate(server.url("/?q=" + urllib.request.quote("乡村振兴")))
    browser.wait_for(f"{HITS} >= 5")
    first_page = browser.evaluate("[...document.querySelectorAll('#hits .hit')].map(h => h.dataset.id)")
    # Paging with only 10 a page would need more documents: ask for 4 a page through the state.
    browser.evaluate("state.top = 4; renderedSearch = null; navigate({ page: 1 })")
    browser.wait_for(f"{HITS} === 4")
    page1 = browser.evaluate("[...document.querySelectorAll('#hits .hit')].map(h => h.dataset.id)")
    assert page1 == first_page[:4]
    browser.evaluate("document.getElementById('next').click()")
    browser.wait_for("location.search.includes('page=2')")
    browser.wait_for(f"{HITS} === 4 && document.querySelector('#hits .hit').dataset.id !== {json.dumps(page1[0])}")
    page2 = browser.evaluate("[...document.querySelectorAll('#hits .hit')].map(h => h.dataset.id)")
    assert page2 == first_page[4:8]
    assert not browser.evaluate("document.getElementById('prev').disabled")
    # The passages toggle: each hit names its passage.
    browser.evaluate("document.getElementById('passages').click()")
    browser.wait_for("location.search.includes('passages=1')")
    browser.wait_for(f"{HITS} > 0 && [...document.querySelectorAll('#hits .meta')].every(m => m.textContent.includes('passage'))")
    # The date filter, typed into the form.
    browser.evaluate("document.getElementById('passages').checked = false")
    browser.evaluate("document.getElementById('from').value = '2022'; document.getElementById('to').value = '2023-06'")
    browser.evaluate("document.getElementById('search-form').requestSubmit()")
    browser.wait_for("location.search.includes('from=2022')")
    browser.wait_for(f"{HITS} > 0 && !document.getElementById('message').textContent.includes('Searching')")
    dates = browser.evaluate("[...document.querySelectorAll('#hits .date')].map(d => d.textContent)")
    assert dates and all("2022" <= d <= "2023-06-30" for d in dates), dates
    assert browser.evaluate(f"{HITS}") == len(dates)  # undated documents are left out


def test_markup_in_documents_renders_as_text(server, browser):
    browser.navigate(server.url("/?q=" + urllib.request.quote("转义")))
    browser.wait_for(f"{HITS} === 1")
    title = browser.evaluate("document.querySelector('#hits a.title').textContent")
    assert title.startswith("<script>window.__xss = 1</script>")
    snippet = browser.evaluate("document.querySelector('#hits .snippet').textContent")
    assert "<img src=x onerror=" in snippet or "<script>" in snippet, snippet
    browser.evaluate("document.querySelector('#hits a.title').click()")
    browser.wait_for("!document.getElementById('document').hidden && document.getElementById('doc-text').textContent.length > 0")
    text = browser.evaluate("document.getElementById('doc-text').textContent")
    assert '<img src=x onerror="window.__xss = 3">' in text and "<b>加粗</b> & 符号" in text
    # No element came from the data, and none of its scripts ran.
    assert browser.evaluate("document.querySelectorAll('img, b').length") == 0
    assert browser.evaluate("[...document.scripts].map(s => s.getAttribute('src'))") == ["/app.js"]
    assert browser.evaluate("typeof window.__xss") == "undefined"


def test_segmentation_playground(server, browser):
    browser.navigate(server.url("/?tab=segment"))
    browser.wait_for("document.querySelectorAll('#segment-tokens .tok').length > 3")
    tokens = browser.evaluate("[...document.querySelectorAll('#segment-tokens .tok')].map(t => [t.textContent, t.className])")
    assert "".join(t for t, _ in tokens) == "全面推进乡村振兴，加快建设农业强国。"
    assert all(re.search(r"src-(icu|builtin|user|rule)", c) for _, c in tokens)
    rows = browser.evaluate("document.querySelectorAll('#segment-table tbody tr').length")
    assert rows == len(tokens)
    browser.evaluate("document.getElementById('segment-text').value = 'GDP增长5.2%'")
    browser.evaluate("document.querySelector('#segment-form button[type=submit]').click()")
    browser.wait_for("document.querySelector('#segment-tokens .tok').textContent === 'GDP'")
    shots = os.environ.get("SCREENSHOTS")
    if shots:
        browser.screenshot(os.path.join(shots, "segment-wide.png"))


def test_query_error_is_shown_with_its_place(server, browser):
    browser.navigate(server.url("/?q=" + urllib.request.quote('乡村 "振兴')))
    message = browser.wait_for("document.querySelector('#message.error') && document.querySelector('#message').textContent")
    assert "quote" in message and "character 4" in message
