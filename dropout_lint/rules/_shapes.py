"""Static tensor ranks and upstream activations over the layer graph (DL104, DL105, DL205, DL401).

No libcst at import time. Ranks are inferred only from what the code states (``Input(shape=)``,
``input_shape=``, layer kinds that fix the rank); anything else is unknown and the rules stay
silent.
"""

from __future__ import annotations

import re

from dropout_lint.kinds import BATCHNORM, DROPOUT, PASSTHROUGH, RNN_LAYERS

_CONV = re.compile(
    r"^(Conv|Convolution|SeparableConv|SeparableConvolution|DepthwiseConv|Conv\dDTranspose|ConvTranspose"
    r"|MaxPooling|AveragePooling|MaxPool|AvgPool|UpSampling|ZeroPadding|Cropping|LocallyConnected)([123])D"
    r"(Transpose)?$"
)
_GLOBAL_POOL = re.compile(r"^Global(Average|Max|Avg)Pool(ing)?([123])D$")
_CONV_LSTM = re.compile(r"^ConvLSTM([123])D$")
_SPATIAL = re.compile(r"^SpatialDropout([123])D$")
# Layers that keep the rank of their input.
_SAME_RANK = (
    (
        DROPOUT
        | BATCHNORM
        | PASSTHROUGH
        | frozenset(
            {
                "LayerNormalization",
                "GroupNormalization",
                "UnitNormalization",
                "Normalization",
                "GaussianNoise",
                "ActivityRegularization",
                "Masking",
                "Rescaling",
                "Softmax",
                "Add",
                "Subtract",
                "Multiply",
                "Average",
                "Maximum",
                "Minimum",
                "keras.layers.add",
                "keras.layers.multiply",
                "keras.layers.average",
            }
        )
    )
    - frozenset({"Reshape", "Permute"})
    - {k for k in PASSTHROUGH if "reshape" in k or "transpose" in k or "flatten" in k}
)
MAX_DEPTH = 60


def spatial_dims(kind: str | None) -> int | None:
    m = _SPATIAL.match(kind or "")
    return int(m.group(1)) if m else None


def conv_dims(kind: str | None) -> int | None:
    """N for a Conv/Pooling ND layer (its output is a feature map of rank N+2)."""
    m = _CONV.match(kind or "")
    return int(m.group(2)) if m else None


def _shape_len(ctx, call, *keywords_index) -> int | None:
    import libcst as cst

    for kw, idx in keywords_index:
        expr = call.arg(kw, idx)
        if expr is None:
            continue
        if isinstance(expr, (cst.Tuple, cst.List)):
            if any(not isinstance(e, cst.Element) for e in expr.elements):
                return None
            return len(expr.elements)
        if isinstance(expr, cst.Integer):  # input_dim=10
            return 1
        return None
    return None


def _flag(ctx, call, keyword: str):
    if call is None:
        return None
    expr = call.arg(keyword, None)
    if expr is None:
        return False
    v = ctx.const(expr, call.scope)
    return v if isinstance(v, bool) else None


def rank(ctx, node, depth: int = 0):
    """(rank, deciding node) of a node's output, or (None, None) when it cannot be known."""
    if node is None or depth > MAX_DEPTH:
        return None, None
    k = node.kind
    call = node.decl
    wrapper = node.spec.wrapper if node.spec is not None else None
    if k in ("Input", "InputLayer") and call is not None:
        n = _shape_len(ctx, call, ("shape", 0), ("batch_shape", None), ("input_shape", None))
        return (n + 1, node) if n is not None else (None, None)
    if wrapper is not None:
        if k in _SAME_RANK:
            return rank(ctx, node.inputs[0], depth + 1) if node.inputs else (None, None)
        return None, None
    if node.sub is not None:
        outs = node.sub.outputs
        return rank(ctx, outs[0], depth + 1) if len(outs) == 1 else (None, None)
    # A layer declared with input_shape= / input_dim= starts the stack.
    declared = None
    if call is not None and not node.inputs:
        n = _shape_len(ctx, call, ("input_shape", None), ("batch_input_shape", None))
        if n is None and call.arg("input_dim", None) is not None:
            n = 1
        if n is not None:
            declared = (n + (0 if call.arg("batch_input_shape", None) is not None else 1), node)

    def below():
        if node.inputs:
            return rank(ctx, node.inputs[0], depth + 1)
        return declared if declared is not None else (None, None)

    if k == "Flatten" or k in ("tf.layers.flatten", "tf.compat.v1.layers.flatten", "keras.ops.flatten"):
        return 2, node
    m = _GLOBAL_POOL.match(k or "")
    if m:
        if _flag(ctx, call, "keepdims"):
            return int(m.group(3)) + 2, node
        return 2, node
    n = conv_dims(k)
    if n is not None:
        return n + 2, node
    m = _CONV_LSTM.match(k or "")
    if m:
        seq = _flag(ctx, call, "return_sequences")
        return (int(m.group(1)) + 2 + (1 if seq else 0), node) if seq is not None else (None, None)
    if k in RNN_LAYERS or k in ("RNN", "Bidirectional"):
        seq = _flag(ctx, call, "return_sequences")
        return ((3 if seq else 2), node) if seq is not None else (None, None)
    if k == "Embedding":
        r, _ = below()
        return (r + 1 if r is not None else 3), node
    if k == "Reshape" and call is not None:
        n = _shape_len(ctx, call, ("target_shape", 0))
        return (n + 1, node) if n is not None else (None, None)
    if k in ("Dense", "EinsumDense") or k in _SAME_RANK:
        r, src = below()
        if r is None:
            return None, None
        return r, (node if k in ("Dense", "EinsumDense") else src)
    return None, None


def producer(node, skip=frozenset()):
    """The nearest upstream node that is not batch norm / activation / dropout (or in ``skip``)."""
    seen = 0
    n = node.inputs[0] if node.inputs else None
    while (
        n is not None
        and seen < MAX_DEPTH
        and (n.kind in BATCHNORM or n.kind in PASSTHROUGH or n.kind in DROPOUT or n.kind in skip)
    ):
        n = n.inputs[0] if n.inputs else None
        seen += 1
    return n


def describe_node(node) -> str:
    where = f" (line {node.start.row})" if node is not None and node.start is not None else ""
    return f"`{node.kind}`{where}" if node is not None and node.kind else "the previous layer"
