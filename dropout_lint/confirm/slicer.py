"""Program slicing with libcst: the least code that builds the object a finding is about.

Given a module and a finding's position, ``plan()`` returns a small program that, run on its
own, binds ``__dl_target__`` to the object to judge (a model, or an instance of a Layer/Model
subclass) and wraps the flagged call in ``__dl_mark__(...)`` so the worker can tell which built
layer the finding is about. The program holds:

- the imports whose names it uses (and ``from __future__`` / star imports);
- the module-level constants, functions and classes it depends on (backward slice by name);
- the model-construction statements (assignments and builder calls such as ``.add``), or a
  copy of the enclosing model-building function cut down the same way, called with the
  arguments of one of its call sites (or its defaults).

Everything else (data loading, ``fit``, ``compile``, saving, printing, plotting, top-level side
effects) stays out: a statement is kept only when it defines or mutates a name the build needs,
and a slice that still calls a data loader is refused before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

from dropout_lint.analysis.names import dotted

TARGET = "__dl_target__"
MARK = "__dl_mark__"

MODEL_CTORS = {"Sequential", "Model", "Functional"}
KERAS_BASES = {"Model", "Sequential", "Layer", "Functional"}
# Methods whose call on a needed name changes it (kept in a slice).
BUILDER_METHODS = {
    "add", "append", "extend", "insert", "build", "pop", "update", "setdefault", "add_weight",
    "add_loss", "add_metric", "set_weights",
}
# Calls that mean the slice would load data, train or touch the outside world.
DATA_CALLS = {
    "load_data", "read_csv", "read_table", "read_parquet", "read_json", "read_excel",
    "read_pickle", "read_feather", "read_hdf", "loadtxt", "genfromtxt", "fromfile", "load",
    "load_model", "load_weights", "open", "urlopen", "get_file", "image_dataset_from_directory",
    "text_dataset_from_directory", "audio_dataset_from_directory",
    "timeseries_dataset_from_array", "flow_from_directory", "flow_from_dataframe",
    "TFRecordDataset", "TextLineDataset", "list_files", "imread", "download", "fit",
    "fit_generator", "train_on_batch", "evaluate", "predict", "save", "save_weights",
    "to_csv", "savefig", "system", "Popen", "run_eagerly",
}
OP_DROPOUTS = ("nn.dropout", "random.dropout", "layers.dropout", "backend.dropout")
# Rules the worker judges; the others are not-applicable without a build.
JUDGED = {"DL101", "DL102", "DL105", "DL201", "DL202", "DL203", "DL301", "DL302", "DL303", "DL401"}
CALL_RULES = {"DL301", "DL302"}


class Unbuildable(Exception):
    """The slice cannot be made; the message is the verdict's detail."""


class NotApplicable(Exception):
    pass


@dataclass
class Plan:
    code: str
    hints: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Small helpers over libcst nodes


def last_name(expr) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return None


def root_name(expr) -> str | None:
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.value if not isinstance(expr, cst.Call) else expr.func
    return expr.value if isinstance(expr, cst.Name) else None


_CODEGEN = cst.Module(body=[])


def src(node) -> str:
    return _CODEGEN.code_for_node(node)


class _Names(cst.CSTVisitor):
    """Every name read in a subtree (over-approximated: locals of nested code count too)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        if node.default is not None:
            node.default.visit(self)
        if node.annotation is not None:
            node.annotation.visit(self)
        return False


def names_in(node) -> set[str]:
    if node is None:
        return set()
    v = _Names()
    node.visit(v)
    return v.names


class _Bound(cst.CSTVisitor):
    """Every name bound anywhere in a subtree (assignments, loops, params, imports, defs)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.globals: set[str] = set()

    def _target(self, t) -> None:
        d, _ = target_names(t)
        self.names |= d

    def visit_AssignTarget(self, node) -> None:
        self._target(node.target)

    def visit_AnnAssign(self, node) -> None:
        self._target(node.target)

    def visit_AugAssign(self, node) -> None:
        self._target(node.target)

    def visit_For(self, node) -> None:
        self._target(node.target)

    def visit_CompFor(self, node) -> None:
        self._target(node.target)

    def visit_AsName(self, node) -> None:
        if isinstance(node.name, cst.Name):
            self.names.add(node.name.value)
        else:
            self._target(node.name)

    def visit_NamedExpr(self, node) -> None:
        self._target(node.target)

    def visit_Param(self, node) -> None:
        self.names.add(node.name.value)

    def visit_FunctionDef(self, node) -> None:
        self.names.add(node.name.value)

    def visit_ClassDef(self, node) -> None:
        self.names.add(node.name.value)

    def visit_Import(self, node) -> None:
        self.names |= import_names(node)

    def visit_ImportFrom(self, node) -> None:
        self.names |= import_names(node)

    def visit_Global(self, node) -> None:
        self.globals |= {n.name.value for n in node.names}


def free_names(node) -> set[str]:
    """Names a definition reads that it does not bind itself (its globals, roughly)."""
    b = _Bound()
    node.visit(b)
    own = {node.name.value} if isinstance(node, (cst.FunctionDef, cst.ClassDef)) else set()
    return (names_in(node) - (b.names - b.globals - own)) | (names_in(node) & b.globals)


class _Calls(cst.CSTVisitor):
    def __init__(self) -> None:
        self.calls: list[cst.Call] = []

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_FunctionDef(self, node) -> bool:
        return False

    def visit_ClassDef(self, node) -> bool:
        return False

    def visit_Lambda(self, node) -> bool:
        return False


def calls_in(node) -> list[cst.Call]:
    v = _Calls()
    node.visit(v)
    return v.calls


def target_names(t) -> tuple[set[str], set[str]]:
    """(names bound, names mutated) by an assignment target."""
    if isinstance(t, cst.Name):
        return {t.value}, set()
    if isinstance(t, (cst.Tuple, cst.List)):
        d: set[str] = set()
        m: set[str] = set()
        for el in t.elements:
            a, b = target_names(el.value)
            d |= a
            m |= b
        return d, m
    if isinstance(t, cst.StarredElement):
        return target_names(t.value)
    r = root_name(t)
    return set(), ({r} if r else set())


def import_names(stmt) -> set[str]:
    out: set[str] = set()
    if isinstance(stmt, cst.Import):
        for a in stmt.names:
            if a.asname is not None:
                out.add(a.asname.name.value)
            else:
                out.add((dotted(a.name) or "").split(".")[0])
    elif isinstance(stmt, cst.ImportFrom):
        if isinstance(stmt.names, cst.ImportStar):
            out.add("*")
        else:
            for a in stmt.names:
                out.add(a.asname.name.value if a.asname is not None else a.name.value)
    return out


# ---------------------------------------------------------------------------------------------
# The module index


class Index:
    def __init__(self, text: str) -> None:
        self.module = cst.parse_module(text)
        self.wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self.pos = self.wrapper.resolve(PositionProvider)
        self.parent = self.wrapper.resolve(ParentNodeProvider)
        self.functions: dict[str, cst.FunctionDef] = {}
        self.classes: dict[str, cst.ClassDef] = {}
        for stmt in self.module.body:
            if isinstance(stmt, cst.FunctionDef):
                self.functions[stmt.name.value] = stmt
            elif isinstance(stmt, cst.ClassDef):
                self.classes[stmt.name.value] = stmt
        self.keras_classes = self._keras_classes()
        self._calls: list[cst.Call] | None = None
        self._n = 0

    def fresh(self, base: str) -> str:
        self._n += 1
        return f"__dl_{base}_{self._n}"

    def line(self, node) -> int:
        return self.pos[node].start.line

    def end_line(self, node) -> int:
        return self.pos[node].end.line

    def _keras_classes(self) -> set[str]:
        out: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, cls in self.classes.items():
                if name in out:
                    continue
                for base in cls.bases:
                    ln = last_name(base.value)
                    if ln in KERAS_BASES or ln in out:
                        out.add(name)
                        changed = True
                        break
        return out

    def all_calls(self) -> list[cst.Call]:
        if self._calls is None:
            v = _Calls()
            # Walk everything, nested definitions included.
            calls: list[cst.Call] = []

            class All(cst.CSTVisitor):
                def visit_Call(self, node):
                    calls.append(node)

            self.module.visit(All())
            self._calls = calls
            del v
        return self._calls

    def ancestors(self, node):
        while node in self.parent:
            node = self.parent[node]
            yield node

    def scope_of(self, node):
        """The innermost FunctionDef holding ``node``, or the Module."""
        for a in self.ancestors(node):
            if isinstance(a, (cst.FunctionDef, cst.Module)):
                return a
            if isinstance(a, cst.Lambda):
                continue
        return self.module

    def class_of(self, fn) -> cst.ClassDef | None:
        p = self.parent.get(fn)
        if isinstance(p, cst.IndentedBlock):
            p = self.parent.get(p)
        return p if isinstance(p, cst.ClassDef) else None

    def small_stmt_of(self, node):
        for a in self.ancestors(node):
            if isinstance(a, cst.BaseSmallStatement):
                return a
            if isinstance(a, (cst.BaseCompoundStatement,)):
                return a
        return None

    def is_model_ctor(self, expr) -> bool:
        if not isinstance(expr, cst.Call):
            return False
        ln = last_name(expr.func)
        return ln in MODEL_CTORS or (ln in self.keras_classes and ln in self.classes)

    def find_node(self, row: int, col: int, end_row: int | None, end_col: int | None, prefer_outer: bool):
        """The Call (else any expression) starting at (row, col) 1-based, matching the end if given."""
        hits = []

        class Finder(cst.CSTVisitor):
            def on_visit(inner, node) -> bool:  # noqa: N805
                p = self.pos.get(node)
                if p is None:
                    return True
                if p.start.line > row or p.end.line < row:
                    return p.start.line <= row <= p.end.line
                if p.start.line == row and p.start.column == col - 1 and isinstance(node, cst.BaseExpression):
                    hits.append(node)
                return True

        self.module.visit(Finder())
        if not hits:
            return None
        calls = [h for h in hits if isinstance(h, cst.Call)] or hits
        if end_row is not None:
            exact = [h for h in calls if self.pos[h].end.line == end_row and self.pos[h].end.column == end_col - 1]
            if exact:
                calls = exact
        # Visit order is outer first.
        return calls[0] if prefer_outer else calls[-1]


# ---------------------------------------------------------------------------------------------
# Statement facts


@dataclass
class Facts:
    defs: set[str]
    muts: set[str]
    uses: set[str]
    kills: set[str]


def small_facts(ix: Index, stmt, functions: set[str]) -> Facts | None:
    """What a small statement binds, mutates and reads; None for statements never kept."""
    if isinstance(stmt, cst.Assign):
        d: set[str] = set()
        m: set[str] = set()
        u = names_in(stmt.value)
        for t in stmt.targets:
            a, b = target_names(t.target)
            d |= a
            m |= b
            if not isinstance(t.target, cst.Name):
                u |= names_in(t.target) - a
        return Facts(d, m, u | m, set(d))
    if isinstance(stmt, cst.AnnAssign):
        if stmt.value is None:
            return None
        a, b = target_names(stmt.target)
        return Facts(a, b, names_in(stmt.value) | b, set(a))
    if isinstance(stmt, cst.AugAssign):
        a, b = target_names(stmt.target)
        return Facts(a, b, names_in(stmt.value) | a | b, set())
    if isinstance(stmt, (cst.Import, cst.ImportFrom)):
        return Facts(import_names(stmt), set(), set(), set())
    if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
        call = stmt.value
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in BUILDER_METHODS:
            r = root_name(func.value)
            if r:
                return Facts(set(), {r}, names_in(call), set())
        if isinstance(func, cst.Name) and isinstance(functions, dict) and func.value in functions:
            mutated = functions[func.value]
            args = set()
            for i, a in enumerate(call.args):
                if not isinstance(a.value, cst.Name):
                    continue
                key = a.keyword.value if a.keyword is not None else i
                if key in mutated:
                    args.add(a.value.value)
            if args:
                return Facts(set(), args, names_in(call), set())
        return None
    return None


def flat_statements(body) -> list:
    """Small statements of a block in source order, through compound statements (not defs)."""
    out: list = []
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            out.extend(stmt.body)
        elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out.append(stmt)
        elif isinstance(stmt, cst.BaseCompoundStatement):
            for blk in _blocks(stmt):
                out.extend(flat_statements(blk.body if hasattr(blk, "body") else []))
    return out


def _blocks(stmt) -> list:
    """The suites of a compound statement (IndentedBlock or SimpleStatementSuite)."""
    out = []
    if isinstance(stmt, cst.If):
        out.append(stmt.body)
        if stmt.orelse is not None:
            if isinstance(stmt.orelse, cst.If):
                out.extend(_blocks(stmt.orelse))
            else:
                out.append(stmt.orelse.body)
    elif isinstance(stmt, (cst.For, cst.While)):
        out.append(stmt.body)
        if stmt.orelse is not None:
            out.append(stmt.orelse.body)
    elif isinstance(stmt, cst.With):
        out.append(stmt.body)
    elif isinstance(stmt, (cst.Try, cst.TryStar)):
        out.append(stmt.body)
        out.extend(h.body for h in stmt.handlers)
        if stmt.orelse is not None:
            out.append(stmt.orelse.body)
        if stmt.finalbody is not None:
            out.append(stmt.finalbody.body)
    return [b for b in out if isinstance(b, cst.IndentedBlock)]


# ---------------------------------------------------------------------------------------------
# Backward slicing


class Slicer:
    def __init__(self, ix: Index) -> None:
        self.ix = ix
        self.module_functions = {name: _mutated_params(fn) for name, fn in ix.functions.items()}

    def slice_block(self, stmts, needed: set[str], cutoff: int | None):
        """Keep the statements of ``stmts`` (before line ``cutoff``) that the names need.

        Returns (kept statements, names needed before the block).
        """
        ix = self.ix
        out: list = []
        needed = set(needed)
        for stmt in reversed(list(stmts)):
            if cutoff is not None and ix.line(stmt) >= cutoff:
                continue
            if isinstance(stmt, cst.SimpleStatementLine):
                kept = []
                for small in reversed(stmt.body):
                    f = small_facts(ix, small, self.module_functions)
                    if f is None:
                        continue
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        if f.defs & needed or "*" in f.defs or (
                            isinstance(small, cst.ImportFrom) and dotted(small.module) == "__future__"
                        ):
                            kept.append(small)
                        continue
                    if (f.defs | f.muts) & needed:
                        kept.append(small)
                        needed = (needed - f.kills) | f.uses
                if kept:
                    kept.reverse()
                    body = [k.with_changes(semicolon=cst.MaybeSentinel.DEFAULT) for k in kept]
                    out.append(stmt.with_changes(body=body))
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                if stmt.name.value in needed:
                    out.append(stmt.with_changes(decorators=[d for d in stmt.decorators if not _is_tf_function(d)])
                               if isinstance(stmt, cst.FunctionDef) else stmt)
                    needed = (needed - {stmt.name.value}) | (free_names(stmt) - {stmt.name.value})
            elif isinstance(stmt, cst.BaseCompoundStatement):
                new, needed = self._slice_compound(stmt, needed, cutoff)
                if new is not None:
                    out.append(new)
        out.reverse()
        return out, needed

    def _slice_compound(self, stmt, needed: set[str], cutoff):
        blocks = _blocks(stmt)
        if not blocks:
            return None, needed
        results = {}
        union = set(needed)
        any_kept = False
        for blk in blocks:
            kept, n = self.slice_block(blk.body, needed, cutoff)
            results[id(blk)] = kept
            union |= n
            any_kept = any_kept or bool(kept)
        if not any_kept:
            return None, needed

        class Replace(cst.CSTTransformer):
            def leave_IndentedBlock(self, original, updated):
                if id(original) in results:
                    body = results[id(original)] or [cst.SimpleStatementLine([cst.Pass()])]
                    return updated.with_changes(body=body)
                return updated

            def visit_IndentedBlock(self, node):
                return id(node) in results or True

        new = stmt.visit(Replace())
        header = set()
        if isinstance(stmt, (cst.If, cst.While)):
            header = names_in(stmt.test)
        elif isinstance(stmt, cst.For):
            header = names_in(stmt.iter)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                header |= names_in(item.item)
        if isinstance(stmt, cst.If) and stmt.orelse is not None and isinstance(stmt.orelse, cst.If):
            header |= names_in(stmt.orelse.test)
        return new, union | header


def _attr_targets(st) -> list[str]:
    """``self.model``-style attribute targets of an assignment, as source text."""
    targets = [t.target for t in st.targets] if isinstance(st, cst.Assign) else [st.target]
    return [src(t) for t in targets if isinstance(t, cst.Attribute) and dotted(t)]


def _mutated_params(fn) -> set:
    """Positions and names of the parameters a function changes with a builder method."""
    params = [p.name.value for p in list(fn.params.posonly_params) + list(fn.params.params)]
    out: set = set()
    for call in calls_in(fn.body):
        f = call.func
        if isinstance(f, cst.Attribute) and f.attr.value in BUILDER_METHODS:
            r = root_name(f.value)
            if r in params:
                out |= {r, params.index(r)}
    return out


def _is_tf_function(dec) -> bool:
    d = dec.decorator.func if isinstance(dec.decorator, cst.Call) else dec.decorator
    n = dotted(d) or ""
    return n.endswith("function") or n.endswith("jit")


# ---------------------------------------------------------------------------------------------
# Finding the target


def _node(expr) -> cst.BaseExpression:
    return cst.parse_expression(expr) if isinstance(expr, str) else expr


@dataclass
class Level:
    """Evaluate ``expr`` (source text or an original node) in ``scope`` before line ``cutoff``."""

    scope: object
    cutoff: int | None
    expr: object
    expr_names: set[str]
    is_model: bool = False


class Planner:
    def __init__(self, ix: Index, code: str, data: dict) -> None:
        self.ix = ix
        self.slicer = Slicer(ix)
        self.rule = code
        self.data = data or {}
        self.synthetic: list = []
        self.guessed: list[str] = []
        self.module_needed: set[str] = set()
        self.module_cutoffs: list[int | None] = []
        self.depth = 0

    def _snapshot(self):
        return (list(self.synthetic), set(self.module_needed), list(self.module_cutoffs), list(self.guessed))

    def _restore(self, snap) -> None:
        self.synthetic, self.module_needed, self.module_cutoffs, self.guessed = (
            list(snap[0]), set(snap[1]), list(snap[2]), list(snap[3]))

    def facts(self, st) -> Facts | None:
        return small_facts(self.ix, st, self.slicer.module_functions)

    # -- where the model is ------------------------------------------------------------------
    def locate(self, scope, small) -> Level:
        """The model (or failing that the value) that statement ``small`` of ``scope`` builds."""
        self.depth += 1
        if self.depth > 8:
            raise Unbuildable("the model is built too many calls away from the finding")
        ix = self.ix
        body = scope.body if isinstance(scope, cst.Module) else scope.body.body
        flat = flat_statements(body)
        if small not in flat:
            raise Unbuildable("the finding is in a statement the slicer cannot follow")
        if isinstance(small, cst.Return):
            return self._returned(scope, small)
        idx = flat.index(small)
        model_names: set[str] = set()
        for st in flat:
            if isinstance(st, (cst.Assign, cst.AnnAssign)) and ix.is_model_ctor(st.value):
                model_names |= self.facts(st).defs
        f0 = self.facts(small)
        if isinstance(small, (cst.Assign, cst.AnnAssign)) and ix.is_model_ctor(small.value):
            for t in _attr_targets(small):
                return self._attr_model(scope, flat, small, t)
        if f0 is None:
            value = getattr(small, "value", None)
            if isinstance(small, cst.Expr) and value is not None:
                for call in calls_in(small):
                    if last_name(call.func) in DATA_CALLS:
                        raise Unbuildable(f"the flagged code sits in a `{src(call.func)}(...)` call: no data or training in --confirm")
                return Level(scope, ix.line(small), value, names_in(value))
            raise Unbuildable("the finding is in a statement the slicer cannot follow")
        tainted = f0.defs | f0.muts
        candidates: list[tuple[str, object]] = []
        for n in sorted(tainted & model_names):
            candidates.append((n, small))
        returned = None
        for st in flat[idx + 1:]:
            if isinstance(st, cst.Return):
                if st.value is not None and names_in(st.value) & tainted:
                    returned = st
                    break
                continue
            f = self.facts(st)
            if f is None:
                continue
            if f.uses & tainted:
                if isinstance(st, (cst.Assign, cst.AnnAssign)) and ix.is_model_ctor(st.value):
                    for n in sorted(f.defs):
                        candidates.append((n, st))
                    for t in _attr_targets(st):
                        candidates.append((t, st))
                elif f.muts & model_names:
                    for n in sorted(f.muts & model_names):
                        candidates.append((n, st))
                tainted |= f.defs | f.muts
            else:
                tainted -= f.kills
        if returned is not None and (
            not candidates or candidates[-1][0] in names_in(returned.value) | {src(returned.value)}
        ):
            return self._returned(scope, returned)
        if candidates:
            name, st = candidates[-1]
            if "." in name:
                return self._attr_model(scope, flat, st, name)
            return Level(scope, self._kill_line(flat, st, name), name, {name}, True)
        names = sorted(f0.defs) or sorted(f0.muts)
        if names:
            return Level(scope, self._kill_line(flat, small, names[0]), names[0], {names[0]})
        raise Unbuildable("the finding is in a statement the slicer cannot follow")

    def _attr_model(self, scope, flat, st, target: str) -> Level:
        """A model stored on an attribute (``self.model = Sequential(...)``)."""
        idx = flat.index(st)
        for later in flat[idx + 1:]:
            if isinstance(later, cst.Return) and later.value is not None and src(later.value) == target:
                return self._returned(scope, later)
        root = target.split(".")[0]
        return Level(scope, None, target, {root}, True)

    def _kill_line(self, flat, st, name) -> int | None:
        after = False
        for other in flat:
            if other is st:
                after = True
                continue
            if not after:
                continue
            f = self.facts(other)
            if f and name in f.kills and name not in f.uses:
                return self.ix.line(other)
        return None

    def _returned(self, scope, ret) -> Level:
        """``scope`` returns a value built from the finding: build the function's result."""
        value = ret.value
        if value is None or isinstance(scope, cst.Module):
            raise Unbuildable("the function returns nothing")
        level = Level(scope, self.ix.line(ret), value, names_in(value))
        if self.ix.is_model_ctor(value) or self._returns_model_name(scope, value):
            level.is_model = True
            # A model factory: go up only when a caller puts the result into another model.
            return self._caller_level(scope, wrapping_only=True) or level
        # A block function (returns a tensor or a layer): the model is built by a caller.
        return self._caller_level(scope, wrapping_only=False) or level

    def _returns_model_name(self, scope, value) -> bool:
        if not isinstance(value, (cst.Name, cst.Attribute)):
            return False
        text = src(value)
        for st in flat_statements(scope.body.body):
            if isinstance(st, (cst.Assign, cst.AnnAssign)) and self.ix.is_model_ctor(st.value):
                if text in self.facts(st).defs or text in _attr_targets(st):
                    return True
        return False

    def call_sites(self, fn) -> list[cst.Call]:
        name = fn.name.value
        cls = self.ix.class_of(fn)
        out = []
        for call in self.ix.all_calls():
            if cls is None and isinstance(call.func, cst.Name) and call.func.value == name:
                pass
            elif cls is not None and isinstance(call.func, cst.Attribute) and call.func.attr.value == name:
                pass
            else:
                continue
            if any(a is fn for a in self.ix.ancestors(call)):
                continue  # a recursive call
            out.append(call)
        out.sort(key=lambda c: (not isinstance(self.ix.scope_of(c), cst.Module), self.ix.line(c)))
        want = self.data.get("call_site_row") or self.data.get("call_site_line") or self.data.get("call_site")
        if isinstance(want, int):
            out.sort(key=lambda c: self.ix.line(c) != want)
        return out

    def _caller_level(self, fn, wrapping_only: bool) -> Level | None:
        for call in self.call_sites(fn):
            small = self.ix.small_stmt_of(call)
            scope = self.ix.scope_of(call)
            if small is None or isinstance(small, cst.BaseCompoundStatement):
                continue
            depth = self.depth
            try:
                lvl = self.locate(scope, small)
            except Unbuildable:
                continue
            finally:
                self.depth = depth
            if not wrapping_only:
                return lvl
            f = self.facts(small)
            own = (f.defs | f.muts) if f else set()
            value = getattr(small, "value", None)
            wraps = value is not None and value is not call and self.ix.is_model_ctor(value)
            if isinstance(lvl.expr, str):
                elsewhere = lvl.expr not in own
            else:
                elsewhere = lvl.expr is not call and lvl.expr is not value
            if lvl.is_model and (wraps or elsewhere):
                return lvl
        return None

    # -- turning a level into module-level code ---------------------------------------------
    def realize(self, level: Level):
        """A module-level expression for ``level``; records what the module part must hold."""
        ix = self.ix
        scope = level.scope
        if isinstance(scope, cst.Module):
            self.module_needed |= level.expr_names
            self.module_cutoffs.append(level.cutoff)
            return level.expr
        fn = scope
        if ix.scope_of(fn) is not ix.module and ix.class_of(fn) is None:
            raise Unbuildable(f"`{fn.name.value}` is a nested function")
        cls = ix.class_of(fn)
        if cls is not None and ix.scope_of(cls) is not ix.module:
            raise Unbuildable(f"`{cls.name.value}` is a nested class")
        body, needed = self.slicer.slice_block(fn.body.body, level.expr_names, level.cutoff)
        self.refuse_data(body)
        ret = cst.SimpleStatementLine([cst.Return(value=_node(level.expr))])
        new_name = ix.fresh(fn.name.value)
        is_static = any((dotted(d.decorator) or "") == "staticmethod" for d in fn.decorators)
        newf = fn.with_changes(
            name=cst.Name(new_name),
            decorators=[],
            body=fn.body.with_changes(body=list(body) + [ret]),
            asynchronous=None,
        )
        self.synthetic.append(newf)
        params = fn.params
        param_names = [p.name.value for p in list(params.posonly_params) + list(params.params)]
        kw_names = [p.name.value for p in params.kwonly_params]
        self.module_needed |= free_names(newf) - {new_name}
        unused = {p for p in param_names + kw_names if p not in needed}
        lead: list[str] = []
        if cls is not None and not is_static:
            lead = [self.instance(cls)]
            param_names = param_names[1:]
        for site in self.call_sites(fn):
            mapped = self._map_args(fn, site, param_names, unused, method=cls is not None)
            if mapped is None:
                continue
            args, names = mapped
            if not names - {"None", "True", "False"}:
                # Constant arguments: no need to stand where the call site stands.
                self.module_cutoffs.append(None)
                return f"{new_name}({', '.join(lead + args)})"
            snap = self._snapshot()
            try:
                return self._at_site(site, f"{new_name}({', '.join(lead + args)})", names)
            except Unbuildable:
                self._restore(snap)
        defaults = self._defaults(fn, unused, method=cls is not None and not is_static)
        if defaults is None:
            what = f"{cls.name.value}.{fn.name.value}" if cls is not None else fn.name.value
            raise Unbuildable(f"`{what}()` needs arguments and no call site in this file gives them")
        self.module_cutoffs.append(None)
        return f"{new_name}({', '.join(lead + defaults)})"

    def _at_site(self, site: cst.Call, expr: str, names: set[str]):
        """``expr`` (which uses the arguments of call site ``site``) evaluated where it stands."""
        scope = self.ix.scope_of(site)
        small = self.ix.small_stmt_of(site)
        cutoff = self.ix.line(small) if small is not None else None
        if isinstance(scope, cst.Module):
            kept, _ = self.slicer.slice_block(self.ix.module.body, names, cutoff)
            self.refuse_data([k for k in kept if not isinstance(k, (cst.FunctionDef, cst.ClassDef))])
        return self.realize(Level(scope, cutoff, expr, names))

    def _defaults(self, fn, unused: set[str], method: bool) -> list[str] | None:
        params = list(fn.params.posonly_params) + list(fn.params.params)
        if method:
            params = params[1:]
        out = []
        for p in list(params) + list(fn.params.kwonly_params):
            if p.default is not None:
                continue
            if p.name.value in unused:
                out.append(f"{p.name.value}=None")
                continue
            guess = self._guess(fn, p.name.value)
            if guess is None:
                return None
            out.append(f"{p.name.value}={guess}")
            self.guessed.append(f"{p.name.value}={guess}")
        return out

    def _guess(self, fn, name: str) -> str | None:
        """A stand-in for a size or shape parameter no call site gives (``input_dim`` -> 16)."""
        low = name.lower()
        if "shape" in low:
            kinds = {last_name(c.func) for c in calls_in(fn.body)}
            if any(k and k.endswith(("2D",)) for k in kinds):
                return "(32, 32, 3)"
            if any(k and (k.endswith("1D") or k in ("LSTM", "GRU", "SimpleRNN", "Bidirectional")) for k in kinds):
                return "(32, 8)"
            if any(k and k.endswith("3D") for k in kinds):
                return "(8, 8, 8, 3)"
            return "(16,)"
        if low in ("rate", "dropout", "dropout_rate", "drop_rate", "p_drop", "drop_prob"):
            return "0.5"
        words = ("dim", "size", "units", "classes", "features", "vocab", "len", "width", "outputs",
                 "inputs", "neurons", "hidden", "filters", "channels", "labels")
        if any(w in low for w in words) or low.startswith(("n_", "num_")):
            return "16"
        return None

    def _map_args(self, fn, site: cst.Call, params: list[str], unused: set[str], method: bool):
        out: list[str] = []
        names: set[str] = set()
        kw_ok = {p.name.value for p in list(fn.params.params) + list(fn.params.kwonly_params)}
        pos = 0
        for a in site.args:
            if a.star:
                out.append(src(a))
                names |= names_in(a.value)
                continue
            if a.keyword is None:
                name = params[pos] if pos < len(params) else None
                pos += 1
                if name in unused:
                    out.append("None")
                    continue
                out.append(src(a.value))
            else:
                k = a.keyword.value
                if k not in kw_ok and fn.params.star_kwarg is None:
                    return None
                if k in unused:
                    continue
                out.append(f"{k}={src(a.value)}")
            names |= names_in(a.value)
        if "self" in names and method:
            return None  # self.method(...) from inside the class with arguments read off self
        return out, names

    def instance(self, cls: cst.ClassDef) -> str:
        """A module-level expression building an instance of ``cls``."""
        name = cls.name.value
        self.module_needed.add(name)
        sites = [c for c in self.ix.all_calls() if isinstance(c.func, cst.Name) and c.func.value == name
                 and not any(a is cls for a in self.ix.ancestors(c))]
        sites.sort(key=lambda c: (not isinstance(self.ix.scope_of(c), cst.Module), self.ix.line(c)))
        for site in sites:
            names: set[str] = set()
            for a in site.args:
                names |= names_in(a.value)
            if not site.args:
                break
            snap = self._snapshot()
            try:
                return self._at_site(site, src(site), names | {name})
            except Unbuildable:
                self._restore(snap)
        init = next((st for st in cls.body.body if isinstance(st, cst.FunctionDef) and st.name.value == "__init__"), None)
        if init is not None:
            required = [p for p in list(init.params.params)[1:] if p.default is None]
            required += [p for p in init.params.kwonly_params if p.default is None]
            args = []
            for p in required:
                guess = self._guess(init, p.name.value)
                if guess is None:
                    raise Unbuildable(
                        f"`{name}()` needs {', '.join(p.name.value for p in required)} and no call site in this file gives them"
                    )
                args.append(f"{p.name.value}={guess}")
                self.guessed.append(f"{p.name.value}={guess}")
            return f"{name}({', '.join(args)})"
        return f"{name}()"

    def refuse_data(self, stmts) -> None:
        for st in stmts:
            if isinstance(st, (cst.FunctionDef, cst.ClassDef)):
                continue
            for call in calls_in(st):
                if last_name(call.func) in DATA_CALLS:
                    raise Unbuildable(
                        f"building it needs `{src(call.func)}(...)` (line {self.ix.line(call)}): "
                        "--confirm loads no data and trains nothing"
                    )

    # -- the whole program --------------------------------------------------------------------
    def program(self, expr, mark) -> str:
        ix = self.ix
        cutoffs = self.module_cutoffs
        cutoff = None if (not cutoffs or None in cutoffs) else max(cutoffs)
        needed = {n for n in self.module_needed if not n.startswith("__dl_")}
        kept, _ = self.slicer.slice_block(ix.module.body, needed, cutoff)
        self.refuse_data(kept)
        future = [s for s in kept if isinstance(s, cst.SimpleStatementLine)
                  and any(isinstance(b, cst.ImportFrom) and dotted(b.module) == "__future__" for b in s.body)]
        rest = [s for s in kept if s not in future]
        target = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(TARGET))], _node(expr))])
        prog = cst.Module(body=future + rest + list(self.synthetic) + [target])
        code = prog.visit(_Marker(mark)).code if mark is not None else prog.code
        if mark is not None and MARK not in code:
            raise Unbuildable("the flagged call is not part of the code that builds the model")
        return code


class _Marker(cst.CSTTransformer):
    def __init__(self, target) -> None:
        self.target = target

    def leave_Call(self, original, updated):
        if original is self.target:
            return cst.Call(func=cst.Name(MARK), args=[cst.Arg(updated)])
        return updated


# ---------------------------------------------------------------------------------------------
# Entry point


def plan(text: str, code: str, row: int, col: int, end_row: int | None = None,
         end_col: int | None = None, data: dict | None = None, cache: dict | None = None) -> Plan:
    """The program that builds what the finding at (row, col) (1-based) is about.

    Raises ``Unbuildable`` (with the reason) or ``NotApplicable``. ``cache`` (a dict) keeps the
    parsed module between findings of the same file.
    """
    if code not in JUDGED:
        raise NotApplicable("no runtime check for this rule")
    ix = cache.get(text) if cache is not None else None
    if ix is None:
        try:
            ix = Index(text)
        except cst.ParserSyntaxError as exc:
            raise Unbuildable(f"cannot parse: {exc.message}") from None
        if cache is not None:
            cache.clear()  # one file at a time: findings come sorted by file
            cache[text] = ix
    node = ix.find_node(row, col, end_row, end_col, prefer_outer=code in CALL_RULES)
    if node is None:
        raise Unbuildable("no expression at the finding's position")
    planner = Planner(ix, code, data or {})
    hints: dict = {}
    call = node if isinstance(node, cst.Call) else None
    func_name = dotted(call.func) if call is not None else None
    if func_name and func_name.endswith(OP_DROPOUTS) and code in ("DL201", "DL202", "DL203"):
        raise NotApplicable("op-level dropout: there is no layer whose rate could be read")
    if func_name and func_name.endswith(OP_DROPOUTS) and code in ("DL101", "DL102", "DL105", "DL401"):
        raise NotApplicable("op-level dropout: there is no Keras model to build")
    scope = ix.scope_of(node)
    cls = ix.class_of(scope) if isinstance(scope, cst.FunctionDef) else None
    small = ix.small_stmt_of(node)
    if small is None:
        raise Unbuildable("the finding is not inside a statement")
    mark = node if call is not None else None
    if code in CALL_RULES and call is not None and not isinstance(call.func, cst.Call):
        # A call of a model: judge the callee as it stands just before that statement.
        callee = call.func
        mark = None
        if isinstance(callee, cst.Attribute) and callee.attr.value in ("predict", "predict_on_batch", "__call__", "call"):
            callee = callee.value
        if cls is not None and isinstance(callee, cst.Name) and callee.value == "self":
            if cls.name.value not in ix.keras_classes:
                raise Unbuildable(f"`{cls.name.value}` is not a Keras model")
            expr = planner.instance(cls)
        else:
            expr = planner.realize(Level(scope, ix.line(small), src(callee), names_in(callee)))
    elif cls is not None and cls.name.value in ix.keras_classes and (
        scope.name.value in ("__init__", "build", "call") or code == "DL303"
    ):
        expr = planner.instance(cls)
    else:
        if code == "DL301":
            hints["hardwired"] = True
        if isinstance(small, cst.BaseCompoundStatement):
            raise Unbuildable("the finding is in a statement header the slicer cannot follow")
        expr = planner.realize(planner.locate(scope, small))
    if planner.guessed:
        hints["guessed"] = ", ".join(planner.guessed)
    return Plan(planner.program(expr, mark), hints)
