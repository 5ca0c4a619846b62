"""Helpers shared by rules (no libcst import at module level)."""

from __future__ import annotations

from dropout_lint.kinds import RATE_PARAMS, TF1_POSITIONAL_KEEP_PROB


def is_literal_true(expr) -> bool:
    """The literal ``True`` (a name or a parameter holding it is a switch, not a literal)."""
    import libcst as cst

    return isinstance(expr, cst.Name) and expr.value == "True"


def rate_arg(ctx, call, keyword, index):
    """The expression passed as ``keyword`` (or at ``index``), or None.

    ``tf.nn.dropout(x, 0.3)``: the second positional is ``keep_prob`` in TF1 and ``rate`` in TF2,
    so it is read as a rate only in a file whose dialect is known to be TF2.
    """
    expr = call.arg(keyword, None)
    if expr is not None or index is None:
        return expr
    if TF1_POSITIONAL_KEEP_PROB.get(call.kind) == index and getattr(ctx.facts, "dialect", None) != "tf2":
        return None
    return call.arg(None, index)


def rate_sites(ctx, kinds=None):
    """Yield (call, keyword, expression, resolved values or None) for every rate argument."""
    for call in ctx.calls:
        if call.kind not in RATE_PARAMS or (kinds is not None and call.kind not in kinds):
            continue
        for keyword, index in RATE_PARAMS[call.kind]:
            expr = rate_arg(ctx, call, keyword, index)
            if expr is None:
                continue
            values = ctx.number(expr, call.scope)
            if values:
                values = reachable_values(call, expr, values)
            yield call, keyword, expr, values


def reachable_values(call, expr, values):
    """Drop the values of ``expr`` under which an ``if`` around ``call`` skips it.

    ``if dropout_rate: x = Dropout(dropout_rate)(x)`` never builds a Dropout at rate 0, even when
    a call site passes 0; ``if rate > 0.0`` likewise. Only tests on the rate's own name (with
    literals, comparisons, ``not``/``and``/``or``) are read; any other test keeps every value.
    """
    from dropout_lint.analysis.names import dotted

    name = dotted(expr)
    if name is None or not call.ifs:
        return values
    out = []
    for r in values:
        ok = True
        for test, branch in call.ifs:
            truth = _truth(test, name, r.value)
            if truth is not None and truth != (branch == "body"):
                ok = False
                break
        if ok:
            out.append(r)
    return out


def first_use(ctx, prefixes: tuple[str, ...]) -> str | None:
    """The first decorator (``@tf.function``) or called name (``keras.ops.ones``) of the file
    that starts with one of ``prefixes``: what a version-dependent rule takes as a sign of the
    TensorFlow / Keras the file is written for."""
    for scope in ctx.facts.scopes:  # ``@tf.function`` is a decorator, not a call
        for d in scope.decorators:
            if d and d.startswith(prefixes):
                return "@" + d
    for call in ctx.calls:
        if (call.qname or "").startswith(prefixes):
            return call.qname
    return None


def chosen_by_loop_data(later, earlier) -> bool:
    """``later`` was made in an arm of an ``if`` that tests a loop's target
    (``for c in sequence: if c == "d": x = dropout(x) elif c == "n": x = norm(x)``), in a run of
    that arm that did not make ``earlier``: whether ``earlier`` feeds ``later`` directly depends on
    the order of what the loop runs over, which the code does not show."""
    return bool(later.arms) and later.arms[0] not in earlier.arms


def knob_off(ctx, node) -> bool:
    """The layer exists (or drops anything) only when a knob is turned on, and nothing in the file
    turns it on: ``def block(x, dropout_rate=0.0): ... if dropout_rate: x = Dropout(dropout_rate)(x)``
    (or ``Dropout(dropout_rate)`` itself) where no call site in the file passes a rate, up every
    function that forwards the knob. The code does not show the layer at work, so a finding about
    what it does (DL101, DL102, DL103) is not shown either. A test of ``training`` and the
    parameters of ``call()`` are Keras', not knobs: their defaults decide nothing."""
    return branch_not_taken(ctx, node, defaults=True) or node_rate(ctx, node, defaults=True) == 0


def _keras_set(call, test) -> bool:
    """The test reads a value Keras sets (``training``, a ``call()`` parameter)."""
    fn = call.scope.function() if call.scope is not None else None
    if fn is not None and fn.name in ("call", "__call__"):
        return True
    return any("train" in n.lower() for n in names_read(test, attributes=True))


def names_read(expr, attributes: bool = False) -> list[str]:
    """The names ``expr`` reads; with ``attributes``, also the attribute names of dotted reads
    (``self.is_training`` gives ``self`` and ``is_training``), else none of a dotted read's."""
    import libcst as cst

    out: list[str] = []
    stack = [expr]
    while stack:
        n = stack.pop()
        if isinstance(n, cst.Name):
            out.append(n.value)
        elif attributes or not isinstance(n, cst.Attribute):
            stack.extend(n.children)
    return out


def feeds(node, other) -> bool:
    """Does ``node``'s value reach ``other`` through ``other``'s inputs (DL101: ``include_top=False``
    skips the head that follows the Dropout; DL103: an ``if`` skips the layer between two)?"""
    seen: set = set()
    stack = list(other.inputs)
    while stack:
        n = stack.pop()
        if n is node:
            return True
        if id(n) in seen:
            continue
        seen.add(id(n))
        stack.extend(n.inputs)
    return False


def not_in_last_iteration(ctx, node) -> bool:
    """The Dropout is applied in a ``for`` loop only when the loop's variable is not its last value
    (``if i < n - 1:`` / ``i != n - 1`` / the ``else`` of ``if i == n - 1:`` over ``range(n)``;
    ``x = Dropout(r)(x) if i < 3 else x`` over ``[1, 2, 3]``), and the loop body applies a layer
    outside that ``if``: in the last iteration that layer follows the previous iteration's
    Dropout, so the Dropout's value never leaves the loop."""
    import libcst as cst

    from dropout_lint.analysis.constants import literal

    call = node.spec.call if node.spec is not None else node.call
    if call is None:
        return False
    for test, branch in call.ifs:
        for loop in reversed(call.loops):
            if not isinstance(loop, cst.For) or not isinstance(loop.target, cst.Name):
                continue
            i, it = loop.target.value, loop.iter
            skips_last = None
            last = _last_value(it, literal)
            if last is not None:
                t = _truth(test, i, last)
                skips_last = t is not None and t != (branch == "body")
            elif isinstance(it, cst.Call) and ctx.code(it.func) == "range" and len(it.args) in (1, 2):
                n = _squash(ctx.code(it.args[-1].value))
                t = _squash(ctx.code(test))
                not_last = {f"{i}<{n}-1", f"{i}!={n}-1", f"{i}+1<{n}", f"{i}<({n}-1)", f"{i}+1!={n}"}
                at_last = {f"{i}=={n}-1", f"{i}+1=={n}", f"{i}>={n}-1", f"{n}-1=={i}"}
                skips_last = (branch == "body" and t in not_last) or (branch == "orelse" and t in at_last)
            if skips_last:
                return any(
                    other.call is not None
                    and other.call is not call
                    and loop in other.call.loops
                    and all(tt is not test for tt, _ in other.call.ifs)
                    for other in ctx.nodes
                )
    return False


def _last_value(it, literal):
    """The last value of a literal ``[1, 2, 3]`` / ``(a, b)`` of numbers or strings, or of
    ``range(k)`` / ``range(a, b)`` with literal bounds; else None."""
    import libcst as cst

    if isinstance(it, (cst.List, cst.Tuple)) and it.elements:
        v = literal(it.elements[-1].value)
        return v if isinstance(v, (int, float, str)) and not isinstance(v, bool) else None
    if (
        isinstance(it, cst.Call)
        and isinstance(it.func, cst.Name)
        and it.func.value == "range"
        and len(it.args) in (1, 2)
    ):
        bounds = [literal(a.value) for a in it.args]
        if all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
            lo, hi = (0, bounds[0]) if len(bounds) == 1 else bounds
            return hi - 1 if hi > lo else None
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def branch_not_taken(ctx, node, defaults: bool = False) -> bool:
    """An ``if`` around the node's layer whose test is known everywhere the code runs and sends
    control past it: ``if use_dropout: x = Dropout(0.1)(x)`` in a helper whose every call site
    in the file leaves ``use_dropout`` False (also ``if rate is not None:`` when every call site
    passes None). A layer the code never builds is not a finding. A default with no call site
    in the file (a knob set elsewhere, ``call(training=None)`` that Keras sets) decides nothing
    here; with ``defaults`` (``knob_off``) a knob's default decides, a test of ``training`` not."""
    calls = [c for c in (getattr(node.spec, "call", None), node.call) if c is not None]
    return any(call_not_taken(ctx, call, defaults) for call in calls)


def call_not_taken(ctx, call, defaults: bool = False) -> bool:
    """``branch_not_taken`` for one call (a ``CallFact``): an ``if`` around it that the code
    decides against it wherever it runs (with ``defaults``, a knob's default decides)."""
    for test, branch in call.ifs:
        name, values = _test_values(ctx, test, call.scope)
        if not values or any(r.from_default for r in values) and (not defaults or _keras_set(call, test)):
            continue
        truths = [bool(r.value) if name is None else _truth(test, name, r.value) for r in values]
        if all(_plain(r.value) for r in values) and all(t is not None and t != (branch == "body") for t in truths):
            return True
    return False


def undecided_ifs(ctx, node) -> frozenset:
    """The ``if`` tests around the node's layer that the code does not decide (a setting, a
    config entry, a knob's default), each with the branch the layer is in. Two layers with
    different sets are switched on by different settings: the code shows neither combination."""
    out = set()
    calls = [c for c in (getattr(node.spec, "call", None), node.call) if c is not None]
    for call in calls:
        for test, branch in call.ifs:
            name, values = _test_values(ctx, test, call.scope)
            if values and not any(r.from_default for r in values) and all(_plain(r.value) for r in values):
                truths = [bool(r.value) if name is None else _truth(test, name, r.value) for r in values]
                if all(t is not None and t == (branch == "body") for t in truths):
                    continue  # decided: the layer is built wherever the code runs
            # the same test written twice in one function is one setting
            # (``if inp_q is not None:`` before and after a loop)
            out.add((ctx.code(test), id(call.scope), branch))
    return frozenset(out)


def caller_picks(ctx, node) -> bool:
    """The layer is the one layer of an arm of a type dispatcher whose caller picks the arm:
    ``def get_layer(x, state): if state.kind == "dense": return Dense(...)(x) ... elif state.kind
    == "dropout": return Dropout(state.rate)(x)``, the tested value unknown here. Its input was
    made outside that arm, so what sits at that place in the model is whatever the caller asks
    for; the code does not show a Dropout there. (A whole model built in one arm, ``if arch ==
    "mlp": x = Dense(...)(inp); x = Dropout(...)(x)``, is not this: the arm shows its layers.)"""
    from dropout_lint.analysis.control import string_dispatch

    call = node.spec.call if node.spec is not None else node.call
    if call is None:
        return False
    for test, branch in call.ifs:
        if branch != "body" or not string_dispatch(test):
            continue
        _, values = _test_values(ctx, test, call.scope)
        if values and not any(r.from_default for r in values):
            continue  # decided by the code (branch_not_taken / the flow say which arm runs)
        made_here = False
        for i in node.inputs:
            icall = i.spec.call if i.spec is not None else i.call
            # earlier in the same arm (a later statement, or the layer itself, is another run of it)
            if icall is not None and any(t is test for t, _ in icall.ifs) and _before(icall, call):
                made_here = True
        if not made_here:
            return True
    return False


def _before(a, b) -> bool:
    return a.start is not None and b.start is not None and (a.start.row, a.start.column) < (b.start.row, b.start.column)


def switched_apart(ctx, a, b) -> bool:
    """Each of the two layers is built under an undecided setting the other is not under
    (``if cfg["a"]: A`` ... ``if cfg["b"]: B``): the pair exists only in a combination of
    settings the code does not show. One under a setting and the other always built (or both
    under the same one) are not apart: whenever the first exists, the second does too."""
    x, y = undecided_ifs(ctx, a), undecided_ifs(ctx, b)
    return not (x <= y or y <= x)


def _test_values(ctx, test, scope):
    """(None, values of ``test``), or for a test over one name (``rate is not None``,
    ``mode == "full"``) that the resolver cannot read whole: (the name, its values)."""
    import libcst as cst

    values = ctx.resolve(test, scope)
    if values or not isinstance(test, (cst.Comparison, cst.UnaryOperation, cst.BooleanOperation)):
        return None, values
    names: dict[str, cst.Name] = {}

    class _Names(cst.CSTVisitor):
        def visit_Attribute(self, node) -> bool:
            return False  # ``cfg.rate``: not a plain name

        def visit_Name(self, node) -> None:
            if node.value not in ("None", "True", "False"):
                names.setdefault(node.value, node)

    test.visit(_Names())
    if len(names) != 1:
        return None, []
    ((name, node),) = names.items()
    return name, ctx.resolve(node, scope)


def _plain(v) -> bool:
    return v is None or isinstance(v, (bool, int, float, str))


def _truth(test, name, value):
    """The truth of ``test`` when ``name`` is ``value``, or None when it depends on anything else."""
    from dropout_lint.analysis import truth
    from dropout_lint.analysis.names import dotted

    return truth.truth(test, lambda e: value if dotted(e) == name else truth.UNKNOWN)


def fmt_rate(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def describe(values) -> tuple[str, dict]:
    """'rate 0.9' or 'rate 0.95 from build_model(0.95) at line 13' for the offending values."""
    parts = []
    sites = []
    for r in values:
        text = f"{fmt_rate(r.value)}"
        if r.via:
            text += f" from {r.via}"
            sites.append({"line": r.via_line, "value": r.value, "text": r.via})
        parts.append(text)
    return ", ".join(parts), {"values": [r.value for r in values], "call_sites": sites}


def short_kind(call) -> str:
    return call.kind.rsplit(".", 1)[-1] if "." in (call.kind or "") else (call.kind or "call")


def node_rate(ctx, node, defaults: bool = False):
    """The one rate a dropout node's layer or op surely has, else None (with ``defaults``, also
    the one default of a knob nobody in the file sets)."""
    call = node.decl
    if call is None or call.kind not in RATE_PARAMS:
        return None
    keyword, index = RATE_PARAMS[call.kind][0]
    expr = rate_arg(ctx, call, keyword, index)
    if expr is None:
        return None
    vals = ctx.number(expr, call.scope)
    if vals and len({v.value for v in vals}) == 1 and (defaults or not all(v.from_default for v in vals)):
        return float(vals[0].value)
    return None  # unknown, or only the default of a knob nobody in the file sets
