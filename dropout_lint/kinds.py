"""What each layer or op kind is, for the rules. Plain data, no libcst.

A *kind* is a Keras class name (``Dropout``, ``Dense``) or a canonical op name
(``tf.nn.dropout``, ``tf.layers.batch_normalization``, ``keras.random.dropout``).
"""

from __future__ import annotations

DROPOUT_LAYERS = frozenset(
    {
        "Dropout",
        "SpatialDropout1D",
        "SpatialDropout2D",
        "SpatialDropout3D",
        "GaussianDropout",
        "AlphaDropout",
    }
)
DROPOUT_OPS = frozenset(
    {
        "tf.nn.dropout",
        "tf.compat.v1.nn.dropout",
        "tf.layers.dropout",
        "tf.compat.v1.layers.dropout",
        "keras.random.dropout",
        "keras.backend.dropout",
        "tf.nn.experimental.stateless_dropout",
        "tf.contrib.layers.dropout",  # keep_prob=, no rate: DL204's
        "tf.contrib.nn.alpha_dropout",  # keep_prob
    }
)
DROPOUT = DROPOUT_LAYERS | DROPOUT_OPS

BATCHNORM = frozenset(
    {
        "BatchNormalization",
        "SyncBatchNormalization",
        "tf.layers.batch_normalization",
        "tf.compat.v1.layers.batch_normalization",
        "tf.nn.batch_normalization",
        "tf.nn.fused_batch_norm",
        "tf.compat.v1.nn.batch_normalization",
        "tf.contrib.layers.batch_norm",
        "tf.layers.BatchNormalization",
        "tf.compat.v1.layers.BatchNormalization",
    }
)

# TF1's batch normalisation runs in inference mode unless its call passes ``training=``: without
# it, it never computes batch statistics (nor updates its moving ones).
BATCHNORM_INFERENCE_BY_DEFAULT = frozenset(
    {
        "tf.layers.batch_normalization",
        "tf.compat.v1.layers.batch_normalization",
        "tf.layers.BatchNormalization",
        "tf.compat.v1.layers.BatchNormalization",
    }
)

# Layers and ops that only change shape or apply an activation: a value passes through them
# unchanged in kind (dropout-then-ReLU-then-BN is still dropout feeding BN).
PASSTHROUGH = frozenset(
    {
        "Activation",
        "ReLU",
        "LeakyReLU",
        "ELU",
        "PReLU",
        "Softmax",
        "ThresholdedReLU",
        "Reshape",
        "Permute",
        "tf.nn.relu",
        "tf.nn.relu6",
        "tf.nn.leaky_relu",
        "tf.nn.elu",
        "tf.nn.selu",
        "tf.nn.gelu",
        "tf.nn.silu",
        "tf.nn.swish",
        "tf.nn.tanh",
        "tf.nn.sigmoid",
        "tf.tanh",
        "tf.sigmoid",
        "tf.math.tanh",
        "tf.math.sigmoid",
        "tf.reshape",
        "tf.transpose",
        "tf.layers.flatten",
        "tf.compat.v1.layers.flatten",
        "keras.ops.relu",
        "keras.ops.gelu",
        "keras.ops.silu",
        "keras.ops.tanh",
        "keras.ops.sigmoid",
        "keras.ops.reshape",
        "keras.ops.transpose",
        "keras.activations.relu",
        "keras.activations.gelu",
        "keras.activations.tanh",
    }
)

# Op forms of shape-only and activation ops (op-level data flow, issue 10): a value keeps its
# "kind" through them, like through the layers above.
SHAPE_ONLY = frozenset(
    {
        "Reshape",
        "Permute",
        "Flatten",
        *(
            f"{ns}.{op}"
            for ns in ("tf", "tf.compat.v1", "keras.ops")
            for op in ("reshape", "transpose", "squeeze", "expand_dims", "identity", "cast", "stop_gradient")
        ),
        "tf.layers.flatten",
        "tf.compat.v1.layers.flatten",
        "tf.contrib.layers.flatten",
        "keras.ops.flatten",
        "keras.backend.flatten",
        "keras.backend.reshape",
        "keras.backend.batch_flatten",
    }
)
_ACTIVATIONS = (
    "relu",
    "relu6",
    "crelu",
    "elu",
    "selu",
    "gelu",
    "silu",
    "swish",
    "leaky_relu",
    "softplus",
    "softsign",
    "sigmoid",
    "tanh",
    "hard_sigmoid",
    "hard_silu",
    "hard_swish",
    "mish",
    "log_sigmoid",
)
# A function parameter used as a tensor (op-level flow): it passes on what its call sites give.
PARAM = "<param>"
PASSTHROUGH = (
    PASSTHROUGH
    | {PARAM}
    | (SHAPE_ONLY - {"Flatten"})
    | frozenset(
        f"{ns}.{op}"
        for ns in (
            "tf.nn",
            "tf.math",
            "tf",
            "tf.compat.v1.nn",
            "keras.ops",
            "keras.activations",
            "keras.backend",
            "keras.ops.nn",
        )
        for op in _ACTIVATIONS
    )
)

RNN_LAYERS = frozenset(
    {
        "LSTM",
        "GRU",
        "SimpleRNN",
        "ConvLSTM1D",
        "ConvLSTM2D",
        "ConvLSTM3D",
        "LSTMCell",
        "GRUCell",
        "SimpleRNNCell",
        "CuDNNLSTM",
        "CuDNNGRU",
    }
)

# Ops whose positional argument at this index is ``keep_prob`` in TF1 and ``rate`` in TF2
# (``tf.nn.dropout(x, 0.5)``): read as a rate only in a file of the "tf2" dialect
# (``dropout_lint.analysis.ops.dialect``), never guessed.
TF1_POSITIONAL_KEEP_PROB: dict[str, int] = {"tf.nn.dropout": 1}

# Where each kind takes a rate: (keyword, positional index or None).
RATE_PARAMS: dict[str, tuple[tuple[str, int | None], ...]] = {
    **{k: (("rate", 0),) for k in DROPOUT_LAYERS},
    **{k: (("dropout", None), ("recurrent_dropout", None)) for k in RNN_LAYERS},
    "MultiHeadAttention": (("dropout", None),),
    "tf.nn.dropout": (("rate", 1),),
    "tf.compat.v1.nn.dropout": (("rate", None),),
    "tf.layers.dropout": (("rate", 1),),
    "tf.compat.v1.layers.dropout": (("rate", 1),),
    "keras.random.dropout": (("rate", 1),),
    "keras.backend.dropout": (("level", 1),),
    "tf.nn.experimental.stateless_dropout": (("rate", 1),),
}

# Activation functions named in an ``activation=`` argument that make a layer an output layer.
OUTPUT_ACTIVATIONS = frozenset({"softmax", "sigmoid", "log_softmax"})


def is_dropout(kind: str | None) -> bool:
    return kind in DROPOUT


def is_batchnorm(kind: str | None) -> bool:
    return kind in BATCHNORM


# Layers whose output can be a model's prediction (DL101's "output layer"): a linear map (dense
# or convolutional) whose activation gives scores, probabilities or a bounded value, or an
# activation layer that gives them. A model ending in a hidden layer's features (``relu``, a
# normalization, a pooling, an RNN, an embedding) is a trunk others build on, not a predictor.
PREDICTION_LAYERS = frozenset(
    {
        "Dense",
        "EinsumDense",
        *(f"{c}{d}D" for c in ("Conv", "Convolution", "SeparableConv", "SeparableConvolution") for d in (1, 2, 3)),
        *(f"{c}{d}DTranspose" for c in ("Conv", "Convolution") for d in (1, 2, 3)),
        "DepthwiseConv2D",
    }
)
PREDICTION_ACTIVATION_LAYERS = frozenset({"Activation", "Softmax"})
PREDICTION_ACTIVATIONS = frozenset(
    {"linear", "softmax", "sigmoid", "tanh", "log_softmax", "softplus", "softsign", "hard_sigmoid"}
)


def is_passthrough(kind: str | None) -> bool:
    return kind in PASSTHROUGH


# ---- what a class of the file is ----------------------------------------------------------------
# The one place that decides whether a class is a Keras ``Model`` subclass, a ``Layer`` subclass
# or neither, for the interpreter (``analysis/control.py``: whose ``call()`` builds a graph) and for
# the rules (``rules/_training.py``). A class is judged by its bases in canonical form
# (``Names.qualify_dotted`` in the class's enclosing scope): a base under Keras whose class name is
# in ``MODEL_CLASSES`` makes a model, ``Layer`` or any other class under ``keras.layers`` a layer;
# a base that is a class of the same file is judged the same way, recursively; any other base
# (``torch.nn.Module``, ``tf.Module``, a class imported from another module) is "foreign".
# Keras classes whose subclasses are models.
MODEL_CLASSES = frozenset({"Model", "Sequential", "Functional"})
# Model inputs (``keras.Input``, ``InputLayer``): a tensor from one is symbolic, part of a build.
INPUT_KINDS = frozenset({"Input", "InputLayer"})
# Of those, the ones whose constructor takes ``(inputs, outputs)``: a functional model.
FUNCTIONAL_MODEL_CLASSES = MODEL_CLASSES - {"Sequential"}


def classes_by_name(scopes) -> dict[str, list]:
    """name -> the class scopes of that name in the file (a name may be defined twice)."""
    out: dict[str, list] = {}
    for s in scopes:
        if s.kind == "class":
            out.setdefault(s.name, []).append(s)
    return out


def base_kind(base: str, classes: dict, seen: set) -> str | None:
    """'model', 'layer', 'foreign' or None for one canonical base name."""
    if not base:
        return None
    last = base.rsplit(".", 1)[-1]
    local = classes.get(base) or (classes.get(last) if base.startswith("keras.layers.") else None)
    if local:
        for cls in local:
            if id(cls) in seen:
                continue
            k = class_kind(cls, classes, seen)
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


def class_kind(cls, classes: dict, seen: set | None = None) -> str | None:
    """'model' for a Keras Model subclass, 'layer' for a Layer subclass, else None."""
    if cls is None or cls.kind != "class":
        return None
    seen = set(seen or ())
    seen.add(id(cls))
    kinds = [base_kind(b, classes, seen) for b in cls.bases]
    if "model" in kinds:
        return "model"
    if "layer" in kinds:
        return "layer"
    return None
