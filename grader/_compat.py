"""What differs between the Python versions the grader supports (3.10 to 3.13).

``tomllib`` is in the standard library from Python 3.11; before, the ``tomli`` package (the same
code, a dependency only there) provides it under another name.

Runs in: every process; imports only the standard library (and ``tomli`` on Python 3.10).
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["tomllib"]
