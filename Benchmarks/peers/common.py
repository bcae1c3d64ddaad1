"""What the peer scripts share: where the repository is."""
from pathlib import Path


def find_repo_root() -> Path:
    """The nearest ancestor of the peer scripts holding Package.swift beside Sources/Segmenter
    (Benchmarks/ has a Package.swift of its own)."""
    here = Path(__file__).resolve().parent
    for directory in (here, *here.parents):
        if (directory / "Package.swift").is_file() and (directory / "Sources" / "Segmenter").is_dir():
            return directory
    return here.parents[1]  # Benchmarks/peers/ -> repository root
