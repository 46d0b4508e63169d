"""Build configuration beyond pyproject.toml: the optional compiled tokenizer scanner.

`optional=True`: where no C compiler is available the build goes on without it, and marsad.text.tokens uses its
pure-Python path, which gives the same tokens (tests/text/test_tokens.py), only slower.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("marsad.text._scan", ["src/marsad/text/_scan.c"], optional=True,
                             extra_compile_args=["-O2"])])
