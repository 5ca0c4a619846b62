"""Op-level data flow: code that calls ops (``tf.nn.dropout``, ``tf.layers.*``, ``keras.ops.*``)
instead of building layer objects.

``Flow`` hands op calls and a few expression forms to ``OpFlow``; the nodes it makes are ordinary
``Node`` objects, so DL102 / DL103 read op stacks unchanged, and the "output" nodes it finds
become ``Graph(kind="ops")`` whose ``outputs`` DL101 reads. What it adds to the interpreter:

- every ``tf.*`` / ``keras.*`` op call is a node (placeholders, variables and constants are
  sources), and the parameters of the function being interpreted are tensor sources too, so a
  whole TF1 model function is one connected graph;
- the tensor input of a dropout / batch-norm / activation / shape op is its data argument
  (``x=``, ``inputs=``, ``features=``, ... or the first positional); any other op takes every
  tensor among its arguments (``tf.matmul(w, h)``, ``tf.einsum("ij,jk", a, b)``);
- arithmetic on tensors (``tf.matmul(h, w) + b``), slicing, ``a if c else b``, lambdas and
  ``tf.cond(pred, lambda: tf.nn.dropout(h, 0.5), lambda: h)`` (both branches reach the consumer);
- a function returning a tensor returns that node at its call sites (one summary per function:
  the call's arguments are not linked to the parameters, so two calls never form a false chain);
- outputs ("sinks"): the tensor fed as logits / predictions to ``tf.nn.softmax``,
  ``tf.nn.*cross_entropy*``, ``tf.losses.*`` / ``tf.compat.v1.losses.*``, ``keras.losses.*``
  functions and loss objects, ``keras.ops.*crossentropy*``, ``*sequence_loss*``, and
  ``EstimatorSpec(predictions=)``; a dropout returned from a model-like function
  (``model``, ``*_net``, ``inference``, ``forward``, ``multilayer_perceptron``...) or bound to a
  ``logits`` / ``predictions`` name, when nothing in the file consumes it.

The TF1 / TF2 dialect of a file (``dialect()``) decides what the second positional argument of
``tf.nn.dropout`` means: ``keep_prob`` in TF1, ``rate`` in TF2. See ``dialect`` for the markers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from dropout_lint.analysis.facts import Graph, Node
from dropout_lint.analysis.domain import AltV, Env, FuncV, ListV, TensorV, _tensors
from dropout_lint.kinds import BATCHNORM, DROPOUT, PARAM, PASSTHROUGH, SHAPE_ONLY

if TYPE_CHECKING:  # pragma: no cover
    from dropout_lint.analysis.flow import Flow

# Keywords naming an op's data tensor, in order of preference.
DATA_KEYWORDS = ("x", "inputs", "input", "features", "logits", "value", "tensor", "input_tensor", "images")

# Ops whose two function arguments are alternative branches (both may run).
CONDITIONALS = {
    "tf.cond": (("true_fn", 1), ("false_fn", 2), ("fn1", None), ("fn2", None)),
    "tf.compat.v1.cond": (("true_fn", 1), ("false_fn", 2), ("fn1", None), ("fn2", None)),
    "keras.ops.cond": (("true_fn", 1), ("false_fn", 2)),
    "tf.contrib.framework.smart_cond": (("true_fn", 1), ("false_fn", 2), ("fn1", None), ("fn2", None)),
    "tf.__internal__.smart_cond.smart_cond": (("true_fn", 1), ("false_fn", 2)),
}
IDENTITY_OPS = frozenset({"tf.identity", "tf.compat.v1.identity", "tf.stop_gradient"})

# Names that say "this is the model's output".
OUTPUT_NAMES = frozenset(
    {
        "logits",
        "logit",
        "predictions",
        "prediction",
        "preds",
        "pred",
        "y_pred",
        "y_hat",
        "yhat",
        "y_",
        "output_logits",
        "out_logits",
        "class_logits",
        "final_logits",
        "pred_logits",
    }
)
_MODEL_TOKENS = frozenset(
    {
        "model",
        "net",
        "network",
        "inference",
        "forward",
        "classifier",
        "logits",
        "predict",
        "prediction",
        "predictions",
        "mlp",
        "cnn",
        "perceptron",
        "lenet",
        "alexnet",
        "vgg",
    }
)
_NOT_MODEL_TOKENS = frozenset(
    {
        "block",
        "layer",
        "layers",
        "unit",
        "cell",
        "module",
        "branch",
        "stem",
        "encoder",
        "embed",
        "embedding",
        "feature",
        "features",
        "body",
        "backbone",
        "trunk",
        "base",
        "residual",
        "dropout",
        "drop",
        "helper",
        "fn",
        "op",
        "ops",
    }
)

# ---- TF1 / TF2 dialect ---------------------------------------------------------------------

# APIs under plain ``tf.`` that exist only in TensorFlow 1.x (gone from the TF2 namespace).
_TF1_ONLY = re.compile(
    r"^tf\.(placeholder|placeholder_with_default|Session|InteractiveSession|get_variable|variable_scope"
    r"|global_variables_initializer|initialize_all_variables|local_variables_initializer|layers\.|losses\."
    r"|contrib\.|app\.|logging\.|random_normal|random_uniform|truncated_normal|to_float|to_int32|to_int64"
    r"|train\.\w*Optimizer|train\.Saver|summary\.FileWriter|summary\.merge_all|get_collection|add_to_collection"
    r"|trainable_variables|global_variables|set_random_seed|reset_default_graph|get_default_graph|log$"
    r"|sparse_placeholder|disable_v2_behavior|disable_eager_execution|nn\.rnn_cell\.)"
)
# APIs that need TensorFlow 2 / Keras 3.
_TF2_ONLY = re.compile(r"^(tf\.function$|tf\.GradientTape$|keras\.ops\.|keras\.random\.|tf\.experimental\.numpy)")


def dialect(calls, scopes=()) -> str | None:
    """``"tf1"``, ``"tf2"`` or None (unknown / mixed) for a file.

    TF1 markers: calls of APIs that exist only in TF 1.x under plain ``tf.`` (``tf.placeholder``,
    ``tf.Session``, ``tf.get_variable``, ``tf.layers.*``, ``tf.losses.*``, ``tf.contrib.*``,
    ``tf.train.*Optimizer`` ...) and ``tf.nn.dropout(keep_prob=...)``. TF2 markers:
    ``tf.function``, ``tf.GradientTape``, ``keras.ops`` / ``keras.random``. ``tf.compat.v1.*`` is
    neither (it exists from TF 1.13 on, when ``tf.nn.dropout``'s second argument was still
    ``keep_prob``). A file with markers of both kinds, or none, is unknown: positional
    ``tf.nn.dropout`` rates are then not read at all.
    """
    tf1 = tf2 = False
    for s in scopes:  # @tf.function is a decorator, not a call
        if any(d and _TF2_ONLY.match(d) for d in s.decorators):
            tf2 = True
    for c in calls:
        q = c.qname
        if not q:
            continue
        if _TF1_ONLY.match(q):
            tf1 = True
        elif _TF2_ONLY.match(q):
            tf2 = True
        if q == "tf.nn.dropout" and "keep_prob" in c.keywords:
            tf1 = True
    if tf1 and not tf2:
        return "tf1"
    if tf2 and not tf1:
        return "tf2"
    return None


# ---- sinks: which argument of which op is the model's output --------------------------------


def sink_arg(kind: str | None) -> tuple[tuple[str, ...], int | None, str] | None:
    """(keywords, positional index, role) of the output argument of a sink op, else None."""
    if not kind:
        return None
    last = kind.rsplit(".", 1)[-1]
    ns = kind[: -len(last) - 1] if "." in kind else ""
    if last in ("softmax", "log_softmax") and ns in (
        "tf.nn",
        "tf.math",
        "tf.compat.v1.nn",
        "tf.compat.v1.math",
        "keras.ops",
        "keras.activations",
        "keras.backend",
        "keras.ops.nn",
    ):
        return ("logits", "x"), 0, "logits"
    if ns in ("tf.nn", "tf.compat.v1.nn", "tf.compat.v1.nn.softmax") and "cross_entropy" in last:
        return ("logits",), 1, "logits"
    if "sequence_loss" in last and ns.startswith(("tf.contrib", "tfa.seq2seq", "tensorflow_addons")):
        return ("logits",), 0, "logits"
    if (
        ns in ("tf.losses", "tf.compat.v1.losses")
        and not last.startswith(("get_", "add_", "compute_"))
        and last[:1].islower()
    ):
        role = "logits" if ("entropy" in last or "hinge" in last) else "predictions"
        return ("logits", "predictions"), 1, role
    if (
        ns in ("keras.losses", "keras.metrics")
        and last[:1].islower()
        and (ns == "keras.losses" or "crossentropy" in last)
    ):
        if last in ("get", "serialize", "deserialize"):
            return None
        return ("y_pred",), 1, "predictions"
    if ns in ("keras.ops", "keras.backend", "keras.ops.nn") and "crossentropy" in last:
        return ("output",), 1, "predictions"
    if last == "EstimatorSpec" and ns.startswith("tf."):
        return ("predictions",), 1, "predictions"
    return None


def _words(name: str) -> list[str]:
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [w for w in name.lower().split("_") if w]


def model_like(fn_name: str) -> bool:
    """A function name that says it builds the whole model (``conv_net``, ``inference``)."""
    words = _words(fn_name)
    if any(w in _NOT_MODEL_TOKENS for w in words):
        return False
    return any(w in _MODEL_TOKENS or (w.endswith("net") and len(w) > 3) for w in words)


def output_name(key: str | None) -> bool:
    if not key:
        return False
    return key.rsplit(".", 1)[-1].lower() in OUTPUT_NAMES


def effective(node: Node) -> Node:
    """Walk back from a value through shape-only ops (reshape, identity, squeeze)."""
    seen = 0
    while node.kind in SHAPE_ONLY and len(node.inputs) >= 1 and seen < 50:
        node = node.inputs[0]
        seen += 1
    return node


class OpFlow:
    """The op-level half of the interpreter; ``Flow`` calls it for ops and tensor expressions."""

    def __init__(self, flow: "Flow") -> None:
        self.flow = flow
        self.fn_stack: list[cst.FunctionDef] = []
        self.class_stack: list[cst.ClassDef] = []
        self._params: dict[tuple[int, str], object] = {}
        self._fn_of_returns: dict[int, tuple[cst.FunctionDef, list]] = {}
        # (node, description, sink call or None) for every value used as the model's output
        self.sinks: list[tuple[Node, str, object]] = []
        # the node a softmax sink's own result is (by id of its call), to see what consumes it
        self._softmax_results: dict[int, Node] = {}
        # (node, function name, returned expression, in a Keras class)
        self.returns: list[tuple[Node, str, cst.BaseExpression, bool]] = []
        self.binds: list[tuple[Node, str, object]] = []

    # ---- values --------------------------------------------------------------------------
    def tensors(self, expr, env: "Env") -> list[Node]:
        """The tensor nodes an argument expression evaluates to (a parameter becomes a source)."""

        v = self.flow.eval(expr, env)
        if v is None and isinstance(expr, cst.Name):
            v = self.param_source(expr.value, env)
        return _tensors(v)

    def param_source(self, name: str, env: "Env"):
        """A parameter of the function being interpreted, used as a tensor: a source node."""

        if not self.fn_stack or name in ("self", "cls"):
            return None
        fn = self.fn_stack[-1]
        params = fn.params
        names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
        if name not in names:
            return None
        key = (id(fn), name)
        if key not in self._params:
            n = Node(kind=PARAM, start=self._pos(fn), end=self._pos(fn))
            self.flow.nodes.append(n)
            self._params[key] = TensorV(n)
            env.vars.setdefault(name, self._params[key])
        return self._params[key]

    def _pos(self, fn):
        from dropout_lint.finding import Pos

        scope = self.flow.node_scope.get(fn)
        return scope.start if scope is not None and scope.start is not None else Pos(1, 1)

    @staticmethod
    def data_arg(call):
        """The data-tensor argument of a known op: a data keyword, else the first positional."""
        for kw in DATA_KEYWORDS:
            if kw in call.keywords:
                return call.keywords[kw].value
        pos = call.positional
        return pos[0].value if pos else None

    def all_inputs(self, call, env: "Env") -> list[Node]:
        out: list[Node] = []
        for a in call.node.args:
            for n in self.tensors(a.value, env):
                if n not in out:
                    out.append(n)
        return out

    # ---- op calls ------------------------------------------------------------------------
    def eval_op(self, call, node: cst.Call, env: "Env"):
        """An op call (``tf.nn.dropout(x)``) or an unknown call: a node, or None."""

        kind = call.kind
        if kind in CONDITIONALS:
            alts = []
            for kw, idx in CONDITIONALS[kind]:
                arg = call.arg(kw, idx)
                if arg is not None:
                    alts.extend(self._called(arg, env))
            for a in node.args:  # the predicate and anything else, for side effects
                self.flow.eval(a.value, env)
            return AltV([TensorV(n) for n in alts]) if alts else None
        is_op = kind is not None and (kind.startswith("tf.") or kind.startswith("keras."))
        known = kind in DROPOUT or kind in BATCHNORM or kind in PASSTHROUGH or kind in IDENTITY_OPS
        if known:
            data = self.data_arg(call)
            inputs = self.tensors(data, env) if data is not None else []
            for a in node.args:  # nested calls in the other arguments still run
                if a.value is not data:
                    self.flow.eval(a.value, env)
        else:
            inputs = self.all_inputs(call, env)
        spec = sink_arg(kind)
        if spec is not None:
            self.sink(call, spec, env)
        if is_op or inputs:
            made = self.flow._node(kind if is_op else None, None, inputs, call=call)
            if spec is not None and spec[2] == "logits" and (kind or "").endswith("softmax"):
                self._softmax_results[id(call)] = made
            return TensorV(made)
        return None

    def _called(self, arg, env: "Env") -> list[Node]:
        """The tensors a function argument (lambda, function name) returns."""

        v = self.flow.eval(arg, env)
        if isinstance(v, FuncV):
            out: list[Node] = []
            for r in v.returns:
                out.extend(_tensors(r))
            return out
        return _tensors(v)

    def sink(self, call, spec, env: "Env", what: str | None = None) -> None:
        keywords, index, role = spec
        arg = None
        for kw in keywords:
            if kw in call.keywords:
                arg = call.keywords[kw].value
                break
        if arg is None and index is not None and len(call.positional) > index:
            arg = call.positional[index].value
        if arg is None or self.flow.dispatch:
            return  # (in an arm a caller picks by name, ``if act == "softmax":``: not shown taken)
        name = what or call.kind or call.func_text or "a loss"
        for n in self.tensors(arg, env):
            self.sinks.append((n, f"the {role} fed to `{name}` (line {call.start.row})", call))

    def loss_object_call(self, spec, call, env: "Env") -> bool:
        """``loss_fn(y, logits)`` where ``loss_fn = keras.losses.SomeLoss(...)``: a sink."""
        q = spec.call.qname or ""
        if not q.startswith("keras.losses."):
            return False
        self.sink(call, (("y_pred",), 1, "predictions"), env, what=spec.kind)
        return True

    # ---- expressions -----------------------------------------------------------------------
    def eval_expr(self, expr, env: "Env"):

        if isinstance(expr, cst.IfExp):
            self.flow.eval(expr.test, env)
            a, b = self.flow.eval(expr.body, env), self.flow.eval(expr.orelse, env)
            ta, tb = _tensors(a), _tensors(b)
            if ta and tb:
                return AltV([TensorV(n) for n in ta + tb])
            if ta or tb:
                return a if ta else b
            return a if a is not None else b
        if isinstance(expr, cst.Lambda):
            lenv = Env(parent=env)
            for p in expr.params.params:
                lenv.vars[p.name.value] = None
            return FuncV(returns=[self.flow.eval(expr.body, lenv)])
        if isinstance(expr, (cst.BinaryOperation, cst.Comparison, cst.BooleanOperation)):
            if isinstance(expr, cst.Comparison):
                parts = [expr.left, *(c.comparator for c in expr.comparisons)]
            else:
                parts = [expr.left, expr.right]
            inputs: list[Node] = []
            for part in parts:
                inputs.extend(self.tensors(part, env))
            if not inputs:
                return None
            return TensorV(_arith(self.flow._node(None, None, inputs)))
        if isinstance(expr, cst.UnaryOperation):
            inputs = self.tensors(expr.expression, env)
            return TensorV(_arith(self.flow._node(None, None, inputs))) if inputs else None
        return None

    def subscript(self, base, expr: cst.Subscript, env: "Env"):
        """``h[:, 0]`` of a tensor: an opaque node fed by it."""

        inputs = _tensors(base)
        for el in expr.slice:
            if isinstance(el.slice, cst.Index):
                self.flow.eval(el.slice.value, env)
        return TensorV(_arith(self.flow._node(None, None, inputs))) if inputs else None

    # ---- functions ---------------------------------------------------------------------------
    def enter_function(self, fn: cst.FunctionDef) -> None:
        self.fn_stack.append(fn)

    def leave_function(self, fenv: "Env | None" = None) -> None:
        fn = self.fn_stack.pop()
        if fenv is not None:
            self._fn_of_returns[id(fenv.returns)] = (fn, fenv.returns)

    def call_function(self, callee, call, env: "Env") -> None:
        """A call of a function of this module: evaluate its arguments, and feed the tensors
        among them to the parameters' source nodes (one summary node per parameter, fed by
        every call site), so data flows from a call site through the function's body."""
        for a in call.node.args:
            v = self.flow.eval(a.value, env)
            target = self._param_for(callee, call, a)
            if target is None:
                continue

            for n in _tensors(v):
                if n is not target and n not in target.inputs:
                    target.inputs.append(n)

    def _param_for(self, callee, call, arg) -> Node | None:
        entry = self._fn_of_returns.get(id(callee.returns))
        if entry is None or entry[1] is not callee.returns or arg.star:
            return None
        fn = entry[0]
        params = fn.params
        names = [p.name.value for p in (*params.posonly_params, *params.params)]
        if names and names[0] in ("self", "cls"):
            names = names[1:]
        if arg.keyword is not None:
            name = arg.keyword.value
        else:
            idx = next((i for i, a in enumerate(call.positional) if a is arg), None)
            if idx is None or idx >= len(names):
                return None
            name = names[idx]
        v = self._params.get((id(fn), name))
        return v.node if isinstance(v, TensorV) else None

    def forget(self, dropped: set) -> None:
        """Nodes (by id) that left the analysis (``control.drop_superseded_runs``) are no outputs."""
        self.sinks = [t for t in self.sinks if id(t[0]) not in dropped]
        self.returns = [t for t in self.returns if id(t[0]) not in dropped]
        self.binds = [t for t in self.binds if id(t[0]) not in dropped]

    def note_return(self, expr, value, in_keras_class: bool) -> None:

        if not self.fn_stack or expr is None:
            return

        if isinstance(value, ListV) and isinstance(expr, cst.Tuple) and value.items:
            value, expr = value.items[0], expr.elements[0].value  # return logits, end_points
        for node in _tensors(value):  # a tensor, or the alternatives of a tf.cond / if-else
            self.returns.append((node, self.fn_stack[-1].name.value, expr, in_keras_class))

    def note_bind(self, key: str, value) -> None:

        if output_name(key):
            for node in _tensors(value):
                self.binds.append((node, key, self.flow._stmt))

    # ---- outputs -------------------------------------------------------------------------------
    def finish(self) -> list[Graph]:
        """Graphs of kind "ops", one per output value; call after consumers are linked."""
        graphs: list[Graph] = []
        seen: set[int] = set()

        def add(node: Node, desc: str, at, by_name: bool = False) -> None:
            out = effective(node)
            if id(out) in seen or out.start is None:
                return
            seen.add(id(out))
            start = at.start if at is not None else out.start
            end = at.end if at is not None else out.end
            g = Graph(
                "ops", start, end, name=desc, outputs=[out], call=at if hasattr(at, "node") else None, by_name=by_name
            )
            graphs.append(g)

        for node, desc, call in self.sinks:
            made = self._softmax_results.get(id(call))
            if made is not None and _weights_other_values(made):
                continue  # attention: the softmax weights values (``matmul(softmax(s), v)``), no output
            add(node, desc, call)
        # A function called in this module hands its result to its callers; only one nobody
        # calls here (a model function used from elsewhere) has its return value as the output.
        called = {c.func_text.rsplit(".", 1)[-1] for c in self.flow.callmap.values() if c.func_text}
        for node, fn_name, expr, in_keras_class in self.returns:
            if (
                effective(node).kind not in DROPOUT
                or node.outputs
                or in_keras_class
                or fn_name in ("call", "__call__", "build", "__init__")
            ):
                continue
            if fn_name in called:
                continue
            returned = expr.value if isinstance(expr, cst.Name) else None
            if model_like(fn_name) or output_name(returned):
                add(node, f"the output `{fn_name}()` returns", None, by_name=True)
        for node, key, _stmt in self.binds:
            if effective(node).kind in DROPOUT and not node.outputs:
                add(node, f"the output bound to `{key}`", None, by_name=True)
        return graphs


# Ops that mix their inputs by weights: a softmax fed to one of them is attention, not an output.
_WEIGHTING_OPS = ("matmul", "einsum", "batch_dot", "tensordot", "batch_matmul")


def _weights_other_values(node: Node, depth: int = 0) -> bool:
    """The softmax result ``node`` is consumed, directly or through dropout / pass-through ops
    (up to three), by a weighting op (``tf.matmul(alignment, value)``, ``tf.einsum``)."""
    for out in node.outputs:
        last = (out.kind or "").rsplit(".", 1)[-1]
        if last in _WEIGHTING_OPS:
            return True
        through = out.kind in DROPOUT or out.kind in PASSTHROUGH or out.kind in IDENTITY_OPS
        if through and depth < 3 and _weights_other_values(out, depth + 1):
            return True
    return False


def _arith(node: Node) -> Node:
    node.arith = True
    return node
