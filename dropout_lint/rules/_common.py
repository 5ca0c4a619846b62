"""Helpers shared by rules (no libcst import at module level)."""

from __future__ import annotations

from dropout_lint.kinds import RATE_PARAMS, TF1_POSITIONAL_KEEP_PROB


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
            yield call, keyword, expr, ctx.number(expr, call.scope)


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
