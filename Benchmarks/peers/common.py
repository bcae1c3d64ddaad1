"""What the peer scripts share: where the repository and the segtool binary are."""
import os
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
