"""Build the optional C accelerators: the tree descent of ``cleaner.trees``
(``cleaner/_descend.c``) and the word model's scores of ``cleaner.words``
(``cleaner/_wordhash.c``).

Everything else about the package is in ``pyproject.toml``. The extensions are optional:
where they cannot be compiled (no C compiler), installation goes on without them and the
modules use their NumPy paths, which give the same results to the bit.
"""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension("cleaner._descend", ["cleaner/_descend.c"], depends=["cleaner/_buffer.h"],
              optional=True),
    Extension("cleaner._wordhash", ["cleaner/_wordhash.c"], depends=["cleaner/_buffer.h"],
              optional=True),
])
