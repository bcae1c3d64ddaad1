"""The JSON API against a real segtool-serve on loopback: every endpoint, its errors and limits,
responses validated against the OpenAPI description the server serves."""
import concurrent.futures
import json
import pathlib
import random
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import jsonschema
import pytest
from openapi_spec_validator import validate as validate_spec

from conftest import HERE, SEGTOOL, Server, add_documents, build_index


_SPECS = {}


def described(server, path, method, status, body):
    """Validates a response against what the served OpenAPI description says the operation
    answers with that status (an undocumented status of a documented operation fails)."""
    spec = _SPECS.get(server.base)
    if spec is None:
        with urllib.request.urlopen(server.url("/openapi.json")) as r:
            spec = _SPECS[server.base] = json.load(r)
    route = urllib.parse.urlsplit(path).path
    for template, operations in spec["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, route) and method.lower() in operations:
            responses = operations[method.lower()]["responses"]
            assert str(status) in responses, f"{method} {template}: status {status} is not described"
            schema = responses[str(status)]["content"]["application/json"]["schema"]
            jsonschema.validate(body, dict(schema, components=spec["components"]), cls=jsonschema.Draft202012Validator)
            return True
    return False


def call(server, path, body=None, method=None, headers=None):
    """(status, headers, parsed JSON body) of a request; API responses are checked against the
    OpenAPI description."""
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode())
    request = urllib.request.Request(server.url(path), data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            raw = r.read()
            status, response_headers = r.status, r.headers
            parsed = json.loads(raw) if "json" in r.headers.get("Content-Type", "") else raw
    except urllib.error.HTTPError as e:
        status, response_headers, parsed = e.code, e.headers, json.loads(e.read())
    if isinstance(parsed, (dict, list)):
        described(server, path, request.get_method(), status, parsed)
    return status, response_headers, parsed


def get(server, path, **params):
    query = urllib.parse.urlencode(params, doseq=True)
    return call(server, path + ("?" + query if query else ""))


def check(openapi, schema_name, instance):
    """Validates a response body against a schema of the served OpenAPI description."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": openapi["components"]}
    jsonschema.validate(instance, schema, cls=jsonschema.Draft202012Validator)


def test_openapi_description_is_valid(openapi):
    validate_spec(openapi)
    assert set(openapi["paths"]) >= {"/api/search", "/api/documents/{id}", "/api/trend", "/api/segment", "/api/keywords",
                                     "/api/stats", "/healthz"}


def test_health_and_stats(server, openapi):
    status, _, body = get(server, "/healthz")
    assert status == 200
    check(openapi, "HealthResponse", body)
    assert body["documents"] == 12
    status, _, stats = get(server, "/api/stats")
    assert status == 200
    check(openapi, "StatsResponse", stats)
    assert stats["documents"] == 12 and stats["segments"] >= 1 and stats["analysis"]["builtinLexicon"] is True


def test_search_hits_with_highlights(server, openapi):
    status, _, body = get(server, "/api/search", q="乡村振兴", top=3)
    assert status == 200
    check(openapi, "SearchResponse", body)
    assert body["top"] == 3 and len(body["hits"]) == 3 and body["more"] is True
    assert body["terms"] == ["乡村振兴"]
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)
    for hit in body["hits"]:
        text = hit["snippet"]["text"].encode()
        marked = [text[a:b].decode() for a, b in hit["snippet"]["highlights"]]
        assert marked and all(m in ("乡村振兴", "乡村", "振兴") for m in marked), marked


def test_a_phrase_is_highlighted_where_it_is(server):
    """A phrase's words light up only where the phrase is: not 发展 of 因地制宜发展 or 融合发展
    (in the search's snippets and in the document view)."""
    _, _, body = get(server, "/api/search", q='"高质量 发展"', top=10)
    hit = next(h for h in body["hits"] if h["id"] == "report-2024")
    text = hit["snippet"]["text"].encode()
    assert "因地制宜发展" in hit["snippet"]["text"]
    assert [text[a:b].decode() for a, b in hit["snippet"]["highlights"]] == ["高质量发展"]
    _, _, d = get(server, "/api/documents/report-2024", q='"高质量 发展"')
    text = d["text"].encode()
    assert [text[a:b].decode() for a, b in d["highlights"]] == ["高质量发展"]
    # A word lights up everywhere.
    _, _, d = get(server, "/api/documents/report-2024", q="发展")
    text = d["text"].encode()
    assert [text[a:b].decode() for a, b in d["highlights"]].count("发展") == 3


def test_search_terms_for_the_trend(server):
    """The query's clauses, as the page passes them to /api/trend: a phrase or a word the
    analysis splits comes back joined as typed; exclusions are left out."""
    _, _, body = get(server, "/api/search", q='"数字经济 论坛" 转义 OR 乡村振兴 -北京', top=1)
    assert body["terms"] == ["数字经济论坛", "转义", "乡村振兴"]
    _, _, trend = get(server, "/api/trend", terms=body["terms"])
    counts = {t: sum(r["documents"] for r in trend["rows"] if r["term"] == t) for t in body["terms"]}
    assert counts == {"数字经济论坛": 1, "转义": 1, "乡村振兴": 8}


def test_search_paging_is_consistent(server):
    _, _, all_hits = get(server, "/api/search", q="乡村振兴", top=20)
    ids = [h["id"] for h in all_hits["hits"]]
    assert len(ids) >= 6 and all_hits["more"] is False
    paged = []
    for page in range(1, 5):
        _, _, body = get(server, "/api/search", q="乡村振兴", top=2, page=page)
        assert body["offset"] == (page - 1) * 2
        paged += [h["id"] for h in body["hits"]]
    assert paged == ids[:8]
    _, _, body = get(server, "/api/search", q="乡村振兴", top=2, offset=2)
    assert [h["id"] for h in body["hits"]] == ids[2:4]


def test_search_filters_dates_and_fields(server, openapi):
    _, _, body = get(server, "/api/search", q="高质量发展", top=20, **{"from": "2023", "to": "2024-06"})
    check(openapi, "SearchResponse", body)
    assert body["hits"] and all("2023" <= h["date"] <= "2024-06-30" for h in body["hits"])
    _, _, body = get(server, "/api/search", q="乡村振兴", top=20, where="kind=news")
    assert body["hits"] and all(h["fields"]["kind"] == "news" for h in body["hits"])
    _, _, body = get(server, "/api/search", q="乡村振兴", top=20, where=["kind=news", "kind=note"])
    assert {h["fields"]["kind"] for h in body["hits"]} == {"news", "note"}


def test_search_passages_phrase_or_and_exclusion(server, openapi):
    _, _, body = get(server, "/api/search", q="乡村振兴", passages="true", top=5)
    check(openapi, "SearchResponse", body)
    assert all(isinstance(h["passage"], int) for h in body["hits"])
    _, _, phrase = get(server, "/api/search", q='"数字经济 论坛"', top=20)
    assert [h["id"] for h in phrase["hits"]] == ["news-2023-11"]
    _, _, either = get(server, "/api/search", q="论坛 OR 座谈会", top=20)
    assert {h["id"] for h in either["hits"]} == {"news-2023-11", "news-2024-05"}
    _, _, excluded = get(server, "/api/search", q="乡村振兴 -农业", top=20)
    assert "report-2021" not in {h["id"] for h in excluded["hits"]} and excluded["hits"]
    _, _, tfidf = get(server, "/api/search", q="乡村振兴", rank="tfidf", snippets="false")
    check(openapi, "SearchResponse", tfidf)
    assert tfidf["hits"] and all("snippet" not in h for h in tfidf["hits"])


@pytest.mark.parametrize("params,fragment,offset", [
    ({"q": '乡村 "振兴'}, "quote", 3),
    ({"q": "-乡村"}, "at least one word", None),
    ({"q": "乡村", "top": "0"}, "top", None),
    ({"q": "乡村", "top": "abc"}, "top", None),
    ({"q": "乡村", "top": "101"}, "top", None),
    ({"q": "乡村", "rank": "pagerank"}, "rank", None),
    ({"q": "乡村", "from": "2020-13"}, "from", None),
    ({"q": "乡村", "from": "2024", "to": "2020"}, "after", None),
    ({"q": "乡村", "where": "kind"}, "where", None),
    ({"q": "乡村", "page": "2", "offset": "3"}, "exclude", None),
    ({"q": "乡村", "offset": "100000"}, "offset", None),
    ({}, "q", None),
    ({"q": "乡" * 400}, "bytes", None),
    ({"q": " ".join(f"词{i}" for i in range(40))}, "distinct words", None),
])
def test_search_errors_are_400_json(server, openapi, params, fragment, offset):
    status, headers, body = get(server, "/api/search", **params)
    assert status == 400
    assert headers["Content-Type"].startswith("application/json")
    check(openapi, "Error", body)
    assert fragment in body["error"]
    assert body.get("offset") == offset


def test_document(server, openapi):
    status, _, d = get(server, "/api/documents/report-2023", q="乡村振兴")
    assert status == 200
    check(openapi, "DocumentResponse", d)
    assert d["date"] == "2023-03-05" and d["fields"] == {"kind": "report"} and d["title"] == "二〇二三年工作回顾"
    text = d["text"].encode()
    assert [text[a:b].decode() for a, b in d["highlights"]] == ["乡村振兴"]
    assert len(d["passages"]) == 3 and d["passages"][0][0] == 0 and d["passages"][-1][1] <= len(text)
    words = [k["word"] for k in d["keywords"]]
    assert len(words) == 12 and "乡村振兴" in words[:6]


def test_document_not_found_and_odd_ids(server, openapi):
    for path in ["/api/documents/nope", "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/%E4%B9%A1"]:
        status, _, body = call(server, path)
        assert status == 404, path
        check(openapi, "Error", body)
    status, _, body = call(server, "/api/documents/report-2023?keywords=-1")
    assert status == 400


def test_unknown_paths_never_reach_files(server):
    for path in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/app.js/../../etc/passwd", "/Resources/index.html",
                 "/openapi.json/../Package.swift"]:
        status, _, body = call(server, path)
        assert status == 404, path
        assert "root:" not in json.dumps(body)


def test_trend(server, openapi):
    status, _, body = get(server, "/api/trend", terms="乡村振兴,高质量发展")
    assert status == 200
    check(openapi, "TrendResponse", body)
    assert body["terms"] == ["乡村振兴", "高质量发展"]
    years = [r["period"] for r in body["rows"] if r["term"] == "乡村振兴"]
    assert years == [str(y) for y in range(2019, 2025)]
    by_year = {r["period"]: r for r in body["rows"] if r["term"] == "乡村振兴"}
    assert by_year["2022"]["documents"] == 2 and by_year["2022"]["periodDocuments"] == 2
    assert by_year["2024"]["periodDocuments"] == 3
    _, _, months = get(server, "/api/trend", terms=['"数字 经济"'], by="month", **{"from": "2023-01", "to": "2023-12"})
    assert [r["period"] for r in months["rows"]] == ["2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
                                                     "2023-10", "2023-11"]
    assert sum(r["occurrences"] for r in months["rows"]) == 2


@pytest.mark.parametrize("params,fragment", [
    ({}, "terms"), ({"terms": "a,b,c,d,e,f,g,h,i"}, "at most 8"), ({"terms": "乡村", "by": "week"}, "by"),
    ({"terms": "乡村", "from": "yesterday"}, "from"),
])
def test_trend_errors(server, openapi, params, fragment):
    status, _, body = get(server, "/api/trend", **params)
    assert status == 400
    check(openapi, "Error", body)
    assert fragment in body["error"]


def test_trend_unclosed_quote(server, openapi):
    """A quote left open is refused with where it is, as /api/search and the CLI refuse it."""
    status, _, body = get(server, "/api/trend", terms='乡村振兴,"数字 经济')
    assert status == 400
    check(openapi, "Error", body)
    assert "not closed" in body["error"] and body["offset"] == 5
    status, _, body = get(server, "/api/trend", terms='乡村振兴,“数字 经济”')
    assert status == 200 and body["terms"] == ["乡村振兴", '"数字 经济"']


def test_segment(server, openapi):
    text = "推进中国式现代化，GDP增长5.2%。"
    status, _, body = call(server, "/api/segment", {"text": text})
    assert status == 200
    check(openapi, "SegmentResponse", body)
    encoded = text.encode()
    assert "".join(t["text"] for t in body["tokens"]) == text
    for t in body["tokens"]:
        a, b = t["utf8Range"]
        assert encoded[a:b].decode() == t["text"]
        s, e = t["scalarRange"]
        assert text[s:e] == t["text"]
    assert {t["kind"] for t in body["tokens"]} >= {"ideographic", "punctuation", "letters"}
    _, _, search = call(server, "/api/segment", {"text": "中华人民共和国", "mode": "search"})
    assert search["mode"] == "search" and any(t["subword"] for t in search["tokens"])


def test_keywords(server, openapi):
    """The service's keywords are the CLI's (same built-in IDF table, same analysis)."""
    line = HERE.joinpath("Fixtures", "documents.jsonl").read_text().splitlines()[4]
    text = json.loads(line)["text"]
    status, _, body = call(server, "/api/keywords", {"text": text, "top": 5})
    assert status == 200
    check(openapi, "KeywordsResponse", body)
    cli = subprocess.run([SEGTOOL, "keywords", "--json", "--top", "5"], input=text, capture_output=True, text=True, check=True)
    expected = json.loads(cli.stdout)["keywords"]
    assert [k["word"] for k in body["keywords"]] == [k["word"] for k in expected]
    assert [round(k["weight"], 5) for k in body["keywords"]] == [round(k["weight"], 5) for k in expected]
    weights = [k["weight"] for k in body["keywords"]]
    assert weights == sorted(weights, reverse=True) and all(k["word"] in text for k in body["keywords"])
    _, _, ranked = call(server, "/api/keywords", {"text": text, "method": "textrank"})
    assert ranked["method"] == "textrank" and ranked["keywords"]


@pytest.mark.parametrize("path,body,status,fragment", [
    ("/api/segment", b"not json", 400, "JSON"),
    ("/api/segment", {"mode": "precise"}, 400, "text"),
    ("/api/segment", {"text": "a", "mode": "fast"}, 400, "mode"),
    ("/api/keywords", {"text": "a", "top": 0}, 400, "top"),
    ("/api/keywords", {"text": "a", "method": "lda"}, 400, "method"),
    ("/api/segment", {"text": "字" * 100_000}, 413, "too large"),
])
def test_post_errors(server, openapi, path, body, status, fragment):
    got, _, response = call(server, path, body)
    assert got == status
    check(openapi, "Error", response)
    assert fragment in response["error"]


def test_method_not_allowed_and_no_cors_by_default(server):
    status, headers, _ = call(server, "/api/search?q=乡村".replace("乡村", "%E4%B9%A1%E6%9D%91"), headers={"Origin": "http://evil.example"})
    assert status == 200 and headers.get("Access-Control-Allow-Origin") is None
    status, _, _ = call(server, "/api/search?q=x", body=b"{}", method="POST")
    assert status in (404, 405)


def test_cors_only_for_the_named_origin(index_dir):
    s = Server(index_dir, "--cors", "http://localhost:3000", "--log-level", "warning")
    try:
        _, headers, _ = call(s, "/healthz", headers={"Origin": "http://localhost:3000"})
        assert headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
        _, headers, _ = call(s, "/healthz", headers={"Origin": "http://other.example"})
        assert headers.get("Access-Control-Allow-Origin") is None
    finally:
        s.stop()


def test_page_and_its_policy(server):
    with urllib.request.urlopen(server.url("/")) as r:
        html = r.read().decode()
        assert r.headers["Content-Type"].startswith("text/html")
        policy = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert '<script src="/app.js"' in html and "http://" not in html.replace("http://www.w3.org", "")
    for path in ["/api/search?q=x", "/api/documents/nope", "/healthz"]:
        _, headers, _ = call(server, path)
        assert headers["X-Content-Type-Options"] == "nosniff", path


def test_access_log_is_structured(server):
    get(server, "/api/search", q="乡村振兴")
    time.sleep(0.2)
    entries = [e for e in server.log_lines() if e.get("message") == "request"]
    assert entries, "no access log line"
    last = [e for e in entries if e["uri"].startswith("/api/search")][-1]
    assert last["status"] == 200 and last["method"] == "GET" and last["us"] >= 0 and last["level"] == "info"


def test_request_timeout_is_503(index_dir, openapi):
    """With a 1 ms limit, TextRank over 60,000 varied characters (tens of milliseconds) gets a 503."""
    rng = random.Random(14)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) + ("，" if i % 17 == 16 else "") for i in range(60_000))
    s = Server(index_dir, "--timeout-ms", "1", "--log-level", "warning")
    try:
        status, _, body = call(s, "/api/keywords", {"text": text, "top": 100, "method": "textrank"})
        assert status == 503
        check(openapi, "Error", body)
        assert "longer than" in body["error"]
        # The server is still there.
        assert call(s, "/healthz")[0] == 200
    finally:
        s.stop()


def test_writer_commits_while_serving(tmp_path, openapi):
    """A writer commits new documents while clients search: every request succeeds, and the new
    documents are found without a restart."""
    index = tmp_path / "live.idx"
    build_index(index, HERE / "Fixtures" / "documents.jsonl")
    s = Server(index, "--log-level", "warning", "--reload-ms", "20")
    stop = threading.Event()
    failures, counts = [], []

    def client():
        n = 0
        while not stop.is_set():
            status, _, body = get(s, "/api/search", q="乡村振兴", top=5)
            if status != 200:
                failures.append((status, body))
            n += 1
        counts.append(n)

    try:
        # Asked twice before the commits: the second answer comes from the cache, which a
        # commit must empty (the query is asked again at the end).
        _, _, before = get(s, "/api/search", q="示范村")
        _, _, again = get(s, "/api/search", q="示范村")
        assert before["hits"] == again["hits"] == [] and again["cached"] is True and before["cached"] is False
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            for _ in range(4):
                pool.submit(client)
            for batch in range(3):
                extra = tmp_path / f"extra-{batch}.jsonl"
                extra.write_text(json.dumps({"id": f"added-{batch}", "title": f"新增文档{batch}", "date": f"2025-0{batch + 1}-01",
                                             "text": f"新增文档第{batch}批：乡村振兴示范村建设观摩会。", "kind": "added"},
                                            ensure_ascii=False) + "\n")
                add_documents(index, extra)
                deadline = time.time() + 5
                while time.time() < deadline:
                    _, _, body = get(s, "/api/documents/added-" + str(batch))
                    if body.get("id") == f"added-{batch}":
                        break
                    time.sleep(0.05)
                else:
                    pytest.fail(f"added-{batch} not seen within 5 s")
            stop.set()
        assert not failures, failures[:3]
        assert sum(counts) > 20
        _, _, stats = get(s, "/api/stats")
        assert stats["documents"] == 15 and stats["reloads"] >= 3
        _, _, body = get(s, "/api/search", q="示范村")
        assert {h["id"] for h in body["hits"]} == {"added-0", "added-1", "added-2"}
    finally:
        stop.set()
        s.stop()


def test_a_damaged_commit_keeps_the_previous_snapshot(tmp_path):
    """A manifest that does not parse: the server goes on with the snapshot it has, says so once
    in its log, and opens the next good commit."""
    index = tmp_path / "damaged.idx"
    build_index(index, HERE / "Fixtures" / "documents.jsonl")
    s = Server(index, "--reload-ms", "10")
    try:
        _, _, before = get(s, "/api/search", q="乡村振兴", top=20)
        manifest = index / "manifest"
        good = manifest.read_bytes()
        broken = tmp_path / "broken"
        broken.write_bytes(b"segtool-index 1\ngeneration 99\ncrc32 0\n")
        broken.replace(manifest)
        for _ in range(20):
            status, _, body = get(s, "/api/search", q="乡村振兴", top=20)
            assert status == 200 and body["hits"] == before["hits"]
            time.sleep(0.02)
        errors = [e for e in s.log_lines() if e["level"] == "error"]
        assert len(errors) == 1 and "could not open the new commit" in errors[0]["message"], errors
        restored = tmp_path / "restored"
        restored.write_bytes(good)
        restored.replace(manifest)
        time.sleep(0.05)
        _, _, stats = get(s, "/api/stats")
        assert stats["reloads"] == 1 and stats["documents"] == 12
    finally:
        s.stop()


def test_sigterm_is_a_graceful_shutdown(index_dir):
    """SIGTERM while a request is in flight (its body half sent): the request still gets its
    answer, new connections are refused, then the server exits 0."""
    s = Server(index_dir, "--log-level", "warning")
    host, port = urllib.parse.urlsplit(s.base).hostname, urllib.parse.urlsplit(s.base).port
    body = json.dumps({"text": "全面推进乡村振兴。"}, ensure_ascii=False).encode()
    head = (f"POST /api/segment HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection((host, port), timeout=30) as conn:
        conn.sendall(head + body[:10])
        time.sleep(0.3)
        s.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert s.process.poll() is None, "the server quit with a request in flight"
        with pytest.raises(OSError):
            socket.create_connection((host, port), timeout=2).close()
        conn.sendall(body[10:])
        response = b""
        while chunk := conn.recv(65536):
            response += chunk
    assert response.startswith(b"HTTP/1.1 200"), response[:200]
    assert "乡村振兴".encode() in response
    assert s.process.wait(30) == 0


def test_search_json_round_trips_markup_and_escapes(server):
    """The hand-written search JSON carries markup, quotes and control characters exactly (as the
    document endpoint's, written by JSONEncoder) and never a raw '<' on the wire."""
    status, _, raw = call(server, "/api/search?q=%E8%BD%AC%E4%B9%89&snippet=1000")
    assert status == 200
    hit = raw["hits"][0]
    _, _, d = call(server, "/api/documents/xss-1")
    assert hit["title"] == d["title"] == "<script>window.__xss = 1</script>标题测试"
    assert hit["snippet"]["text"] in d["text"]
    with urllib.request.urlopen(server.url("/api/search?q=%E8%BD%AC%E4%B9%89")) as r:
        wire = r.read()
    assert b"<" not in wire and b"\\u003c" in wire


def test_ids_with_slashes_spaces_and_percent_signs(tmp_path):
    """An id is one path segment, percent-encoded by the client and decoded once by the server."""
    index = tmp_path / "odd.idx"
    source = tmp_path / "odd.jsonl"
    odd = "a b/c%d 中?x=1#y"
    source.write_text(json.dumps({"id": odd, "text": "测试文档编号"}, ensure_ascii=False) + "\n", encoding="utf-8")
    build_index(index, source)
    s = Server(index, "--log-level", "warning")
    try:
        status, _, d = call(s, "/api/documents/" + urllib.parse.quote(odd, safe=""))
        assert status == 200 and d["id"] == odd
        _, _, hits = get(s, "/api/search", q="编号")
        assert [h["id"] for h in hits["hits"]] == [odd]
    finally:
        s.stop()
