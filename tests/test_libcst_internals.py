"""The libcst internals fastwalk.py and positions.py read, checked loudly.

Both fall back to libcst's public (slow) way when an internal is not what they expect, so a new
libcst would keep the findings right but silently lose the speed. These tests fail instead; the
versions they pass on are the ones pyproject.toml allows (``libcst>=A,<B``).
"""

from __future__ import annotations

import re

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib
from importlib.metadata import version
from pathlib import Path

import libcst as cst
import libcst.metadata
import pytest

from dropout_lint.analysis import fastwalk
from dropout_lint.analysis.positions import provider_positions

ROOT = Path(__file__).resolve().parent.parent


def _node_classes():
    return [
        v
        for v in vars(cst).values()
        if isinstance(v, type) and issubclass(v, cst.CSTNode) and not getattr(v, "__abstractmethods__", None)
    ]


def test_every_node_type_has_its_child_order_read_from_bytecode():
    unread = [c.__name__ for c in _node_classes() if fastwalk._child_fields(c) is None]
    assert not unread, f"fastwalk cannot read the child order of {unread}: libcst {version('libcst')} changed"


def test_the_direct_position_pass_works_without_the_public_fallback(monkeypatch):
    class NoWrapper:
        def __init__(self, *a, **k):
            raise AssertionError(
                f"positions.provider_positions fell back to MetadataWrapper: libcst {version('libcst')} changed"
            )

    monkeypatch.setattr(libcst.metadata, "MetadataWrapper", NoWrapper)
    module = cst.parse_module("import keras\nm = keras.Sequential([keras.layers.Dropout(0.5)])\n")
    positions = provider_positions(module)
    call = module.body[1].body[0].value
    assert positions[call].start.line == 2 and positions[call].start.column == 4


def _pinned_range() -> tuple[tuple[int, ...], tuple[int, ...]]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    spec = next(d for d in deps if d.startswith("libcst"))
    m = re.fullmatch(r"libcst>=([\d.]+),<([\d.]+)", spec.replace(" ", ""))
    assert m, f"pyproject.toml must pin libcst to the verified versions as >=A,<B, not {spec!r}"
    return tuple(map(int, m.group(1).split("."))), tuple(map(int, m.group(2).split(".")))


def test_installed_libcst_is_a_verified_version():
    low, high = _pinned_range()
    installed = tuple(int(x) for x in re.findall(r"\d+", version("libcst"))[:3])
    assert low <= installed < high, f"libcst {version('libcst')} is outside the verified range {low}..{high}"


@pytest.mark.parametrize("cls", ["Call", "Attribute", "FunctionDef", "SimpleStatementLine", "Module"])
def test_child_order_of_common_nodes_matches_the_source(cls):
    t = getattr(cst, cls)
    assert fastwalk._child_fields(t) == fastwalk.source_child_fields(t) != ()
