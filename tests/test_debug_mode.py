"""An internal error in the analysis is raised in debug mode and absorbed otherwise."""

from __future__ import annotations

import pytest

from dropout_lint.analysis.flow import Flow
from dropout_lint.debug import InternalError
from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import option_defaults

SRC = b"import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.95)])\n"


def _lint():
    return lint_bytes(SRC, "m.py", FileSettings(frozenset({"DL202", "DL000"}), dict(option_defaults())))


def _broken(self, small, env):
    raise ValueError("interpreter bug")


def test_the_suite_runs_in_debug_mode():
    import os

    assert os.environ.get("DROPOUT_LINT_DEBUG") == "1"


def test_a_statement_error_raises_in_debug_mode(monkeypatch):
    monkeypatch.setattr(Flow, "exec_small", _broken)
    with pytest.raises(InternalError):
        _lint()


def test_a_statement_error_is_skipped_in_normal_runs(monkeypatch):
    monkeypatch.setattr(Flow, "exec_small", _broken)
    monkeypatch.setenv("DROPOUT_LINT_DEBUG", "0")
    findings = _lint()
    # the broken statements are skipped; the run goes on and reports no traceback finding
    assert all(f.code != "DL000" for f in findings)


def test_a_rule_error_raises_in_debug_mode_and_prints_one_line_otherwise(monkeypatch, capsys):
    from dropout_lint.rules.dl202_dropout_rate_too_high import DropoutRateTooHigh

    def boom(self, ctx):
        raise KeyError("rule bug")

    monkeypatch.setattr(DropoutRateTooHigh, "check", boom)
    with pytest.raises(InternalError):
        _lint()
    monkeypatch.setenv("DROPOUT_LINT_DEBUG", "0")
    assert _lint() == []
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error in DL202" in err


def test_an_analysis_error_is_not_reported_as_a_parse_error(monkeypatch, capsys):
    import dropout_lint.analysis as analysis

    def boom(*args, **kwargs):
        raise TypeError("collector bug")

    monkeypatch.setattr(analysis, "analyze", boom)
    with pytest.raises(InternalError):
        _lint()
    monkeypatch.setenv("DROPOUT_LINT_DEBUG", "0")
    assert _lint() == []  # the file parsed: no DL000 "cannot parse"
    err = capsys.readouterr().err
    assert "internal error analysing m.py: TypeError: collector bug" in err
