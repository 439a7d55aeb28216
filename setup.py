"""Build the optional C accelerator of ``cleaner.trees`` (``cleaner/_descend.c``).

Everything else about the package is in ``pyproject.toml``. The extension is optional: where
it cannot be compiled (no C compiler), installation goes on without it and ``cleaner.trees``
uses its NumPy descent, which picks the same leaves.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("cleaner._descend", ["cleaner/_descend.c"], optional=True)])
