"""Fixtures for the service tests: an index of our own sample documents, and segtool-serve
started on it on a free loopback port (the real binary, a real listening socket).

Environment: SEGTOOL (the segtool binary), SEGTOOL_SERVE (the segtool-serve binary); both
default to the debug builds of the root and the Server package."""
import json
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIXTURE = HERE / "Fixtures" / "documents.jsonl"
SEGTOOL = os.environ.get("SEGTOOL", str(ROOT / ".build" / "debug" / "segtool"))
SERVE = os.environ.get("SEGTOOL_SERVE", str(ROOT / "Server" / ".build" / "debug" / "segtool-serve"))


def build_index(directory, *inputs):
    subprocess.run([SEGTOOL, "index", "build", "--index", str(directory), *map(str, inputs)], check=True,
                   stdout=subprocess.DEVNULL)


def add_documents(directory, path):
    subprocess.run([SEGTOOL, "index", "add", "--index", str(directory), str(path)], check=True, stdout=subprocess.DEVNULL)


class Server:
    """segtool-serve running on a free port; `url(path)` gives an address on it."""

    def __init__(self, index, *args):
        self.log = tempfile.NamedTemporaryFile(prefix="serve-log-", suffix=".jsonl", delete=False)
        self.process = subprocess.Popen([SERVE, "--index", str(index), "--port", "0", *args], stdout=subprocess.PIPE,
                                        stderr=self.log, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on "):
            self.process.kill()
            raise RuntimeError(f"segtool-serve did not start: {line!r}; log: {pathlib.Path(self.log.name).read_text()}")
        self.base = line.split()[-1]

    def url(self, path):
        return self.base + path

    def log_lines(self):
        return [json.loads(l) for l in pathlib.Path(self.log.name).read_text().splitlines() if l.strip()]

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("index") / "samples.idx"
    build_index(directory, FIXTURE)
    return directory


@pytest.fixture(scope="session")
def server(index_dir):
    s = Server(index_dir)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def openapi(server):
    with urllib.request.urlopen(server.url("/openapi.json")) as r:
        return json.load(r)
