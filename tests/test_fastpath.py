"""The fast per-file path gives exactly what libcst's own machinery gives.

``analysis/fastwalk.py`` replaces ``module.visit(collector)`` and ``analysis/positions.py``
replaces ``PositionProvider`` for calls and definitions. Both must be invisible: same hooks in the
same order, same positions, same findings.
"""

from __future__ import annotations

import textwrap

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, given, settings
from libcst.metadata import MetadataWrapper, PositionProvider

import dropout_lint.analysis as analysis
from dropout_lint.analysis import fastwalk
from dropout_lint.analysis.fastwalk import walk
from dropout_lint.analysis.positions import Positions
from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules, iter_examples

from conftest import FIXTURES

TRICKY = textwrap.dedent(
    """\
    # -*- coding: utf-8 -*-
    import keras as K
    from keras import layers as L

    @decorate(1)
    @other.deco
    async def run(a, *args, b=f(2), **kw) -> typing.List[int]:
        return (g(a))(b) + ((h))(  é(x)  ) if c(1) else [k(i) for i in r(3) if p(i)]

    class Net(K.Model, metaclass=M(1)):
        def call(self, x, training=None):
            with tf.GradientTape() as tape, ctx(2):
                y = L.Dropout(0.5)(x, training=True); z = "ünïcödé"; w = q(z)
            return lambda v: s(v)(t(v))

    value = f"{fmt(1)!r:>{width(2)}}" + (y.z
      (2))
    d = {k(1): v(2) for k in ks()}
    m = K.Sequential([L.Dense(3), L.Dropout(0.9)]); m.add(L.Dropout(rate=0.2))
    """
)


def sources():
    out = [("tricky", TRICKY), ("crlf", TRICKY.replace("\n", "\r\n")), ("tabs", "if x:\n\tf(1)\n\tg(é(2))\n")]
    for p in sorted(FIXTURES.glob("*.py")):
        out.append((p.name, p.read_text(encoding="utf-8")))
    for rule, ex in iter_examples():
        out.append((rule.code, textwrap.dedent(ex.code)))
    return out


def parses(text):
    try:
        return cst.parse_module(text)
    except Exception:  # noqa: BLE001
        return None


class Recorder(cst.CSTVisitor):
    """Records every hook the collector could use, including attribute hooks."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list = []

    @staticmethod
    def _rec(tag):
        def f(self, node):
            self.log.append((tag, id(node)))

        return f

    visit_Call = _rec("vCall")
    leave_Call = _rec("lCall")
    visit_FunctionDef = _rec("vDef")
    leave_FunctionDef = _rec("lDef")
    visit_ClassDef = _rec("vClass")
    leave_ClassDef = _rec("lClass")
    visit_If_orelse = _rec("vIfElse")
    leave_If = _rec("lIf")
    visit_IfExp_body = _rec("vIfExpBody")
    leave_IfExp_orelse = _rec("lIfExpElse")
    visit_Name = _rec("Name")
    visit_With = _rec("vWith")
    leave_With = _rec("lWith")
    visit_CompFor = _rec("CompFor")
    visit_ListComp = _rec("ListComp")
    visit_Assign = _rec("Assign")

    def visit_Lambda(self, node):
        self.log.append(("Lambda", id(node)))
        return False  # children skipped, leave still called

    def leave_Lambda(self, node):
        self.log.append(("lLambda", id(node)))


class TokenRecorder(Recorder):
    """With a hook on a token node the walk must enter whitespace and punctuation too."""

    visit_Comment = Recorder._rec("Comment")
    visit_Comma = Recorder._rec("Comma")


def same_walk(module):
    logs = []
    for cls in (Recorder, TokenRecorder):
        a, b = cls(), cls()
        module.visit(a)
        walk(module, b)
        if a.log != b.log:
            return False
        logs.append(a.log)
    return logs[1]


def same_positions(module, text):
    ref = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    fast = Positions(module, text)
    out_ref, out_fast = [], []

    class V(cst.CSTVisitor):
        def __init__(self, pos, out):
            super().__init__()
            self.pos, self.out = pos, out

        def visit_Call(self, n):
            self.out.append(self.pos[n])

        def visit_FunctionDef(self, n):
            self.out.append(self.pos[n].start)

        def visit_ClassDef(self, n):
            self.out.append(self.pos[n].start)

        def leave_SimpleStatementLine(self, n):  # after its call, as fixes.py asks (``.add`` lines)
            if len(n.body) == 1:
                self.leave_Expr(n.body[0], n)

        def leave_Expr(self, n, line=None):
            if isinstance(n, cst.Expr) and isinstance(n.value, cst.Call) and not n.value.lpar:
                self.out.append((self.pos[n], self.pos[line] if line is not None else None))

    walk(module, V(ref, out_ref))
    walk(module, V(fast, out_fast))
    return out_ref == out_fast, fast


def test_child_field_order_from_bytecode_matches_the_source():
    classes = [v for v in vars(cst).values() if isinstance(v, type) and issubclass(v, cst.CSTNode)]
    checked = 0
    for c in classes:
        if getattr(c, "__abstractmethods__", None):
            continue
        assert fastwalk._child_fields(c) == fastwalk.source_child_fields(c), c.__name__
        checked += 1
    assert checked > 150


@pytest.mark.parametrize("name,text", sources())
def test_walk_and_positions_match_libcst(name, text):
    module = parses(text)
    if module is None:
        assert "broken" in name or name == "DL000"
        return
    assert same_walk(module) is not False
    ok, fast = same_positions(module, text)
    assert ok
    assert not fast.is_full  # the fast path was used, not the fallback


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_walk_and_positions_on_generated_programs(text):
    module = parses(text)
    assume(module is not None)
    assert same_walk(module) is not False or not module.body
    assert same_positions(module, text)[0]


def test_walk_plans_shared_by_hook_names_bind_each_visitor():
    module = cst.parse_module("f(a, b)\nclass C:\n    x = g(c)\n")

    def make():  # a visitor class made per call, as rules do
        class V(cst.CSTVisitor):
            def __init__(self):
                super().__init__()
                self.seen = []

            def visit_Name(self, n):
                self.seen.append(n.value)

        return V

    first, second = make()(), make()()
    walk(module, first)
    walk(module, second)
    assert first.seen == second.seen == ["f", "a", "b", "C", "x", "g", "c"]

    class More(make()):  # one more hook: another plan, not the shared one
        def visit_Call_func(self, n):
            self.seen.append("func")

    more = More()
    walk(module, more)
    ref = More()
    module.visit(ref)
    assert more.seen == ref.seen and more.seen.count("func") == 2


def _guard_and_walk_agree(text: str) -> bool | None:
    from dropout_lint.guard import parse_guarded

    g = parse_guarded(text)
    if g.verdict is not None:
        return None
    module = parses(text)
    if module is None:
        return None
    walked = Positions(module, text, tree=g.tree)
    handed = Positions(module, text, tree=g.tree, found=(g.calls, g.defs))
    same = lambda a, b: len(a) == len(b) and all(x is y for x, y in zip(a, b))  # noqa: E731
    return same(walked._calls, handed._calls) and same(walked._defs, handed._defs)


def test_positions_take_the_guards_calls_and_definitions():
    checked = [_guard_and_walk_agree(text) for _, text in sources()]
    assert False not in checked and checked.count(True) > 50


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_positions_take_the_guards_calls_and_definitions_on_generated_programs(text):
    assert _guard_and_walk_agree(text) is not False


def libcst_parents(module) -> dict:
    """child -> parent as a libcst visitor sees them (on_visit / on_leave), tokens left out."""
    out: dict = {}
    stack: list = []

    class P(cst.CSTVisitor):
        def on_visit(self, node) -> bool:
            if stack:
                out[node] = stack[-1]
            stack.append(node)
            return True

        def on_leave(self, original_node) -> None:
            stack.pop()

    module.visit(P())
    fastwalk.walk(module, cst.CSTVisitor())  # initialises the token types
    return {c: p for c, p in out.items() if c.__class__ not in fastwalk._TOKENS}


def test_parent_map_equals_libcst_visit():
    checked = 0
    for name, text in sources():
        module = parses(text)
        if module is None:
            continue
        ref = libcst_parents(module)
        got = fastwalk.parents(module)
        assert got.keys() == ref.keys() and all(got[c] is ref[c] for c in ref), name
        checked += len(ref)
    assert checked > 10_000


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_parent_map_on_generated_programs(text):
    module = parses(text)
    assume(module is not None)
    ref = libcst_parents(module)
    got = fastwalk.parents(module)
    assert got.keys() == ref.keys() and all(got[c] is ref[c] for c in ref)


def test_positions_fall_back_to_the_provider_on_any_doubt():
    text = "import keras\nx = keras.layers.Dropout(0.5)\ny = f(g(1))\n"
    module = cst.parse_module(text)
    ref = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    # The text does not match the tree (another callee name): the checks fail, the provider answers.
    pos = Positions(module, text.replace("f(g(1))", "h(g(1))"))
    calls = []
    walk(module, type("V", (cst.CSTVisitor,), {"visit_Call": lambda self, n: calls.append(n)})())
    assert [pos[c] for c in calls] == [ref[c] for c in calls] and pos.is_full
    # Syntax the running Python's ast cannot read -> the provider.
    pos = Positions(module, "def (:\n")
    assert pos.is_full and pos[calls[0]] == ref[calls[0]]
    # Nodes other than calls and definitions -> the provider.
    pos = Positions(module, text)
    assert pos[calls[0]] == ref[calls[0]] and not pos.is_full
    name = module.body[0].body[0].names[0].name
    assert pos[name] == ref[name] and pos.is_full
    # A statement that is a call in parentheses, or a call asked for before its call -> the provider.
    for text, ask_call_first in (("import keras\n(keras.layers.Dropout(0.5))\n", True), ("f(1)\n", False)):
        module = cst.parse_module(text)
        ref = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        pos = Positions(module, text)
        line = module.body[-1]
        if ask_call_first:
            assert pos[line.body[0].value] == ref[line.body[0].value] and not pos.is_full
        assert pos[line] == ref[line] and pos.is_full


def test_findings_identical_with_libcst_visit_and_position_provider(monkeypatch):
    settings_all = FileSettings(frozenset(all_rules()), {})
    inputs = [(n, t) for n, t in sources()]
    fast = [[f.as_json() for f in lint_bytes(t.encode(), "x.py", settings_all)] for _, t in inputs]
    orig = analysis.analyze

    def slow_analyze(module, text=None, tree=None, found=None):
        return orig(module)  # no text: PositionProvider

    monkeypatch.setattr(analysis, "analyze", slow_analyze)
    monkeypatch.setattr(analysis, "walk", lambda module, visitor: module.visit(visitor))
    slow = [[f.as_json() for f in lint_bytes(t.encode(), "x.py", settings_all)] for _, t in inputs]
    assert fast == slow
    assert sum(map(len, fast)) > 20


@pytest.mark.parametrize("name,text", sources()[:40])
def test_direct_provider_pass_equals_the_metadata_wrapper(name, text):
    from dropout_lint.analysis.positions import provider_positions

    module = parses(text)
    if module is None:
        return
    ref = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    assert dict(provider_positions(module)) == dict(ref)
