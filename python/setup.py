"""Builds segtool's C library (libsegtool-c.so) with SwiftPM and bundles it into the package,
and builds the extension module segtool._ext (src/segtool/_ext.c, the hot calls).

`pip install ./python` (or `pip wheel ./python`) runs, from the repository root:

    swift build -c release --product segtool-c -Xswiftc -static-stdlib --scratch-path .build-python

`-static-stdlib` links the Swift runtime into the library, so the wheel needs no Swift
toolchain: only glibc, libstdc++ and ICU 72 (Debian 12's libicu72). Its own scratch path keeps
these flags from forcing rebuilds of the repository's usual `.build`.

The extension module is compiled with the interpreter's C compiler against Python's headers
(Debian: python3-dev) and the C API's headers (Sources/CSegtool/include); it does not link to
the library (the package hands it the functions' addresses at import), so the wheel is tagged
for this CPython version and platform.

Environment:
    SEGTOOL_LIBRARY     bundle this prebuilt libsegtool-c.so instead of building one
    SEGTOOL_BUILD_PATH  SwiftPM scratch path (default: <repository>/.build-python)
    SWIFT               the swift driver (default: `swift` on PATH)
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
PRODUCT = "segtool-c"
LIBRARY = "libsegtool-c.so"
HEADERS = REPOSITORY / "Sources" / "CSegtool" / "include"


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


if not (HEADERS / "segtool.h").is_file():
    raise SystemExit(f"segtool setup: the C API's header is not at {HEADERS / 'segtool.h'} (build "
                     "from a checkout of the segtool repository: `pip install ./python`)")

setup(cmdclass={"build_py": BuildPyWithLibrary},
      ext_modules=[Extension(
          "segtool._ext", sources=["src/segtool/_ext.c"],
          include_dirs=[str(HEADERS)],
          extra_compile_args=["-O2", "-std=c11", "-Wall", "-Wextra", "-Wno-unused-parameter",
                              "-Wno-missing-field-initializers"],
          libraries=["pthread"])])
