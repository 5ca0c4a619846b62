"""Helpers shared by the training/inference-mode rules (DL301-DL306).

Nothing here imports libcst at import time (rule modules are imported by the CLI before any
parse); the functions that walk syntax import it lazily.

- ``class_kind``: is a class a Keras Model or Layer subclass (through imports, aliases, the
  ``keras`` / ``tf.keras`` / ``tf_keras`` paths and local subclasses of subclasses)?
- ``mentions_training``: does an expression read the training flag?
- ``parents``: a lazily built child -> parent map of the module (for ancestors of a call).
- ``is_sampling_loop``: is a loop one that draws several samples of the same input?
- ``model_callee``: is a call a call of a model (for DL302)?
"""

from __future__ import annotations

import fnmatch
import re

from dropout_lint import kinds as KC
from dropout_lint.rules._common import is_literal_true

MODEL_CLASSES = KC.MODEL_CLASSES

# Tokens of a name that mark deliberate Monte-Carlo / Bayesian sampling.
_MC_TOKENS = frozenset(
    {
        "mc",
        "monte",
        "carlo",
        "montecarlo",
        "mcdropout",
        "uncertainty",
        "bayes",
        "bayesian",
        "stochastic",
        "sample",
        "samples",
        "sampling",
        "mcd",
        "always",
        "permanent",
    }
)

_TRAINING_WORD = re.compile(r"train(?!able)|learning_phase", re.I)


# ---- names -------------------------------------------------------------------------------
def tokens(name: str) -> list[str]:
    """``predict_MC2`` -> ['predict', 'mc']; camelCase is split too."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [re.sub(r"\d+$", "", t).lower() for t in re.split(r"[_.\W]+", name) if t]


def looks_monte_carlo(name: str) -> bool:
    """``mc_predict``, ``predict_with_uncertainty``, ``MCDropout``, ``AlwaysOnDropout``,
    ``TestTimeDropout``: names that say the dropout at inference is deliberate."""
    toks = tokens(name)
    if "test" in toks and "time" in toks:
        return True
    return any(t in _MC_TOKENS or t.startswith("mcdropout") for t in toks)


def word_suffixes(name: str) -> list[str]:
    """``wrong_prediction`` -> ['wrong_prediction', 'prediction']; camelCase counts as words."""
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    words = [w for w in snake.split("_") if w]
    return ["_".join(words[i:]) for i in range(len(words))]


def matches_any(name: str, patterns, anywhere: bool = False) -> bool:
    """Shell-style match of the name (lower-cased, leading underscores ignored) or, with
    ``anywhere``, of any part of it that starts at a word (``predict*`` ~ ``wrong_prediction``)."""
    cands = word_suffixes(name)
    if not cands:
        return False
    if not anywhere:
        cands = cands[:1]
    pats = [p.lower() for p in patterns]
    return any(fnmatch.fnmatchcase(c, p) for c in cands for p in pats)


def classify_name(name: str, inference, training) -> str | None:
    """'training' / 'inference' / None: the first word of the name from which a pattern matches
    decides (``train_and_evaluate`` trains, ``wrong_prediction`` predicts); at the same word a
    training pattern wins (``eval_train_step`` trains)."""
    inf = [p.lower() for p in inference]
    tr = [p.lower() for p in training]
    for c in word_suffixes(name):
        if any(fnmatch.fnmatchcase(c, p) for p in tr):
            return "training"
        if any(fnmatch.fnmatchcase(c, p) for p in inf):
            return "inference"
    return None


def qualify(ctx, dotted_name: str | None, scope=None) -> str:
    """Canonical name of ``dotted_name`` as read in ``scope`` (default: the module)."""
    if not dotted_name:
        return ""
    try:
        return ctx.facts.names.qualify_dotted(dotted_name, scope) or dotted_name
    except Exception:  # noqa: BLE001 - odd names
        return dotted_name


# ---- classes -------------------------------------------------------------------------------
def class_scopes(ctx) -> dict:
    cache = getattr(ctx.facts, "_dl3_classes", None)
    if cache is None:
        cache = ctx.facts._dl3_classes = KC.classes_by_name(ctx.facts.scopes)
    return cache


def class_kind(ctx, cls) -> str | None:
    """'model' for a Keras Model subclass, 'layer' for a Layer subclass, else None
    (``analysis/keras_classes.py`` decides)."""
    return KC.class_kind(cls, class_scopes(ctx))


def has_foreign_base(ctx, cls) -> bool:
    """A base class imported from a module we cannot see (a project's own BaseLayer)."""
    names = ctx.facts.names
    for b in cls.bases:
        if not b or b in class_scopes(ctx):
            continue
        head = b.split(".")[0]
        if head in ("object", "ABC", "abc", "Generic", "Protocol", "torch", "nn") or b.startswith(("torch.", "tf.")):
            continue
        if head in names.aliases or not b.startswith("keras."):
            return True
    return False


def method_of(scope):
    """(function scope, class scope) of the innermost method around ``scope``, else (None, None)."""
    for s in scope.chain():
        if s.kind == "function" and s.parent is not None and s.parent.kind == "class":
            return s, s.parent
    return None, None


# ---- syntax helpers ------------------------------------------------------------------------
def parents(ctx) -> dict:
    """child node -> parent node for the whole module (built once per file, on demand; whitespace
    and punctuation tokens left out)."""
    cache = getattr(ctx.facts, "_dl3_parents", None)
    if cache is None:
        from dropout_lint.analysis.fastwalk import parents as parent_map

        cache = ctx.facts._dl3_parents = parent_map(ctx.facts.module)
    return cache


def ancestors(ctx, node, stop=None):
    par = parents(ctx)
    n = par.get(node)
    while n is not None and n is not stop:
        yield n
        n = par.get(n)


def names_in(node) -> set[str]:
    """Every simple name read in an expression (attributes give their head name)."""
    import libcst as cst

    out: set[str] = set()

    class _N(cst.CSTVisitor):
        def visit_Name(self, n) -> None:
            out.add(n.value)

    if node is not None:
        node.visit(_N())
    return out


def mentions_training(node) -> bool:
    """Does an expression read a training flag (``training``, ``self.is_training``,
    ``mode == ModeKeys.TRAIN``, ``K.learning_phase()``)? ``trainable`` does not count."""
    import libcst as cst

    found = []

    class _T(cst.CSTVisitor):
        def visit_Name(self, n) -> None:
            if _TRAINING_WORD.search(n.value):
                found.append(n)

        def visit_Attribute(self, n) -> None:
            if _TRAINING_WORD.search(n.attr.value):
                found.append(n)

        def visit_SimpleString(self, n) -> None:
            try:
                v = n.evaluated_value
            except Exception:  # noqa: BLE001
                return
            if isinstance(v, str) and v.lower() in ("train", "training"):
                found.append(n)

    if node is not None:
        node.visit(_T())
    return bool(found)


def negated_training(test) -> bool:
    """``not training``, ``training is False``, ``training == False``, ``not self.training``."""
    import libcst as cst

    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return mentions_training(test.expression)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        comp = test.comparisons[0]
        right = comp.comparator
        if isinstance(right, cst.Name) and right.value in ("False", "None") and mentions_training(test.left):
            return isinstance(comp.operator, (cst.Is, cst.Equal))
        if is_literal_true(right) and mentions_training(test.left):
            return isinstance(comp.operator, (cst.IsNot, cst.NotEqual))
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return negated_training(test.left) or negated_training(test.right)
    return False


def loop_targets(loop) -> set[str] | None:
    """Names bound by a loop (None for a while loop, which binds nothing)."""
    import libcst as cst

    if isinstance(loop, cst.For):
        return names_in(loop.target)
    if isinstance(loop, cst.While):
        return None
    out: set[str] = set()
    f = getattr(loop, "for_in", None)
    while f is not None:
        out |= names_in(f.target)
        f = f.inner_for_in
    return out


def call_inputs(call) -> set[str]:
    """Names read by the arguments of a call, the training flag aside."""
    out: set[str] = set()
    for a in call.node.args:
        if a.keyword is not None and a.keyword.value == "training":
            continue
        out |= names_in(a.value)
    return out


def is_sampling_loop(loop, inputs: set[str]) -> bool:
    """A loop that feeds the same input again on every turn: ``for _ in range(T)``,
    ``[model(x, training=True) for _ in range(30)]``, ``while i < T``. A loop over batches
    (``for x, y in dataset: model(x, ...)``) reads its own variable and does not count."""
    targets = loop_targets(loop)
    if targets is None:
        return True
    return not (targets & inputs)


# Arguments that hand over new data on every call (``predict_step(iterator)`` in
# ``for _ in range(steps)``): a loop feeding them is a loop over batches, not over samples.
_DATA_SOURCE = re.compile(
    r"(^|_)(iter|iterator|it|dataset|ds|loader|dataloader|batches|generator|gen|queue|stream)(_|$)|iter$", re.I
)


def in_sampling_loop(call) -> bool:
    """The innermost loop around ``call`` draws several samples of the same input. Only the
    innermost one counts: ``for epoch in range(n): for x in ds: model(x, training=True)`` goes
    over batches, and ``for x in ds: for _ in range(30): model(x, training=True)`` samples."""
    if not call.loops:
        return False
    inputs = call_inputs(call)
    if any(_DATA_SOURCE.search(n) for n in inputs):
        return False
    return is_sampling_loop(call.loops[-1], inputs)


def function_text(ctx, fn) -> str:
    if fn is None or fn.node is None:
        return ""
    cache = getattr(ctx.facts, "_dl3_text", None)
    if cache is None:
        cache = ctx.facts._dl3_text = {}
    key = id(fn.node)
    if key not in cache:
        cache[key] = ctx.code(fn.node)
    return cache[key]


# ---- position helpers ----------------------------------------------------------------------
def span(ctx, node):
    from dropout_lint.finding import Pos

    rng = ctx.facts.positions[node]
    return Pos(rng.start.line, rng.start.column + 1), Pos(rng.end.line, rng.end.column + 1)


# ---- what a model is made of ---------------------------------------------------------------
# Keras layers whose output does not depend on the training flag (when built without a
# ``dropout=`` / ``recurrent_dropout=`` argument).
MODE_FREE_LAYERS = frozenset(
    {
        "Dense",
        "EinsumDense",
        "Conv1D",
        "Conv2D",
        "Conv3D",
        "Conv1DTranspose",
        "Conv2DTranspose",
        "Conv3DTranspose",
        "SeparableConv1D",
        "SeparableConv2D",
        "DepthwiseConv1D",
        "DepthwiseConv2D",
        "Convolution1D",
        "Convolution2D",
        "Convolution3D",
        "Flatten",
        "Reshape",
        "Permute",
        "RepeatVector",
        "Activation",
        "ReLU",
        "LeakyReLU",
        "PReLU",
        "ELU",
        "Softmax",
        "ThresholdedReLU",
        "MaxPooling1D",
        "MaxPooling2D",
        "MaxPooling3D",
        "MaxPool1D",
        "MaxPool2D",
        "MaxPool3D",
        "AveragePooling1D",
        "AveragePooling2D",
        "AveragePooling3D",
        "AvgPool1D",
        "AvgPool2D",
        "AvgPool3D",
        "GlobalAveragePooling1D",
        "GlobalAveragePooling2D",
        "GlobalAveragePooling3D",
        "GlobalMaxPooling1D",
        "GlobalMaxPooling2D",
        "GlobalMaxPooling3D",
        "GlobalAvgPool1D",
        "GlobalAvgPool2D",
        "GlobalMaxPool1D",
        "GlobalMaxPool2D",
        "Embedding",
        "Input",
        "InputLayer",
        "Concatenate",
        "Add",
        "Subtract",
        "Multiply",
        "Average",
        "Maximum",
        "Minimum",
        "Dot",
        "LayerNormalization",
        "UnitNormalization",
        "ZeroPadding1D",
        "ZeroPadding2D",
        "ZeroPadding3D",
        "Cropping1D",
        "Cropping2D",
        "Cropping3D",
        "UpSampling1D",
        "UpSampling2D",
        "UpSampling3D",
        "Masking",
        "Rescaling",
        "LSTM",
        "GRU",
        "SimpleRNN",
        "CuDNNLSTM",
        "CuDNNGRU",
        "Bidirectional",
        "TimeDistributed",
        "ConvLSTM1D",
        "ConvLSTM2D",
        "ConvLSTM3D",
        "Identity",
    }
)
_DROPOUT_KWARGS = ("dropout", "recurrent_dropout", "rate")
_NOT_LAYERS = tuple(
    f"keras.{m}."
    for m in (
        "optimizers",
        "losses",
        "metrics",
        "initializers",
        "regularizers",
        "constraints",
        "callbacks",
        "schedules",
        "utils",
        "backend",
        "random",
        "ops",
        "activations",
        "config",
        "mixed_precision",
    )
)


def _spec_mode_free(call) -> bool:
    if call is not None and call.kind == "Lambda":
        return _lambda_mode_free(call)
    if call is None or call.kind not in MODE_FREE_LAYERS:
        return False
    for k, a in call.keywords.items():
        if k in _DROPOUT_KWARGS:
            return False
    return True


def _lambda_mode_free(call) -> bool:
    """``Lambda(lambda x: x - ops.mean(x))``: an inline expression that draws no randomness and
    never reads the training flag (a named function could do anything)."""
    import libcst as cst

    fn = call.arg("function", 0)
    if not isinstance(fn, cst.Lambda):
        return False
    text = cst.Module([]).code_for_node(fn.body).lower()
    return not any(w in text for w in ("dropout", "training", "learning_phase", "random", "noise"))


def graph_mode_free(ctx, graph, seen: set | None = None) -> bool:
    """True when every layer of a model graph is known and none depends on the training flag."""
    seen = seen if seen is not None else set()
    if id(graph) in seen:
        return True
    seen.add(id(graph))
    if not graph.nodes:
        return False
    for n in graph.nodes:
        if n.sub is not None:
            if not graph_mode_free(ctx, n.sub, seen):
                return False
            continue
        if n.kind in ("Input", "InputLayer") or _is_input_item(ctx, n):
            continue
        if n.spec is None and (n.arith or _math_op(n)):
            continue  # ``adv - K.max(adv)``: tensor arithmetic ignores the flag
        if n.spec is None or not _spec_mode_free(n.spec.call):
            return False
    return True


_MATH_NAMESPACES = ("keras.backend.", "keras.ops.", "tf.math.", "tf.linalg.", "tf.")
_MODE_WORDS = ("dropout", "random", "noise", "phase", "training", "normalization", "batch_norm")


def _math_op(n) -> bool:
    """A TensorFlow / Keras math op applied to tensors (``K.max``, ``tf.reduce_mean``)."""
    k = n.kind or ""
    return n.call is not None and k.startswith(_MATH_NAMESPACES) and not any(w in k.lower() for w in _MODE_WORDS)


def call_fact(ctx, node):
    cache = getattr(ctx.facts, "_dl3_callmap", None)
    if cache is None:
        cache = ctx.facts._dl3_callmap = {id(c.node): c for c in ctx.calls}
    return cache.get(id(node))


def _is_input_item(ctx, n) -> bool:
    """``keras.Input(...)`` as the first item of a Sequential list."""
    c = n.container
    if not c or c[0] != "list" or len(c) < 3 or c[2] is None:
        return False
    fact = call_fact(ctx, getattr(c[2], "value", None))
    return fact is not None and fact.kind in ("Input", "InputLayer")


def class_mode_free(ctx, cls, seen: set | None = None) -> bool:
    """True when a Keras subclass builds only layers that ignore the training flag and calls no
    dropout op, no unknown class and no other model."""
    from dropout_lint.kinds import DROPOUT, BATCHNORM

    seen = seen if seen is not None else set()
    if id(cls) in seen:
        return True
    seen.add(id(cls))
    for b in cls.bases:
        for local in class_scopes(ctx).get(b, []):
            if not class_mode_free(ctx, local, seen):
                return False
    built = 0
    for c in ctx.calls:
        if cls not in c.scope.chain():
            continue
        if c.kind in DROPOUT or c.kind in BATCHNORM:
            return False
        parts = (c.func_text or "").split(".")
        if len(parts) == 2 and parts[0] == "self":
            # calling an attribute: it must be a layer built here (checked below) or a method
            values = cls.assigns.get(c.func_text)
            if values is None:
                if not any(s.kind == "function" and s.parent is cls and s.name == parts[1] for s in ctx.facts.scopes):
                    return False
            else:
                import libcst as cst

                if not all(isinstance(v, cst.Call) for v in values):
                    return False
        if (c.qname or "").startswith(_NOT_LAYERS):
            continue
        if c.kind and c.kind[:1].isupper():
            if not _spec_mode_free(c):
                return False
            built += 1
            continue
        if (c.qname or "").startswith("tf."):
            continue  # a TensorFlow class or op (GradientTape, Variable, matmul)
        last = (c.func_text or "").rsplit(".", 1)[-1]
        if last[:1].isupper():
            locals_ = class_scopes(ctx).get(last)
            if not locals_ or not all(class_mode_free(ctx, s, seen) for s in locals_):
                return False
        if (c.qname or "").startswith("keras.applications"):
            return False
    has_call = any(
        s.kind == "function" and s.parent is cls and s.name in ("call", "__call__") for s in ctx.facts.scopes
    )
    return built > 0 or has_call


def reaching(ctx, values, call):
    """In straight-line code (a script, a notebook) the last binding before the call is the one
    it sees."""
    before = []
    for v in values:
        if v is None or isinstance(v, tuple):
            return values
        try:
            start, _ = span(ctx, v)
        except KeyError:
            return values
        if start < call.start:
            before.append((start, v))
    return [max(before, key=lambda p: p[0])[1]] if before else values


def _sites_of_this_definition(ctx, fn, sites: list) -> list:
    """A function defined twice under one name (a notebook redefining ``play_one_step`` in a later
    cell): the calls written between this definition and the next one are this one's."""
    if fn.start is None:
        return sites
    defs = sorted(
        s.start.row
        for s in ctx.facts.scopes
        if s.kind == "function" and s.name == fn.name and s.parent is fn.parent and s.start is not None
    )
    if len(defs) < 2:
        return sites
    later = [r for r in defs if r > fn.start.row]
    end = later[0] if later else None
    first = fn.start.row == defs[0]
    return [c for c in sites if (end is None or c.start.row < end) and (first or c.start.row >= fn.start.row)]


def param_origins(ctx, fn, name: str, depth: int = 0) -> list | None:
    """The expressions passed for parameter ``name`` of ``fn`` at its call sites in this module,
    followed through simple name bindings and further parameters (None when unknown)."""
    import libcst as cst

    if depth > 3 or name not in fn.param_order:
        return None
    index = fn.param_order.index(name)
    if fn.parent is not None and fn.parent.kind == "class" and fn.param_order and fn.param_order[0] == "self":
        index -= 1
    if fn.name == "__init__" and fn.parent is not None and fn.parent.kind == "class":
        cname = fn.parent.name
        sites = [c for c in ctx.calls if c.func_text.rsplit(".", 1)[-1] == cname]
    else:
        sites = [c for c in ctx.calls if c.func_text in (fn.name, "self." + fn.name)]
    sites = _sites_of_this_definition(ctx, fn, sites)
    if not sites:
        return None
    out: list = []
    for c in sites:
        expr = c.arg(name, index)
        if expr is None:
            return None
        if isinstance(expr, cst.Name):
            found = None
            for s in c.scope.chain():
                if s.kind == "function" and expr.value in s.params:
                    found = param_origins(ctx, s, expr.value, depth + 1)
                    break
                if expr.value in s.assigns:
                    found = list(s.assigns[expr.value])
                    if s is c.scope:
                        found = reaching(ctx, found, c)
                    break
            if not found:
                return None
            out.extend(found)
        else:
            out.append(expr)
    return out
