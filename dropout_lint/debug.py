"""Debug mode: an internal error in the analysis is raised instead of absorbed.

In normal runs an exception inside the analysis of one statement, or inside one rule, must not
stop the run: the statement is skipped, the rule prints one line. That also hides interpreter
bugs as silent misses, so with ``DROPOUT_LINT_DEBUG=1`` in the environment (the test suite sets
it, for every subprocess too) the exception propagates with its traceback.
"""

from __future__ import annotations

import os


class InternalError(Exception):
    """An exception inside the analysis, raised in debug mode."""


def enabled() -> bool:
    return os.environ.get("DROPOUT_LINT_DEBUG", "") not in ("", "0")
