"""Model-structure extraction: a small abstract interpreter over the statements of a module.

It follows variables through assignments in statement order and builds the layer graph that every
rule reads. What it understands:

- ``Sequential([...])`` with a list literal or a list variable (``append``/``extend``/``+=``);
- ``.add()`` chains on any variable or attribute (``model``, ``self.model``), in any function;
- the functional API: ``x = Layer(...)(x)``, layer objects bound to names and applied later,
  ``Add()([a, b])``, ``concatenate([...])``, ``Model(inputs, outputs)`` with one or many outputs;
- wrappers (``TimeDistributed(Dropout(...))``, ``Bidirectional(LSTM(...))``): the node has the
  inner layer's kind;
- op-level calls (``tf.nn.dropout(x)``, ``tf.layers.batch_normalization(x)``) as nodes too;
- model factories: ``def build(): ...; return model`` then ``m = build()``;
- a model used as a layer of another model (applied to a tensor, put in a Sequential, or its
  ``.output`` used) is marked ``is_submodel``.

Branches of an ``if`` are both followed, in order; a loop body twice (the end of one iteration
feeds the start of the next). Unknown calls applied to
tensors become opaque nodes, which keep the graph connected but match no rule.
"""

from __future__ import annotations

import libcst as cst

from dropout_lint import debug, kinds
from dropout_lint.analysis import constants, control
from dropout_lint.analysis.facts import CallFact, Graph, LayerSpec, Node, Scope
from dropout_lint.analysis.names import Names, dotted
from dropout_lint.analysis.domain import (  # noqa: F401 - re-exported for the tests
    AltV,
    ConstV,
    Env,
    FuncV,
    LayerV,
    ListV,
    ModelV,
    TensorV,
    _merge,
    _models,
    _tensors,
    layers_of,
)
from dropout_lint.analysis.ops import OpFlow

WRAPPERS = frozenset({"TimeDistributed", "Bidirectional"})
MODEL_KINDS = kinds.FUNCTIONAL_MODEL_CLASSES
INPUT_KINDS = kinds.INPUT_KINDS
TENSOR_KEYWORDS = ("x", "inputs", "input", "features", "logits", "value", "tensor", "input_tensor")
MERGE_FUNCTIONS = frozenset({"add", "concatenate", "multiply", "average", "maximum", "minimum", "subtract", "dot"})


class Flow:
    def __init__(self, calls: list[CallFact], names: Names, node_scope: dict, module_scope: Scope) -> None:
        self.callmap = {id(c.node): c for c in calls}
        self.names = names
        self.node_scope = node_scope
        self.module_scope = module_scope
        self.nodes: list[Node] = []
        self.graphs: list[Graph] = []
        self._stmt: cst.CSTNode | None = None  # the statement being executed (for containers)
        # The last layer(s) of each Sequential built so far: several after an if/else or a loop.
        self.tails: dict[int, list[Node]] = {}
        self.ops = OpFlow(self)  # op-level data flow (analysis/ops.py)
        self.inline_stack: list[int] = []  # helper functions being followed (analysis/control.py)
        self.class_roles: list[str | None] = []  # the classes being interpreted (analysis/control.py)
        # Loops: how many repeated passes of a body are running (control.repeat_body), the ``if``
        # nesting now, and the ``if`` nesting when the innermost repeated pass began.
        self.repeat_depth = 0
        self.conditional = 0
        self.repeat_conditional = 0
        # Arms of undecided ``if``s being run (one token per run of an arm, see ``_arm``), and
        # how many were open when each loop body now running began (control.repeat_body).
        self.arms: list[int] = []
        self.loop_marks: list[tuple[int, frozenset[str]]] = []
        self.arm_runs = 0
        # One memo per statement being run: call node id -> its value (see ``eval_call``).
        self.memos: list[dict] = []
        # Undecided ``if``s being run that pick an arm by comparing a value to a string
        # (``if activation == "softmax":``): the caller chooses; see OpFlow.sink.
        self.dispatch = 0
        self.funcdefs: list[control.FuncDef] = []  # every function's def-time run
        self.hoisted_defs: set[int] = set()  # functions run early, where a call reached them
        self.classes: dict | None = None  # class name -> class scopes (kinds.classes_by_name)

    # ---- entry ---------------------------------------------------------------------------
    def run(self, module: cst.Module) -> None:
        env = Env()
        self.prebind(module.body, env)
        self.exec_block(module.body, env)
        control.drop_superseded_runs(self, self.funcdefs)
        for n in self.nodes:
            for i in n.inputs:
                i.outputs.append(n)
        self.graphs.extend(self.ops.finish())
        self.graphs = [g for g in self.graphs if not g.superseded]
        for g in self.graphs:
            if g.kind == "sequential":
                g.outputs = list(self.tails.get(id(g), []))
            else:
                g.nodes = _reachable(g.outputs, g.inputs)
                for n in g.nodes:
                    if n.sub is not None and n.sub is not g:
                        # ``enc = encoder(); model = Model(x, decoder(enc(x)))``: a model whose
                        # output another model's outputs are built from is one of its layers
                        n.sub.is_submodel = True

    # ---- statements ----------------------------------------------------------------------
    def exec_block(self, stmts, env: Env) -> bool:
        """Run ``stmts``; True when the block surely ends in a ``return`` / ``raise`` (the
        statements after it do not run)."""
        for stmt in stmts:
            try:
                if self.exec_stmt(stmt, env):
                    return True
            except RecursionError:
                raise
            except Exception:  # noqa: BLE001 - an odd statement must not stop the analysis
                if debug.enabled():
                    raise
                continue
        return False

    def exec_stmt(self, stmt, env: Env) -> bool:
        """Run one statement; True when it surely returns or raises."""
        self.memos.append({})  # this run's calls (``eval_call``); a statement of its body has its own
        try:
            return self._exec_stmt(stmt, env)
        finally:
            self.memos.pop()

    def _exec_stmt(self, stmt, env: Env) -> bool:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                self._stmt = stmt
                self.exec_small(small, env)
                if isinstance(small, (cst.Return, cst.Raise)) and env.parent is not None:
                    return True
        elif isinstance(stmt, cst.FunctionDef):
            key = ("self." if env.is_class else "") + stmt.name.value
            if id(stmt) not in self.hoisted_defs and env.pending.get(key, stmt) is stmt:
                env.pending.pop(key, None)  # not already run by an earlier call (``hoisted``)
                self.exec_function(stmt, env)
        elif isinstance(stmt, cst.ClassDef):
            self.exec_class(stmt, env)
        elif isinstance(stmt, cst.If):
            orelse = stmt.orelse
            if isinstance(orelse, cst.If):
                other = lambda: self.exec_stmt(orelse, env)  # noqa: E731
            elif orelse is not None:
                other = lambda: self.exec_block(orelse.body.body, env)  # noqa: E731
            else:
                other = None
            taken = control.decide(stmt.test, env)
            if taken is True:
                return self.exec_block(stmt.body.body, env)
            if taken is False:
                return bool(other()) if other is not None else False
            self.conditional += 1
            dispatch = control.string_dispatch(stmt.test)
            self.dispatch += dispatch
            try:
                return self.branches(
                    env,
                    self._arm(stmt.test, lambda: self.exec_block(stmt.body.body, env)),
                    other and self._arm(stmt.test, other),
                    ends=True,
                )
            finally:
                self.conditional -= 1
                self.dispatch -= dispatch
        elif isinstance(stmt, cst.For) and control.unroll(self, stmt, env):
            pass
        elif isinstance(stmt, cst.For):
            # A ``for`` over an iterable that is not known to be empty runs at least once (the
            # code is written for the iterations it takes); twice, so that one iteration's end
            # feeds the next one's start.
            self.bind(stmt.target, None, env)
            if not control.known_empty(stmt.iter):
                control.repeat_body(self, stmt.body.body, env, None, stmt.target)
            if stmt.orelse is not None:
                self.exec_block(stmt.orelse.body.body, env)
        elif isinstance(stmt, cst.While):
            # The body may run zero or more times: merge "ran (twice: one iteration feeds the
            # next)" with "did not run".
            self.branches(env, lambda: control.repeat_body(self, stmt.body.body, env, None), None)
            if stmt.orelse is not None:
                self.exec_block(stmt.orelse.body.body, env)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                self.eval(item.item, env)
            self.exec_block(stmt.body.body, env)
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            # A handler runs instead of (the rest of) the body: alternatives, not a sequence.
            handlers = [h.body.body for h in stmt.handlers]
            if handlers:
                self.branches(
                    env,
                    lambda: self.exec_block(stmt.body.body, env),
                    lambda: [self.exec_block(b, env) for b in handlers],
                )
            else:
                self.exec_block(stmt.body.body, env)
            if stmt.orelse is not None:
                self.exec_block(stmt.orelse.body.body, env)
            if stmt.finalbody is not None:
                self.exec_block(stmt.finalbody.body.body, env)
        return False

    def _arm(self, test, run):
        """``run`` as one arm of an undecided ``if`` in a loop body whose test reads the loop's
        target (``for c in sequence: if c == "d": ...``): which arm a pass takes depends on what
        the loop runs over. Nodes made meanwhile carry a fresh token (``Node.arms``), so a rule
        can tell that a node's input was made outside that run of the arm."""
        if not self.loop_marks or not self.loop_marks[-1][1].intersection(control.names_in(test)):
            return run

        def armed():
            self.arm_runs += 1
            self.arms.append(self.arm_runs)
            try:
                return run()
            finally:
                self.arms.pop()

        return armed

    def branches(self, env: Env, first, second, ends: bool = False) -> bool:
        """Run two alternative blocks from the same state and merge what they bound. With
        ``ends`` (the arms of an ``if``), an arm that surely returns or raises binds nothing for
        the code after it (``else: raise ValueError(arch)``): the other arm's state goes on.
        True when both arms surely end."""
        # ``self.x = ...`` in a method binds in the class's Env: it is a branch's state too.
        envs = [env]
        owner: Env | None = env
        while owner is not None and not owner.is_class:
            owner = owner.parent
        if owner is not None and owner is not env:
            envs.append(owner)
        before = [dict(e.vars) for e in envs]
        before_tails = {k: list(v) for k, v in self.tails.items()}
        first_ends = bool(first()) and ends
        after = [e.vars for e in envs]
        after_tails = self.tails
        for e, b in zip(envs, before):
            e.vars = dict(b)
        self.tails = {k: list(v) for k, v in before_tails.items()}
        second_ends = bool(second()) and ends if second is not None else False
        other_tails = self.tails
        if first_ends != second_ends:
            if second_ends:  # only the first arm goes on
                for e, a_vars in zip(envs, after):
                    e.vars = a_vars
                self.tails = after_tails
            return False  # only the arm that did not end goes on: its state stands
        for e, a_vars in zip(envs, after):
            other_vars = e.vars
            e.vars = {key: _merge(a_vars.get(key), other_vars.get(key)) for key in set(a_vars) | set(other_vars)}
        tails: dict[int, list[Node]] = {}
        for key in set(after_tails) | set(other_tails):
            seen: dict[int, Node] = {}
            for n in after_tails.get(key, []) + other_tails.get(key, []):
                seen.setdefault(id(n), n)
            tails[key] = list(seen.values())
        self.tails = tails
        return first_ends and second_ends

    def exec_small(self, small, env: Env) -> None:
        if isinstance(small, cst.Assign):
            value = self.eval(small.value, env)
            for t in small.targets:
                self.bind(t.target, value, env)
        elif isinstance(small, cst.AnnAssign):
            if small.value is not None:
                self.bind(small.target, self.eval(small.value, env), env)
        elif isinstance(small, cst.AugAssign):
            key = _key(small.target)
            current = env.get(key) if key else None
            value = self.eval(small.value, env)
            if isinstance(current, ListV) and isinstance(small.operator, cst.AddAssign) and isinstance(value, ListV):
                current.items.extend(value.items)
            elif key:
                env.set(key, None)
        elif isinstance(small, cst.Expr):
            self.eval(small.value, env)
        elif isinstance(small, cst.Return):
            if small.value is not None:
                value = self.eval(small.value, env)
                env.returns.append(value)
                self.ops.note_return(small.value, value, env.parent is not None and env.parent.is_class)

    def bind(self, target, value, env: Env) -> None:
        key = _key(target)
        if key is not None:
            env.set(key, value)
            self.ops.note_bind(key, value)
            if isinstance(value, ModelV) and value.graph.name is None:
                value.graph.name = key
            return
        if isinstance(target, (cst.Tuple, cst.List)):
            items = value.items if isinstance(value, ListV) else None
            for i, el in enumerate(target.elements):
                sub = (
                    items[i]
                    if items is not None and i < len(items) and not isinstance(el, cst.StarredElement)
                    else None
                )
                self.bind(el.value, sub, env)

    def prebind(self, stmts, env: Env) -> None:
        """Note the functions a module or class body defines (once each) for ``hoisted``."""
        seen: dict[str, int] = {}
        for stmt in stmts:
            if isinstance(stmt, cst.FunctionDef):
                key = ("self." if env.is_class else "") + stmt.name.value
                seen[key] = seen.get(key, 0) + 1
                env.pending[key] = stmt
        for key, n in seen.items():
            if n > 1:  # defined twice (a property setter, a conditional def): keep statement order
                env.pending.pop(key, None)

    def hoisted(self, key: str, env: Env):
        """The value of a function defined below the code being interpreted, run on demand."""
        e: Env | None = env
        while e is not None:
            if key.startswith("self.") and not e.is_class:
                e = e.parent
                continue
            fn = e.pending.get(key)
            if fn is not None:
                if not key.startswith("self.") and any(key in _param_names(f) for f in self.ops.fn_stack):
                    return None  # a parameter of the function being interpreted shadows it
                del e.pending[key]
                self.hoisted_defs.add(id(fn))
                saved = self._stmt
                try:
                    self.exec_function(fn, e)
                finally:
                    self._stmt = saved
                return e.vars.get(key)
            if key in e.vars:
                return None
            e = e.parent
        return None

    def exec_function(self, fn: cst.FunctionDef, env: Env) -> None:
        n_graphs, n_nodes = len(self.graphs), len(self.nodes)
        split = control.none_split(self, fn)
        returns: list = []
        for fact in ("none", "not_none") if split is not None else (None,):
            fenv = Env(parent=env)
            if split is not None and fact is not None:
                fenv.facts[split] = fact
            self.ops.enter_function(fn)
            try:
                if env.is_class and fn.name.value in control.CALL_METHODS:
                    control.bind_call_params(self, fn, fenv)
                self.exec_block(fn.body.body, fenv)
            finally:
                self.ops.leave_function(fenv)
            returns.extend(fenv.returns)
        deff = control.FuncDef(fn, env, env.is_class, self.graphs[n_graphs:], self.nodes[n_nodes:])
        self.funcdefs.append(deff)
        env.set(("self." if env.is_class else "") + fn.name.value, FuncV(returns=returns, deff=deff))

    def exec_class(self, cls: cst.ClassDef, env: Env) -> None:
        cenv = Env(parent=env, is_class=True)
        body = list(cls.body.body)
        first = [s for s in body if isinstance(s, cst.FunctionDef) and s.name.value in ("__init__", "build")]
        rest = [s for s in body if s not in first]
        role = control.class_role(self, cls, env)
        self.class_roles.append(role)
        self.prebind(body, cenv)
        try:
            self.exec_block(first + rest, cenv)
        finally:
            self.class_roles.pop()
        graph = control.subclass_graph(self, cls, cenv, role) if role else None
        env.set(cls.name.value, control.ClassV(cls.name.value, role, graph))

    # ---- expressions ---------------------------------------------------------------------
    def eval(self, expr, env: Env):
        if isinstance(expr, cst.Name):
            v = env.get(expr.value)
            return v if v is not None else self.hoisted(expr.value, env)
        if isinstance(expr, cst.Attribute):
            key = _key(expr)
            if key is not None and key.startswith("self."):
                v = env.get(key)
                return v if v is not None else self.hoisted(key, env)
            if key is not None:
                bound = env.get(key)
                if bound is not None:
                    return bound
            if expr.attr.value in ("output", "outputs"):
                layer_of = self._layer_of_model(expr.value, env)
                if layer_of is not None:
                    # ``base.layers[-1].output`` / ``base.get_layer("fc").output``: the model's
                    # insides feed another model, so it is a sub-model; its last layer's output is
                    # the model's output, any other layer's an intermediate tensor
                    model, last = layer_of
                    model.graph.is_submodel = True
                    if last:
                        return TensorV(self._node("Model", None, [], sub=model.graph, at=expr))
                    return TensorV(self._node(None, None, []))
            base = self.eval(expr.value, env)
            if isinstance(base, ModelV) and expr.attr.value in ("output", "outputs"):
                base.graph.is_submodel = True
                return TensorV(self._node("Model", None, [], sub=base.graph, at=expr))
            return None
        if isinstance(expr, (cst.List, cst.Tuple)):
            return control.list_value(self, expr, env)
        if isinstance(expr, cst.Dict):
            return ListV([self.eval(el.value, env) for el in expr.elements if isinstance(el, cst.DictElement)])
        if isinstance(expr, cst.Subscript):
            base = self.eval(expr.value, env)
            if isinstance(base, ListV) and len(expr.slice) == 1:
                idx = expr.slice[0].slice
                if isinstance(idx, cst.Index) and isinstance(idx.value, cst.Integer):
                    i = int(idx.value.value)
                    if -len(base.items) <= i < len(base.items):
                        return base.items[i]
                elif isinstance(idx, cst.Index) and base.items and all(x is base.items[0] for x in base.items):
                    # ``self.blocks[i]`` of a list filled in a loop: the element whatever ``i`` is
                    self.eval(idx.value, env)
                    return base.items[0]
            if isinstance(base, TensorV):
                return self.ops.subscript(base, expr, env)
            return None
        if isinstance(expr, cst.Call):
            return self.eval_call(expr, env)
        if isinstance(expr, cst.ListComp):
            return control.comprehension(self, expr, env)
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
            operands = _list_operands(expr)
            if operands is not None and (
                any(not isinstance(o, cst.Name) for o in operands)
                or all(isinstance(env.get(o.value), ListV) for o in operands)  # ``hidden + head``
            ):
                # ``[Flatten()] + hidden + head``: list concatenation (each operand evaluated once)
                values = [self.eval(o, env) for o in operands]
                if all(isinstance(v, ListV) for v in values):
                    return ListV([item for v in values for item in v.items])
        return self.ops.eval_expr(expr, env)

    def _layer_of_model(self, expr, env: Env) -> tuple[ModelV, bool] | None:
        """(the model, whether it is its last layer) for ``model.layers[i]`` / ``model.get_layer(...)``."""
        last = False
        if (
            isinstance(expr, cst.Subscript)
            and isinstance(expr.value, cst.Attribute)
            and expr.value.attr.value == "layers"
        ):
            owner = expr.value.value
            idx = expr.slice[0].slice if len(expr.slice) == 1 else None
            last = isinstance(idx, cst.Index) and constants.literal(idx.value) == -1
        elif (
            isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get_layer"
        ):
            owner = expr.func.value
        else:
            return None
        model = self.eval(owner, env)
        return (model, last) if isinstance(model, ModelV) else None

    def eval_call(self, node: cst.Call, env: Env):
        """The value of a call, once per run of the statement it is in: ``a.b(x).c(y).d(z)``
        evaluates each prefix once, not once per method looked up on it (3^n for n links)."""
        memo = self.memos[-1] if self.memos else None
        if memo is None:
            return self._eval_call(node, env)
        if id(node) not in memo:
            memo[id(node)] = (node, self._eval_call(node, env))  # (the node keeps its id unique)
        return memo[id(node)][1]

    def _eval_call(self, node: cst.Call, env: Env):
        call = self.callmap.get(id(node))
        if call is None:
            return None
        kind = call.kind
        # Method calls on values we track: model.add, list.append/extend.
        if isinstance(node.func, cst.Attribute):
            owner = self.eval(node.func.value, env)
            method = node.func.attr.value
            models = _models(owner)
            if models and method == "add" and all(m.graph.kind == "sequential" for m in models):
                # ``m.add`` after an ``if`` that bound ``m`` in both arms: each alternative grows
                arg = call.arg("layer", 0)
                layer = self.eval(arg, env) if arg is not None else None
                for m in models:
                    self.add_layer(m.graph, layer, ("add", self._stmt, node))
                return None
            if isinstance(owner, ListV):
                if method == "append":
                    owner.items.append(self.eval(call.arg(None, 0), env))
                    return None
                if method == "extend":
                    v = self.eval(call.arg(None, 0), env)
                    if isinstance(v, ListV):
                        owner.items.extend(v.items)
                    return None
        if kind == "Sequential":
            graph = self._graph("sequential", call)
            arg = call.arg("layers", 0)
            items = self.eval(arg, env) if arg is not None else None
            if isinstance(items, ListV):
                elements = arg.elements if isinstance(arg, (cst.List, cst.Tuple)) else None
                for i, item in enumerate(items.items):
                    container = ("list", arg, elements[i]) if elements is not None and i < len(elements) else None
                    self.add_layer(graph, item, container)
            return ModelV(graph)
        if kind in MODEL_KINDS or control.functional_super_init(self, node):
            out_expr = call.arg("outputs", 1)
            if out_expr is None:
                out_expr = call.arg("output", None)
            if out_expr is None:
                return None
            ins: list = []
            for e in (call.arg("inputs", 0),):
                if e is not None:
                    ins = _tensors(self.eval(e, env))
            outs = _tensors(self.eval(out_expr, env))
            graph = self._graph("functional", call)
            graph.outputs = outs
            graph.inputs = ins
            return ModelV(graph)
        if kind in INPUT_KINDS:
            return TensorV(self._node(kind, None, [], call=call))
        if kind in WRAPPERS:
            inner = self.eval(call.arg("layer", 0), env)
            if isinstance(inner, LayerV):
                spec = inner.spec
                return LayerV(LayerSpec(spec.kind, spec.call, wrapper=kind, outer_call=call))
            return LayerV(LayerSpec(kind, call))
        if kind is not None and kind[:1].isupper():
            # Evaluate nested arguments for their side effects (layers inside layers).
            for a in node.args:
                self.eval(a.value, env)
            return LayerV(LayerSpec(kind, call))
        # Applying something we know: a layer object, a model, a function of this module.
        callee = None if (call.qname and kind) else self.eval(node.func, env)
        if isinstance(callee, LayerV):
            if self.ops.loss_object_call(callee.spec, call, env):
                return None
            inputs = self._inputs(call, env)
            n = self._node(callee.spec.kind, callee.spec, inputs, call=call)
            return TensorV(n)
        if isinstance(callee, AltV) and layers_of(callee):
            # ``base = ResNet50(...)`` in one arm, ``EfficientNetB0(...)`` in another: the call
            # applies one of them; each is a possibility, as a tensor bound in two arms is
            if any(self.ops.loss_object_call(i.spec, call, env) for i in callee.items):
                return None
            inputs = self._inputs(call, env)
            alts: list = [TensorV(self._node(i.spec.kind, i.spec, inputs, call=call)) for i in callee.items]
            return AltV(alts)
        if isinstance(callee, ModelV):
            inputs = self._inputs(call, env)
            if control.symbolic(inputs):  # used as a layer, not applied to data
                callee.graph.is_submodel = True
            n = self._node("Model", None, inputs, call=call, sub=callee.graph)
            return TensorV(n)
        if isinstance(callee, control.ClassV):
            for a in node.args:
                self.eval(a.value, env)
            if callee.graph is not None and self.class_roles and self.class_roles[-1] is not None:
                # built inside a Keras Model/Layer subclass: one of its blocks, not the output
                callee.graph.is_submodel = True
            return ModelV(callee.graph) if callee.graph is not None else None
        if isinstance(callee, FuncV):
            # Follow the call into the body with the arguments bound (analysis/control.py); else
            # feed the arguments to the body's parameter nodes (a summary, analysis/ops.py).
            done, value = control.inline(self, callee, node, call, env)
            if done:
                return value
            if value is None:  # arguments not evaluated yet
                self.ops.call_function(callee, call, env)  # evaluates the arguments once
            rets = [r for r in callee.returns if r is not None]
            if len(rets) == 1 and isinstance(rets[0], (ModelV, LayerV)) or control.layer_list(rets):
                return rets[0]
            if rets and all(_tensors(r) for r in rets):
                # A function returning tensors returns them at its call sites (a summary).
                return rets[0] if len(rets) == 1 else AltV([TensorV(n) for r in rets for n in _tensors(r)])
            return None
        # An op (tf.nn.dropout, keras.ops.relu, layers.concatenate) or an unknown call on tensors.
        return self.ops.eval_op(call, node, env)

    # ---- helpers -------------------------------------------------------------------------
    def _inputs(self, call: CallFact, env: Env, merge: bool = True) -> list[Node]:
        arg = None
        for kw in TENSOR_KEYWORDS:
            if kw in call.keywords:
                arg = call.keywords[kw].value
                break
        if arg is None:
            pos = call.positional
            if pos:
                arg = pos[0].value
        if arg is None:
            return []
        return _tensors(self.eval(arg, env))

    def add_layer(self, graph: Graph, item, container) -> None:
        prev = list(self.tails.get(id(graph), []))
        if isinstance(item, LayerV):
            n = self._node(item.spec.kind, item.spec, prev, container=container)
        elif isinstance(item, ModelV):
            item.graph.is_submodel = True
            n = self._node("Model", None, prev, sub=item.graph, container=container)
        else:
            n = self._node(None, None, prev, container=container)
            if container is not None and container[0] == "add":
                c = self.callmap.get(id(container[2]))
                if c is not None:
                    n.start, n.end = c.start, c.end
        graph.nodes.append(n)
        self.tails[id(graph)] = [n]

    def _graph(self, kind: str, call: CallFact) -> Graph:
        g = Graph(kind, call.start, call.end, call=call, scope=call.scope.owner())
        self.graphs.append(g)
        return g

    def _node(self, kind, spec, inputs, call=None, sub=None, container=None, at=None) -> Node:
        src = spec.call if spec is not None else call
        if src is not None:
            start, end = src.start, src.end
        else:
            start = end = None
        inputs = list(inputs)
        if self.repeat_depth and self.conditional > self.repeat_conditional and start is not None:
            # The repeated pass of a loop body, inside an ``if``: the previous iteration may
            # have taken another branch (``for c in "dan": if c == "d": x = dropout(x)``), so
            # this call is not paired with its own previous application.
            inputs = [j for i in inputs for j in (i.inputs if i.start == start and i.kind == kind else [i])]
        n = Node(kind=kind, start=start, end=end, spec=spec, call=call, inputs=inputs, sub=sub, container=container)
        if self.loop_marks:
            n.arms = tuple(self.arms[self.loop_marks[-1][0] :])
        if n.start is None and inputs:
            n.start, n.end = inputs[0].start, inputs[0].end
        if n.start is None and sub is not None:
            n.start, n.end = sub.start, sub.end
        self.nodes.append(n)
        return n


def _is_known_op(kind: str) -> bool:
    from dropout_lint.kinds import BATCHNORM, DROPOUT, PASSTHROUGH

    return kind in DROPOUT or kind in BATCHNORM or kind in PASSTHROUGH


def _param_names(fn: cst.FunctionDef) -> set[str]:
    p = fn.params
    names = {a.name.value for a in (*p.posonly_params, *p.params, *p.kwonly_params)}
    for star in (p.star_arg, p.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    return names


def _key(target) -> str | None:
    if isinstance(target, cst.Name):
        return target.value
    d = dotted(target) if isinstance(target, cst.Attribute) else None
    if d is not None and d.startswith("self.") and d.count(".") == 1:
        return d
    if d is not None and not d.startswith("self.") and d.count(".") <= 2:
        return d  # ``tf.model = Sequential()``, ``net.head = ...``: an attribute used as a variable
    return None


def _list_operands(expr) -> list | None:
    """The operands of an ``a + b + c`` chain when each may be a list and evaluating it applies
    no layer (names, list/tuple literals and comprehensions), else None. Iterative: chains of
    thousands of terms cost linear time."""
    out = []
    node = expr
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        out.append(node.right)
        node = node.left
    out.append(node)
    out.reverse()
    if not all(isinstance(o, (cst.Name, cst.List, cst.Tuple, cst.ListComp)) for o in out):
        return None
    return out


def _reachable(outputs: list[Node], inputs: "list[Node] | tuple" = ()) -> list[Node]:
    """The nodes the outputs are computed from, back to the model's inputs (not beyond them)."""
    stop = {id(n) for n in inputs}
    seen: dict[int, Node] = {}
    stack = list(outputs)
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen[id(n)] = n
        if id(n) not in stop:
            stack.extend(n.inputs)
    return list(seen.values())
