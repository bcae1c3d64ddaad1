"""Builds segtool's C library (libsegtool-c.so) with SwiftPM and bundles it into the package.

`pip install ./python` (or `pip wheel ./python`) runs, from the repository root:

    swift build -c release --product segtool-c -Xswiftc -static-stdlib --scratch-path .build-python

`-static-stdlib` links the Swift runtime into the library, so the wheel needs no Swift
toolchain: only glibc, libstdc++ and ICU 72 (Debian 12's libicu72). Its own scratch path keeps
these flags from forcing rebuilds of the repository's usual `.build`.

Environment:
    SEGTOOL_LIBRARY     bundle this prebuilt libsegtool-c.so instead of building one
    SEGTOOL_BUILD_PATH  SwiftPM scratch path (default: <repository>/.build-python)
    SWIFT               the swift driver (default: `swift` on PATH)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
PRODUCT = "segtool-c"
LIBRARY = "libsegtool-c.so"


def build_library() -> Path:
    """The library to bundle: $SEGTOOL_LIBRARY, or a fresh release build."""
    given = os.environ.get("SEGTOOL_LIBRARY")
    if given:
        path = Path(given).resolve()
        if not path.is_file():
            raise SystemExit(f"segtool setup: SEGTOOL_LIBRARY={given} does not exist")
        return path
    if not (REPOSITORY / "Package.swift").is_file() or not (REPOSITORY / "Sources" / "SegtoolC").is_dir():
        raise SystemExit(
            f"segtool setup: the segtool repository is not at {REPOSITORY} (this package builds its C "
            "library from the repository's Swift sources). Install from a checkout (`pip install ./python`), "
            "or give a built library with SEGTOOL_LIBRARY=/path/to/libsegtool-c.so.")
    swift = os.environ.get("SWIFT") or shutil.which("swift")
    if not swift:
        raise SystemExit("segtool setup: `swift` not found on PATH (Swift 6.1+ is needed to build the "
                         "library; or give SEGTOOL_LIBRARY)")
    scratch = Path(os.environ.get("SEGTOOL_BUILD_PATH") or REPOSITORY / ".build-python")
    command = [swift, "build", "-c", "release", "--product", PRODUCT,
               "-Xswiftc", "-static-stdlib", "--scratch-path", str(scratch)]
    print("segtool setup: " + " ".join(command), flush=True)
    result = subprocess.run(command, cwd=REPOSITORY)
    if result.returncode != 0:
        raise SystemExit(f"segtool setup: the Swift build failed (exit {result.returncode})")
    library = scratch / "release" / LIBRARY
    if not library.is_file():
        raise SystemExit(f"segtool setup: the build did not produce {library}")
    return library


class BuildPyWithLibrary(build_py):
    """build_py, plus the C library copied to segtool/_lib/ (symbols stripped when `strip` is
    there: the debug information is most of its size)."""

    def run(self) -> None:
        # No stale modules from an earlier build of this tree in the wheel.
        shutil.rmtree(Path(self.build_lib) / "segtool", ignore_errors=True)
        super().run()
        library = build_library()
        target_dir = Path(self.build_lib) / "segtool" / "_lib"
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / LIBRARY
        shutil.copyfile(library, target)
        os.chmod(target, 0o755)
        strip = shutil.which("strip")
        if strip:
            subprocess.run([strip, "--strip-unneeded", str(target)], check=False)


class BinaryDistribution(Distribution):
    """A distribution with a native library: installed to platlib, wheel not pure."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """A wheel for this platform but any Python 3 (ctypes, no CPython extension module)."""

    def get_tag(self) -> tuple[str, str, str]:
        platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
        return "py3", "none", platform


setup(distclass=BinaryDistribution,
      cmdclass={"build_py": BuildPyWithLibrary, "bdist_wheel": PlatformWheel})
