"""Does a model read the training flag? Three answers: yes (shown), no (shown), unknown.

DL302's premise "the model contains a layer that reads `training`" is established here and
nowhere else. A model reads the flag when the code shows one of its layers does: a layer of the
Dropout family, batch normalisation, a noise or random-augmentation layer, a recurrent or
attention layer built with a non-zero `dropout=`, a Keras application that contains batch
normalisation, or a custom layer / model of the file whose `call()` branches on `training` or
that builds one of those. A model class the file imports from a module of its own project
(``from model import Ranker``) is read in that module (``analysis/project_modules.py``: found on
disk next to the file, parsed, not run; one level). Anything else the file does not show (a
builder we cannot see into, a package's class) makes the answer unknown, never yes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dropout_lint.kinds import BATCHNORM, DROPOUT
from dropout_lint.rules import _training as T
from dropout_lint.rules._common import call_not_taken, is_literal_true

# Keras layers whose output depends on the training flag (beyond the Dropout family and BN).
FLAG_LAYERS = frozenset(
    {
        "GaussianNoise",
        "GaussianDropout",
        "AlphaDropout",
        "RandomFlip",
        "RandomRotation",
        "RandomZoom",
        "RandomTranslation",
        "RandomCrop",
        "RandomContrast",
        "RandomBrightness",
        "RandomHeight",
        "RandomWidth",
        "RandomGrayscale",
        "RandomHue",
        "RandomSaturation",
        "RandomColorJitter",
        "RandomErasing",
        "RandomGaussianBlur",
        "RandomPerspective",
        "RandomSharpness",
        "RandomShear",
        "RandomPosterization",
        "RandomInvert",
        "RandomColorDegeneration",
        "RandomElasticTransform",
        "MixUp",
        "CutMix",
        "AugMix",
        "RandAugment",
    }
)
# Layers that read the flag only when built with a non-zero dropout argument.
_DROPOUT_ARGS = ("dropout", "recurrent_dropout", "attention_dropout")
# keras.applications families built with BatchNormalization.
BN_APPLICATIONS = ("ResNet", "MobileNet", "EfficientNet", "Inception", "Xception", "DenseNet", "NASNet", "RegNet")

YES, NO, UNKNOWN = "yes", "no", "unknown"


@dataclass(eq=False)
class Foreign:
    """A class defined in another module of the project, with the context of that module."""

    ctx: Any
    cls: Any
    path: str


def foreign_class(ctx, dotted_name: str) -> Foreign | None:
    """The class ``dotted_name`` (``Ranker``, ``nets.Ranker``) names in this file, when the file
    imports it from a module of its own project that can be read; else None. Never from a module
    read this way (one level: its own imports are not followed)."""
    from dropout_lint.analysis import project_modules as PM

    if ctx.foreign or not PM.asks(ctx.unit.text):
        return None
    if dotted_name.split(".")[0] in ctx.facts.names.local:
        return None  # bound in this file (a def, a class, an assignment), not the import
    where = PM.imported_name(ctx.facts.module, dotted_name)
    if where is None:
        return None
    level, module, name = where
    path = PM.module_file(ctx.filename, level, module)
    if path is None:
        return None
    loaded = PM.load(path)
    if loaded is None:
        return None
    from dropout_lint.engine import Context

    facts, unit = loaded
    cls = next(
        (s for s in facts.scopes if s.kind == "class" and s.name == name and s.parent is facts.module_scope), None
    )
    if cls is None:
        return None
    fctx = Context(facts, unit, path, ctx.options)
    fctx.foreign = True
    return Foreign(fctx, cls, path)


def default_trains(ctx, origin) -> bool:
    """``call_default_trains`` for any origin ``callee_answers`` gives (a class of this file or of
    another module)."""
    from dropout_lint.analysis.facts import Scope

    if isinstance(origin, Foreign):
        return call_default_trains(origin.ctx, origin.cls)
    return isinstance(origin, Scope) and call_default_trains(ctx, origin)


def layer_reads_flag(ctx, call) -> str:
    """For one layer constructor call (a ``CallFact``)."""
    kind = call.kind or ""
    if kind in DROPOUT or kind in BATCHNORM or kind in FLAG_LAYERS:
        return YES
    for key in _DROPOUT_ARGS:
        if key in call.keywords:
            v = ctx.const(call.keywords[key].value, call.scope)
            if v is ctx.UNKNOWN:
                return UNKNOWN
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
                return YES
    if (call.qname or "").startswith("keras.applications") and kind.startswith(BN_APPLICATIONS):
        return YES
    if kind in T.MODE_FREE_LAYERS or T._spec_mode_free(call):
        return NO
    return UNKNOWN


def graph_reads_flag(ctx, graph, seen: set | None = None) -> str:
    """Sequential / functional graphs: any layer that reads the flag, else no when every layer is
    known to ignore it (``T.graph_mode_free``), else unknown."""
    seen = seen if seen is not None else set()
    if id(graph) in seen:
        return NO
    seen.add(id(graph))
    if graph.kind == "subclass" and graph.scope is not None and graph.scope.kind == "class":
        return class_reads_flag(ctx, graph.scope, seen)
    answers = []
    for n in graph.nodes:
        if n.call is not None and "training" in n.call.keywords and n.spec is not None:
            continue  # ``base(x, training=True)``: its mode is wired in, not the caller's
        if n.sub is not None:
            answers.append(graph_reads_flag(ctx, n.sub, seen))
        elif n.spec is not None:
            answers.append(layer_reads_flag(ctx, n.spec.call))
    if YES in answers:
        return YES
    return NO if T.graph_mode_free(ctx, graph) else UNKNOWN


def class_reads_flag(ctx, cls, seen: set | None = None) -> str:
    """A Keras Layer / Model subclass of the file."""
    seen = seen if seen is not None else set()
    key = ("class", id(cls))
    if key in seen:
        return NO
    seen.add(key)
    answers = []
    for base in cls.bases:
        for local in T.class_scopes(ctx).get(base, []) or T.class_scopes(ctx).get(base.rsplit(".", 1)[-1], []):
            answers.append(class_reads_flag(ctx, local, seen))
    for c in ctx.calls:
        if cls not in c.scope.chain():
            continue
        if c.kind and c.kind[:1].isupper() and layer_reads_flag(ctx, c) == YES:
            if call_not_taken(ctx, c, defaults=True):
                # ``if use_batchnorm: self.bn = BatchNormalization()`` with the knob off at every
                # construction the file shows (or its default off and none shown): not built
                answers.append(UNKNOWN)
                continue
            return YES  # a layer built in the class (ops such as tf.nn.dropout read no flag)
        last = (c.func_text or "").rsplit(".", 1)[-1]
        for local in T.class_scopes(ctx).get(last, []):
            if local is not cls and T.class_kind(ctx, local) is not None:
                answers.append(class_reads_flag(ctx, local, seen))
    call = _call_method(ctx, cls)
    if call is not None and "training" in call.params and _branches_on_flag(ctx, call):
        return YES
    if YES in answers:
        return YES
    return NO if T.class_mode_free(ctx, cls) else UNKNOWN


def _call_method(ctx, cls):
    return next((s for s in ctx.facts.scopes if s.kind == "function" and s.parent is cls and s.name == "call"), None)


def _branches_on_flag(ctx, fn) -> bool:
    """``call()`` tests its ``training`` argument (``if training:``, ``tf.cond(training, ...)``,
    ``smart_cond``, ``K.in_train_phase``) around something random: noise, a dropout op, a random
    draw. A test that only picks a route (``if training: x, y = data`` to return the loss too)
    changes no output at random, so it alone is not reading the flag in this module's sense."""
    return any(_random_calls(n) for n in _flag_tests(fn.node))


def _flag_tests(node) -> list:
    import libcst as cst

    from dropout_lint.analysis.names import dotted

    out: list[cst.CSTNode] = []
    for n in _walk(node):
        if isinstance(n, (cst.If, cst.IfExp)) and "training" in T.names_in(n.test):
            out.append(n)
        elif isinstance(n, cst.Call) and n.args and "training" in T.names_in(n.args[0].value):
            if (dotted(n.func) or "").rsplit(".", 1)[-1] in ("cond", "smart_cond", "in_train_phase", "where"):
                out.append(n)
    return out


# A call draws at random or drops units: a ``random`` module (``tf.random.normal``,
# ``np.random.rand``) or one of these words in its own name (``tf.nn.dropout``, ``add_noise``).
_RANDOM_WORDS = frozenset({"dropout", "noise", "uniform", "normal", "bernoulli", "multinomial", "shuffle", "sample"})


def _random_calls(node) -> bool:
    import libcst as cst

    from dropout_lint.analysis.names import dotted

    for n in _walk(node):
        if isinstance(n, cst.Call):
            parts = (dotted(n.func) or "").lower().split(".")
            if "random" in parts[:-1] or _RANDOM_WORDS & set(parts[-1].split("_")) or "random" in parts[-1]:
                return True
    return False


def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)


def call_default_trains(ctx, cls) -> bool:
    """``def call(self, x, training=True)``: calling the model without the flag already trains."""
    call = _call_method(ctx, cls)
    if call is None or "training" not in call.params:
        return False
    default = call.params["training"].default
    return default is not None and is_literal_true(default)


# ---- what a call's callee is ----------------------------------------------------------------
def callee_answers(ctx, call) -> list:
    """(reads-flag answer or 'not-keras', graph or class) for every object the call may see."""
    from dropout_lint.analysis.facts import CallFact, Graph

    out: list = []
    for kind, obj in _origins(ctx, call):
        if isinstance(obj, Graph):
            out.append((graph_reads_flag(ctx, obj), obj))
        elif isinstance(obj, CallFact):
            out.append((layer_reads_flag(ctx, obj), obj))
        elif isinstance(obj, Foreign):
            if T.class_kind(obj.ctx, obj.cls) is None:
                out.append((UNKNOWN if T.has_foreign_base(obj.ctx, obj.cls) else "not-keras", obj))
            else:
                out.append((class_reads_flag(obj.ctx, obj.cls), obj))
        elif T.class_kind(ctx, obj) is None:
            out.append((UNKNOWN if kind == "keras" else "not-keras", obj))
        else:
            out.append((class_reads_flag(ctx, obj), obj))
    return out


def _origins(ctx, call) -> list:
    """What the called object is, as far as this file tells: a list of (kind, what) with kind
    'keras' (a model that may use the flag), 'mode-free' (a Keras model whose every layer
    ignores the flag) or 'not-keras' (an instance of a local non-Keras class)."""
    import libcst as cst

    text = call.func_text
    parts = text.split(".")
    if text == "self":
        _, cls = T.method_of(call.scope)
        return [_class_origin(ctx, cls)] if cls is not None else []
    values: list = []
    graphs: list = []
    if parts[0] == "self" and len(parts) == 2:
        _, cls = T.method_of(call.scope)
        if cls is not None:
            for v in cls.assigns.get(text, []):
                init = next(
                    (s for s in ctx.facts.scopes if s.kind == "function" and s.parent is cls and s.name == "__init__"),
                    None,
                )
                if isinstance(v, cst.Name) and init is not None and v.value in init.params:
                    followed = T.param_origins(ctx, init, v.value)
                    if not followed:
                        return []
                    values.extend(followed)
                else:
                    values.append(v)
        graphs = [g for g in ctx.graphs if g.name == text and g.kind in ("sequential", "functional")]
    elif len(parts) == 1:
        name = text
        graphs = [g for g in ctx.graphs if g.name == name and g.kind in ("sequential", "functional")]
        for s in call.scope.chain():
            if s.kind == "function" and name in s.params:
                values = T.param_origins(ctx, s, name) or []
                if not values:
                    return []
                graphs = []  # what the call sites pass, not every model bound to that name
                break
            if name in s.assigns:
                values = list(s.assigns[name])
                if s is call.scope:
                    values = T.reaching(ctx, values, call)
                    graphs = [g for g in graphs if any(g.call is not None and g.call.node is v for v in values)]
                elif s.kind == "module":
                    # A global used in a function: in a notebook or script the model bound last
                    # before the function is defined (all of them when none is).
                    top = next((f for f in reversed(call.scope.chain()) if f.kind == "function"), None)
                    if top is not None and top.start is not None:
                        values = T.reaching(ctx, values, top)
                        graphs = [g for g in graphs if any(g.call is not None and g.call.node is v for v in values)]
                break
    else:
        return []
    out = [("mode-free" if T.graph_mode_free(ctx, g) else "keras", g) for g in graphs]
    for v in values:
        if not isinstance(v, cst.Call):
            if isinstance(v, cst.Name):
                continue
            return []
        from dropout_lint.analysis.names import dotted

        d = dotted(v.func) or ""
        last = d.rsplit(".", 1)[-1]
        locals_ = T.class_scopes(ctx).get(last)
        if locals_:
            out.extend(_class_origin(ctx, c) for c in locals_)
            continue
        built = [
            g
            for g in ctx.graphs
            if g.kind in ("sequential", "functional")
            and g.scope is not None
            and any(s.kind == "function" and s.name == last for s in g.scope.chain())
        ]
        if built:
            out.extend(("mode-free" if T.graph_mode_free(ctx, g) else "keras", g) for g in built)
            continue
        fact = T.call_fact(ctx, v)
        if fact is not None and (fact.qname or "").startswith("keras.applications."):
            out.append(("keras", fact))  # a Keras application: its architecture is known
            continue
        graph = next((g for g in ctx.graphs if g.call is not None and g.call.node is v), None)
        if graph is not None:
            out.append(("mode-free" if T.graph_mode_free(ctx, graph) else "keras", graph))
            continue
        foreign = foreign_class(ctx, d) if d else None
        if foreign is not None:
            out.append(("keras", foreign))  # a class of another module of the project: read there
            continue
        return []  # something we cannot see into
    return out


def _class_origin(ctx, cls):
    if T.class_kind(ctx, cls) is None:
        return ("keras" if T.has_foreign_base(ctx, cls) else "not-keras", cls)
    return ("mode-free" if T.class_mode_free(ctx, cls) else "keras", cls)
