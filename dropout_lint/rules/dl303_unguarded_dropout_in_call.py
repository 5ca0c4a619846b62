from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules import _training as T
from dropout_lint.rules._common import names_read

DROPOUT_OPS = frozenset({"tf.nn.dropout", "tf.compat.v1.nn.dropout", "keras.random.dropout", "keras.backend.dropout"})
# Calls that choose a branch by a flag: a dropout inside one of their arguments is guarded
# when the call reads the training flag.
COND_CALLS = frozenset({"cond", "smart_cond", "switch", "where", "case", "select"})
# Calls that are a guard by themselves (they read the learning phase).
PHASE_CALLS = frozenset({"in_train_phase"})
CALL_METHODS = frozenset({"call", "__call__"})


class UnguardedDropoutInCall(Rule):
    """A dropout op in a layer's `call()` that ignores the `training` argument.

    ## What it does
    Finds `tf.nn.dropout`, `keras.random.dropout`, `tf.compat.v1.nn.dropout` (and
    `keras.backend.dropout`) in the `call()` of a Keras `Layer` or `Model` subclass (through
    aliases, `keras` / `tf.keras` / `tf_keras` paths and local subclasses of subclasses) when
    the op is not guarded by the training flag. Guards are: `if training:` (or any `if` /
    conditional expression whose test reads the flag), an earlier `if not training: return ...`,
    `x if training else y`, `tf.cond(training, ...)`, `keras.ops.cond`, `smart_cond`,
    `K.in_train_phase`, a rate that depends on the flag, and a nested function only called under
    such a guard. Classes named for Monte-Carlo dropout (`MCDropout`, `BayesianDense`) drop on
    purpose and are skipped.

    ## Why is this bad?
    Unlike the `Dropout` layer, the dropout *ops* know nothing about training or inference: they
    always drop. Inside `call()` they keep zeroing units when the model predicts, so
    `model.predict()` returns a random thinned network's output and evaluation metrics are
    worse than the model really is.

    ## Example
    ```python
    class Block(keras.layers.Layer):
        def call(self, x, training=None):
            return tf.nn.dropout(self.dense(x), rate=0.3)
    ```

    ## Use instead
    ```python
    class Block(keras.layers.Layer):
        def call(self, x, training=None):
            h = self.dense(x)
            if training:
                h = tf.nn.dropout(h, rate=0.3)
            return h
    ```
    or use a `keras.layers.Dropout` sub-layer and pass `training=training` to it.

    ## When it stays silent
    - The dropout is guarded by `training` (an `if`, `tf.cond`, `smart_cond`, `K.in_train_phase`,
      a rate that depends on the flag, an early `return` / `raise`), or it is not in a Keras
      Layer / Model subclass's `call()`; test code (see `test-code-ignore`).
    - The rate comes from what `call()` is given (`x, switch = inputs` then
      `tf.nn.dropout(x, rate=self.rate * switch)`): the caller turns it on and off, as
      deliberately as a training flag (dropout kept for uncertainty estimates).

    ## Fix
    None: whether to guard with `if training:` or switch to a `Dropout` sub-layer is a design
    choice left to you.

    ## References
    - The Keras guide "Making new layers and models via subclassing" (the `training` argument).
    """

    code = "DL303"
    name = "unguarded-dropout-in-call"
    severity = "warning"
    requires = ("dropout",)

    valid = [
        # premise "nothing switches it": the caller does, through an input of call()
        _ex("""
            import tensorflow as tf
            from tensorflow import keras
            class SwitchedDropout(keras.layers.Layer):
                def __init__(self, rate):
                    super().__init__()
                    self.rate = rate
                def call(self, inputs):
                    x, switch = inputs
                    return tf.nn.dropout(x, rate=self.rate * switch)
        """),
        # the op's value is bound to a name that only the phase switch's training arm reads
        _ex("""
            import tensorflow as tf
            from keras import backend as K
            from keras.layers import Layer
            class LayerDrop(Layer):
                def call(self, inputs, training=None):
                    x, residual = inputs
                    x_train = tf.nn.dropout(x, 0.1) + residual
                    return K.in_train_phase(x_train, x + residual, training=training)
        """),
        # the tutorial's CustomDenseWithDropout: guarded by `if training:`
        _ex("""
            import tensorflow as tf
            class CustomDenseWithDropout(tf.keras.layers.Layer):
                def call(self, inputs, training=None):
                    x = tf.matmul(inputs, self.w) + self.b
                    if training:
                        x = tf.nn.dropout(x, rate=self.rate)
                    return x
        """),
        _ex("""
            import tensorflow as tf
            class L(tf.keras.layers.Layer):
                def call(self, x, training=False):
                    if not training:
                        return x
                    return tf.nn.dropout(x, 0.5)
        """),
        _ex("""
            import keras
            class L(keras.Layer):
                def call(self, x, training=False):
                    return keras.random.dropout(x, 0.2) if training else x
        """),
        _ex("""
            import tensorflow as tf
            class L(tf.keras.layers.Layer):
                def call(self, x, training=None):
                    return tf.cond(training, lambda: tf.nn.dropout(x, 0.5), lambda: x)
        """),
        _ex("""
            import keras
            from keras import ops
            class L(keras.layers.Layer):
                def call(self, x, training=False):
                    def dropped():
                        return keras.random.dropout(x, 0.1)
                    return ops.cond(training, dropped, lambda: x)
        """),
        # outside a layer's call(): not this rule's business
        _ex("""
            import tensorflow as tf
            def forward(x):
                return tf.nn.dropout(x, 0.5)
        """),
        _ex("""
            import tensorflow as tf
            class Helper:
                def call(self, x):
                    return tf.nn.dropout(x, 0.5)
        """),
        # a Monte-Carlo dropout layer drops on purpose
        _ex("""
            import tensorflow as tf
            class MCDropout(tf.keras.layers.Layer):
                def call(self, x):
                    return tf.nn.dropout(x, 0.5)
        """),
        # the rate depends on the flag
        _ex("""
            import tensorflow as tf
            class L(tf.keras.layers.Layer):
                def call(self, x, training=False):
                    return tf.nn.dropout(x, rate=self.rate if training else 0.0)
        """),
        _ex("""
            from tensorflow.keras import backend as K
            import tensorflow as tf
            class L(tf.keras.layers.Layer):
                def call(self, x, training=None):
                    return K.in_train_phase(lambda: tf.nn.dropout(x, 0.5), x, training=training)
        """),
        _ex("""
            import tensorflow as tf
            class L(tf.keras.layers.Layer):
                def call(self, x, training=None):
                    if training is None or training is False:
                        return x
                    return tf.nn.dropout(x, 0.5)
        """),
    ]
    invalid = [
        # the bound value is also read outside the phase switch
        Invalid(
            _ex("""
                import tensorflow as tf
                from keras import backend as K
                from keras.layers import Layer
                class Noisy(Layer):
                    def call(self, x, training=None):
                        dropped = tf.nn.dropout(x, 0.1)
                        out = K.in_train_phase(dropped, x, training=training)
                        return out + dropped
            """),
            line=6,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                class Block(tf.keras.layers.Layer):
                    def call(self, x, training=None):
                        return tf.nn.dropout(x, rate=0.3)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                from keras import layers, random
                class Noisy(layers.Layer):
                    def call(self, inputs):
                        return random.dropout(inputs, 0.1)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                import tf_keras
                class M(tf_keras.Model):
                    def call(self, x):
                        h = self.d1(x)
                        h = tf.compat.v1.nn.dropout(h, rate=0.5)
                        return self.d2(h)
            """),
            line=5,
        ),
        # a subclass of a subclass defined in this file, the Layer imported under an alias
        Invalid(
            _ex("""
                from tensorflow.keras.layers import Layer as KLayer
                import tensorflow as tf
                class Base(KLayer):
                    pass
                class Child(Base):
                    def call(self, x, training=None):
                        return tf.nn.dropout(x, 0.2)
            """),
            line=7,
        ),
        # guarded by something else than the training flag
        Invalid(
            _ex("""
                import tensorflow as tf
                class L(tf.keras.layers.Layer):
                    def call(self, x, training=None):
                        if self.rate > 0:
                            x = tf.nn.dropout(x, self.rate)
                        return x
            """),
            line=5,
        ),
        # the op in the inference branch
        Invalid(
            _ex("""
                import tensorflow as tf
                class L(tf.keras.layers.Layer):
                    def call(self, x, training=None):
                        if not training:
                            x = tf.nn.dropout(x, 0.5)
                        return x
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                layers = tf.keras.layers
                class Drop(layers.Dense):
                    def call(self, x):
                        return tf.nn.dropout(super().call(x), 0.4)
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                from tensorflow.keras import Model
                from tensorflow.nn import dropout
                class Net(Model):
                    def call(self, x, training=False):
                        x = self.dense(x)
                        x = dropout(x, 0.5)
                        if not training:
                            return x
                        return x
            """),
            line=6,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                class L(tf.keras.layers.Layer):
                    def call(self, x, training=None):
                        def noisy(v):
                            return tf.nn.dropout(v, 0.5)
                        return noisy(x)
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                from keras import backend as K
                import keras
                class L(keras.layers.Layer):
                    def call(self, x):
                        return K.dropout(x, 0.5)
            """),
            line=5,
        ),
    ]

    def check(self, ctx) -> None:
        for call in ctx.calls:
            if call.kind not in DROPOUT_OPS:
                continue
            method = _call_method(ctx, call.scope)
            if method is None:
                continue
            cls = method.parent
            if T.looks_monte_carlo(cls.name):
                continue
            if _guarded(ctx, call, method, set()):
                continue
            if _rate_from_inputs(call, method):
                continue  # ``dropout(x, self.rate * switch)`` with ``x, switch = inputs``: the caller switches it
            op = call.func_text or call.kind
            params = [p for p in method.param_order if p != "self"]
            flag = next((p for p in params if "train" in p.lower()), None)
            how = (
                f"guard it with `if {flag}:`"
                if flag
                else "add a `training=None` argument to call() and guard it with `if training:`"
            )
            ctx.report(
                call,
                f"`{op}` in `{cls.name}.call()` is not guarded by the training flag: it keeps dropping "
                f"at inference; {how} or use a keras.layers.Dropout sub-layer",
                data={"class": cls.name},
            )


def _rate_from_inputs(call, method) -> bool:
    """The op's rate (or keep probability) is computed from what ``call()`` is given
    (``tf.nn.dropout(x, rate=self.rate * inputs[1])``, or through a name bound from the inputs):
    the caller decides when it drops, as deliberately as a training flag would."""
    from dropout_lint.kinds import RATE_PARAMS

    params = {p for p in method.param_order[1:] if "train" not in p.lower()}
    exprs = [call.arg(kw, None) for kw, _ in RATE_PARAMS.get(call.kind, ())]
    exprs += [a.value for a in call.positional[1:2]]
    for e in exprs:
        if e is None:
            continue
        names = set(names_read(e))
        if names & params:
            return True
        if names & _bound_from(method, params):
            return True
    return False


def _bound_from(method, params: set[str]) -> set[str]:
    """Names ``call()`` binds from its inputs: ``x, switch = inputs`` / ``s = inputs[1]``."""
    import libcst as cst

    out: set[str] = set()
    stack = list(method.node.body.children) if method.node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, cst.Assign) and set(names_read(n.value)) & params:
            for t in n.targets:
                out.update(names_read(t.target))
        elif not isinstance(n, (cst.FunctionDef, cst.ClassDef)):
            stack.extend(n.children)
    return out


def _call_method(ctx, scope):
    """The ``call()`` method of a Layer / Model subclass around ``scope``."""
    for s in scope.chain():
        if s.kind == "function" and s.name in CALL_METHODS and s.parent is not None and s.parent.kind == "class":
            cls = s.parent
            if T.class_kind(ctx, cls):
                return s
            if T.has_foreign_base(ctx, cls) and any("train" in p.lower() for p in s.params):
                return s  # a project's own layer base class, with Keras' training argument
            return None
    return None


def _guarded(ctx, call, method, seen: set) -> bool:
    import libcst as cst

    if id(call) in seen:
        return False
    seen.add(id(call))
    # 1. the op's own arguments read the flag (rate=r if training else 0)
    if any(T.mentions_training(a.value) for a in call.node.args):
        return True
    # 2. an enclosing `if` / conditional expression on the flag
    for test, branch in call.ifs:
        if T.mentions_training(test):
            neg = T.negated_training(test)
            if (branch == "body") != neg:
                return True
    fn = call.scope.function()
    # 3. an enclosing cond(training, ...) / in_train_phase(...)
    for anc in T.ancestors(ctx, call.node, stop=fn.node if fn is not None else None):
        if isinstance(anc, cst.Call):
            last = _last_name(anc.func)
            if last in PHASE_CALLS:
                return True
            if last in COND_CALLS and any(T.mentions_training(a.value) for a in anc.args):
                return True
    # 4. an earlier `if not training: return` in the function
    if fn is not None and _early_return(ctx, fn, call):
        return True
    # 5. its value, bound to a name, is the training arm of in_train_phase / cond(training, ...)
    if fn is not None and _bound_into_a_guard(ctx, call, fn):
        return True
    # 6. a nested function, only used under a guard
    if fn is not None and fn is not method:
        uses = [c for c in ctx.calls if c.func_text == fn.name and method in c.scope.chain()]
        conds = [
            c
            for c in ctx.calls
            if method in c.scope.chain()
            and _last_name(c.node.func) in COND_CALLS | PHASE_CALLS
            and any(fn.name in T.names_in(a.value) for a in c.node.args)
        ]
        for c in conds:
            if _last_name(c.node.func) in PHASE_CALLS or any(T.mentions_training(a.value) for a in c.node.args):
                return True
        if uses and all(_guarded(ctx, c, method, seen) for c in uses):
            return True
    return False


def _bound_into_a_guard(ctx, call, fn) -> bool:
    """``x_train = tf.nn.dropout(x, r) + residual`` then ``K.in_train_phase(x_train, x_test,
    training=training)``: every read of the name the op's value is bound to is the training arm
    of a phase switch, or an argument of a ``cond`` on the flag, in the same function."""
    import libcst as cst

    stmt = next((a for a in T.ancestors(ctx, call.node, stop=fn.node) if isinstance(a, cst.Assign)), None)
    if stmt is None or len(stmt.targets) != 1 or not isinstance(stmt.targets[0].target, cst.Name):
        return False
    target = stmt.targets[0].target
    name = target.value

    def guard(node) -> bool:
        if not isinstance(node, cst.Call):
            return False
        last = _last_name(node.func)
        args = [a for a in node.args if a.keyword is None]
        if last in PHASE_CALLS:
            return bool(args) and name in T.names_in(args[0].value)
        return last in COND_CALLS and any(T.mentions_training(a.value) for a in node.args)

    reads = []

    class _Reads(cst.CSTVisitor):
        def visit_Name(self, n) -> None:
            if n.value == name and n is not target:
                reads.append(n)

    fn.node.body.visit(_Reads())
    return bool(reads) and all(any(guard(a) for a in T.ancestors(ctx, r, stop=fn.node)) for r in reads)


def _last_name(func) -> str:
    from dropout_lint.analysis.names import dotted

    d = dotted(func)
    return d.rsplit(".", 1)[-1] if d else ""


def _early_return(ctx, fn, call) -> bool:
    """``if not training: return x`` (or ``raise``) at the top of ``fn``'s body, before the op."""
    import libcst as cst

    row = call.start.row
    body = fn.node.body.body if isinstance(fn.node.body, cst.IndentedBlock) else []
    for stmt in body:
        start, _ = T.span(ctx, stmt)
        if start.row >= row:
            break
        if isinstance(stmt, cst.If) and T.negated_training(stmt.test) and _ends_in_exit(stmt.body):
            return True
    return False


def _ends_in_exit(block) -> bool:
    import libcst as cst

    stmts = block.body if isinstance(block, cst.IndentedBlock) else [block]
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return any(isinstance(s, (cst.Return, cst.Raise)) for s in last.body)
    if isinstance(block, cst.SimpleStatementSuite):
        return any(isinstance(s, (cst.Return, cst.Raise)) for s in block.body)
    return False
