from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Internal errors in the analysis raise (in this process and in every CLI subprocess): an
# interpreter bug must fail a test, not become a silent miss (dropout_lint/debug.py).
os.environ["DROPOUT_LINT_DEBUG"] = "1"

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def run_cli(*args: str, cwd: Path | str | None = None, input: str | None = None, env: dict | None = None):
    """Run the real command in a subprocess."""
    e = dict(os.environ)
    e.pop("DROPOUT_LINT_NO_CACHE", None)
    if env:
        e.update(env)
    return subprocess.run(
        [sys.executable, "-m", "dropout_lint", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        text=True,
        env=e,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli
