"""Packs the built C library into the Python package, so that the installed package finds it with
no environment variable. The library is taken from $CASEFLOW_LIBRARY when set, else from the
README's release build (build/release/libcaseflow.so at the top of the repository)."""
import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "build" / "release" / "libcaseflow.so"


def built_library():
    explicit = os.environ.get("CASEFLOW_LIBRARY")
    path = Path(explicit) if explicit else DEFAULT
    if not path.is_file():
        raise SystemExit(f"caseflow: {path} does not exist. Build the library first "
                         "(cmake --preset release && cmake --build --preset release), "
                         "or set CASEFLOW_LIBRARY to the libcaseflow.so to package.")
    return path.resolve()  # the file itself, not the libcaseflow.so -> .so.0 symlink


class BuildWithLibrary(build_py):
    """build_py, plus the shared library copied next to _ffi.py."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "caseflow" / "libcaseflow.so"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built_library(), target)


class BinaryDistribution(Distribution):
    """The package carries a native library: its wheel is platform-specific."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithLibrary}, distclass=BinaryDistribution)
