"""What the speed work relies on: the collector paused while a file is linted (CLI and server)."""

from __future__ import annotations

import gc

import pytest

import dropout_lint.engine as engine
from dl_testkit import fixture_and_example_inputs
from dropout_lint import runner
from dropout_lint.engine import FileSettings
from dropout_lint.rule import all_rules

SETTINGS = FileSettings(frozenset(all_rules()), {})
TEXT = "import keras\nm = keras.Sequential([keras.layers.Dense(2), keras.layers.Dropout(0.5)])\n"


def test_gc_paused_restores_the_collector_also_on_error():
    assert gc.isenabled()
    with engine.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with engine.gc_paused():
            raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with engine.gc_paused():
            pass
        assert not gc.isenabled()  # the caller's choice is kept
    finally:
        gc.enable()


def test_runner_and_server_lint_with_the_collector_paused(monkeypatch, tmp_path):
    pytest.importorskip("pygls")
    from dropout_lint.lsp.server import create_server

    seen = []
    real = engine.lint_unit

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr(engine, "lint_unit", spy)
    assert runner._lint_paused(TEXT.encode(), "m.py", SETTINGS) is not None
    p = tmp_path / "m.py"
    p.write_text(TEXT)
    findings, _ = create_server().lint_text(p.as_uri(), TEXT)
    assert seen == [False, False] and gc.isenabled()
    assert [f.code for f in findings]  # the server's lint did run


def test_fastwalk_leaves_no_cycle_holding_the_visitor():
    """The collector is paused while a file is linted: whatever a cycle holds (a visitor holds
    the positions, which hold the tree) waits for the next collection, which must then scan it."""
    import weakref

    import libcst as cst

    from dropout_lint.analysis.fastwalk import walk

    class V(cst.CSTVisitor):
        def __init__(self):
            super().__init__()
            self.calls = []

        def visit_Call(self, node):
            self.calls.append(node)

    module = cst.parse_module("f(g(1))\nclass A:\n    def m(self):\n        return h()\n")
    gc.disable()
    try:
        v = V()
        ref = weakref.ref(v)
        walk(module, v)
        assert len(v.calls) == 3
        del v
        assert ref() is None  # freed by reference counting, no collection needed
    finally:
        gc.enable()


def test_call_deep_reuses_one_big_stack_thread_and_nests():
    import os
    import sys
    import threading

    from dropout_lint.guard import RECURSION_LIMIT, call_deep

    outside = sys.getrecursionlimit()
    first = call_deep(threading.get_ident)
    assert call_deep(threading.get_ident) == first != threading.get_ident()
    assert call_deep(sys.getrecursionlimit) >= RECURSION_LIMIT and sys.getrecursionlimit() == outside
    # a call made from inside a deep call runs on another deep thread, not a deadlock
    inner, outer = call_deep(lambda: (call_deep(threading.get_ident), threading.get_ident()))
    assert inner != outer and threading.get_ident() not in (inner, outer)
    with pytest.raises(ZeroDivisionError):
        call_deep(lambda: 1 / 0)
    assert call_deep(lambda: 42) == 42  # the thread survives an exception
    pid = os.fork()  # a forked child (the runner's workers) starts its own deep thread
    if pid == 0:
        import signal

        signal.alarm(30)  # a child waiting on its parent's thread would hang: fail instead
        os._exit(0 if call_deep(lambda: 7) == 7 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_file_s_tree_and_analysis_are_freed_without_the_collector(monkeypatch):
    """The collector is paused while a file is linted; after it, the file's tree and analysis
    (graph nodes, the interpreter's environments and functions) must go by reference counting,
    not wait for a collection that scans them (analysis/release.py)."""
    import weakref

    import libcst as cst

    from dropout_lint.analysis.domain import Env, FuncV
    from dropout_lint.analysis.facts import Node
    from dropout_lint.analysis.flow import Flow

    refs = []
    real = engine._parse_and_analyze

    def keep_refs(*a, **k):
        module, facts = real(*a, **k)
        refs.append((weakref.ref(facts), weakref.ref(facts.flow)))
        return module, facts

    monkeypatch.setattr(engine, "_parse_and_analyze", keep_refs)
    analysed = set()
    gc.collect()
    gc.disable()
    try:
        for name, data in fixture_and_example_inputs():
            gc.set_debug(gc.DEBUG_SAVEALL)
            try:
                engine.lint_bytes(data, name, SETTINGS)
                gc.collect(0)  # what the file made is young: its cycles are all in generation 0
                garbage = [type(o).__name__ for o in gc.garbage if isinstance(o, (Node, Env, FuncV, Flow, cst.Module))]
            finally:
                gc.garbage.clear()
                gc.set_debug(0)
            assert garbage == [], name
            for facts, flow in refs:
                assert facts() is None and flow() is None, name
            analysed.update(name for _ in refs)
            refs.clear()
    finally:
        gc.enable()
    assert len(analysed) > 50
