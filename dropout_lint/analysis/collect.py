"""The one walk over the syntax tree: imports, scopes, bindings and every call with its context."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import CodeRange

from dropout_lint.analysis.facts import CallFact, Scope
from dropout_lint.analysis.names import Names, dotted, layer_kind
from dropout_lint.finding import Pos


def pos_of(rng: CodeRange) -> tuple[Pos, Pos]:
    return Pos(rng.start.line, rng.start.column + 1), Pos(rng.end.line, rng.end.column + 1)


_LOOPS = (cst.For, cst.While, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
# Names that ``get_submodules_from_kwargs`` (keras-applications and the libraries built like it)
# binds to the Keras modules.
_KERAS_SUBMODULES = {
    "backend": "keras.backend",
    "layers": "keras.layers",
    "models": "keras.models",
    "keras_utils": "keras.utils",
    "utils": "keras.utils",
}


class _Frame:
    """Context that does not cross a function boundary."""

    __slots__ = ("withs", "loops", "ifs", "loop_nodes")

    def __init__(self) -> None:
        self.withs: list[str | None] = []
        self.loops = 0
        self.ifs: list[tuple] = []
        self.loop_nodes: list[cst.CSTNode] = []


class Collector(cst.CSTVisitor):
    def __init__(self, positions) -> None:
        super().__init__()
        self.positions = positions
        self.names = Names()
        self.module_scope = Scope("module", "<module>", None, None, start=Pos(1, 1))
        self.scopes: list[Scope] = [self.module_scope]
        self.scope = self.module_scope
        self.frames: list[_Frame] = [_Frame()]
        self.calls: list[CallFact] = []
        self.node_scope: dict[cst.CSTNode, Scope] = {}  # FunctionDef/ClassDef -> Scope
        self._module_assigns: list[tuple[str, cst.BaseExpression]] = []
        # Names whose item or attribute is assigned somewhere (``cfg["k"] = v``, ``args.k = v``):
        # their keys and attributes are not constants.
        self.mutated: set[str] = set()
        self.keras_modules: set[str] = set()  # names bound to Keras modules by an assignment

    # ---- helpers ---------------------------------------------------------------------
    def _bind(self, target: cst.BaseExpression, value) -> None:
        if isinstance(target, cst.Name):
            self.scope.assigns.setdefault(target.value, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = _pairwise(target, value)
            for i, el in enumerate(target.elements):
                if isinstance(el, (cst.Element, cst.StarredElement)):
                    self._bind(el.value, values[i] if values is not None else None)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            self.mutated.add(target.value.value)  # cfg["rate"] = ... : the container changes
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name):
            self.mutated.add(target.value.value)  # args.rate = ... : the namespace changes
            if target.value.value == "self":
                cls = self.scope.enclosing_class()
                if cls is not None:
                    cls.assigns.setdefault("self." + target.attr.value, []).append(value)
                    if value is not None:
                        cls.assigned_in[id(value)] = self.scope

    # ---- imports -------------------------------------------------------------------------
    def visit_Import(self, node: cst.Import | cst.ImportFrom) -> None:
        self.names.add_import(node, None if self.scope is self.module_scope else self.scope.imports)

    visit_ImportFrom = visit_Import

    # ---- scopes --------------------------------------------------------------------------
    def _push(self, scope: Scope, node: cst.CSTNode) -> None:
        self.scopes.append(scope)
        self.node_scope[node] = scope
        self.scope = scope
        self.frames.append(_Frame())

    def _pop(self) -> None:
        self.scope = self.scope.parent or self.module_scope
        self.frames.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.scope.kind != "class":
            self.scope.assigns.setdefault(node.name.value, []).append(None)
        if self.scope is self.module_scope:
            self.names.local.add(node.name.value)
        start, _ = pos_of(self.positions[node])
        scope = Scope("function", node.name.value, node, self.scope, start=start)
        for dec in node.decorators:
            d = dec.decorator
            if isinstance(d, cst.Call):
                d = d.func
            scope.decorators.append(dotted(d) or "")
        params = node.params
        for p in (*params.posonly_params, *params.params, *params.kwonly_params):
            scope.params[p.name.value] = p
            scope.param_order.append(p.name.value)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                scope.params[star.name.value] = star
        self._push(scope, node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.assigns.setdefault(node.name.value, []).append(None)
        if self.scope is self.module_scope:
            self.names.local.add(node.name.value)
        start, _ = pos_of(self.positions[node])
        scope = Scope("class", node.name.value, node, self.scope, start=start)
        scope.bases = [dotted(b.value) or "" for b in node.bases if b.keyword is None]
        self._push(scope, node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._pop()

    # ---- bindings ------------------------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call) and (dotted(node.value.func) or "").endswith("get_submodules_from_kwargs"):
            # keras-applications style: ``backend, layers, models, utils = get_submodules_from_kwargs(kwargs)``
            # hands the file the Keras modules under their usual names.
            for t in node.targets:
                if isinstance(t.target, (cst.Tuple, cst.List)):
                    for el in t.target.elements:
                        if isinstance(el.value, cst.Name) and el.value.value in _KERAS_SUBMODULES:
                            self.names.aliases[el.value.value] = _KERAS_SUBMODULES[el.value.value]
                            self.keras_modules.add(el.value.value)
        for t in node.targets:
            self._bind(t.target, node.value if len(node.targets) == 1 else None)
            if self.scope is self.module_scope and isinstance(t.target, cst.Name):
                self._module_assigns.append((t.target.value, node.value))
            elif self.scope is self.module_scope and isinstance(t.target, (cst.Tuple, cst.List)):
                for el in t.target.elements:
                    if isinstance(el.value, cst.Name):
                        self.names.local.add(el.value.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)
            if self.scope is self.module_scope and isinstance(node.target, cst.Name):
                self._module_assigns.append((node.target.value, node.value))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target, None)
        if self.scope is self.module_scope and isinstance(node.target, cst.Name):
            self.names.local.add(node.target.value)

    def visit_Del(self, node: cst.Del) -> None:
        t = node.target
        if isinstance(t, (cst.Subscript, cst.Attribute)) and isinstance(t.value, cst.Name):
            self.mutated.add(t.value.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        # PEP 572: ``(x := ...)`` inside a comprehension binds in the scope around it
        inner, self.scope = self.scope, self.scope.owner()
        self._bind(node.target, node.value)
        self.scope = inner

    # ---- context -------------------------------------------------------------------------
    def _bind_loop(self, target, iterable) -> None:
        """A loop variable is bound to each element of the iterable: ("for", iterable)."""
        if isinstance(target, cst.Name):
            self.scope.assigns.setdefault(target.value, []).append(("for", iterable))
            if self.scope is self.module_scope:
                self.names.local.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)) and (columns := _unpacked_iters(target, iterable)):
            # ``for units, rate in [(64, .5), (10, .95)]`` / ``zip(UNITS, RATES)`` /
            # ``enumerate(RATES)``: each name runs over its own column
            for el, column in zip(target.elements, columns):
                name = cst.ensure_type(el.value, cst.Name).value
                self.scope.assigns.setdefault(name, []).append(("for", column) if column is not None else None)
                if self.scope is self.module_scope:
                    self.names.local.add(name)
        else:
            self._bind(target, None)

    def visit_For(self, node: cst.For) -> None:
        self._bind_loop(node.target, node.iter)
        self._enter_comp(node)

    def leave_For(self, node: cst.For) -> None:
        self._leave_comp(node)

    def visit_While(self, node: cst.While) -> None:
        self._enter_comp(node)

    def leave_While(self, node: cst.While) -> None:
        self._leave_comp(node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_loop(node.target, node.iter)  # in the comprehension's own scope

    def _enter_comp(self, node) -> None:
        self.frames[-1].loops += 1
        self.frames[-1].loop_nodes.append(node)

    def _leave_comp(self, original_node) -> None:
        self.frames[-1].loops -= 1
        self.frames[-1].loop_nodes.pop()

    def _enter_comprehension(self, node) -> None:
        # A comprehension is a scope of its own (its targets do not leak), but its code belongs to
        # the function around it: the same frame of loops, ``if`` tests and ``with`` items.
        self._enter_comp(node)
        start, _ = pos_of(self.positions[node])
        scope = Scope("comprehension", "<comprehension>", node, self.scope, start=start)
        self.scopes.append(scope)
        self.node_scope[node] = scope
        self.scope = scope

    def _leave_comprehension(self, original_node) -> None:
        self.scope = self.scope.parent or self.module_scope
        self._leave_comp(original_node)

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _enter_comprehension
    leave_ListComp = leave_SetComp = leave_DictComp = leave_GeneratorExp = _leave_comprehension

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            e = item.item
            if isinstance(e, cst.Call):
                e = e.func
            self.frames[-1].withs.append(dotted(e))
            if item.asname is not None:
                self._bind(item.asname.name, None)

    def leave_With(self, node: cst.With) -> None:
        for _ in node.items:
            self.frames[-1].withs.pop()

    def visit_If(self, node: cst.If) -> None:
        # The test applies to the body; the else branch is handled in visit_Else/leave_Else.
        self.frames[-1].ifs.append((node.test, "body"))
        tested = none_test(node.test)
        if tested is not None and self.scope.kind == "function":
            self.scope.none_tests[tested[0]] = self.scope.none_tests.get(tested[0], 0) + 1

    def visit_If_orelse(self, node: cst.If) -> None:
        ifs = self.frames[-1].ifs
        if ifs and ifs[-1][0] is node.test:
            ifs[-1] = (node.test, "orelse")

    def leave_If(self, node: cst.If) -> None:
        ifs = self.frames[-1].ifs
        if ifs and ifs[-1][0] is node.test:
            ifs.pop()

    def visit_IfExp_body(self, node: cst.IfExp) -> None:
        self.frames[-1].ifs.append((node.test, "body"))

    def leave_IfExp_body(self, node: cst.IfExp) -> None:
        self.frames[-1].ifs.pop()

    def visit_IfExp_orelse(self, node: cst.IfExp) -> None:
        self.frames[-1].ifs.append((node.test, "orelse"))

    def leave_IfExp_orelse(self, node: cst.IfExp) -> None:
        self.frames[-1].ifs.pop()

    # ---- calls ---------------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        start, end = pos_of(self.positions[node])
        fr = self.frames[-1]
        self.calls.append(
            CallFact(
                node=node,
                start=start,
                end=end,
                scope=self.scope,
                withs=tuple(fr.withs),
                loop_depth=fr.loops,
                loops=tuple(fr.loop_nodes),
                ifs=tuple(fr.ifs),
                func_text=dotted(node.func) or "",
            )
        )

    # ---- after the walk ------------------------------------------------------------------
    def finish(self) -> None:
        names = self.names
        # Module-level names: simple aliases of Keras objects, or local names.
        for target, value in self._module_assigns:
            if len(self.module_scope.assigns.get(target, [])) == 1:
                names.add_alias_assignment(target, value)
            else:
                names.local.add(target)
        for scope in self.scopes:
            scope.decorators = [names.qualify_dotted(d, scope.parent) or d if d else "" for d in scope.decorators]
            scope.bases = [names.qualify_dotted(b, scope.parent) or b if b else "" for b in scope.bases]
        for call in self.calls:
            if call.func_text:
                head = call.func_text.split(".")[0]
                if head == "self" or (_bound_locally(call.scope, head) and head not in self.keras_modules):
                    continue
                q = names.qualify_dotted(call.func_text, call.scope)
                call.qname = q
                if q:
                    call.kind = layer_kind(q) or (q if q.startswith(("tf.", "keras.")) else None)
        for call in self.calls:
            if call.qname is None and "." not in call.func_text and call.func_text:
                _through_partial(call, names)


def _through_partial(call: CallFact, names: Names) -> None:
    """``HighDrop()`` where ``HighDrop = functools.partial(layers.Dropout, rate=0.9)`` is bound
    once: a call of the Keras layer with the partial's arguments first. Also a function-local
    alias of a Keras layer class (module-level ones are the name resolver's)."""
    s: Scope | None = call.scope
    while s is not None and call.func_text not in s.assigns:
        s = s.parent
    values = s.assigns[call.func_text] if s is not None else []
    if len(values) == 1 and isinstance(values[0], (cst.Name, cst.Attribute)) and s is not None and s.kind != "module":
        # ``BatchNormalization = tf.keras.layers.BatchNormalization`` inside a function
        q = names.qualify_dotted(dotted(values[0]) or "", s)
        kind = layer_kind(q) if q else None
        if kind:
            call.qname, call.kind = q, kind
        return
    if len(values) != 1 or not isinstance(values[0], cst.Call) or not values[0].args:
        return
    p = values[0]
    if (names.qualify_dotted(dotted(p.func) or "", s) or "") != "functools.partial":
        return
    first = p.args[0]
    if first.keyword is not None or first.star:
        return
    q = names.qualify_dotted(dotted(first.value) or "", s)
    kind = layer_kind(q) if q else None
    if kind:
        call.qname, call.kind, call.partial = q, kind, p


def none_test(test):
    """(name, True) for ``name is None``, (name, False) for ``name is not None``, else None."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return None
    comp = test.comparisons[0]
    if not (
        isinstance(test.left, cst.Name) and isinstance(comp.comparator, cst.Name) and comp.comparator.value == "None"
    ):
        return None
    if isinstance(comp.operator, cst.Is):
        return test.left.value, True
    if isinstance(comp.operator, cst.IsNot):
        return test.left.value, False
    return None


def _pairwise(target, value) -> list | None:
    """``p_w, p_dense = 0, 0.5``: the value of each target, when both sides are flat and match."""
    if not isinstance(value, (cst.Tuple, cst.List)) or len(value.elements) != len(target.elements):
        return None
    parts = [*target.elements, *value.elements]
    if any(not isinstance(e, cst.Element) for e in parts):
        return None  # ``a, *rest = ...``
    return [e.value for e in value.elements]


def _bound_locally(scope: Scope, name: str) -> bool:
    """A name bound in a function scope (parameter or assignment) is a variable, not an import."""
    for s in scope.chain():
        if s.kind == "module":
            return False
        if s.kind in ("function", "comprehension") and (name in s.params or name in s.assigns):
            return True
    return False


def _unpacked_iters(target, it) -> list | None:
    """For a tuple target of plain names, the iterable each name runs over (None: unknown), or
    None when the loop is not one of the shapes read here."""
    names = [el for el in target.elements if isinstance(el, cst.Element) and isinstance(el.value, cst.Name)]
    if len(names) != len(target.elements):
        return None
    n = len(names)
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and not any(a.keyword or a.star for a in it.args):
        if it.func.value == "zip" and len(it.args) == n:
            return [a.value for a in it.args]
        if it.func.value == "enumerate" and n == 2 and len(it.args) == 1:
            return [None, it.args[0].value]
        return None
    if isinstance(it, (cst.List, cst.Tuple)) and it.elements:
        rows = [
            el.value
            for el in it.elements
            if isinstance(el, cst.Element) and isinstance(el.value, (cst.Tuple, cst.List))
        ]
        if len(rows) != len(it.elements) or not all(
            len(r.elements) == n and all(isinstance(e, cst.Element) for e in r.elements) for r in rows
        ):
            return None
        return [cst.List([cst.Element(r.elements[i].value) for r in rows]) for i in range(n)]
    return None
