"""Build the one compiled module, ``parsers._blockwalk`` (everything else is in pyproject.toml).

The extension is optional: where it cannot be built (no C compiler), Gleaner runs the
pure-Python walk in ``parsers/htmlblocks.py``, which gives the same blocks, only slower.
"""

import lxml
from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "parsers._blockwalk",
            ["parsers/_blockwalk.pyx"],
            include_dirs=lxml.get_include(),
            optional=True,
        )
    ]
)
