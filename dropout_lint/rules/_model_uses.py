"""What the file does with a model kept on an instance: only trains it, or may run it for results.

A GAN's discriminator (`self.discriminator = self.build_discriminator()`) is compiled, trained
with `train_on_batch`, and applied inside the combined model that trains the generator, which is
itself only trained. Nothing ever predicts with it, so a finding about what happens "at
inference" (DL102's variance shift) never reaches a result. This module shows that from the
code, or says nothing: every use of the attribute in the file must be one of the training uses
below, the method that builds it must be called only to set that attribute, and some use must
train it. Anything else (`predict`, `evaluate`, `save`, passing it to a function, reading it
from outside the instance, returning it) leaves the finding as it was.
"""

from __future__ import annotations

from dropout_lint.rules import _training as T
from dropout_lint.rules._common import names_read

# Methods that train or configure a model and never give its predictions to the caller.
TRAINING_METHODS = frozenset({"compile", "fit", "fit_generator", "train_on_batch", "summary", "count_params"})
TRAINS = frozenset({"fit", "fit_generator", "train_on_batch"})
# Functions a model may be handed to without being run on data.
SHOWS = frozenset({"plot_model", "print", "len", "str", "repr", "id", "type"})
_MAX_DEPTH = 3


def only_trained(ctx, node) -> bool:
    """The Dropout's model is built by a method whose every call sets one instance attribute,
    and every use of that attribute in the file trains it (see the module docstring)."""
    parents = T.parents(ctx)
    for fn in _builders(ctx, node):
        attrs = _set_by_calls_of(ctx, fn.name, parents)
        if attrs:
            return all(_trained_only(ctx, a, parents, 0, set()) for a in attrs)
    return False


def _builders(ctx, node) -> list:
    """The methods (not ``__init__`` / ``call``) that build the graphs holding ``node``, and the
    graphs those are parts of, innermost first."""
    graphs = [g for g in ctx.graphs if any(n is node for n in g.nodes)]
    seen: set[int] = set()
    out: list = []
    while graphs:
        g = graphs.pop(0)
        if id(g) in seen:
            continue
        seen.add(id(g))
        fn = g.call.scope.function() if g.call is not None else None
        if (
            fn is not None
            and fn.parent is not None
            and fn.parent.kind == "class"
            and fn.name not in ("__init__", "call", "__call__")
            and fn not in out
        ):
            out.append(fn)
        if g.is_submodel:
            graphs.extend(p for p in ctx.graphs if any(n.sub is g for n in p.nodes))
    return out


def _set_by_calls_of(ctx, method: str, parents) -> list[str]:
    """The attributes ``A`` of every ``self.A = self.method(...)``; empty when the method is
    called in any other way (or its name is used as a value)."""
    import libcst as cst

    attrs: list[str] = []
    for n in _attribute_uses(ctx, method):
        call = parents.get(n)
        stmt = parents.get(call) if call is not None else None
        target = stmt.targets[0].target if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1 else None
        if (
            not isinstance(call, cst.Call)
            or call.func is not n
            or not _on_self(n)
            or not isinstance(target, cst.Attribute)
            or not _on_self(target)
        ):
            return []
        attrs.append(target.attr.value)
    return attrs


def _trained_only(ctx, attr: str, parents, depth: int, seen: set[str]) -> bool:
    import libcst as cst

    if attr in seen:
        return True
    seen.add(attr)
    trains = False
    for n in _attribute_uses(ctx, attr):
        if not _on_self(n):
            return False  # read from outside the instance: anything may be done with it
        up = parents.get(n)
        if isinstance(up, (cst.AssignTarget, cst.Comparison, cst.ComparisonTarget)):
            continue  # ``self.d = ...`` / ``if self.d is not None``
        if isinstance(up, cst.Arg) and up.value is n:
            shown = parents.get(up)
            if isinstance(shown, cst.Call) and ctx.code(shown.func).rsplit(".", 1)[-1] in SHOWS:
                continue  # ``plot_model(self.combined, ...)``
            return False
        if isinstance(up, cst.Attribute) and up.value is n:
            use = parents.get(up)
            if isinstance(use, cst.AssignTarget) and up.attr.value == "trainable":
                continue
            if isinstance(use, cst.Call) and use.func is up and up.attr.value in TRAINING_METHODS:
                trains = trains or up.attr.value in TRAINS
                continue
            return False
        if isinstance(up, cst.Call) and up.func is n and depth < _MAX_DEPTH:
            # ``validity = self.d(img)`` feeding ``self.combined = Model(z, validity)``
            owner = _model_fed_by(ctx, up, parents)
            if owner is not None and _trained_only(ctx, owner, parents, depth + 1, seen):
                continue
        return False
    return trains or depth > 0


def _model_fed_by(ctx, call, parents) -> str | None:
    """``out = self.d(img)`` (or ``a, b = self.d(img)``) in a method that sets
    ``self.B = Model(..., out)`` from those names: B."""
    import libcst as cst

    stmt = parents.get(call)
    if not isinstance(stmt, cst.Assign) or stmt.value is not call:
        return None
    names = {n for t in stmt.targets for n in names_read(t.target)}
    fn = _enclosing_def(stmt, parents)
    if fn is None or not names:
        return None
    found: str | None = None
    for s in _assigns_in(ctx, fn):
        t = s.targets[0].target if len(s.targets) == 1 else None
        if (
            isinstance(t, cst.Attribute)
            and _on_self(t)
            and isinstance(s.value, cst.Call)
            and ctx.code(s.value.func).rsplit(".", 1)[-1] == "Model"
            and names & {n for a in s.value.args for n in names_read(a.value)}
        ):
            if found is not None:
                return None
            found = t.attr.value
    return found


def _attribute_uses(ctx, attr: str) -> list:
    import libcst as cst

    return [n for n in T.parents(ctx) if isinstance(n, cst.Attribute) and n.attr.value == attr]


def _assigns_in(ctx, fn) -> list:
    """The assignments written in ``fn`` itself (not in functions nested in it)."""
    import libcst as cst

    par = T.parents(ctx)
    out = []
    for n in par:
        if isinstance(n, cst.Assign) and _enclosing_def(n, par) is fn:
            out.append(n)
    return out


def _enclosing_def(n, parents):
    """The innermost ``def`` around ``n``, or None."""
    import libcst as cst

    up = parents.get(n)
    while up is not None and not isinstance(up, cst.FunctionDef):
        up = parents.get(up)
    return up


def _on_self(n) -> bool:
    import libcst as cst

    return isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self"
