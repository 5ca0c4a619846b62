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

MODEL_CLASSES = frozenset({"Model", "Sequential", "Functional"})

# Tokens of a name that mark deliberate Monte-Carlo / Bayesian sampling.
_MC_TOKENS = frozenset({"mc", "monte", "carlo", "montecarlo", "mcdropout", "uncertainty", "bayes", "bayesian",
                        "stochastic", "sample", "samples", "sampling", "mcd"})

_TRAINING_WORD = re.compile(r"train(?!able)|learning_phase", re.I)


# ---- names -------------------------------------------------------------------------------
def tokens(name: str) -> list[str]:
    """``predict_MC2`` -> ['predict', 'mc']; camelCase is split too."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [re.sub(r"\d+$", "", t).lower() for t in re.split(r"[_.\W]+", name) if t]


def looks_monte_carlo(name: str) -> bool:
    toks = tokens(name)
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


def qualify(ctx, dotted_name: str | None) -> str:
    if not dotted_name:
        return ""
    try:
        return ctx.facts.names.qualify_dotted(dotted_name) or dotted_name
    except Exception:  # noqa: BLE001 - odd names
        return dotted_name


# ---- classes -------------------------------------------------------------------------------
def class_scopes(ctx) -> dict:
    cache = getattr(ctx.facts, "_dl3_classes", None)
    if cache is None:
        cache = {}
        for s in ctx.facts.scopes:
            if s.kind == "class":
                cache.setdefault(s.name, []).append(s)
        ctx.facts._dl3_classes = cache
    return cache


def base_kind(ctx, base: str, seen: set) -> str | None:
    """'model', 'layer', 'local-unknown', 'foreign' or None for one canonical base name."""
    if not base:
        return None
    last = base.rsplit(".", 1)[-1]
    local = class_scopes(ctx).get(base) or (class_scopes(ctx).get(last) if base.startswith("keras.layers.") else None)
    if local:
        for cls in local:
            if id(cls) in seen:
                continue
            k = class_kind(ctx, cls, seen)
            if k:
                return k
        return None
    if base == "keras" or not base.startswith("keras."):
        return "foreign"
    if last in MODEL_CLASSES:
        return "model"
    if last == "Layer" or base.startswith("keras.layers."):
        return "layer"
    return None


def class_kind(ctx, cls, seen: set | None = None) -> str | None:
    """'model' for a Keras Model subclass, 'layer' for a Layer subclass, else None."""
    if cls is None or cls.kind != "class":
        return None
    seen = set(seen or ())
    seen.add(id(cls))
    kinds = [base_kind(ctx, b, seen) for b in cls.bases]
    if "model" in kinds:
        return "model"
    if "layer" in kinds:
        return "layer"
    return None


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
    """child node -> parent node for the whole module (built once per file, on demand)."""
    cache = getattr(ctx.facts, "_dl3_parents", None)
    if cache is None:
        import libcst as cst

        cache = {}

        class _P(cst.CSTVisitor):
            def __init__(self) -> None:
                super().__init__()
                self.stack: list = []

            def on_visit(self, node) -> bool:
                if self.stack:
                    cache[node] = self.stack[-1]
                self.stack.append(node)
                return True

            def on_leave(self, original_node) -> None:
                self.stack.pop()

        ctx.facts.module.visit(_P())
        ctx.facts._dl3_parents = cache
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
        if isinstance(right, cst.Name) and right.value == "True" and mentions_training(test.left):
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


def in_sampling_loop(call) -> bool:
    inputs = call_inputs(call)
    return any(is_sampling_loop(loop, inputs) for loop in call.loops)


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
