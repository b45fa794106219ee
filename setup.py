"""Build of the reader's compiled half (``bpmn/_native.pyx``); all metadata is in pyproject.toml.

The extension is optional: where it cannot be built (no C compiler, no Cython), the
install still succeeds and the pure-Python reader is used (see ``bpmn/native.py``).
It reads lxml's trees through lxml's C API, so it is compiled against the lxml that
is installed (``scripts/setup.sh`` builds without isolation for that reason).
"""

from setuptools import Extension, setup


def _extensions() -> list[Extension]:
    try:
        import lxml
        from Cython.Build import cythonize
    except ImportError:
        return []
    extension = Extension(
        "bpmn._native",
        ["bpmn/_native.pyx"],
        include_dirs=lxml.get_include(),
        optional=True,
    )
    return cythonize([extension], language_level=3, quiet=True)


setup(ext_modules=_extensions())
