from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import importlib.util

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


# ---- tests that need TensorFlow ----------------------------------------------------------------
# Mark them `@pytest.mark.tensorflow` (or `pytestmark = pytest.mark.tensorflow`). Without
# TensorFlow they are skipped with the reason below; with DROPOUT_LINT_REQUIRE_TF=1 (set by
# .ci/run, which installs the [tensorflow] extra) a skipped TensorFlow test fails the run instead,
# so CI can never go green without having run them.
HAVE_TF = importlib.util.find_spec("tensorflow") is not None
NO_TF = "needs TensorFlow, which is not installed: pip install -e '.[tensorflow]' (the [tensorflow] extra)"
REQUIRE_TF = os.environ.get("DROPOUT_LINT_REQUIRE_TF") == "1"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "tensorflow: needs TensorFlow (the [tensorflow] extra); skipped when it is absent"
    )


def pytest_collection_modifyitems(config, items):
    if HAVE_TF:
        return
    for item in items:
        if item.get_closest_marker("tensorflow") is not None:
            item.add_marker(pytest.mark.skip(reason=NO_TF))


_tf_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and "tensorflow" in report.keywords:
        _tf_skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if REQUIRE_TF and _tf_skipped:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if REQUIRE_TF and _tf_skipped:
        terminalreporter.write_line(
            f"DROPOUT_LINT_REQUIRE_TF=1: {len(_tf_skipped)} TensorFlow test(s) were skipped, which fails this run: "
            + ", ".join(_tf_skipped[:5]),
            red=True,
        )


def as_in_a_terminal() -> None:
    """``preexec_fn`` for a child that a test interrupts as Ctrl-C in a terminal would: SIGINT at
    its default. A shell starting the test suite as a background job ignores SIGINT, and every
    child inherits that, so without this the interrupt would never arrive."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
