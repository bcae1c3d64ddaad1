"""What the peer scripts share: where the repository and the segtool binary are, running
tools, versions, the machine, and writing the report."""
import importlib.metadata
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path


class PeerError(Exception):
    """A problem with the inputs or a tool; the scripts print it without a traceback."""


def find_repo_root() -> Path:
    """The nearest ancestor of the peer scripts holding Package.swift beside Sources/Segmenter
    (Benchmarks/ has a Package.swift of its own)."""
    here = Path(__file__).resolve().parent
    for directory in (here, *here.parents):
        if (directory / "Package.swift").is_file() and (directory / "Sources" / "Segmenter").is_dir():
            return directory
    return here.parents[1]  # Benchmarks/peers/ -> repository root


def resolve_in_repo(path: str, repo_root: Path) -> Path:
    """`path` as given when absolute, else relative to the repository root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else (repo_root / p).resolve()


def resolve_segtool(option: str | None, repo_root: Path) -> Path:
    """--segtool, else $SEGTOOL (both relative to the working directory), else the release build."""
    given = option or os.environ.get("SEGTOOL")
    path = (Path(os.path.abspath(Path(given).expanduser())) if given
            else repo_root / ".build/release/segtool")
    if not path.is_file():
        raise PeerError(f"segtool binary not found: {path}. Build it with "
                        "`swift build -c release`, or pass --segtool/SEGTOOL.")
    if not os.access(path, os.X_OK):
        raise PeerError(f"segtool binary is not executable: {path}")
    return path


def run_checked(command: list[str], stdout=subprocess.PIPE) -> tuple[subprocess.CompletedProcess, float]:
    """Runs a tool (stdin closed, stderr kept for the message); raises PeerError when it fails.
    Returns the process and its wall time in seconds."""
    start = time.perf_counter()
    result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise PeerError(f"`{shlex.join(command)}` exited with {result.returncode}: {message}")
    return result, elapsed


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def segtool_version(binary: Path) -> str:
    try:
        result = subprocess.run([str(binary), "--version"], capture_output=True, text=True,
                                timeout=30)
        return result.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_info() -> dict:
    cpu = platform.processor() or platform.machine()
    memory = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    memory = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": usable,
            "memory_bytes": memory, "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


def write_report(markdown_text: str, report: dict, json_path: str | None) -> None:
    """The Markdown on standard output, and the numbers as JSON when asked."""
    print(markdown_text)
    if json_path:
        Path(json_path).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")


def run_script(name: str, main) -> None:
    """Runs a script's main: a PeerError is printed without a traceback (exit 1)."""
    try:
        sys.exit(main())
    except PeerError as error:
        print(f"{name}: error: {error}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


def read_paragraphs(path: str, limit: int) -> tuple[list[str], int]:
    """The non-empty paragraphs (lines of `text`, stripped) of a JSON Lines file, up to `limit`
    UTF-8 bytes in all; returns them and their size. A line that is not a JSON object ends the
    program with its path and line number."""
    lines, size = [], 0
    with open(path, encoding="utf-8") as f:
        for number, record in enumerate(f, 1):
            try:
                text = json.loads(record).get("text")
            except (ValueError, AttributeError) as error:
                raise SystemExit(f"{path}:{number}: not a JSON object ({error})")
            for paragraph in (text or "").splitlines():
                paragraph = paragraph.strip()
                if not paragraph:
                    continue
                n = len(paragraph.encode())
                if size + n > limit:
                    return lines, size
                lines.append(paragraph)
                size += n
    return lines, size


def timed_threads(threads: list, settle: float = 0.0) -> tuple[float, float]:
    """Starts `threads`, waits for them, and returns the wall seconds and the process's CPU time
    over that wall time; `settle` seconds of sleep before reading the CPU time (a thread's
    totals are added when its thread-specific data is destroyed, just after join() returns)."""
    start, cpu = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    if settle:
        time.sleep(settle)
    return wall, (time.process_time() - cpu) / wall
