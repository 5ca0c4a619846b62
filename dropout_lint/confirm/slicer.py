"""Program slicing with libcst: the least code that builds the object a finding is about.

Given a module and a finding's position, ``plan()`` returns a small program that, run on its
own, binds ``__dl_target__`` to the object to judge (a model, or an instance of a Layer/Model
subclass) and wraps the flagged call in ``__dl_mark__(...)`` so the worker can tell which built
layer the finding is about. The program holds:

- the imports whose names it uses (and ``from __future__`` / star imports);
- the module-level constants, functions and classes it depends on (backward slice by name);
- the model-construction statements (assignments and builder calls such as ``.add``), or a
  copy of the enclosing model-building function cut down the same way, called with the
  arguments of one of its call sites (or its defaults).

Everything else (data loading, ``fit``, ``compile``, saving, printing, plotting, top-level side
effects) stays out: a statement is kept only when it defines or mutates a name the build needs,
and a slice that still calls a data loader is refused before anything runs.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

from dropout_lint.analysis.names import dotted
from dropout_lint.confirm import datasets

TARGET = "__dl_target__"
MARK = "__dl_mark__"
# An op-level dropout call is marked on its function (``__dl_mark_op__(tf.nn.dropout)(x, 0.9)``) so
# that the worker sees the arguments the op really gets.
MARK_OP = "__dl_mark_op__"
# A layer whose rate is judged is marked on its constructor too, so that a constructor that raises
# (Keras refusing the rate) is seen even when the code around it swallows the error.
MARK_CTOR = "__dl_mark_ctor__"
# Stand-ins of a block's tensor parameters (symbolic inputs), and the functional model from them
# to the block's result (both provided by the worker).
INPUT = "__dl_input__"
FUNCTIONAL = "__dl_functional__"
# A stand-in for a keras-tuner ``hp`` (provided by the worker).
HP = "__dl_hp__"
# A TF1 Estimator model_fn's ``features``: each key gives an input (see judge._execute).
FEATURES = "__dl_features__"
# A class built with no call site: itself, or when it is abstract (abc) a throw-away subclass
# with its abstract methods stubbed, unless the flagged method is one of them (see judge).
CONCRETE = "__dl_concrete__"
# TF1 names that only ``tensorflow.compat.v1`` still has: a slice using them runs as TF1 code.
TF1_ONLY = re.compile(
    r"\btf\.(placeholder|Session|InteractiveSession|get_variable|variable_scope|truncated_normal|random_normal|"
    r"global_variables_initializer|to_float|log|contrib|layers)\b"
)

MODEL_CTORS = {"Sequential", "Model", "Functional"}
# Methods whose call on a needed name changes it (kept in a slice).
BUILDER_METHODS = {
    "add",
    "append",
    "extend",
    "insert",
    "build",
    "pop",
    "update",
    "setdefault",
    "add_weight",
    "add_loss",
    "add_metric",
    "set_weights",
    "add_argument",
    "set_defaults",
}
# Calls that mean the slice would load data, train or touch the outside world.
DATA_CALLS = {
    "load_data",
    "read_csv",
    "read_table",
    "read_parquet",
    "read_json",
    "read_excel",
    "read_pickle",
    "read_feather",
    "read_hdf",
    "loadtxt",
    "genfromtxt",
    "fromfile",
    "load",
    "load_model",
    "load_weights",
    "open",
    "urlopen",
    "get_file",
    "image_dataset_from_directory",
    "text_dataset_from_directory",
    "audio_dataset_from_directory",
    "timeseries_dataset_from_array",
    "flow_from_directory",
    "flow_from_dataframe",
    "TFRecordDataset",
    "TextLineDataset",
    "list_files",
    "imread",
    "download",
    # h5py.File, and directory listings (what a folder holds is data too: class names...).
    "File",
    "listdir",
    "scandir",
    "walk",
    "glob",
    "iglob",
    "rglob",
    "iterdir",
    "fit",
    "fit_generator",
    "train_on_batch",
    "evaluate",
    "predict",
    "save",
    "save_weights",
    "to_csv",
    "savefig",
    "system",
    "Popen",
    "run_eagerly",
}
# keras.applications constructors (they download ImageNet weights unless weights=None).
APPLICATION = re.compile(
    r"^(Xception|VGG\d+|ResNet\d+(V2)?|ResNetRS\d+|Inception(V3|ResNetV2)|MobileNet(V2|V3Small|V3Large)?|"
    r"DenseNet\d+|NASNet(Mobile|Large)|EfficientNet(B\d|V2B\d|V2[SML])|ConvNeXt(Tiny|Small|Base|Large|XLarge)|"
    r"RegNet[XY]\d+)$"
)
# Names that start like these read data too (fetch_california_housing, load_iris, read_csv...).
DATA_PREFIXES = ("fetch_", "load_", "read_", "download")
RNN_KINDS = {"LSTM", "GRU", "SimpleRNN", "RNN", "Bidirectional", "MultiHeadAttention", "Attention"}
# Parameter and variable names that hold a layer count: a small stand-in keeps the build quick.
COUNT_WORDS = (
    "num_layers",
    "n_layers",
    "layers",
    "depth",
    "num_blocks",
    "n_blocks",
    "blocks",
    "stacks",
    "num_heads",
    "n_heads",
    "heads",
)
OP_DROPOUTS = ("nn.dropout", "random.dropout", "layers.dropout", "backend.dropout")
# Folders of the packages ``confirm-packages`` took (``confirm/wheels.py``), set for the run.
EXTRA_PATH: list[str] = []
# Rules the worker judges; the others are not-applicable without a build.
JUDGED = {
    "DL101",
    "DL102",
    "DL103",
    "DL105",
    "DL201",
    "DL202",
    "DL203",
    "DL301",
    "DL302",
    "DL303",
    "DL306",
    "DL401",
    "DL312",
}
# DL312 (the opt-in twin of DL302) is settled by DL302's check: the build shows whether a layer
# of the model reads the flag, which is the premise DL312 could not show.
CALL_RULES = {"DL301", "DL302", "DL312"}


class Unbuildable(Exception):
    """The slice cannot be made; the message is the verdict's detail."""


class NotApplicable(Exception):
    pass


@dataclass
class Plan:
    code: str
    hints: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Small helpers over libcst nodes


def last_name(expr) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return None


def root_name(expr) -> str | None:
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.value if not isinstance(expr, cst.Call) else expr.func
    return expr.value if isinstance(expr, cst.Name) else None


_CODEGEN = cst.Module(body=[])


def src(node) -> str:
    return _CODEGEN.code_for_node(node)


# Expressions the plan replaces with a stand-in (ids of original nodes): the names they read
# are not needed any more. Set by ``plan()`` for the duration of one plan.
_REPLACED: dict[int, str] = {}


class _Names(cst.CSTVisitor):
    """Every name read in a subtree (over-approximated: locals of nested code count too)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def on_visit(self, node) -> bool:
        if _REPLACED and id(node) in _REPLACED:
            return False
        return super().on_visit(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.names.add(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        if not _initial_weights(node):
            node.value.visit(self)
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        if node.default is not None:
            node.default.visit(self)
        if node.annotation is not None:
            node.annotation.visit(self)
        return False


def _initial_weights(arg: cst.Arg) -> bool:
    """``weights=[embedding_matrix]``: initial weights (a GloVe matrix read from a file), which
    the build leaves out: they decide no layer, rate or training flag."""
    return (
        arg.keyword is not None
        and arg.keyword.value == "weights"
        and not _literal(arg.value)
        and not (isinstance(arg.value, cst.Name) and arg.value.value == "None")
    )


def names_in(node) -> set[str]:
    if node is None:
        return set()
    v = _Names()
    node.visit(v)
    return v.names


class _Bound(cst.CSTVisitor):
    """Every name bound anywhere in a subtree (assignments, loops, params, imports, defs)."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.globals: set[str] = set()

    def _target(self, t) -> None:
        d, _ = target_names(t)
        self.names |= d

    def visit_AssignTarget(self, node) -> None:
        self._target(node.target)

    def visit_AnnAssign(self, node) -> None:
        self._target(node.target)

    def visit_AugAssign(self, node) -> None:
        self._target(node.target)

    def visit_For(self, node) -> None:
        self._target(node.target)

    def visit_CompFor(self, node) -> None:
        self._target(node.target)

    def visit_AsName(self, node) -> None:
        if isinstance(node.name, cst.Name):
            self.names.add(node.name.value)
        else:
            self._target(node.name)

    def visit_NamedExpr(self, node) -> None:
        self._target(node.target)

    def visit_Param(self, node) -> None:
        self.names.add(node.name.value)

    def visit_FunctionDef(self, node) -> None:
        self.names.add(node.name.value)

    def visit_ClassDef(self, node) -> None:
        self.names.add(node.name.value)

    def visit_Import(self, node) -> None:
        self.names |= import_names(node)

    def visit_ImportFrom(self, node) -> None:
        self.names |= import_names(node)

    def visit_Global(self, node) -> None:
        self.globals |= {n.name.value for n in node.names}


def free_names(node) -> set[str]:
    """Names a definition reads that it does not bind itself (its globals, roughly)."""
    b = _Bound()
    node.visit(b)
    own = {node.name.value} if isinstance(node, (cst.FunctionDef, cst.ClassDef)) else set()
    return (names_in(node) - (b.names - b.globals - own)) | (names_in(node) & b.globals) | _default_reads(node)


def _default_reads(node) -> set[str]:
    """Names the parameter defaults of a definition (or of a class's methods) read: they are
    evaluated where the definition is, so ``def __init__(self, env=env)`` reads the module's
    ``env`` although the function binds a parameter of that name."""
    if isinstance(node, cst.FunctionDef):
        fns, local = [node], set[str]()
    elif isinstance(node, cst.ClassDef):
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
        fns = [st for st in body if isinstance(st, cst.FunctionDef)]
        local = set()  # class attributes a default may read (``def f(self, n=N)`` with ``N = 3`` above)
        for st in body:
            if isinstance(st, cst.SimpleStatementLine):
                for small in st.body:
                    if isinstance(small, (cst.Assign, cst.AnnAssign)):
                        for t in small.targets if isinstance(small, cst.Assign) else [small]:
                            local |= target_names(t.target)[0]
    else:
        return set()
    out: set[str] = set()
    for fn in fns:
        p = fn.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            if param.default is not None:
                out |= names_in(param.default)
    return out - local


class _Calls(cst.CSTVisitor):
    def __init__(self) -> None:
        self.calls: list[cst.Call] = []

    def on_visit(self, node) -> bool:
        # A call the plan stands in for is not in the program.
        return not (_REPLACED and id(node) in _REPLACED) and super().on_visit(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(node)

    def visit_FunctionDef(self, node) -> bool:
        return False

    def visit_ClassDef(self, node) -> bool:
        return False

    def visit_Lambda(self, node) -> bool:
        return False


def calls_in(node) -> list[cst.Call]:
    v = _Calls()
    node.visit(v)
    return v.calls


def target_names(t) -> tuple[set[str], set[str]]:
    """(names bound, names mutated) by an assignment target."""
    if isinstance(t, cst.Name):
        return {t.value}, set()
    if isinstance(t, (cst.Tuple, cst.List)):
        d: set[str] = set()
        m: set[str] = set()
        for el in t.elements:
            a, b = target_names(el.value)
            d |= a
            m |= b
        return d, m
    if isinstance(t, cst.StarredElement):
        return target_names(t.value)
    r = root_name(t)
    return set(), ({r} if r else set())


def _as_name(asname: cst.AsName) -> str:
    """The name after ``as`` in an import (libcst's type also allows the tuples of ``with``)."""
    assert isinstance(asname.name, cst.Name)  # an import's `as` binds one plain name
    return asname.name.value


def _from_name(a: cst.ImportAlias) -> str:
    """The name a ``from m import a [as b]`` binds."""
    if a.asname is not None:
        return _as_name(a.asname)
    assert isinstance(a.name, cst.Name)  # `from m import` names no dotted path
    return a.name.value


def import_names(stmt) -> set[str]:
    out: set[str] = set()
    if isinstance(stmt, cst.Import):
        for a in stmt.names:
            if a.asname is not None:
                out.add(_as_name(a.asname))
            else:
                out.add((dotted(a.name) or "").split(".")[0])
    elif isinstance(stmt, cst.ImportFrom):
        if isinstance(stmt.names, cst.ImportStar):
            out.add("*")
        else:
            for a in stmt.names:
                out.add(_from_name(a))
    return out


def shape_guess(kinds: set) -> str:
    """A stand-in input shape (without batch) for a stack whose layers are ``kinds``."""
    kinds = {k for k in kinds if k}
    if any(k.endswith("3D") for k in kinds):
        return "(8, 8, 8, 3)"
    if any(k.endswith("2D") for k in kinds):
        return "(32, 32, 3)"
    if any(k.endswith("1D") or k in RNN_KINDS for k in kinds):
        return "(32, 8)"
    if "Flatten" in kinds:
        return "(8, 8)"
    return "(16,)"


# The stand-in for a size or width parameter. ``--confirm`` raises it once, for a build that
# fails because a Keras application refuses so small an image ("Input size must be at least
# 32x32"), and says so in the verdict.
SIZE_STANDIN = "16"


def value_guess(name: str, kinds: set) -> str | None:
    """A stand-in for a size, shape, rate, bound or format parameter or variable named ``name``."""
    name = name.strip("_") or name  # ``lr_``, ``_units``
    low = name.lower()
    if low in ("tau", "polyak", "polyak_coef", "soft_tau"):
        return "0.005"  # a target network's soft-update step: the build does not train
    if low in ("gamma", "discount", "discount_factor"):
        return "0.99"  # a return's discount: the build does not train
    tokens = [t.rstrip("0123456789") for t in re.split(r"_+|(?<=[a-z])(?=[A-Z])", name) if t]
    tokens = [t.lower() for t in tokens if t]
    if "shape" in tokens or low.endswith("shape"):
        return shape_guess(kinds)
    if low in ("rate", "dropout", "dropout_rate", "drop_rate", "p_drop", "drop_prob"):
        return "0.5"
    if low == "data_format":
        return "'channels_last'"
    if low in ("lr", "learning_rate", "learningrate", "learn_rate") or tokens[:2] == ["learning", "rate"]:
        return "0.001"  # an optimiser's step size: the build does not train
    if tokens and tokens[-1] in ("high", "low") and (len(tokens) > 1 or low in ("high", "low")):
        # A bound (an action space's high / low): the unit interval's.
        return "-1.0" if tokens[-1] == "low" else "1.0"
    if (
        len(tokens) > 1
        and tokens[0] in ("action", "act")
        and tokens[-1] in ("range", "bound", "bounds", "lim", "limit")
    ):
        # An action's bound (``action_range``, ``act_lim``): scales the policy's tanh output.
        return "1.0"
    if low.endswith(COUNT_WORDS) and (len(tokens) > 1 or low in ("depth", "layers")):
        return "2"
    if low in ("d_model", "dff", "d_ff", "d_k", "d_v", "d_inner"):
        # A transformer's widths (a multiple of the 2 heads a head count gets).
        return "16"
    words = (
        "dim",
        "size",
        "units",
        "classes",
        "features",
        "vocab",
        "len",
        "width",
        "outputs",
        "inputs",
        "neurons",
        "hidden",
        "filters",
        "channels",
        "labels",
        "steps",
        "height",
        "actions",
        "rows",
        "cols",
        "length",
        "nodes",
        "cells",
        "emb",
        "embedding",
        "dims",
        "timesteps",
        # a forecaster's windows: how many steps it reads and predicts
        "horizon",
        "lookback",
        "window",
        "lags",
    )
    if any(t in words or (len(t) > 3 and t.endswith(words)) for t in tokens) or (
        tokens and tokens[0] in ("n", "num", "nb", "max") and len(tokens) > 1
    ):
        return SIZE_STANDIN
    return None


def _space_guess(expr) -> str | None:
    """A stand-in for a size or bound read off an object the code does not give (a gym
    environment's ``env.observation_space.shape[0]``, ``env.action_space.n``,
    ``env.action_space.high``): a small size, or the unit interval's bound."""
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "shape":
        return SIZE_STANDIN
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, (cst.Attribute, cst.Name)):
        if expr.attr.value == "n":
            return SIZE_STANDIN
        if expr.attr.value in ("high", "low"):
            return "-1.0" if expr.attr.value == "low" else "1.0"
    return None


def _container_guess(ann) -> str | None:
    """A stand-in for a parameter annotated as a list or tuple (``List[int]``, ``Sequence[float]``,
    ``tuple``): two small elements of the element type (ints by default)."""
    base = ann.value if isinstance(ann, cst.Subscript) else ann
    if (last_name(base) or "").lower() not in ("list", "sequence", "tuple", "iterable"):
        return None
    inner = ""
    if isinstance(ann, cst.Subscript) and ann.slice:
        el = ann.slice[0].slice
        inner = (last_name(el.value) or "") if isinstance(el, cst.Index) else ""
    one = {"float": "0.5", "str": "'relu'", "bool": "False"}.get(inner, "16")
    return f"[{one}, {one}]"


class _LayerInputs(cst.CSTVisitor):
    """Names passed to a layer application ``Layer(...)(x)`` / ``Concatenate()([x, skip])``."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if not isinstance(node.func, cst.Call):
            return
        for a in node.args:
            values = [e.value for e in a.value.elements] if isinstance(a.value, (cst.List, cst.Tuple)) else [a.value]
            self.names |= {v.value for v in values if isinstance(v, cst.Name)}


def _tensor_params(fn) -> set[str]:
    """The parameters of ``fn`` its body applies a layer to (tensors, not sizes)."""
    v = _LayerInputs()
    fn.body.visit(v)
    params = {
        p.name.value for p in list(fn.params.posonly_params) + list(fn.params.params) + list(fn.params.kwonly_params)
    }
    return v.names & params


def _refers(node, name: str) -> bool:
    """``name`` or ``self.name`` (a constructor parameter kept on the instance)."""
    if isinstance(node, cst.Name):
        return node.value == name
    return (
        isinstance(node, cst.Attribute)
        and node.attr.value == name
        and isinstance(node.value, cst.Name)
        and node.value.value == "self"
    )


class _Uses(cst.CSTVisitor):
    """How a body uses a name (or ``self.name``): the int indices it reads (``size[1]``), the
    width it is unpacked to (``h, w = size``), whether it iterates it as a mapping
    (``d.items()``), whether it is an input's shape (``Input(shape=x_dim)``), and whether only
    its length is read (``len(labels)``)."""

    def __init__(self, name: str) -> None:
        self.name, self.index, self.mapping, self.shape, self.sized = name, -1, False, False, False
        self.iterated = False

    def visit_For(self, node: cst.For) -> None:
        self.iterated |= _refers(node.iter, self.name)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self.iterated |= _refers(node.iter, self.name)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if _refers(node.value, self.name) and len(node.slice) == 1:
            el = node.slice[0].slice
            if isinstance(el, cst.Index) and isinstance(el.value, cst.Integer):
                self.index = max(self.index, int(el.value.value))

    def visit_Assign(self, node: cst.Assign) -> None:
        target = node.targets[0].target
        if _refers(node.value, self.name) and isinstance(target, cst.Tuple):
            self.index = max(self.index, len(target.elements) - 1)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if _refers(node.value, self.name):
            self.mapping |= node.attr.value in ("items", "keys", "values")

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        # ``image_size + (3,)``: a tuple the code extends (the sides of an image before its channels).
        if isinstance(node.operator, cst.Add):
            pairs = ((node.left, node.right), (node.right, node.left))
            for mine, other in pairs:
                if _refers(mine, self.name) and isinstance(other, cst.Tuple):
                    self.index = max(self.index, 1 if len(other.elements) == 1 else 0)

    def visit_Call(self, node: cst.Call) -> None:
        if last_name(node.func) == "len" and len(node.args) == 1 and _refers(node.args[0].value, self.name):
            self.sized = True
        for i, a in enumerate(node.args):
            kw = a.keyword.value if a.keyword is not None else None
            first = kw is None and i == 0 and last_name(node.func) in ("Input", "InputLayer")
            if _refers(a.value, self.name) and (first or kw in ("shape", "input_shape")):
                self.shape = True


def _use_guess(scope, name: str, kinds: set) -> str | None:
    """A stand-in the use of ``name`` in ``scope`` asks for: a one-entry mapping to a size for a
    parameter iterated with ``.items()`` (or named ``..._dict``); a list of three for one whose
    length is read (``len(labels)``); a tuple for a size the code
    indexes or unpacks (``image_size[0]``): an image's sides (and channels) for a 2D stack; the
    stack's input shape for a size given as an input's shape (``Input(shape=x_dim)``) where the
    stack is not flat (2D, 3D, 1D or recurrent layers), unless its name says it is a latent vector."""
    v = _Uses(name)
    if scope is not None:
        scope.visit(v)
    if v.mapping or re.search(r"(^|_)dict?$", name.lower()):
        return "{'f0': 16}"
    sizes = re.search(
        r"(sizes|dims|units|filters|channels|kernels|widths|factors|divisors|strides|depths|heads)$", name.lower()
    )
    if (v.iterated or v.sized) and sizes and v.index < 0 and not v.mapping:
        # a sequence of sizes the code walks (``for f in factors``, ``filter_sizes[i]`` for i in
        # ``range(len(filter_sizes))``): three small sizes, none zero
        return "[2, 2, 2]"
    if v.sized and v.index < 0:
        return "[0, 0, 0]"  # a sequence whose length the code reads (``len(labels)``)
    if value_guess(name, kinds) != "16":
        return None
    if v.shape and shape_guess(kinds) != "(16,)" and not re.search(r"(^|_)(z|latent|noise|code)(_|$)", name.lower()):
        return shape_guess(kinds)
    if v.index < 0:
        return None
    sides = [32, 32, 3] if any(k.endswith("2D") for k in kinds) else [16] * 3
    return str(tuple(sides[: v.index + 1]))


def _registers_custom_object(st) -> bool:
    """``get_custom_objects()["name"] = ...`` (or ``.update(...)``) at module level: Keras 2
    code registers a name its layers then ask for (``activation="name"``); kept in every slice."""
    if not isinstance(st, cst.SimpleStatementLine) or len(st.body) != 1:
        return False
    small = st.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        inner = target.value if isinstance(target, cst.Subscript) else None
    elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
        func = small.value.func
        inner = func.value if isinstance(func, cst.Attribute) and func.attr.value == "update" else None
    else:
        return False
    return isinstance(inner, cst.Call) and last_name(inner.func) == "get_custom_objects"


def _branch_of(ix, node, scope) -> dict[str, str]:
    """``{"kind": "'unet'"}`` for a node inside ``if kind == 'unet':`` (or its ``elif``) in
    ``scope``: the literal each such test compares a name with."""
    out: dict[str, str] = {}
    child = node
    for parent in ix.ancestors(node):
        if parent is scope:
            break
        test = parent.test if isinstance(parent, cst.If) and child is parent.body else None
        if isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name) and len(test.comparisons) == 1:
            cmp = test.comparisons[0]
            if isinstance(cmp.operator, cst.Equal) and isinstance(cmp.comparator, (cst.SimpleString, cst.Integer)):
                out.setdefault(test.left.value, src(cmp.comparator))
        child = parent
    return out


class _AllCalls(cst.CSTVisitor):
    def __init__(self) -> None:
        self.kinds: set[str] = set()

    def visit_Call(self, node: cst.Call) -> None:
        ln = last_name(node.func)
        if ln:
            self.kinds.add(ln)


def call_kinds(nodes) -> set[str]:
    """The last names of every call in ``nodes`` (nested definitions included)."""
    v = _AllCalls()
    for n in nodes:
        n.visit(v)
    return v.kinds


class _Rewrite(cst.CSTTransformer):
    """Apply the plan's stand-ins (``_REPLACED``) and wrap the flagged call in ``__dl_mark__``."""

    def __init__(self, mark=None, local_defs=(), op_mark=False) -> None:
        self.mark = mark
        self.op_mark = op_mark
        self.local_defs = set(local_defs)
        self.no_weights = False
        self.batch_shape = False
        self.initial_weights: list[str] = []

    def on_visit(self, node) -> bool:
        return not (_REPLACED and id(node) in _REPLACED)

    def on_leave(self, original, updated):
        if _REPLACED and id(original) in _REPLACED:
            return cst.parse_expression(_REPLACED[id(original)])
        if self.mark is not None and original is self.mark:
            if self.op_mark:
                name = MARK_CTOR if self.op_mark == "ctor" else MARK_OP
                return updated.with_changes(func=cst.Call(func=cst.Name(name), args=[cst.Arg(updated.func)]))
            return cst.Call(func=cst.Name(MARK), args=[cst.Arg(updated)])
        if isinstance(original, cst.Arg) and _initial_weights(original):
            if src(original.value) not in self.initial_weights:
                self.initial_weights.append(src(original.value))
            return cst.RemoveFromParent()
        if (
            isinstance(original, cst.Arg)
            and original.keyword is not None
            and original.keyword.value == "batch_input_shape"
        ):
            # Keras 2's batch_input_shape: Keras 3 layers take the shape without the batch.
            self.batch_shape = True
            return updated.with_changes(
                keyword=cst.Name("input_shape"), value=cst.parse_expression(f"tuple({src(updated.value)})[1:]")
            )
        if isinstance(original, (cst.Arg, cst.Param)) and _is_imagenet(original):
            self.no_weights = True
            return (
                updated.with_changes(default=cst.Name("None"))
                if isinstance(updated, cst.Param)
                else updated.with_changes(value=cst.Name("None"))
            )
        if (
            isinstance(original, cst.Call)
            and self._application(original)
            # (``updated``: a ``weights=self.weights`` left out as initial weights downloads too)
            and not any(a.keyword is not None and a.keyword.value == "weights" for a in updated.args)
            and len([a for a in original.args if a.keyword is None]) < 2
        ):
            # A keras.applications base downloads ImageNet weights by default.
            self.no_weights = True
            return updated.with_changes(
                args=[
                    *updated.args,
                    cst.Arg(
                        keyword=cst.Name("weights"),
                        value=cst.Name("None"),
                        equal=cst.AssignEqual(
                            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                        ),
                    ),
                ]
            )
        return updated

    def _application(self, call) -> bool:
        name = dotted(call.func) or ""
        last = name.rsplit(".", 1)[-1]
        if not last or last in self.local_defs or not APPLICATION.match(last):
            return False
        return "." not in name or "applications" in name


def _is_imagenet(node) -> bool:
    """``weights="imagenet"`` as a keyword argument or a parameter default."""
    if isinstance(node, cst.Arg):
        key, value = (node.keyword.value if node.keyword else None), node.value
    else:
        key, value = node.name.value, node.default
    return key == "weights" and isinstance(value, cst.SimpleString) and value.evaluated_value == "imagenet"


def _literal(node) -> bool:
    """A number, string, True/False/None or a tuple/list of those (a negative number too)."""
    if isinstance(node, (cst.Integer, cst.Float, cst.SimpleString)):
        return True
    if isinstance(node, cst.Name):
        return node.value in ("True", "False", "None")
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        return isinstance(node.expression, (cst.Integer, cst.Float))
    if isinstance(node, (cst.Tuple, cst.List)):
        return bool(node.elements) and all(_literal(e.value) for e in node.elements)
    return False


def rewritten(node) -> str:
    """Source of ``node`` with the plan's stand-ins applied."""
    if not _REPLACED:
        return src(node)
    new = node.visit(_Rewrite())
    return src(new) if isinstance(new, cst.CSTNode) else src(node)


# ---------------------------------------------------------------------------------------------
# The module index


_FRESH = re.compile(r"\b__dl_(\w+?)_\d+\b")


def user_names(text: str) -> str:
    """``text`` (a verdict's detail) with each name made by ``Index.fresh`` mapped back to the
    user's name it was made from: ``__dl_train_step_1()`` -> ``train_step()``."""
    return _FRESH.sub(r"\1", text)


class Index:
    def __init__(self, text: str) -> None:
        self.module = cst.parse_module(text)
        self.wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
        self.pos = self.wrapper.resolve(PositionProvider)
        self.parent = self.wrapper.resolve(ParentNodeProvider)
        self.functions: dict[str, cst.FunctionDef] = {}
        self.classes: dict[str, cst.ClassDef] = {}
        # Every module-level definition of a name, in order (a notebook redefines functions).
        self.defs: dict[str, list] = {}
        for stmt in self.module.body:
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                self.defs.setdefault(stmt.name.value, []).append(stmt)
            if isinstance(stmt, cst.FunctionDef):
                self.functions[stmt.name.value] = stmt
            elif isinstance(stmt, cst.ClassDef):
                self.classes[stmt.name.value] = stmt
        self.keras_classes = self._keras_classes()
        # Names bound to an absl flags object (``FLAGS = flags.FLAGS``): a flag definition defines them.
        self.flag_names = {
            t.target.value
            for st in self.module.body
            if isinstance(st, cst.SimpleStatementLine)
            for small in st.body
            if isinstance(small, cst.Assign)
            and isinstance(small.value, cst.Attribute)
            and small.value.attr.value == "FLAGS"
            for t in small.targets
            if isinstance(t.target, cst.Name)
        }
        self._calls: list[cst.Call] | None = None
        self._literals: dict | None = None
        self._n = 0

    def fresh(self, base: str) -> str:
        self._n += 1
        return f"__dl_{base}_{self._n}"

    def line(self, node) -> int:
        return self.pos[node].start.line

    def end_line(self, node) -> int:
        return self.pos[node].end.line

    def _keras_classes(self) -> set[str]:
        """The module's Keras Model / Layer subclasses, decided as the static rules decide them
        (``kinds.class_kind`` on bases resolved through the module's imports), so that a class
        the linter took for a Keras model is the one ``--confirm`` builds."""
        from dropout_lint.analysis.names import Names

        names = Names()

        class _ModuleImports(cst.CSTVisitor):  # module level, also under try / if / with; not in defs
            def visit_FunctionDef(self, node) -> bool:
                return False

            def visit_ClassDef(self, node) -> bool:
                return False

            def visit_Import(self, node) -> None:
                names.add_import(node)

            visit_ImportFrom = visit_Import

        self.module.visit(_ModuleImports())
        self._names = names
        self._class_scopes = {name: [self._class_scope(cls)] for name, cls in self.classes.items()}
        return {name for name, cls in self.classes.items() if self.is_keras_class(cls)}

    def _class_scope(self, cls: cst.ClassDef):
        from dropout_lint.analysis.facts import Scope

        bases = [dotted(b.value) or "" for b in cls.bases if b.keyword is None]
        return Scope(
            "class", cls.name.value, cls, None, bases=[self._names.qualify_dotted(b) or b if b else "" for b in bases]
        )

    def is_keras_class(self, cls: cst.ClassDef) -> bool:
        """Whether ``cls`` (at module level or nested in a function) is a Keras Model / Layer
        subclass, by ``kinds.class_kind`` on its bases resolved through the module's imports."""
        from dropout_lint import kinds

        return kinds.class_kind(self._class_scope(cls), self._class_scopes) is not None

    def all_calls(self) -> list[cst.Call]:
        if self._calls is None:
            v = _Calls()
            # Walk everything, nested definitions included.
            calls: list[cst.Call] = []

            class All(cst.CSTVisitor):
                def visit_Call(self, node):
                    calls.append(node)

            self.module.visit(All())
            self._calls = calls
            del v
        return self._calls

    def imported_from(self) -> dict[str, str]:
        """Name -> module of every ``from module import name`` at module level."""
        out: dict[str, str] = {}
        for st in self.module.body:
            for small in getattr(st, "body", []) if isinstance(st, cst.SimpleStatementLine) else []:
                if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                    mod = (
                        "." * len(small.relative) + ((dotted(small.module) if small.module is not None else None) or "")
                        if small.module or small.relative
                        else ""
                    )
                    for a in small.names:
                        out[_from_name(a)] = mod
        return out

    def literal_for(self, name: str) -> tuple[str, str] | None:
        """(source, where) of a literal that parameter ``name`` gets somewhere in the file: the
        default of a parameter of that name, else a keyword argument ``name=...`` of a call."""
        if self._literals is None:
            found: dict[str, tuple[str, str]] = {}

            class Visit(cst.CSTVisitor):
                def visit_FunctionDef(inner, node) -> None:  # noqa: N805
                    ps = node.params
                    for q in list(ps.posonly_params) + list(ps.params) + list(ps.kwonly_params):
                        if q.default is not None and _literal(q.default) and src(q.default) != "None":
                            found.setdefault(
                                q.name.value,
                                (src(q.default), f"the default of `{q.name.value}` in `{node.name.value}`"),
                            )

                def visit_Call(inner, node) -> None:  # noqa: N805
                    for a in node.args:
                        if a.keyword is not None and _literal(a.value) and src(a.value) != "None":
                            key = "kw:" + a.keyword.value
                            found.setdefault(
                                key, (src(a.value), f"as `{a.keyword.value}=` is given at line {self.line(node)}")
                            )

            self.module.visit(Visit())
            self._literals = found
        return self._literals.get(name) or self._literals.get("kw:" + name)

    def resolves_to(self, call: cst.Call, name: str, definition) -> bool:
        """Whether a call of ``name`` at ``call`` runs ``definition`` (the latest one before it)."""
        defs = self.defs.get(name) or []
        if len(defs) < 2:
            return True
        line = self.line(call)
        before = [d for d in defs if self.line(d) < line]
        return (before[-1] if before else defs[-1]) is definition

    def ancestors(self, node):
        while node in self.parent:
            node = self.parent[node]
            yield node

    def scope_of(self, node):
        """The innermost FunctionDef holding ``node``, or the Module."""
        for a in self.ancestors(node):
            if isinstance(a, (cst.FunctionDef, cst.Module)):
                return a
            if isinstance(a, cst.Lambda):
                continue
        return self.module

    def class_of(self, fn) -> cst.ClassDef | None:
        p = self.parent.get(fn)
        if isinstance(p, cst.IndentedBlock):
            p = self.parent.get(p)
        return p if isinstance(p, cst.ClassDef) else None

    def small_stmt_of(self, node):
        for a in self.ancestors(node):
            if isinstance(a, cst.BaseSmallStatement):
                return a
            if isinstance(a, (cst.BaseCompoundStatement,)):
                return a
        return None

    def is_model_ctor(self, expr) -> bool:
        if not isinstance(expr, cst.Call):
            return False
        ln = last_name(expr.func)
        return ln in MODEL_CTORS or (ln in self.keras_classes and ln in self.classes)

    def find_node(self, row: int, col: int, end_row: int | None, end_col: int | None, prefer_outer: bool):
        """The Call (else any expression) starting at (row, col) 1-based, matching the end if given."""
        hits = []

        class Finder(cst.CSTVisitor):
            def on_visit(inner, node) -> bool:  # noqa: N805
                p = self.pos.get(node)
                if p is None:
                    return True
                if p.start.line > row or p.end.line < row:
                    return p.start.line <= row <= p.end.line
                if p.start.line == row and p.start.column == col - 1 and isinstance(node, cst.BaseExpression):
                    hits.append(node)
                return True

        self.module.visit(Finder())
        if not hits:
            return None
        calls = [h for h in hits if isinstance(h, cst.Call)] or hits
        if end_row is not None:
            assert end_col is not None  # the finding's end comes as a row and a column together
            exact = [h for h in calls if self.pos[h].end.line == end_row and self.pos[h].end.column == end_col - 1]
            if exact:
                calls = exact
        # Visit order is outer first.
        return calls[0] if prefer_outer else calls[-1]


# ---------------------------------------------------------------------------------------------
# Statement facts


@dataclass
class Facts:
    defs: set[str]
    muts: set[str]
    uses: set[str]
    kills: set[str]


def small_facts(ix: Index, stmt, functions: dict[str, set]) -> Facts | None:
    """What a small statement binds, mutates and reads; None for statements never kept."""
    if isinstance(stmt, cst.Assign):
        d: set[str] = set()
        m: set[str] = set()
        u = names_in(stmt.value)
        for t in stmt.targets:
            a, b = target_names(t.target)
            d |= a
            m |= b
            if not isinstance(t.target, cst.Name):
                u |= names_in(t.target) - a
        return Facts(d, m, u | m, set(d))
    if isinstance(stmt, cst.AnnAssign):
        if stmt.value is None:
            return None
        a, b = target_names(stmt.target)
        return Facts(a, b, names_in(stmt.value) | b, set(a))
    if isinstance(stmt, cst.AugAssign):
        a, b = target_names(stmt.target)
        return Facts(a, b, names_in(stmt.value) | a | b, set())
    if isinstance(stmt, (cst.Import, cst.ImportFrom)):
        return Facts(import_names(stmt), set(), set(), set())
    if (
        isinstance(stmt, cst.Expr)
        and isinstance(stmt.value, cst.Tuple)
        and len(stmt.value.elements) == 1
        and isinstance(stmt.value.elements[0].value, cst.Call)
    ):
        # ``layers.append(BatchNormalization()),`` (a stray trailing comma): the call it holds.
        return small_facts(ix, cst.Expr(stmt.value.elements[0].value), functions)
    if isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
        call = stmt.value
        func = call.func
        if isinstance(func, cst.Attribute) and (
            func.attr.value in BUILDER_METHODS or func.attr.value.startswith("DEFINE_")
        ):
            # ``flags.DEFINE_float("rate", 0.5, ...)`` defines a flag the build may read (FLAGS.rate).
            r = root_name(func.value)
            if r:
                flags = ix.flag_names if func.attr.value.startswith("DEFINE_") else set()
                return Facts(set(), {r} | flags, names_in(call), set())
        if isinstance(func, cst.Name) and isinstance(functions, dict) and func.value in functions:
            mutated = functions[func.value]
            args = set()
            for i, arg in enumerate(call.args):
                if not isinstance(arg.value, cst.Name):
                    continue
                key = arg.keyword.value if arg.keyword is not None else i
                if key in mutated:
                    args.add(arg.value.value)
            if args:
                return Facts(set(), args, names_in(call), set())
        return None
    return None


def flat_statements(body) -> list:
    """Small statements of a block in source order, through compound statements (not defs)."""
    out: list = []
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            out.extend(stmt.body)
        elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out.append(stmt)
        elif isinstance(stmt, cst.BaseCompoundStatement):
            for blk in _blocks(stmt):
                out.extend(flat_statements(blk.body if hasattr(blk, "body") else []))
    return out


def _withs(body) -> list:
    """The ``with`` statements of a block, through compound statements (not defs)."""
    out: list = []
    for stmt in body:
        if isinstance(stmt, cst.With):
            out.append(stmt)
        if isinstance(stmt, cst.BaseCompoundStatement) and not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            for blk in _blocks(stmt):
                out.extend(_withs(blk.body if hasattr(blk, "body") else []))
    return out


def _blocks(stmt) -> list:
    """The suites of a compound statement (IndentedBlock or SimpleStatementSuite)."""
    out = []
    if isinstance(stmt, cst.If):
        out.append(stmt.body)
        if stmt.orelse is not None:
            if isinstance(stmt.orelse, cst.If):
                out.extend(_blocks(stmt.orelse))
            else:
                out.append(stmt.orelse.body)
    elif isinstance(stmt, (cst.For, cst.While)):
        out.append(stmt.body)
        if stmt.orelse is not None:
            out.append(stmt.orelse.body)
    elif isinstance(stmt, cst.With):
        out.append(stmt.body)
    elif isinstance(stmt, (cst.Try, cst.TryStar)):
        out.append(stmt.body)
        out.extend(h.body for h in stmt.handlers)
        if stmt.orelse is not None:
            out.append(stmt.orelse.body)
        if stmt.finalbody is not None:
            out.append(stmt.finalbody.body)
    return [b for b in out if isinstance(b, cst.IndentedBlock)]


# ---------------------------------------------------------------------------------------------
# Backward slicing


class Slicer:
    def __init__(self, ix: Index, path: str | None = None) -> None:
        self.ix = ix
        self.module_functions = {name: _mutated_params(fn) for name, fn in ix.functions.items()}
        self.missing = _missing_imports(ix.module, path)
        self.data_functions = self._data_functions()
        # What the stand-ins assume, for the verdict ("X_train.shape[1:] = (16,)").
        self.assumed: list[str] = []

    # -- data ---------------------------------------------------------------------------------
    def data_call(self, call: cst.Call, direct_only: bool = False) -> bool:
        """Whether ``call`` reads data (a loader, a file, a dataset, an uninstalled module)."""
        ln = last_name(call.func)
        if ln in DATA_CALLS or (ln or "").startswith(DATA_PREFIXES):
            return True
        if direct_only:
            return False
        if root_name(call.func) in self.missing:
            return True
        return isinstance(call.func, cst.Name) and call.func.value in self.data_functions

    def _data_functions(self) -> set[str]:
        out: set[str] = set()
        changed = True
        while changed:
            changed = False
            for name, fn in self.ix.functions.items():
                if name in out:
                    continue
                for call in _every_call(fn.body):
                    ln = last_name(call.func)
                    if (
                        ln in DATA_CALLS
                        or (ln or "").startswith(DATA_PREFIXES)
                        or (isinstance(call.func, cst.Name) and call.func.value in out)
                    ):
                        out.add(name)
                        changed = True
                        break
        return out

    def slice_block(self, stmts, needed: set[str], cutoff: int | None, extra=None):
        """Keep the statements of ``stmts`` (before line ``cutoff``) that the names need.

        Values that come from data (``X_train.shape[1:]``, ``len(vocab)``, ``n_outputs =
        env.action_space.n``) get a stand-in, noted in ``self.assumed``, so that the data
        itself is left out. ``extra`` is the expression the block is sliced for (a node of the
        original tree; its data-derived parts get stand-ins too). Returns (kept statements,
        names needed before the block).
        """
        extra = extra if isinstance(extra, cst.CSTNode) else None
        own = names_in(extra) if extra is not None else set()
        rest = set(needed) - own
        # A kept definition may call one defined further down (a method calling a module
        # function written below its class): Python finds it at call time, so keep it too.
        defs = {st.name.value for st in stmts if isinstance(st, (cst.FunctionDef, cst.ClassDef))}
        later: set[str] = set()
        for _ in range(8):
            cur = (rest | names_in(extra) if extra is not None else set(needed)) | later
            out, need = self._slice_block(stmts, cur, cutoff)
            if (need & defs) - cur:
                later |= (need & defs) - cur
                continue
            if not self._stand_ins(out, extra):
                break
        return out, need

    def _stand_ins(self, kept, extra=None) -> bool:
        """Give data-derived values in ``kept`` a stand-in; True when a new one was made."""
        flat = [st for st in flat_statements(kept) if not isinstance(st, (cst.FunctionDef, cst.ClassDef))]
        # ``with h5py.File(path) as f:``: the name bound to a data source is data.
        tainted: set[str] = {
            name
            for w in _withs(kept)
            for item in w.items
            if item.asname is not None and any(self.data_call(c) for c in _every_call(item.item))
            for name in names_in(item.asname.name)
        }
        data_stmts = []
        for st in flat:
            f = small_facts(self.ix, st, self.module_functions)
            if f is None:
                continue
            if any(self.data_call(c) for c in calls_in(st)) or names_in(st) & tainted:
                tainted |= f.defs | f.muts
                data_stmts.append((st, f))
        if not tainted:
            return self._loader_stand_ins(self._init_statements(kept))
        kinds = call_kinds(kept + ([extra] if extra is not None else []))
        new = False
        for st in flat + ([extra] if extra is not None else []):
            for expr, text in _data_exprs(st, tainted, kinds):
                _REPLACED[id(expr)] = text
                self._note(f"assumed {src(expr)} = {text}: it comes from data --confirm does not load")
                new = True
        if new or self._loader_stand_ins([st for st, _ in data_stmts] + self._init_statements(kept)):
            return True
        for st, f in data_stmts:
            if not isinstance(st, (cst.Assign, cst.AnnAssign)) or len(f.defs) != 1 or f.muts:
                continue
            if isinstance(st, cst.Assign) and (len(st.targets) != 1 or not isinstance(st.targets[0].target, cst.Name)):
                continue
            name = next(iter(f.defs))
            guess = value_guess(name, kinds)
            if guess is not None and st.value is not None and id(st.value) not in _REPLACED:
                _REPLACED[id(st.value)] = guess
                self._note(f"assumed {name} = {guess}: it comes from data --confirm does not load")
                new = True
        return new

    def _loader_stand_ins(self, stmts) -> bool:
        """Zero arrays of a known loader's shapes (``mnist.load_data()``, ``make_moons(...)``,
        ``emnist.extract_training_samples(...)``) for its calls in ``stmts`` that the slice
        keeps; True when a new one was made."""
        new = False
        imported = self.ix.imported_from()
        for st in stmts:
            for call in calls_in(st):
                name = last_name(call.func)
                if name is None or id(call) in _REPLACED or (not self.data_call(call) and name != "train_test_split"):
                    continue
                if isinstance(call.func, cst.Attribute):
                    base = dotted(call.func.value) or ""
                    root = base.split(".")[0]
                    module = f"{imported[root]}.{base}" if root in imported else base
                else:
                    module = imported.get(name, "")
                found = datasets.stand_in(call, module, name)
                if found is None or id(call.func) in _REPLACED:
                    continue
                _REPLACED[id(call.func if found[0] == datasets.SPLIT else call)] = found[0]
                at = f" (line {self.ix.pos[call].start.line})" if call in self.ix.pos else ""
                self._note(f"stood in for `{src(call.func)}(...)`{at} with {found[1]}: --confirm loads no data")
                new = True
        return new

    def _init_statements(self, kept) -> list:
        """The statements a kept class runs when it is made: its ``__init__`` and the methods
        ``__init__`` calls on ``self``."""
        out: list = []
        for cls in kept:
            if not isinstance(cls, cst.ClassDef):
                continue
            methods = {st.name.value: st for st in cls.body.body if isinstance(st, cst.FunctionDef)}
            init = methods.get("__init__")
            if init is None:
                continue
            out += flat_statements(init.body.body)
            for call in _every_call(init.body):
                f = call.func
                if isinstance(f, cst.Attribute) and src(f.value) == "self" and f.attr.value in methods:
                    if f.attr.value != "__init__":
                        out += flat_statements(methods[f.attr.value].body.body)
        return [st for st in out if not isinstance(st, (cst.FunctionDef, cst.ClassDef))]

    def _note(self, text: str) -> None:
        if text not in self.assumed:
            self.assumed.append(text)

    def _slice_block(self, stmts, needed: set[str], cutoff: int | None):
        ix = self.ix
        out: list = []
        needed = set(needed)
        for stmt in reversed(list(stmts)):
            if cutoff is not None and ix.line(stmt) >= cutoff:
                continue
            if isinstance(stmt, cst.SimpleStatementLine):
                kept: list[cst.BaseSmallStatement] = []
                for small in reversed(stmt.body):
                    f = small_facts(ix, small, self.module_functions)
                    if f is None:
                        continue
                    if isinstance(small, (cst.Import, cst.ImportFrom)):
                        if (
                            f.defs & needed
                            or "*" in f.defs
                            or (
                                isinstance(small, cst.ImportFrom)
                                and small.module is not None
                                and dotted(small.module) == "__future__"
                            )
                        ):
                            kept.append(small)
                        continue
                    if (f.defs | f.muts) & needed:
                        kept.append(small)
                        needed = (needed - f.kills) | f.uses
                if kept:
                    kept.reverse()
                    body = [k.with_changes(semicolon=cst.MaybeSentinel.DEFAULT) for k in kept]
                    out.append(stmt.with_changes(body=body))
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                if stmt.name.value in needed:
                    if isinstance(stmt, cst.FunctionDef):
                        stmt = self._changes_only(stmt).with_changes(
                            decorators=[d for d in stmt.decorators if not _is_tf_function(d)]
                        )
                    out.append(stmt)
                    needed = (needed - {stmt.name.value}) | (free_names(stmt) - {stmt.name.value})
            elif isinstance(stmt, cst.BaseCompoundStatement):
                new, needed = self._slice_compound(stmt, needed, cutoff)
                if new is not None:
                    out.append(new)
        out.reverse()
        return out, needed

    def _changes_only(self, fn):
        """A function that changes a model it is given and then trains it or reads data
        (``def train(model): model.add(Dense(1)); model.fit(...)``), cut to the statements that
        change the model (said); ``fn`` itself otherwise."""
        params = {p for p in self.module_functions.get(fn.name.value, ()) if isinstance(p, str)}
        if (
            not params
            or self.ix.functions.get(fn.name.value) is not fn
            or any(isinstance(st, cst.Return) and st.value is not None for st in flat_statements(fn.body.body))
            or not any(self.data_call(c, direct_only=True) for c in _every_call(fn.body))
        ):
            return fn
        kept, _ = self._slice_block(fn.body.body, params, None)
        if not kept:
            return fn
        self._note(
            f"ran only the statements of `{fn.name.value}()` that change {', '.join(f'`{p}`' for p in sorted(params))}"
            " (it also trains, predicts or reads data)"
        )
        return fn.with_changes(body=fn.body.with_changes(body=kept))

    def _slice_compound(self, stmt, needed: set[str], cutoff):
        blocks = _blocks(stmt)
        if not blocks:
            return None, needed
        results = {}
        union = set(needed)
        any_kept = False
        guarded = _import_guard(stmt)
        for blk in blocks:
            # ``try: import x ... except ImportError:`` picks a branch by the import: keep it.
            kept, n = self._slice_block(blk.body, needed | guarded if blk is stmt.body else needed, cutoff)
            results[id(blk)] = kept
            union |= n
            any_kept = any_kept or bool(kept)
        if not any_kept:
            return None, needed

        class Replace(cst.CSTTransformer):
            def leave_IndentedBlock(self, original, updated):
                if id(original) in results:
                    body = results[id(original)] or [cst.SimpleStatementLine([cst.Pass()])]
                    return updated.with_changes(body=body)
                return updated

            def visit_IndentedBlock(self, node):
                return id(node) in results or True

        new = stmt.visit(Replace())
        header = set()
        if isinstance(stmt, (cst.If, cst.While)):
            header = names_in(stmt.test)
        elif isinstance(stmt, cst.For):
            header = names_in(stmt.iter)
        elif isinstance(stmt, cst.With):
            for item in stmt.items:
                header |= names_in(item.item)
        if isinstance(stmt, cst.If) and stmt.orelse is not None and isinstance(stmt.orelse, cst.If):
            header |= names_in(stmt.orelse.test)
        return new, union | header


_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _import_guard(stmt) -> set[str]:
    """Names the imports of a ``try`` body bind when a handler catches their failure."""
    if not isinstance(stmt, cst.Try):
        return set()
    caught: set[str] = set()
    for h in stmt.handlers:
        if h.type is None:
            caught.add("BaseException")
        types = [e.value for e in h.type.elements] if isinstance(h.type, cst.Tuple) else [h.type]
        caught |= {last_name(t) or "" for t in types if t is not None}
    if not caught & _IMPORT_ERRORS:
        return set()
    out: set[str] = set()
    for st in stmt.body.body:
        if isinstance(st, cst.SimpleStatementLine):
            for small in st.body:
                if isinstance(small, (cst.Import, cst.ImportFrom)):
                    out |= import_names(small)
    return out


def _every_call(node) -> list[cst.Call]:
    calls: list[cst.Call] = []

    class All(cst.CSTVisitor):
        def visit_Call(self, n):
            calls.append(n)

    node.visit(All())
    return calls


def _project_roots(path: str) -> list[tuple[str, bool]]:
    """Where a project's run scripts sit, as (folder, its whole tree?): the folder holding the
    file's top package; for a file in a plain folder, that folder's tree and the files directly
    in the folder above it (``models/ae.py`` used from ``train.ipynb`` next to ``models/``), not
    the other folders beside it: the folder above a project's folder may hold other projects."""
    folder = os.path.dirname(path)
    top = folder
    while os.path.exists(os.path.join(top, "__init__.py")):
        top = os.path.dirname(top)
    if top != folder:
        return [(top, True)]
    return [(folder, True), (os.path.dirname(folder), False)]


def _project_files(path: str, limit: int = 300):
    """The other ``.py`` / ``.ipynb`` files of the project of ``path`` (``_project_roots``, two
    folders deep), at most ``limit``, as (path, shown path)."""
    here = os.path.abspath(path)
    seen = 0
    for root, tree in _project_roots(here):
        for dirpath, dirnames, files in os.walk(root):
            depth = dirpath[len(root) :].count(os.sep)
            dirnames[:] = (
                []
                if depth >= 2 or not tree
                else [d for d in sorted(dirnames) if not d.startswith(".") and d not in ("node_modules", "__pycache__")]
            )
            for fname in sorted(files):
                full = os.path.join(dirpath, fname)
                if full == here or not fname.endswith((".py", ".ipynb")):
                    continue
                seen += 1
                if seen > limit:
                    return
                yield full, os.path.relpath(full, root)


def _used_as_block(path: str, name: str) -> str | None:
    """Where a project file other than ``path`` puts ``name(...)`` inside another model: on an
    attribute in a Keras class (``self.mlp = mlp_block(...)``), applied to a tensor
    (``name(...)(x)``), added to a model (``.add(name(...))``, ``Sequential([name(...), ...])``),
    as "file:line"."""
    pattern = re.compile(
        rf"(self\.\w+\s*=\s*(?:\w+\.)*{re.escape(name)}\(|\.add\(\s*(?:\w+\.)*{re.escape(name)}\(|"
        rf"Sequential\(\s*\[[^\]]*?(?<![\w.]){re.escape(name)}\(|"
        rf"(?<![\w.]){re.escape(name)}\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)\()"
    )
    stem = re.escape(os.path.splitext(os.path.basename(path))[0])
    # The other file imports it from this module (not a function of the same name of its own).
    imports = re.compile(
        rf"^\s*(from\s+\S*\b{stem}\s+import\b[^\n]*\b{re.escape(name)}\b|import\s+\S*\b{stem}\b|"
        rf"from\s+\S+\s+import\s+[^\n]*\b{stem}\b)",
        re.M,
    )
    for full, shown in _project_files(path):
        try:
            with open(full, encoding="utf-8", errors="replace") as fh:
                text = fh.read(2_000_000)
        except OSError:
            continue
        if name + "(" not in text or not imports.search(text):
            continue
        for m in pattern.finditer(text):
            if m.group(0).startswith("self.") and not _in_keras_class(text, m.start()):
                continue  # a plain class holding the model (a trainer): not a block
            return f"{shown}:{text.count(chr(10), 0, m.start()) + 1}"
    return None


def _in_keras_class(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is inside a class whose bases name a Layer or Model."""
    line_start = text.rfind("\n", 0, at) + 1
    indent = len(text[line_start:at]) - len(text[line_start:at].lstrip())
    for m in reversed(list(re.finditer(r"^([ \t]*)class\s+\w+\s*(\([^)]*\))?\s*:", text[:line_start], re.M))):
        if len(m.group(1)) < indent:
            return bool(re.search(r"Layer|Model", m.group(2) or ""))
    return False


def _literal_calls(path: str, name: str, shown: str):
    """Calls ``name(...)`` / ``x.name(...)`` in a file whose arguments are all literals."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(2_000_000)
    except OSError:
        return
    if name + "(" not in text.replace(" (", "("):
        return
    if path.endswith(".ipynb"):
        try:
            import json

            cells = json.loads(text).get("cells", [])
            text = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
        except (ValueError, AttributeError):
            return
        text = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in text.splitlines())
    try:
        module = cst.parse_module(text)
    except Exception:  # noqa: BLE001 - someone else's file: unparsable is no call site
        return
    for call in _every_call(module):
        if last_name(call.func) == name and call.args and all(not a.star and _literal(a.value) for a in call.args):
            yield call, shown
            return


# Calls that give a whole model from a saved file.
_MODEL_LOADERS = {"load_model", "model_from_json", "model_from_yaml"}


def _only_initial_weights(name: str, scope) -> bool:
    """Whether parameter ``name`` of ``scope`` is used only as a layer's initial weights
    (``weights=[name]``), which the build leaves out."""
    text = src(scope)
    uses = len(re.findall(rf"(?<![.\w]){re.escape(name)}\b", text)) - 1  # less the parameter itself
    in_weights = len(re.findall(rf"\bweights\s*=\s*\[\s*{re.escape(name)}\s*,?\s*\]", text))
    return uses > 0 and uses == in_weights


def _config_mappings(init, skip: set[str]) -> list[tuple]:
    """(param, {key: attribute it is kept in, or None}) for each parameter of ``init`` with
    default None, named as a configuration (``config_*``, ``*_cfg``, ``params``, ``hparams``),
    that ``init`` reads only by string keys (``config['units']``)."""
    out = []
    for p in list(init.params.params)[1:] + list(init.params.kwonly_params):
        name = p.name.value
        low = name.lower()
        if name in skip or p.default is None or src(p.default) != "None":
            continue
        if not ("config" in low or "cfg" in low or low in ("params", "hparams", "opts", "options", "settings")):
            continue
        keys: dict[str, str | None] = {}
        plain = True

        class Reads(cst.CSTVisitor):
            def visit_Subscript(self, node: cst.Subscript) -> None:
                nonlocal plain
                if isinstance(node.value, cst.Name) and node.value.value == name:
                    el = node.slice[0].slice if len(node.slice) == 1 else None
                    if isinstance(el, cst.Index) and isinstance(el.value, cst.SimpleString):
                        keys.setdefault(str(el.value.evaluated_value), None)
                    else:
                        plain = False

        init.body.visit(Reads())
        text = src(init.body)
        word = rf"(?<![.\w]){re.escape(name)}\b"
        bare = len(re.findall(word, text)) - len(re.findall(word + r"\s*\[", text))
        if not keys or not plain or bare > 1:
            continue  # used otherwise than by keys (kept whole once is fine)
        for st in flat_statements(init.body.body):
            if isinstance(st, cst.Assign) and isinstance(st.value, cst.Subscript) and len(st.targets) == 1:
                t, v = st.targets[0].target, st.value
                el = v.slice[0].slice if len(v.slice) == 1 else None
                if (
                    isinstance(t, cst.Attribute)
                    and src(t.value) == "self"
                    and isinstance(v.value, cst.Name)
                    and v.value.value == name
                    and isinstance(el, cst.Index)
                    and isinstance(el.value, cst.SimpleString)
                ):
                    keys[str(el.value.evaluated_value)] = t.attr.value
        out.append((p, keys))
    return out


def _only_kept(init) -> dict[str, str]:
    """``{param: attr}`` for constructor parameters whose only use is ``self.attr = param``."""
    out: dict[str, str] = {}
    params = [p.name.value for p in list(init.params.params)[1:] + list(init.params.kwonly_params)]
    for p in params:
        uses = [st for st in init.body.body if p in names_in(st)]
        a = uses[0].body[0] if len(uses) == 1 and isinstance(uses[0], cst.SimpleStatementLine) else None
        if (
            isinstance(a, cst.Assign)
            and len(uses[0].body) == 1
            and len(a.targets) == 1
            and isinstance(a.value, cst.Name)
            and a.value.value == p
            and isinstance(a.targets[0].target, cst.Attribute)
            and src(a.targets[0].target.value) == "self"
        ):
            out[p] = a.targets[0].target.attr.value
    return out


def _refused_when_none(fn) -> set[str]:
    """Parameters the function refuses as None at the top of its body (``if x is None: raise``,
    ``if not x: raise``, ``assert x is not None``): their default None is no value to build with."""
    out: set[str] = set()
    for st in fn.body.body[:8]:
        test = None
        if isinstance(st, cst.If) and st.orelse is None:
            body = st.body.body
            small = body[0].body if body and isinstance(body[0], cst.SimpleStatementLine) else []
            if len(body) == 1 and len(small) == 1 and isinstance(small[0], cst.Raise):
                test = st.test
        elif isinstance(st, cst.SimpleStatementLine) and len(st.body) == 1 and isinstance(st.body[0], cst.Assert):
            t = st.body[0].test
            if isinstance(t, cst.Comparison) and len(t.comparisons) == 1:
                op = t.comparisons[0].operator
                if isinstance(op, cst.IsNot) and src(t.comparisons[0].comparator) == "None":
                    if isinstance(t.left, cst.Name):
                        out.add(t.left.value)
            continue
        if test is None:
            continue
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            c = test.comparisons[0]
            if isinstance(c.operator, cst.Is) and src(c.comparator) == "None" and isinstance(test.left, cst.Name):
                out.add(test.left.value)
        elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            if isinstance(test.expression, cst.Name):
                out.add(test.expression.value)
    return out


_BESIDE: dict[tuple[str, str], tuple[str, str] | None] = {}


def _literal_beside(path: str, name: str) -> tuple[str, str] | None:
    """(source, where) of a literal ``name`` gets in a file beside ``path`` (the same folder):
    a class attribute ``name: T = literal`` / ``name = literal`` (a configuration class's
    field), else a parameter's default ``name=literal``."""
    folder = os.path.dirname(os.path.abspath(path))
    key = (folder, name)
    if key in _BESIDE:
        return _BESIDE[key]
    found = None
    try:
        files = sorted(f for f in os.listdir(folder) if f.endswith(".py"))
    except OSError:
        files = []
    for fname in files[:50]:
        full = os.path.join(folder, fname)
        if full == os.path.abspath(path):
            continue
        text = _read_text(full)
        if text is None:
            continue
        if not re.search(rf"\b{re.escape(name)}\b\s*[:=]", text):
            continue
        try:
            module = cst.parse_module(text)
        except Exception:  # noqa: BLE001 - someone else's file
            continue
        for st in module.body:
            if not isinstance(st, cst.ClassDef):
                continue
            for line in st.body.body:
                if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
                    continue
                a = line.body[0]
                if isinstance(a, cst.AnnAssign) and a.value is not None:
                    target, value = a.target, a.value
                elif isinstance(a, cst.Assign) and len(a.targets) == 1:
                    target, value = a.targets[0].target, a.value
                else:
                    continue
                if isinstance(target, cst.Name) and target.value == name and _literal(value) and src(value) != "None":
                    one_line = re.sub(r"\s*\n\s*", " ", src(value)).replace("( ", "(").replace("[ ", "[")
                    one_line = one_line.replace(", )", ")").replace(", ]", "]")
                    found = (one_line, f"the default of `{name}` in `{st.name.value}` ({fname})")
                    break
            if found:
                break
        if found:
            break
    _BESIDE[key] = found
    return found


_OPTIONS: dict[str, dict[str, tuple[str, str]]] = {}


def _option_defaults(path: str) -> dict[str, tuple[str, str]]:
    """``{option: (literal, where)}`` of the command-line options the project of ``path``
    declares with a literal default: ``parser.add_argument('--img_size', type=int, default=256)``
    (the option's ``dest``: dashes become underscores) and absl's
    ``flags.DEFINE_integer('batch_size', 64, ...)``. The first declaration of a name wins, the
    file's own folder first (``main.py`` beside the trainer)."""
    key = os.path.dirname(os.path.abspath(path))
    if key in _OPTIONS:
        return _OPTIONS[key]
    found: dict[str, tuple[str, str]] = {}
    files = sorted(_project_files(path, 120), key=lambda f: (os.path.dirname(f[0]) != key, f[1]))
    for full, shown in files:
        if not full.endswith(".py"):
            continue
        text = _read_text(full)
        if text is None:
            continue
        if "add_argument" not in text and "DEFINE_" not in text:
            continue
        try:
            module = cst.parse_module(text)
        except Exception:  # noqa: BLE001 - someone else's file
            continue

        class Options(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                name = last_name(node.func) or ""
                pos = [a.value for a in node.args if a.keyword is None]
                kw = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
                dest = value = None
                if name == "add_argument":
                    flags = [str(v.evaluated_value) for v in pos if isinstance(v, cst.SimpleString)]
                    longs = [f for f in flags if f.startswith("--")] or flags
                    given = kw.get("dest")
                    if isinstance(given, cst.SimpleString):
                        dest = str(given.evaluated_value)
                    elif longs:
                        dest = longs[0].lstrip("-").replace("-", "_")
                    value = kw.get("default")
                elif name.startswith("DEFINE_") and pos and isinstance(pos[0], cst.SimpleString):
                    dest = str(pos[0].evaluated_value)
                    value = kw.get("default", pos[1] if len(pos) > 1 else None)
                if not dest or not dest.isidentifier() or value is None:
                    return
                if _literal(value) and src(value) != "None" and dest not in found:
                    found[dest] = (src(value), f"the default of the option `{dest}` in {shown}")

        module.visit(Options())
    _OPTIONS[key] = found
    return found


_CONFIGS: dict[str, list] = {}


def _config_classes_beside(path: str) -> list:
    """(module, class name, required __init__ parameters) of the configuration classes in the
    modules beside ``path`` whose file names say config (``config.py``, ``x_config.py``,
    ``configuration_x.py``): classes named ``...Config`` / ``...Configuration``, dataclasses,
    or classes whose ``__init__`` has a default for every parameter. Required parameters are
    followed through ``**kwargs`` into base classes of the same package."""
    return _config_classes_in(os.path.dirname(os.path.abspath(path)), os.path.abspath(path))


def _config_classes_in(folder: str, skip: str | None = None) -> list:
    """``_config_classes_beside`` for the modules of ``folder``."""
    if folder in _CONFIGS:
        return _CONFIGS[folder]
    out: list = []
    try:
        files = sorted(f for f in os.listdir(folder) if f.endswith(".py") and "config" in f.lower())
    except OSError:
        files = []
    for fname in files[:10]:
        full = os.path.join(folder, fname)
        if full == skip:
            continue
        module = _parse_file(full)
        if module is None:
            continue
        for st in module.body:
            if not isinstance(st, cst.ClassDef):
                continue
            required = _required_init(module, st, full, 0)
            if required is None:
                continue
            dataclass = any("dataclass" in (dotted(d.decorator) or src(d.decorator)) for d in st.decorators)
            if st.name.value.endswith(("Config", "Configuration")) or dataclass or not required:
                bases = {(dotted(b.value) or "").split(".")[-1] for b in st.bases}
                out.append((fname[:-3], st.name.value, required, bases, _class_attrs(module, st, full, 0)))
    _CONFIGS[folder] = out
    return out


def _config_covering(path: str, name: str, scope) -> list:
    """With no configuration module beside ``path``: the configuration classes of the modules
    in the sibling packages of the file's package (``../fastspeech2/config.py``) that set every
    attribute ``scope`` reads from ``name`` (``config.num_mels``); the one setting the most when
    several do (a derived configuration over its base). Module paths relative to the file."""
    reads = set(re.findall(rf"(?<![.\w]){re.escape(name)}\.(\w+)", src(scope)))
    folder = os.path.dirname(os.path.abspath(path))
    parent = os.path.dirname(folder)
    if not reads or not os.path.exists(os.path.join(parent, "__init__.py")):
        return []
    found = []
    try:
        subs = sorted(os.listdir(parent))[:100]
    except OSError:
        return []
    for sub in subs:
        d = os.path.join(parent, sub)
        if d == folder or not sub.isidentifier() or not os.path.exists(os.path.join(d, "__init__.py")):
            continue
        for f in _config_classes_in(d):
            if reads <= f[4]:
                found.append((f"..{sub}.{f[0]}", *f[1:]))
    if not found:
        return []
    # Of several, those of a package the file imports from (``from ..fastspeech2.model import ...``).
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(1_000_000)
    except OSError:
        text = ""
    used = set(re.findall(r"^\s*from \.\.(\w+)[.\s]", text, re.M))
    found = [f for f in found if f[0].split(".")[2] in used] or found
    most = max(len(f[4]) for f in found)
    best = [f for f in found if len(f[4]) == most]
    return best if len(best) == 1 else []


def _class_attrs(module, cls: cst.ClassDef, full: str, depth: int) -> set[str]:
    """The attributes ``cls``'s ``__init__`` (and its bases' in the same package) set on self."""
    out: set[str] = set()
    init = _init_of(cls)
    if init is not None:
        out |= set(re.findall(r"\bself\.(\w+)\s*=(?!=)", src(init)))
    if depth < 3:
        for b in cls.bases:
            found = _find_class(module, dotted(b.value) or "", full)
            if found is not None:
                out |= _class_attrs(found[0], found[1], found[2], depth + 1)
    return out


def _read_text(full: str) -> str | None:
    """The text of a project file (its first MB), or None when it cannot be read."""
    try:
        with open(full, encoding="utf-8", errors="replace") as fh:
            return fh.read(1_000_000)
    except OSError:
        return None


def _init_of(cls: cst.ClassDef) -> cst.FunctionDef | None:
    """The ``__init__`` a class body defines, if any."""
    return next((s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"), None)


def _parse_file(full: str):
    try:
        with open(full, encoding="utf-8", errors="replace") as fh:
            return cst.parse_module(fh.read(1_000_000))
    except Exception:  # noqa: BLE001 - someone else's file
        return None


def _required_init(module, cls: cst.ClassDef, full: str, depth: int) -> list | None:
    """The required parameters (cst.Param) of ``cls``'s ``__init__`` (None when they cannot be
    known: a base class that cannot be found, ``*args``). A ``**kwargs`` passed on to the base
    adds the base's required parameters; no ``__init__``: the base's."""
    if depth > 3:
        return None
    init = _init_of(cls)
    if init is not None:
        params = list(init.params.posonly_params) + list(init.params.params)
        required = [p for p in params[1:] + list(init.params.kwonly_params) if p.default is None]
        if isinstance(init.params.star_arg, cst.Param):
            return None
        if not isinstance(init.params.star_kwarg, cst.Param):
            return required
    bases = [b for b in cls.bases if b.keyword is None and (dotted(b.value) or "") not in ("object", "")]
    if not bases:
        return [] if init is None else required
    base = dotted(bases[0].value) or ""
    found = _find_class(module, base, full)
    if found is None:
        return None if init is None or bases else required
    more = _required_init(found[0], found[1], found[2], depth + 1)
    if more is None:
        return None
    own = {p.name.value for p in (required if init is not None else [])}
    return (required if init is not None else []) + [p for p in more if p.name.value not in own]


def _find_class(module, name: str, full: str):
    """(module, ClassDef, file) of class ``name`` as ``module`` (the file ``full``) sees it:
    defined there or imported from a module of the same package (relative or by the package's
    name)."""
    for st in module.body:
        if isinstance(st, cst.ClassDef) and st.name.value == name:
            return module, st, full
    for st in module.body:
        if not isinstance(st, cst.SimpleStatementLine):
            continue
        for small in st.body:
            if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
                continue
            for a in small.names:
                if _from_name(a) != name:
                    continue
                real = dotted(a.name) or name
                if not small.relative:
                    return None
                folder = os.path.dirname(full)
                for _ in range(len(small.relative) - 1):
                    folder = os.path.dirname(folder)
                parts = (dotted(small.module) or "").split(".") if small.module is not None else []
                target = os.path.join(folder, *parts)
                for cand in (target + ".py", os.path.join(target, "__init__.py")):
                    if os.path.isfile(cand):
                        other = _parse_file(cand)
                        if other is not None:
                            return _find_class(other, real, cand)
                return None
    return None


def _missing_imports(module, path: str | None) -> set[str]:
    """Names bound by imports of modules that are not installed (``import gym`` without gym)."""
    folder = os.path.dirname(os.path.abspath(path)) if path else None
    roots = [folder] if folder else []
    if folder:
        top = folder
        while os.path.exists(os.path.join(top, "__init__.py")):
            top = os.path.dirname(top)
            roots.append(top)
    out: set[str] = set()
    seen: dict[str, bool] = {}

    def available(mod: str) -> bool:
        if mod not in seen:
            ok = any(os.path.exists(os.path.join(r, mod + ".py")) or os.path.isdir(os.path.join(r, mod)) for r in roots)
            if not ok:
                try:
                    # tf_keras (Keras 2) is served from Keras 3 in the worker when it is missing,
                    # and so are the common layers of tensorflow_addons (legacy.AddonsFinder).
                    ok = (
                        mod == "tensorflow_addons"
                        or importlib.util.find_spec("keras" if mod == "tf_keras" else mod) is not None
                    )
                    # A package the user's confirm-packages put on the worker's sys.path.
                    ok = ok or bool(EXTRA_PATH and importlib.machinery.PathFinder.find_spec(mod, EXTRA_PATH))
                except (ImportError, ValueError):
                    ok = False
            seen[mod] = ok
        return seen[mod]

    class Imports(cst.CSTVisitor):
        def visit_Import(self, node):
            for a in node.names:
                mod = (dotted(a.name) or "").split(".")[0]
                if mod and not available(mod):
                    out.add(a.asname.name.value if a.asname is not None else mod)

        def visit_ImportFrom(self, node):
            if node.relative or node.module is None or isinstance(node.names, cst.ImportStar):
                return
            mod = (dotted(node.module) or "").split(".")[0]
            if mod and mod != "__future__" and not available(mod):
                for a in node.names:
                    out.add(a.asname.name.value if a.asname is not None else a.name.value)

    module.visit(Imports())
    return out


class _DataExprs(cst.CSTVisitor):
    """``X.shape``, ``X.shape[1:]``, ``X.shape[1]`` and ``len(X)`` where X comes from data."""

    def __init__(self, tainted: set[str], kinds: set[str]) -> None:
        self.tainted = tainted
        self.kinds = kinds
        self.found: list[tuple[object, str]] = []

    def _data(self, node) -> bool:
        return bool(names_in(node) & self.tainted)

    def on_visit(self, node) -> bool:
        if id(node) in _REPLACED:
            return False
        if (
            isinstance(node, cst.Subscript)
            and isinstance(node.value, cst.Attribute)
            and node.value.attr.value == "shape"
            and self._data(node.value.value)
            and len(node.slice) == 1
        ):
            el = node.slice[0].slice
            self.found.append((node, "16" if isinstance(el, cst.Index) else shape_guess(self.kinds)))
            return False
        if isinstance(node, cst.Attribute) and node.attr.value == "shape" and self._data(node.value):
            self.found.append((node, shape_guess(self.kinds)))
            return False
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value == "len"
            and len(node.args) == 1
            and self._data(node.args[0].value)
        ):
            self.found.append((node, "16"))
            return False
        return not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda))


def _data_exprs(st, tainted: set[str], kinds: set[str]) -> list[tuple[object, str]]:
    v = _DataExprs(tainted, kinds)
    st.visit(v)
    return v.found


def _attr_targets(st) -> list[str]:
    """``self.model``-style attribute targets of an assignment, as source text."""
    targets = [t.target for t in st.targets] if isinstance(st, cst.Assign) else [st.target]
    return [src(t) for t in targets if isinstance(t, cst.Attribute) and dotted(t)]


def _mutated_params(fn) -> set:
    """Positions and names of the parameters a function changes with a builder method."""
    params = [p.name.value for p in list(fn.params.posonly_params) + list(fn.params.params)]
    out: set = set()
    for call in calls_in(fn.body):
        f = call.func
        if isinstance(f, cst.Attribute) and f.attr.value in BUILDER_METHODS:
            r = root_name(f.value)
            if r in params:
                out |= {r, params.index(r)}
    return out


def _is_tf_function(dec) -> bool:
    d = dec.decorator.func if isinstance(dec.decorator, cst.Call) else dec.decorator
    n = dotted(d) or ""
    return n.endswith("function") or n.endswith("jit")


# ---------------------------------------------------------------------------------------------
# Finding the target


def _node(expr) -> cst.BaseExpression:
    return cst.parse_expression(expr) if isinstance(expr, str) else expr


@dataclass
class Level:
    """Evaluate ``expr`` (source text or an original node) in ``scope`` before line ``cutoff``."""

    scope: cst.FunctionDef | cst.Module
    cutoff: int | None
    expr: object
    expr_names: set[str]
    is_model: bool = False
    # Parameters of ``scope`` that select the branch the finding is in (``if kind == "unet":``).
    branch: dict = field(default_factory=dict)


class Planner:
    def __init__(self, ix: Index, code: str, data: dict, path: str | None = None) -> None:
        self.ix = ix
        self.slicer = Slicer(ix, path)
        self.rule = code
        self.data = data or {}
        self.synthetic: list = []
        self.guessed: list[str] = []
        self.module_needed: set[str] = set()
        self.module_cutoffs: list[int | None] = []
        self.depth = 0
        self.path = path
        # Call sites tried to build a function's arguments where they stand (each may try its
        # caller's sites in turn): a budget, so that a class whose methods call each other
        # through many sites is given up on instead of searched without end.
        self.site_budget = 64
        self.realizing: list = []

    def _snapshot(self):
        return (
            list(self.synthetic),
            set(self.module_needed),
            list(self.module_cutoffs),
            list(self.guessed),
            list(self.slicer.assumed),
        )

    def _restore(self, snap) -> None:
        self.synthetic, self.module_needed, self.module_cutoffs, self.guessed = (
            list(snap[0]),
            set(snap[1]),
            list(snap[2]),
            list(snap[3]),
        )
        self.slicer.assumed = list(snap[4])

    def facts(self, st) -> Facts | None:
        return small_facts(self.ix, st, self.slicer.module_functions)

    # -- where the model is ------------------------------------------------------------------
    def locate(self, scope, small) -> Level:
        """The model (or failing that the value) that statement ``small`` of ``scope`` builds."""
        self.depth += 1
        if self.depth > 8:
            raise Unbuildable("the model is built too many calls away from the finding")
        ix = self.ix
        body = scope.body if isinstance(scope, cst.Module) else scope.body.body
        flat = flat_statements(body)
        if small not in flat:
            raise Unbuildable("the finding is in a statement the slicer cannot follow")
        if isinstance(small, cst.Return):
            return self._returned(scope, small)
        idx = flat.index(small)
        model_names: set[str] = set()
        model_attrs: dict[str, object] = {}  # ``self.model = Sequential()``: "self.model" -> that statement
        for st in flat:
            if isinstance(st, (cst.Assign, cst.AnnAssign)) and ix.is_model_ctor(st.value):
                facts = self.facts(st)
                assert facts is not None  # an assignment of a model constructor has facts
                model_names |= facts.defs
                model_attrs.update({t: st for t in _attr_targets(st)})
        f0 = self.facts(small)
        if isinstance(small, (cst.Assign, cst.AnnAssign)) and ix.is_model_ctor(small.value):
            for t in _attr_targets(small):
                return self._attr_model(scope, flat, small, t)
        if f0 is None:
            value = getattr(small, "value", None)
            if isinstance(small, cst.Expr) and value is not None:
                for call in calls_in(small):
                    if last_name(call.func) in DATA_CALLS:
                        raise Unbuildable(
                            f"the flagged code sits in a `{src(call.func)}(...)` call: no data or training in --confirm"
                        )
                return Level(scope, ix.line(small), value, names_in(value))
            raise Unbuildable("the finding is in a statement the slicer cannot follow")
        tainted = f0.defs | f0.muts
        candidates: list[tuple[str, object]] = []
        for n in sorted(tainted & model_names):
            candidates.append((n, small))
        returned = None
        for st in flat[idx + 1 :]:
            if isinstance(st, cst.Return):
                if st.value is not None and names_in(st.value) & tainted:
                    returned = st
                    break
                continue
            f = self.facts(st)
            if f is None:
                continue
            if f.uses & tainted:
                if isinstance(st, (cst.Assign, cst.AnnAssign)) and ix.is_model_ctor(st.value):
                    for n in sorted(f.defs):
                        candidates.append((n, st))
                    for t in _attr_targets(st):
                        candidates.append((t, st))
                elif f.muts & model_names:
                    for n in sorted(f.muts & model_names):
                        candidates.append((n, st))
                tainted |= f.defs | f.muts
            else:
                tainted -= f.kills
        if returned is not None and (
            not candidates or candidates[-1][0] in names_in(returned.value) | {src(returned.value)}
        ):
            return self._returned(scope, returned)
        if candidates:
            name, st = candidates[-1]
            if "." in name:
                return self._attr_model(scope, flat, st, name)
            return Level(scope, self._kill_line(flat, st, name), name, {name}, True)
        value = getattr(small, "value", None)
        if (
            isinstance(small, cst.Expr)
            and isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and src(value.func.value) in model_attrs
        ):
            # ``self.model.add(Dropout(...))``: the model on that attribute, not ``self``.
            return self._attr_model(scope, flat, model_attrs[src(value.func.value)], src(value.func.value))
        names = sorted(f0.defs) or sorted(f0.muts)
        if names:
            return Level(scope, self._kill_line(flat, small, names[0]), names[0], {names[0]})
        raise Unbuildable("the finding is in a statement the slicer cannot follow")

    def _attr_model(self, scope, flat, st, target: str) -> Level:
        """A model stored on an attribute (``self.model = Sequential(...)``)."""
        idx = flat.index(st)
        for later in flat[idx + 1 :]:
            if isinstance(later, cst.Return) and later.value is not None and src(later.value) == target:
                return self._returned(scope, later)
        root = target.split(".")[0]
        return Level(scope, None, target, {root}, True)

    def _kill_line(self, flat, st, name) -> int | None:
        after = False
        for other in flat:
            if other is st:
                after = True
                continue
            if not after:
                continue
            f = self.facts(other)
            if f and name in f.kills and name not in f.uses:
                return self.ix.line(other)
        return None

    def _returned(self, scope, ret) -> Level:
        """``scope`` returns a value built from the finding: build the function's result."""
        value = ret.value
        if value is None or isinstance(scope, cst.Module):
            raise Unbuildable("the function returns nothing")
        level = Level(scope, self.ix.line(ret), value, names_in(value))
        if self.ix.is_model_ctor(value) or self._returns_model_name(scope, value):
            level.is_model = True
            # A model factory: go up only when a caller puts the result into another model.
            return self._caller_level(scope, wrapping_only=True) or level
        # A block function (returns a tensor or a layer): the model is built by a caller.
        return self._caller_level(scope, wrapping_only=False) or level

    def _returns_model_name(self, scope, value) -> bool:
        if not isinstance(value, (cst.Name, cst.Attribute)):
            return False
        text = src(value)
        for st in flat_statements(scope.body.body):
            if isinstance(st, (cst.Assign, cst.AnnAssign)) and self.ix.is_model_ctor(st.value):
                facts = self.facts(st)
                assert facts is not None  # an assignment of a model constructor has facts
                if text in facts.defs or text in _attr_targets(st):
                    return True
        return False

    def call_sites(self, fn) -> list[cst.Call]:
        name = fn.name.value
        cls = self.ix.class_of(fn)
        out = []
        for call in self.ix.all_calls():
            if cls is None and isinstance(call.func, cst.Name) and call.func.value == name:
                if not self.ix.resolves_to(call, name, fn):
                    continue
            elif cls is not None and isinstance(call.func, cst.Attribute) and call.func.attr.value == name:
                if not self._super_of(call, cls):
                    continue
            else:
                continue
            if any(a is fn for a in self.ix.ancestors(call)):
                continue  # a recursive call
            out.append(call)
        out.sort(key=lambda c: (not isinstance(self.ix.scope_of(c), cst.Module), self.ix.line(c)))
        want = self.data.get("call_site_row") or self.data.get("call_site_line") or self.data.get("call_site")
        if isinstance(want, int):
            out.sort(key=lambda c: self.ix.line(c) != want)
        return out

    def _super_of(self, call: cst.Call, cls: cst.ClassDef) -> bool:
        """False for ``super().m(...)`` in a class that does not derive from ``cls`` (by name):
        that call reaches another class's ``m``."""
        assert isinstance(call.func, cst.Attribute)  # call_sites asks only about a method call
        inner = call.func.value
        if not (isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "super"):
            return True
        owner = self.ix.class_of(self.ix.scope_of(call))
        return owner is not None and cls.name.value in {last_name(b.value) for b in owner.bases}

    def _caller_level(self, fn, wrapping_only: bool) -> Level | None:
        for call in self.call_sites(fn):
            small = self.ix.small_stmt_of(call)
            scope = self.ix.scope_of(call)
            if small is None or isinstance(small, cst.BaseCompoundStatement):
                continue
            depth = self.depth
            try:
                lvl = self.locate(scope, small)
            except Unbuildable:
                continue
            finally:
                self.depth = depth
            if lvl.scope is scope:
                lvl.branch = {**_branch_of(self.ix, call, scope), **lvl.branch}
            if not wrapping_only:
                return lvl
            f = self.facts(small)
            own = (f.defs | f.muts) if f else set()
            value = getattr(small, "value", None)
            wraps = value is not None and value is not call and self.ix.is_model_ctor(value)
            if isinstance(lvl.expr, str):
                elsewhere = lvl.expr not in own
            else:
                elsewhere = lvl.expr is not call and lvl.expr is not value
            if lvl.is_model and (wraps or elsewhere):
                return lvl
        return None

    # -- turning a level into module-level code ---------------------------------------------
    def realize(self, level: Level):
        """A module-level expression for ``level``; records what the module part must hold."""
        ix = self.ix
        scope = level.scope
        if isinstance(scope, cst.Module):
            self.module_needed |= level.expr_names
            self.module_cutoffs.append(level.cutoff)
            return level.expr
        fn = scope
        if ix.scope_of(fn) is not ix.module and ix.class_of(fn) is None:
            return self._nested(fn, level)
        cls = ix.class_of(fn)
        if cls is not None and ix.scope_of(cls) is not ix.module:
            raise Unbuildable(f"`{cls.name.value}` is a nested class")
        body, needed = self.slicer.slice_block(fn.body.body, level.expr_names, level.cutoff, extra=level.expr)
        body, needed = self._before_data(fn, level, body, needed)
        ret = cst.SimpleStatementLine([cst.Return(value=_node(level.expr))])
        new_name = ix.fresh(fn.name.value)
        is_static = any((dotted(d.decorator) or "") == "staticmethod" for d in fn.decorators)
        newf = fn.with_changes(
            name=cst.Name(new_name),
            decorators=[],
            body=fn.body.with_changes(body=list(body) + [ret]),
            asynchronous=None,
        )
        self.synthetic.append(newf)
        params = fn.params
        param_names = [p.name.value for p in list(params.posonly_params) + list(params.params)]
        kw_names = [p.name.value for p in params.kwonly_params]
        self.module_needed |= free_names(newf) - {new_name}
        unused = {p for p in param_names + kw_names if p not in needed}
        lead: list[str] = []
        if cls is not None and not is_static:
            lead = [self.instance(cls, fn.name.value)]
            param_names = param_names[1:]
        for site in self.call_sites(fn):
            snap = self._snapshot()
            mapped = self._map_args(fn, site, param_names, unused, method=cls is not None)
            if mapped is None:
                continue
            args, names = mapped
            if not names - {"None", "True", "False"}:
                # Constant arguments: no need to stand where the call site stands.
                self.module_cutoffs.append(None)
                return f"{new_name}({', '.join(lead + args)})"
            if self.site_budget <= 0 or fn in self.realizing:
                raise Unbuildable("the model is built too many calls away from the finding")
            self.site_budget -= 1
            self.realizing.append(fn)
            try:
                return self._at_site(site, f"{new_name}({', '.join(lead + args)})", names)
            except Unbuildable:
                self._restore(snap)
            finally:
                self.realizing.pop()
        given = self._decorator_params(fn, param_names, unused)
        if given is not None:
            args, names, deco = given
            self.slicer._note(f"built with the first parameters of @{deco}")
            self.module_needed |= names
            self.module_cutoffs.append(None)
            return f"{new_name}({', '.join(lead + args)})"
        if cls is None:
            for site, where in self._sites_elsewhere(fn.name.value):
                mapped = self._map_args(fn, site, param_names, unused, method=False)
                if mapped is not None:
                    self.slicer._note(f"arguments from the call in {where}")
                    self.module_cutoffs.append(None)
                    return f"{new_name}({', '.join(mapped[0])})"
        defaults = self._defaults(fn, unused, method=cls is not None and not is_static, branch=level.branch)
        if defaults is None:
            what = f"{cls.name.value}.{fn.name.value}" if cls is not None else fn.name.value
            raise Unbuildable(f"`{what}()` needs arguments and no call site in this file gives them")
        self.module_cutoffs.append(None)
        call = f"{new_name}({', '.join(lead + defaults)})"
        return f"{FUNCTIONAL}(lambda: {call})" if f"{INPUT}(" in call else call

    def _data_line(self, stmts) -> int | None:
        """The first line of ``stmts`` that loads data (as ``refuse_data`` decides)."""
        lines = []
        for st in stmts:
            if isinstance(st, (cst.FunctionDef, cst.ClassDef)):
                continue
            for call in calls_in(st):
                if call in self.ix.pos and (
                    self.slicer.data_call(call, direct_only=True)
                    or (root_name(call.func) in self.slicer.missing and self.slicer.data_call(call))
                ):
                    lines.append(self.ix.pos[call].start.line)
        return min(lines) if lines else None

    def _before_data(self, fn, level: Level, body, needed):
        """The function's slice, refused if it loads data; but a model the function has built
        before it loads something into it (``model = load_weights(model, download(url))``) is
        judged as built then, and the verdict says so."""
        try:
            self.refuse_data(body)
            return body, needed
        except Unbuildable:
            name = level.expr.value if isinstance(level.expr, cst.Name) else level.expr
            line = self._data_line(body)
            if not isinstance(name, str) or not name.isidentifier() or line is None:
                raise
            early, early_needed = self.slicer.slice_block(fn.body.body, {name}, line, extra=None)
            built = any(
                isinstance(st, cst.Assign)
                and self.ix.is_model_ctor(st.value)
                and name in target_names(st.targets[0].target)[0]
                for st in flat_statements(early)
            )
            if not built:
                raise
            self.refuse_data(early)
            self.slicer._note(f"judged `{name}` as built before line {line}, which loads data or weights into it")
            return early, early_needed

    def _nested(self, fn, level: Level):
        """A function defined inside another that returns what the finding is about (a model
        factory local to a builder or a test): build it by its call in the enclosing function,
        whose slice keeps the nested definition."""
        returns = any(isinstance(st, cst.Return) and st.value is level.expr for st in flat_statements(fn.body.body))
        outer = self.ix.scope_of(fn)
        if returns:
            for site in self.call_sites(fn):
                if self.ix.scope_of(site) is not outer or self.site_budget <= 0:
                    continue
                self.site_budget -= 1
                snap = self._snapshot()
                try:
                    return self._at_site(site, src(site), names_in(site))
                except Unbuildable:
                    self._restore(snap)
        raise Unbuildable(f"`{fn.name.value}` is a nested function")

    def _at_site(self, site: cst.Call, expr: str, names: set[str]):
        """``expr`` (which uses the arguments of call site ``site``) evaluated where it stands."""
        scope = self.ix.scope_of(site)
        small = self.ix.small_stmt_of(site)
        cutoff = self.ix.line(small) if small is not None else None
        expr, names, cutoff = self._in_loops(site, scope, expr, names, cutoff)
        if isinstance(scope, cst.Module):
            kept, _ = self.slicer.slice_block(self.ix.module.body, names, cutoff)
            self.refuse_data([k for k in kept if not isinstance(k, (cst.FunctionDef, cst.ClassDef))])
        return self.realize(Level(scope, cutoff, expr, names))

    def _in_loops(self, site, scope, expr: str, names: set[str], cutoff):
        """A call site inside ``for x in ...:`` loops whose variables it uses: build it for the
        first iterations (at most 8) with a comprehension, so that each value the loop gives is
        built (every marked layer is judged) and the last model is the target."""
        child = site
        for node in self.ix.ancestors(site):
            if node is scope:
                break
            if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp)) and child is node.elt:
                # ``[Block(name=f"b{i}") for i in range(n)]``: the same for the comprehension's loop.
                comp = node.for_in
                bound, _ = target_names(comp.target)
                child = node
                if comp.inner_for_in is not None or comp.asynchronous is not None or not names & bound:
                    continue
                ifs = "".join(f" if {src(c.test)}" for c in comp.ifs)
                iterable = rewritten(comp.iter)
                expr = f"[{expr} for {src(comp.target)} in __import__('itertools').islice({iterable}, 8){ifs}][-1]"
                names = (names - bound) | names_in(comp.iter) | {n for c in comp.ifs for n in names_in(c.test)} - bound
                continue
            child = node
            if not isinstance(node, cst.For) or node.asynchronous is not None:
                continue
            bound, _ = target_names(node.target)
            if not names & bound:
                continue
            # Values computed in the loop body before the call cannot be had from outside it.
            inner: set[str] = set()
            for st in flat_statements(node.body.body):
                if self.ix.line(st) >= self.ix.line(site):
                    break
                f = self.facts(st)
                if f is not None:
                    inner |= f.defs | f.muts
            if (names - bound) & inner:
                break
            iterable = rewritten(node.iter)
            expr = f"[{expr} for {src(node.target)} in __import__('itertools').islice({iterable}, 8)][-1]"
            names = (names - bound) | names_in(node.iter)
            cutoff = self.ix.line(node)
        return expr, names, cutoff

    def _defaults(self, fn, unused: set[str], method: bool, branch=None) -> list[str] | None:
        params = list(fn.params.posonly_params) + list(fn.params.params)
        if method:
            params = params[1:]
        out = []
        for p in list(params) + list(fn.params.kwonly_params):
            if p.default is not None and p.name.value in (branch or {}):
                value = branch[p.name.value]
                self.guessed.append(f"{p.name.value}={value}: the branch the finding is in")
                out.append(f"{p.name.value}={value}")
        # A block applied to tensors (``def block(x, skip, filters)``) gets symbolic inputs, and
        # the target is the functional model from them to what it returns; not for DL101: the
        # output of a block is not the output of the model it goes into.
        tensors = _tensor_params(fn) if self.rule != "DL101" and not method else set()
        refused = _refused_when_none(fn)
        for p in list(params) + list(fn.params.kwonly_params):
            if p.default is not None and p.name.value in refused:
                # ``num_filters=None`` that the body refuses (``if num_filters is None: raise``).
                guess = self.stand_in(p, call_kinds([fn.body]), fn)
                if guess is None:
                    return None
                self.guessed[-1] += " (the code refuses its default None)"
                out.append(f"{p.name.value}={guess}")
                continue
            if p.default is not None:
                continue
            if p.name.value in unused:
                out.append(f"{p.name.value}=None")
                continue
            if p.name.value in tensors:
                shape = shape_guess(call_kinds([fn.body]))
                self.guessed.append(f"{p.name.value}=Input({shape})")
                out.append(f"{p.name.value}={INPUT}({shape})")
                continue
            guess = self.stand_in(p, call_kinds([fn.body]), fn)
            if guess is None:
                return None
            out.append(f"{p.name.value}={guess}")
        return out

    def stand_in(self, p: cst.Param, kinds: set, scope=None) -> str | None:
        """A value for required parameter ``p`` that no call site gives, noted in ``guessed``:
        the literal the same parameter name gets elsewhere in the file (a default of another
        definition, a keyword argument of a call), else what its use asks for (a mapping, a
        tuple), else a size/shape/rate guess from its name, else one from its type annotation."""
        name = p.name.value
        ann = dotted(p.annotation.annotation) if p.annotation is not None else None
        estimator = self._model_fn_arg(name, scope)
        if estimator is not None:
            return estimator
        if name == "hp" or (ann or "").endswith("HyperParameters"):
            self.guessed.append(
                "hp=keras-tuner hyperparameters at their defaults (else the first choice, else the minimum)"
            )
            return f"{HP}()"
        container = _container_guess(p.annotation.annotation) if p.annotation is not None else None
        if container is not None:
            assert p.annotation is not None  # the container was guessed from it
            self.guessed.append(f"{name}={container} (from its annotation `{src(p.annotation.annotation)}`)")
            return container
        config = self._config_class(name, ann)
        if config is not None:
            self.guessed.append(f"{name}={config}() (the defaults of {config})")
            self.module_needed.add(config)
            return f"{config}()"
        config = self._config_beside(name, ann, scope)
        if config is not None:
            return config
        if scope is not None and _only_initial_weights(name, scope):
            self.guessed.append(f"{name}=None (used only as initial weights, which the build leaves out)")
            return "None"
        found = self.ix.literal_for(name) or (_literal_beside(self.path, name) if self.path else None)
        if found is not None:
            value, where = found
            self.guessed.append(f"{name}={value} ({where})")
            return value
        guess = _use_guess(scope, name, kinds)
        if guess is not None:
            self.guessed.append(f"{name}={guess} (from how the code uses it)")
            return guess
        guess = value_guess(name, kinds)
        if guess is not None:
            self.guessed.append(f"{name}={guess}")
            return guess
        guess = {
            "int": "8",
            "float": "0.5" if "rate" in name or "drop" in name else "0.1",
            "bool": "False",
            "str": "'relu'" if "activation" in name else repr(name),
        }.get(ann or "")
        if guess is not None:
            self.guessed.append(f"{name}={guess} (from its annotation `{ann}`)")
            return guess
        if scope is not None and ann is None:
            guess = self._namespace_or_weights(name, scope, kinds)
            if guess is not None:
                return guess
        if re.search(r"(^|_)(path|dir|folder)$", name.lower()) and ann in (None, "str", "Path", "pathlib.Path"):
            # A path the build asks about (``if not os.path.exists(path): build a new model``):
            # one that does not exist in the worker's scratch directory.
            self.guessed.append(f"{name}='no_such_path' (a path: one that does not exist)")
            return "'no_such_path'"
        return None

    def _namespace_or_weights(self, name: str, scope, kinds: set) -> str | None:
        """A required parameter no call site gives, in two shapes of real code (noted): an
        options object (``args``, ``opt``, ``hparams``...) the code reads only by attribute
        (``args.max_len``), stood in by a namespace of those attributes, each by its name; a
        matrix used only as a layer's initial weights (``weights=[embedding_matrix]``, left out
        of the build), None."""
        text = src(scope)
        word = rf"(?<![.\w]){re.escape(name)}\b"
        uses = len(re.findall(word, text)) - 1  # less the parameter itself
        low = name.lower()
        if low not in (
            "args",
            "opt",
            "opts",
            "options",
            "hparams",
            "hps",
            "params",
            "flags",
            "conf",
            "settings",
            "cfg",
        ):
            return None
        attrs = re.findall(word + r"\.(\w+)", text)
        if not attrs or len(attrs) != uses:
            return None  # used otherwise than by attribute
        values = {}
        options = _option_defaults(self.path) if self.path else {}
        declared = []
        for a in dict.fromkeys(attrs):
            guess = options[a][0] if a in options else value_guess(a, kinds)
            if guess is None:
                return None
            if a in options:
                declared.append(options[a][1].split(" in ")[-1])
            values[a] = guess
        shown = ", ".join(f"{k}={v}" for k, v in values.items())
        where = f"; defaults of the options declared in {', '.join(sorted(set(declared)))}" if declared else ""
        self.guessed.append(f"{name}=namespace({shown}) (the code reads only these attributes of it{where})")
        return f"__import__('types').SimpleNamespace({shown})"

    def _model_fn_arg(self, name: str, fn) -> str | None:
        """A TF1 Estimator ``model_fn(features, labels, mode, params)``'s argument (noted):
        features a mapping that gives each key an input of the shape the file's layers suggest,
        mode training, labels / params / config None."""
        params = {p.name.value for p in fn.params.params} if isinstance(fn, cst.FunctionDef) else set()
        if not {"features", "mode"} <= params or name not in ("features", "labels", "mode", "params", "config"):
            return None
        if name == "features":
            kinds = {k[:-2] + k[-2:].upper() for k in call_kinds([self.ix.module]) if k and len(k) > 2}
            shape = shape_guess(kinds)
            self.guessed.append(f"features={{'x': Input({shape}), ...}} (an Estimator model_fn)")
            return f"{FEATURES}({shape})"
        value = "'train'" if name == "mode" else "None"
        self.guessed.append(f"{name}={value} (an Estimator model_fn)")
        return value

    def _config_class(self, name: str, ann: str | None) -> str | None:
        """A configuration class of the file (defined at module level or imported by name) that
        a ``config`` parameter takes: the one its annotation names, else, for a parameter named
        ``config`` / ``cfg`` without one, the file's only ``...Config`` class."""
        known = set(self.ix.classes) | set(self.ix.imported_from())
        configs = sorted(n for n in known if n.endswith(("Config", "Configuration")))
        if ann is not None:
            return ann if ann in configs else None
        if name in ("config", "cfg", "conf") and len(configs) == 1:
            return configs[0]
        return None

    def _config_beside(self, name: str, ann: str | None, scope=None) -> str | None:
        """A configuration parameter (named ``*config*`` / ``*cfg*`` / ``hparams``, or annotated
        with a ``...Config`` class) that the file's own classes do not give: the configuration
        class of a module beside the file (``config.py``, ``configuration_x.py``) built with its
        defaults, each required parameter of its ``__init__`` (through ``**kwargs`` to its base
        classes) stood in for by name, said ("assumed config: Config(vocab_size=16) with its
        defaults"). Imported relatively: the file runs as part of its package."""
        low = name.lower()
        named = "config" in low or "cfg" in low or low in ("hparams", "hps", "hp_config")
        if not self.path or not (named or (ann or "").endswith(("Config", "Configuration"))):
            return None
        if not os.path.exists(os.path.join(os.path.dirname(os.path.abspath(self.path)), "__init__.py")):
            return None
        found = [("." + f[0], *f[1:]) for f in _config_classes_beside(self.path)]
        if ann is not None:
            found = [f for f in found if f[1] == ann.split(".")[-1]]
        where = "beside the file"
        if not found and ann is None and scope is not None:
            found = _config_covering(self.path, name, scope)
            where = f"of a package the file imports from, and setting every attribute the code reads from `{name}`"
        if len(found) > 1:
            # A base configuration and the one derived from it: the derived one.
            bases = {b for f in found for b in f[3]}
            found = [f for f in found if f[1] not in bases] or found
        if len(found) > 1:
            found = [f for f in found if f[0] == "config"] or found
        if len(found) != 1:
            return None
        module, cls_name, required = found[0][:3]
        args = []
        for p in required:
            guess = value_guess(p.name.value, set())
            if guess is None and p.annotation is not None:
                guess = {"int": SIZE_STANDIN, "float": "0.1", "bool": "False"}.get(
                    dotted(p.annotation.annotation) or ""
                )
            if guess is None:
                return None
            args.append(f"{p.name.value}={guess}")
        alias = self.ix.fresh(f"cfg_{cls_name}")
        self.synthetic.insert(0, cst.parse_statement(f"from {module} import {cls_name} as {alias}\n"))
        shown = f"{cls_name}({', '.join(args)})"
        origin = f"{module.lstrip('.').replace('.', '/')}.py"
        self.slicer._note(f"assumed {name}: {shown} with its defaults ({origin}, {where}; no call site gives one)")
        return f"{alias}({', '.join(args)})"

    def _map_args(self, fn, site: cst.Call, params: list[str], unused: set[str], method: bool):
        out: list[str] = []
        names: set[str] = set()
        kw_ok = {p.name.value for p in list(fn.params.params) + list(fn.params.kwonly_params)}
        if not any(a.star for a in site.args):
            # A call site that does not fit this definition (another function of the same name).
            given = {a.keyword.value for a in site.args if a.keyword is not None}
            n_pos = len([a for a in site.args if a.keyword is None])
            all_params = list(fn.params.posonly_params) + list(fn.params.params)
            if method and all_params:
                all_params = all_params[1:]
            if n_pos > len(all_params) and not isinstance(fn.params.star_arg, cst.Param):
                return None
            required = [p.name.value for p in all_params[n_pos:] if p.default is None]
            required += [p.name.value for p in fn.params.kwonly_params if p.default is None]
            if any(r not in given for r in required):
                return None
        all_named = list(fn.params.posonly_params) + list(fn.params.params) + list(fn.params.kwonly_params)
        required_kw = {p.name.value for p in all_named if p.default is None}
        passed_none: list[str] = []
        pos = 0
        for a in site.args:
            if a.star:
                out.append(rewritten(a.with_changes(comma=cst.MaybeSentinel.DEFAULT)))
                names |= names_in(a.value)
                continue
            if a.keyword is None:
                name = params[pos] if pos < len(params) else None
                pos += 1
                if name in unused:
                    out.append("None")
                    continue
                out.append(rewritten(a.value))
            else:
                k = a.keyword.value
                if k not in kw_ok and fn.params.star_kwarg is None:
                    return None
                if k in unused:
                    if k in required_kw:
                        # A required parameter the build does not use: None, and said.
                        out.append(f"{k}=None")
                        passed_none.append(k)
                    continue
                out.append(f"{k}={rewritten(a.value)}")
            names |= names_in(a.value)
        if "self" in names and method:
            return None  # self.method(...) from inside the class with arguments read off self
        if passed_none:
            self.slicer._note(
                f"`{fn.name.value}()` called with {', '.join(f'{k}=None' for k in passed_none)}:"
                " the code that builds the model does not use them"
            )
        return out, names

    def instance(self, cls: cst.ClassDef, method: str = "__init__") -> str:
        """A module-level expression building an instance of ``cls`` (``method`` is the flagged
        one: an abstract class is built through a subclass only when it is not abstract)."""
        name = cls.name.value
        self.module_needed.add(name)
        later = [
            d.name.value
            for d in self.ix.module.body
            if isinstance(d, cst.ClassDef) and d.name.value == name and self.ix.line(d) > self.ix.line(cls)
        ]
        if later and self.ix.scope_of(cls) is self.ix.module:
            # A notebook that defines the class again further down: build the definition the
            # finding is in, with the module as it stands after it.
            self.module_cutoffs.append(self.ix.end_line(cls) + 1)
            self.slicer._note(
                f"built `{name}` as defined at line {self.ix.line(cls)} (the file defines it again further down)"
            )
        sites = [
            c
            for c in self.ix.all_calls()
            if isinstance(c.func, cst.Name)
            and c.func.value == name
            and not any(a is cls for a in self.ix.ancestors(c))
            and self.ix.resolves_to(c, name, cls)
        ]
        sites.sort(key=lambda c: (not isinstance(self.ix.scope_of(c), cst.Module), self.ix.line(c)))
        for site in sites:
            names: set[str] = set()
            for a in site.args:
                names |= names_in(a.value)
            if not site.args:
                break
            snap = self._snapshot()
            try:
                return self._at_site(site, rewritten(site), names | {name})
            except Unbuildable:
                self._restore(snap)
        for site, where in self._sites_elsewhere(name):
            self.slicer._note(f"arguments from the call in {where}")
            return src(site.with_changes(func=cst.Name(name)))
        init = _init_of(cls)
        if init is not None:
            refused = _refused_when_none(init)
            required = [p for p in list(init.params.params)[1:] if p.default is None or p.name.value in refused]
            required += [p for p in init.params.kwonly_params if p.default is None or p.name.value in refused]
            args = []
            kept = _only_kept(init)
            for p in required:
                guess = self.stand_in(p, call_kinds([cls]), cls)
                attr = kept.get(p.name.value)
                if guess is None and attr is not None and not self._reads_self(cls, attr):
                    # ``self.path_to_model = path_to_model``: the code built never reads it.
                    self.guessed.append(
                        f"{p.name.value}=None (`{name}()` only keeps it as `self.{attr}`, which the code built does not read)"
                    )
                    guess = "None"
                if guess is None:
                    raise Unbuildable(
                        f"`{name}()` needs {', '.join(p.name.value for p in required)} and no call site in this file gives them"
                    )
                if p.default is not None:
                    self.guessed[-1] += " (the code refuses its default None)"
                args.append(f"{p.name.value}={guess}")
            for p, keys in _config_mappings(init, {p.name.value for p in required}):
                value = self._mapping_stand_in(cls, p.name.value, keys)
                if value is None:
                    raise Unbuildable(
                        f"`{name}()` reads the configuration `{p.name.value}` (default None) and no call site gives one"
                    )
                args.append(f"{p.name.value}={value}")
            return f"{self._concrete(cls, method)}({', '.join(args)})"
        return f"{self._concrete(cls, method)}()"

    def by_builder(self, cls: cst.ClassDef, scope, callee) -> str | None:
        """``self.ATTR`` used in a method of ``cls`` that cannot be built (a ``fit()`` that needs
        data): the model a builder method of the class returns, where some method of the class
        assigns ``self.ATTR = self.BUILDER(...)`` (also in a tuple assignment); built on an
        instance of the class as ``instance.BUILDER()`` (said in the verdict), when the builder's
        required parameters can be stood in for."""
        if not (
            isinstance(callee, cst.Attribute) and isinstance(callee.value, cst.Name) and callee.value.value == "self"
        ):
            return None
        attr = callee.attr.value
        methods = {st.name.value: st for st in cls.body.body if isinstance(st, cst.FunctionDef)}
        builder = _builder_for(cls, attr)
        if builder is None or builder not in methods:
            return None
        fn = methods[builder]
        args = self._defaults(fn, set(), method=True)
        if args is None:
            return None
        entry = scope.name.value if isinstance(scope, cst.FunctionDef) else "the code"
        lead = self.instance(cls, builder)
        name = cls.name.value
        self.slicer._note(
            f"built `self.{attr}` by its builder `{name}.{builder}()` on a `{name}` instance "
            f"(`{name}.{entry}()`, where the finding is, needs data)"
        )
        fills = self._unset_attrs(cls, methods, fn)
        self.module_cutoffs.append(None)
        if not fills:
            return f"{lead}.{builder}({', '.join(args)})"
        helper = self.ix.fresh("__dl_built_by")
        lines = [f"def {helper}(obj):"]
        for a, value in fills:
            lines.append(f"    if getattr(obj, {a!r}, None) is None:")
            lines.append(f"        obj.{a} = {value}")
        lines.append(f"    return obj.{builder}({', '.join(args)})")
        self.synthetic.append(cst.parse_statement("\n".join(lines) + "\n"))
        return f"{helper}({lead})"

    def by_constructor(self, cls: cst.ClassDef, callee) -> str | None:
        """``self.ATTR`` called in a method of a class that cannot be built (a trainer that needs
        its ``args``, data or files): the model alone, from the one statement of the class that
        makes it, ``self.ATTR = Generator(self.ch, self.n_res, name='gen')``, with each
        ``self.X`` it passes stood in for: the literal the class sets it to, else, when it is set
        from an options object (``self.ch = args.ch``), the default the project declares for that
        option (``add_argument('--ch', default=64)``), else a size guessed from its name; noted.
        Only for a constructor the module defines or imports (not ``self.build()``), and only
        when every argument is stood in for."""
        if not (
            isinstance(callee, cst.Attribute) and isinstance(callee.value, cst.Name) and callee.value.value == "self"
        ):
            return None
        want = f"self.{callee.attr.value}"
        makes: list[tuple[cst.BaseExpression, int | None]] = []
        sets: dict[str, list] = {}
        for fn in cls.body.body:
            if not isinstance(fn, cst.FunctionDef):
                continue
            for st in flat_statements(fn.body.body):
                if not isinstance(st, cst.Assign) or len(st.targets) != 1:
                    continue
                t = st.targets[0].target
                target = src(t)
                if target == want:
                    makes.append((st.value, None))
                if isinstance(t, (cst.Tuple, cst.List)) and isinstance(st.value, cst.Call):
                    # ``self.actor, self.critic = create_actor_critic(...)``: element i of what it returns
                    for i, e in enumerate(t.elements):
                        if src(e.value) == want and not isinstance(e, cst.StarredElement):
                            makes.append((st.value, i))
                if target.startswith("self.") and target[5:].isidentifier():
                    sets.setdefault(target[5:], []).append((fn, st.value))
        if not makes or len({(src(m), i) for m, i in makes}) != 1:
            return None  # made differently in different places (a train and a test phase alike is fine)
        made, index = makes[0]
        if not isinstance(made, cst.Call) or not isinstance(made.func, cst.Name):
            return None
        ctor = made.func.value
        star = any(
            isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar)
            for st in self.ix.module.body
            if isinstance(st, cst.SimpleStatementLine)
            for small in st.body
        )
        own = ctor in self.ix.classes or ctor in self.ix.functions or ctor in self.ix.imported_from()
        if ctor == cls.name.value or not (own or (star and ctor[:1].isupper())):
            return None
        options = _option_defaults(self.path) if self.path else {}
        kinds = call_kinds([cls])
        noted: list[str] = []

        def attr_value(attr: str) -> str | None:
            values = sets.get(attr, [])
            if len(values) == 1:
                fn, value = values[0]
                params = {q.name.value for q in fn.params.params}
                if _literal(value):
                    noted.append(f"self.{attr}={src(value)} (as the class sets it)")
                    return src(value)
                if (
                    isinstance(value, cst.Attribute)
                    and isinstance(value.value, cst.Name)
                    and value.value.value in params
                    and value.attr.value in options
                ):
                    literal, where = options[value.attr.value]
                    noted.append(f"self.{attr}={literal} ({where})")
                    return literal
                last = last_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
                if last is None or (isinstance(value, cst.Name) and last not in params):
                    return None
                guess = value_guess(last, kinds)
                if guess is not None:
                    noted.append(f"self.{attr}={guess}")
                return guess
            return None  # never set, or set more than once

        # The callee's own parameters, when the module defines it: an argument the trainer gets
        # from outside (``env.observation_space.shape[0]``, a required parameter) is stood in for
        # as that parameter would be.
        target_fn = self.ix.functions.get(ctor)
        method = False
        if ctor in self.ix.classes:
            target_fn = _init_of(self.ix.classes[ctor])
            method = True
        params = []
        if target_fn is not None:
            params = list(target_fn.params.posonly_params) + list(target_fn.params.params)
            params = params[1:] if method else params
        by_name = {q.name.value: q for q in params + list(target_fn.params.kwonly_params if target_fn else [])}
        args = []
        for n, a in enumerate(made.args):
            if a.star:
                return None
            v = a.value
            if _literal(v):
                text = src(v)
            elif isinstance(v, cst.Attribute) and src(v.value) == "self" and v.attr.value in sets:
                found = attr_value(v.attr.value)
                if found is None:
                    return None
                text = found
            else:
                q = by_name.get(a.keyword.value) if a.keyword is not None else (params[n] if n < len(params) else None)
                guess = self.stand_in(q, call_kinds([target_fn]), target_fn) if q is not None else None
                if guess is None:
                    guess = _space_guess(v)
                    if guess is not None:
                        noted.append(f"{src(v)}={guess}")
                if guess is None:
                    return None
                text = guess
            args.append(f"{a.keyword.value}={text}" if a.keyword is not None else text)
        self.module_needed.add(ctor)
        self.module_cutoffs.append(None)
        shown = f"{ctor}({', '.join(args)})" + (f"[{index}]" if index is not None else "")
        self.slicer._note(
            f"built `{want}` alone as `{shown}` (line {self.ix.line(made)}): `{cls.name.value}` itself needs what"
            " the code does not give"
        )
        self.guessed.extend(noted)
        return shown

    def _unset_attrs(self, cls: cst.ClassDef, methods: dict, builder) -> list[tuple[str, str]]:
        """Attributes the builder reads that ``__init__`` leaves None and another method (a
        ``load_data``) sets: (name, stand-in) from that method's parameter default, else from how
        the class uses it (a shape when it is indexed), each noted."""
        init = methods.get("__init__")
        if init is None:
            return []
        read = set(re.findall(r"\bself\.(\w+)", src(builder)))
        for m in list(read):
            if m in methods and m not in ("__init__", builder.name.value):
                read |= set(re.findall(r"\bself\.(\w+)", src(methods[m])))
        none_in_init = set()
        for st in flat_statements(init.body.body):
            if isinstance(st, cst.Assign) and isinstance(st.value, cst.Name) and st.value.value == "None":
                for t in st.targets:
                    text = src(t.target)
                    if text.startswith("self."):
                        none_in_init.add(text[5:])
        text = src(cls)
        kinds = call_kinds([cls])
        out = []
        for attr in sorted(read & none_in_init):
            value = where = None
            for m in methods.values():
                if m.name.value in ("__init__", builder.name.value):
                    continue
                defaults = {
                    p.name.value: p.default
                    for p in list(m.params.params) + list(m.params.kwonly_params)
                    if p.default is not None
                }
                for st in flat_statements(m.body.body):
                    if not (isinstance(st, cst.Assign) and any(src(t.target) == f"self.{attr}" for t in st.targets)):
                        continue
                    v = st.value
                    used = names_in(v)
                    literal = {n for n in used if n in defaults and _literal(defaults[n])}
                    if used and used == literal and (isinstance(v, (cst.Name, cst.Tuple, cst.List))):
                        # ``self.side = side`` / ``self.shape = (side, side, 1)`` of ``load(side=16)``
                        value = _with_defaults(v, {n: defaults[n] for n in literal})
                        shown = ", ".join(f"`{n}`" for n in sorted(literal))
                        where = f"the default of {shown} in `{cls.name.value}.{m.name.value}()`, which sets it"
                    elif value is None:
                        where = f"`{cls.name.value}.{m.name.value}()` sets it from data --confirm does not load"
                if value is not None:
                    break
            if where is None:
                continue
            if value is None:
                indices = [int(i) for i in re.findall(rf"\bself\.{re.escape(attr)}\[(\d+)\]", text)]
                if indices or re.search(rf"\bself\.{re.escape(attr)}\[", text):
                    value = shape_guess(kinds)
                    need = max(indices, default=0) + 1
                    if value.count(",") - value.endswith(",)") + 1 < need:
                        # indexed further than the layers' shape goes (``image_size[2]``)
                        value = {2: "(16, 16)", 3: "(32, 32, 3)", 4: "(8, 8, 8, 3)"}.get(need, repr((8,) * need))
                else:
                    value = value_guess(attr, kinds)
            if value is None:
                continue
            self.slicer._note(f"assumed self.{attr} = {value} ({where})")
            out.append((attr, value))
        return out

    def _mapping_stand_in(self, cls: cst.ClassDef, param: str, keys: dict[str, str | None]) -> str | None:
        """A dict for a configuration mapping ``param`` that ``__init__`` reads by key
        (``self.n_past = config_data['n_past']``): each key a stand-in by its name, or None where
        the attribute it is kept in is never read by the code built; noted."""
        items = []
        unread = []
        for key, attr in keys.items():
            guess = value_guess(key, call_kinds([cls]))
            if guess is None and attr is not None and not self._reads_self(cls, attr):
                unread.append(key)
                guess = "None"
            if guess is None:
                return None
            items.append(f"{key!r}: {guess}")
        shown = ", ".join(i for i in items if not i.endswith(": None"))
        self.slicer._note(
            f"assumed {param} = {{{shown}}}"
            + (f" ({', '.join(unread)}: None, never read by the code built)" if unread else "")
            + f": `{cls.name.value}()` reads them from it and no call site in the file gives a usable one"
        )
        return "{" + ", ".join(items) + "}"

    def _concrete(self, cls: cst.ClassDef, method: str) -> str:
        """``cls``'s name, or ``__dl_concrete__(cls, method)`` when it may be abstract: the file
        uses ``abc``, or a base class (through the file's own classes) comes from a project module."""
        name = cls.name.value
        text = src(self.ix.module)
        if "abstractmethod" in text or "ABC" in text:
            return f"{CONCRETE}({name}, {method!r})"
        imported = self.ix.imported_from()
        folder = os.path.dirname(os.path.abspath(self.path)) if self.path else None
        roots = [folder] if folder else []
        while roots and os.path.exists(os.path.join(roots[-1], "__init__.py")):
            roots.append(os.path.dirname(roots[-1]))
        todo, seen = [cls], set()
        while todo:
            c = todo.pop()
            for base in c.bases:
                b = dotted(base.value) or ""
                if b in seen:
                    continue
                seen.add(b)
                if b in self.ix.classes and isinstance(self.ix.classes[b], cst.ClassDef):
                    todo.append(self.ix.classes[b])
                    continue
                mod = imported.get(b)
                if mod is None or folder is None:
                    continue
                top = mod.split(".")[0]
                if mod.startswith(".") or any(
                    os.path.exists(os.path.join(r, top + ".py")) or os.path.isdir(os.path.join(r, top)) for r in roots
                ):
                    return f"{CONCRETE}({name}, {method!r})"
        return name

    def _reads_self(self, cls: cst.ClassDef, attr: str) -> bool:
        """Whether the slice's functions so far, or a method of ``cls`` they call through
        ``self.``, read ``self.<attr>`` (any ``getattr(self`` / ``__dict__`` counts as reading)."""
        methods = {st.name.value: src(st) for st in cls.body.body if isinstance(st, cst.FunctionDef)}
        todo = [src(f) for f in self.synthetic]
        seen: set[str] = set()
        while todo:
            text = todo.pop()
            if re.search(rf"\bself\.{re.escape(attr)}\b", text) or "getattr(self" in text or "__dict__" in text:
                return True
            for m in re.findall(r"\bself\.(\w+)", text):
                if m in methods and m not in seen and m != "__init__":
                    seen.add(m)
                    todo.append(methods[m])
        return False

    def _decorator_params(self, fn, params: list[str], unused: set[str]):
        """(arguments, names they read, decorator) from the first parameter set of a test
        method's ``@parameterized.parameters(...)`` / ``@parameterized.named_parameters(...)``."""
        for dec in fn.decorators:
            call = dec.decorator
            kind = last_name(call.func) if isinstance(call, cst.Call) else None
            if kind not in ("parameters", "named_parameters") or not call.args or call.args[0].star:
                continue
            first = call.args[0].value
            values: list = []
            keywords: dict = {}
            if isinstance(first, cst.Dict):
                for el in first.elements:
                    if not isinstance(el, cst.DictElement) or not isinstance(el.key, cst.SimpleString):
                        return None
                    keywords[el.key.evaluated_value] = el.value
            elif isinstance(first, (cst.Tuple, cst.List)):
                values = [e.value for e in first.elements]
            elif kind == "parameters":
                values = [first]
            if kind == "named_parameters" and values:
                values = values[1:]
            keywords.pop("testcase_name", None)
            out, names = [], set()
            for name, value in list(zip(params, values)) + list(keywords.items()):
                if name not in params:
                    return None
                if name not in unused:
                    out.append(f"{name}={rewritten(value)}")
                    names |= names_in(value)
            missing = [p for p in params[len(values) :] if p not in keywords and p not in unused]
            defaults = {p.name.value for p in list(fn.params.params) if p.default is not None}
            if any(p not in defaults for p in missing):
                return None
            return out, names, src(call.func)
        return None

    def _sites_elsewhere(self, name: str, limit: int = 300):
        """Calls of ``name`` with literal arguments only (``Autoencoder(input_dim=(28, 28, 1),
        ...)``) in the other files of the project's folders: a run script or notebook next to
        the module that defines the model. Yields (call, "file:line")."""
        if not self.path:
            return
        for full, shown in _project_files(self.path, limit):
            yield from _literal_calls(full, name, shown)

    def refuse_data(self, stmts) -> None:
        for st in stmts:
            if isinstance(st, (cst.FunctionDef, cst.ClassDef)):
                continue
            for call in calls_in(st):
                if id(call.func) in _REPLACED:
                    continue  # a function the plan stands in for
                root = root_name(call.func)
                # A call inside a sliced compound statement is a copy: it has no position.
                at = f" (line {self.ix.pos[call].start.line})" if call in self.ix.pos else ""
                if root in self.slicer.missing and self.slicer.data_call(call):
                    raise Unbuildable(
                        f"building it needs `{src(call.func)}(...)`{at} from a module that is not installed"
                    )
                if self.slicer.data_call(call, direct_only=True):
                    if last_name(call.func) in _MODEL_LOADERS or src(call.func).endswith("saved_model.load"):
                        raise Unbuildable(
                            f"the model is loaded from a file at run time: `{src(call.func)}(...)`{at}; "
                            "--confirm builds models from code and loads none"
                        )
                    raise Unbuildable(
                        f"building it needs `{src(call.func)}(...)`{at}: --confirm loads no data and trains nothing"
                    )

    # -- the whole program --------------------------------------------------------------------
    def program(self, expr, mark, op_mark: bool | str = False) -> str:
        ix = self.ix
        cutoffs = self.module_cutoffs
        cutoff = None if (not cutoffs or None in cutoffs) else max(c for c in cutoffs if c is not None)
        needed = {n for n in self.module_needed if not n.startswith("__dl_")}
        registered = [st for st in ix.module.body if _registers_custom_object(st)]
        for st in registered:
            needed |= names_in(st)
        kept, _ = self.slicer.slice_block(ix.module.body, needed, cutoff, extra=expr)
        kept += [st for st in registered if st not in kept]
        self.refuse_data(kept)
        future = [
            s
            for s in kept
            if isinstance(s, cst.SimpleStatementLine)
            and any(
                isinstance(b, cst.ImportFrom) and b.module is not None and dotted(b.module) == "__future__"
                for b in s.body
            )
        ]
        rest = [s for s in kept if s not in future]
        target = cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(TARGET))], _node(expr))])
        prog = cst.Module(body=future + rest + list(self.synthetic) + [target])
        # Names defined here or imported from a module other than keras.applications (a
        # project's own `VGG16`) are not applications bases: no weights=None for them.
        own = set(ix.defs) | {n for n, mod in ix.imported_from().items() if "applications" not in mod}
        rw = _Rewrite(mark, own, op_mark)
        code = prog.visit(rw).code
        if TF1_ONLY.search(code) and re.search(r"^import tensorflow as tf$", code, re.M):
            code = re.sub(r"^import tensorflow as tf$", "import tensorflow.compat.v1 as tf", code, flags=re.M)
            self.slicer._note("ran as TF1 code through tensorflow.compat.v1 in graph mode")
        if rw.batch_shape:
            self.slicer._note("read Keras 2 batch_input_shape= as input_shape= without the batch size")
        if rw.no_weights:
            self.slicer._note("built with weights=None: --confirm downloads no ImageNet weights")
        if rw.initial_weights:
            self.slicer._note(
                "built without the initial weights "
                + ", ".join(f"`weights={w}`" for w in rw.initial_weights)
                + " (they decide no layer, rate or training flag)"
            )
        if mark is not None and "__dl_mark" not in code:
            raise Unbuildable("the flagged call is not part of the code that builds the model")
        return code


# ---------------------------------------------------------------------------------------------
# Entry point


def plan(
    text: str,
    code: str,
    row: int,
    col: int,
    end_row: int | None = None,
    end_col: int | None = None,
    data: dict | None = None,
    cache: dict | None = None,
    path: str | None = None,
) -> Plan:
    """The program that builds what the finding at (row, col) (1-based) is about.

    Raises ``Unbuildable`` (with the reason) or ``NotApplicable``. ``cache`` (a dict) keeps the
    parsed module between findings of the same file. ``path`` (the file's) tells which imports
    are available: a package next to the file counts.
    """
    _REPLACED.clear()
    try:
        return _plan(text, code, row, col, end_row, end_col, data, cache, path)
    except Unbuildable as exc:
        if code != "DL306" or cache is None or not isinstance(cache.get(text), Index):
            raise
        alone = _call_alone(cache[text].find_node(row, col, end_row, end_col, False), str(exc), data)
        if alone is None:
            raise
        return alone
    finally:
        _REPLACED.clear()


def plan_alone(
    text: str, row: int, col: int, end_row, end_col, cache: dict | None, reason: str, data: dict | None = None
) -> Plan | None:
    """DL306 whose build ran and failed (``reason``): the flagged call run alone, as for one
    the slicer cannot build (``_call_alone``); None when the finding is not such a call."""
    ix = cache.get(text) if cache is not None else None
    if not isinstance(ix, Index):
        try:
            ix = Index(text)
        except cst.ParserSyntaxError:
            return None
    return _call_alone(ix.find_node(row, col, end_row, end_col, False), reason, data)


def _call_alone(call, reason: str, data: dict | None = None) -> Plan | None:
    """DL306 on a ``tf.layers.dropout(...)`` (or a TF1 ``tf.layers.Dropout(rate)(x)``) whose
    surrounding code cannot be built: the function form with the call's literal rate, else the
    rate the linter resolved for it (``data["rate"]``: ``dropout_rate = 0.1`` above the call),
    else 0.5 (said in the verdict), on a stand-in tensor. The TF1 layer called without
    ``training=`` is that function: both default to ``training=False``."""
    if not isinstance(call, cst.Call):
        return None
    name = dotted(call.func)
    args = call.args
    rate_index = 1
    if name is None and isinstance(call.func, cst.Call):  # ``tf.layers.Dropout(rate)(x)``
        name, args, rate_index = dotted(call.func.func), call.func.args, 0
        if not name or not name.endswith("layers.Dropout"):
            return None
    elif name and name.endswith("layers.Dropout"):  # the constructor itself is the node
        rate_index = 0
    elif not name or not name.endswith("layers.dropout"):
        return None
    rate = None
    for i, a in enumerate(args):
        kw = a.keyword.value if a.keyword is not None else None
        if (kw == "rate" or (kw is None and i == rate_index)) and isinstance(a.value, (cst.Float, cst.Integer)):
            rate = a.value.value
    resolved = (data or {}).get("rate")
    if rate is None and isinstance(resolved, (int, float)) and not isinstance(resolved, bool):
        rate = repr(float(resolved))
    program = (
        f"import tensorflow as tf\n{TARGET} = {MARK_OP}(tf.compat.v1.layers.dropout)"
        f"(tf.ones((8, 64)), rate={rate or '0.5'})\n"
    )
    hints = {"op": name, "alone": reason}
    if rate is None:
        hints["guessed"] = "rate=0.5"
    return Plan(program, hints)


def _plan(text, code, row, col, end_row, end_col, data, cache, path) -> Plan:
    if code not in JUDGED:
        raise NotApplicable("no runtime check for this rule")
    ix = cache.get(text) if cache is not None else None
    if ix is None:
        try:
            ix = Index(text)
        except cst.ParserSyntaxError as exc:
            raise Unbuildable(f"cannot parse: {exc.message}") from None
        if cache is not None:
            cache.clear()  # one file at a time: findings come sorted by file
            cache[text] = ix
    node = ix.find_node(row, col, end_row, end_col, prefer_outer=code in CALL_RULES)
    if node is None:
        raise Unbuildable("no expression at the finding's position")
    planner = Planner(ix, code, data or {}, path)
    hints: dict = {}
    call = node if isinstance(node, cst.Call) else None
    func_name = dotted(call.func) if call is not None else None
    op_mark: bool | str = bool(
        func_name and func_name.endswith(OP_DROPOUTS) and code in ("DL201", "DL202", "DL203", "DL306")
    )
    if not op_mark and code in ("DL201", "DL202", "DL203") and call is not None and not isinstance(call.func, cst.Call):
        op_mark = "ctor"
    if func_name and func_name.endswith(OP_DROPOUTS) and code in ("DL101", "DL102", "DL103", "DL105", "DL401"):
        raise NotApplicable("op-level dropout: there is no Keras model to build")
    scope = ix.scope_of(node)
    cls = ix.class_of(scope) if isinstance(scope, cst.FunctionDef) else None
    if code == "DL101" and path:
        top = next(
            (
                a
                for a in ix.ancestors(node)
                if isinstance(a, (cst.FunctionDef, cst.ClassDef)) and ix.scope_of(a) is ix.module
            ),
            None,
        )
        # Only for a definition no code of this file uses (the file's own uses decide otherwise).
        here = top is not None and any(
            last_name(c.func) == top.name.value and top not in ix.ancestors(c) for c in ix.all_calls()
        )
        used = _used_as_block(path, top.name.value) if top is not None and not here else None
        if used is not None:
            assert top is not None  # _used_as_block is asked only about a definition
            raise NotApplicable(
                f"`{top.name.value}` is a block of another model ({used}): its output is not that model's output"
            )
    small = ix.small_stmt_of(node)
    if small is None:
        raise Unbuildable("the finding is not inside a statement")
    mark = node if call is not None else None
    if code in CALL_RULES and call is not None and not isinstance(call.func, cst.Call):
        # A call of a model: judge the callee as it stands just before that statement.
        callee = call.func
        mark = None
        if isinstance(callee, cst.Attribute) and callee.attr.value in (
            "predict",
            "predict_on_batch",
            "__call__",
            "call",
        ):
            callee = callee.value
        if cls is not None and isinstance(callee, cst.Name) and callee.value == "self":
            if cls.name.value not in ix.keras_classes:
                raise Unbuildable(f"`{cls.name.value}` is not a Keras model")
            expr = planner.instance(cls)
        else:
            scope, cutoff = _owner(ix, scope, small, callee)
            snap = planner._snapshot()
            # A model a plain class (a trainer) keeps: built alone from the statement that makes it,
            # rather than through the trainer, whose construction may need data, files or options.
            alone = planner.by_constructor(cls, callee) if cls is not None and not ix.is_keras_class(cls) else None
            given = _caller_given(cls, callee, only_none=True) if cls is not None and alone is None else None
            if given is not None:
                raise Unbuildable(given)  # built here it is None: calling it fails for want of the caller's model
            try:
                if alone is not None:
                    expr = alone
                else:
                    expr = planner.realize(Level(scope, cutoff, src(callee), names_in(callee)))
            except Unbuildable as exc:
                # ``self.disc_model(x)`` in a ``fit(train_ds)`` that needs data: the model that
                # a builder method of the class (``self.disc_model = self.discriminator()``) makes.
                planner._restore(snap)
                built = planner.by_builder(cls, scope, callee) if cls is not None else None
                if built is None:
                    given = _caller_given(cls, callee) if cls is not None else None
                    if given is not None:
                        raise Unbuildable(given) from None
                    raise exc from None
                expr = built
            else:
                if cls is not None and _unset_by_slice(cls, scope, callee, planner.synthetic):
                    # The method's slice never makes ``self.disc`` (``self._models()`` is not kept)
                    # and ``__init__`` leaves it None: build it through its builder instead.
                    kept = planner._snapshot()
                    planner._restore(snap)
                    built = planner.by_builder(cls, scope, callee)
                    if built is None:
                        planner._restore(kept)
                    else:
                        expr = built
    elif (
        cls is not None and not isinstance(ix.scope_of(cls), cst.Module) and (site := _nested_site(ix, cls)) is not None
    ):
        # A class defined inside a function (a test method): build it where that function
        # instantiates it, with the function's own statements before that.
        outer = ix.scope_of(cls)
        expr = planner.realize(planner.locate(outer, ix.small_stmt_of(site)))
    elif (
        cls is not None
        and cls.name.value in ix.keras_classes
        and (scope.name.value in ("__init__", "build", "call") or code == "DL303")
    ):
        expr = planner.instance(cls)
    else:
        if code == "DL301":
            hints["hardwired"] = True
        if isinstance(small, cst.BaseCompoundStatement):
            raise Unbuildable("the finding is in a statement header the slicer cannot follow")
        expr = planner.realize(planner.locate(scope, small))
    program = planner.program(expr, mark, op_mark)
    if op_mark is True:
        hints["op"] = func_name
    # TF1 code; a notebook that imports ``tensorflow.compat.v1 as tf`` in one cell and
    # ``tensorflow as tf`` in a later one builds its Keras model with the later (TF2).
    tf_imports = re.findall(r"^[ \t]*import (tensorflow(?:\.compat\.v1)?) as tf\b", program, re.M)
    # (Not TF2 Keras code that merely spells TensorFlow ``tensorflow.compat.v1``: a
    # ``tf.keras`` model with none of TF1's graph names runs eagerly, as it does under TF2.)
    v1 = tf_imports[-1:] == ["tensorflow.compat.v1"]
    keras_only = v1 and not TF1_ONLY.search(program) and re.search(r"\btf\.keras\.", program)
    if re.search(r"\bplaceholder\(|\bSession\(|disable_eager_execution|disable_v2_behavior", program) or (
        v1 and not keras_only
    ):
        hints["graph"] = True
    if planner.guessed:
        hints["guessed"] = ", ".join(dict.fromkeys(planner.guessed))
    if planner.slicer.assumed:
        hints["assumed"] = "; ".join(planner.slicer.assumed)
    if isinstance(expr, str) and expr.isidentifier():
        hints["target"] = expr
    return Plan(program, hints)


def _with_defaults(expr, defaults: dict) -> str:
    """``expr`` with each name of ``defaults`` replaced by its (literal) default."""

    class Sub(cst.CSTTransformer):
        def leave_Name(self, original, updated):
            return defaults.get(original.value, updated)

    return src(expr.visit(Sub()))


def _unset_by_slice(cls: cst.ClassDef, scope, callee, synthetic: list) -> bool:
    """Whether the model called, ``self.<attr>``, has a builder method in ``cls``, ``__init__``
    sets it to None (or not at all), and the sliced copy of ``scope`` (the last synthetic
    function) neither assigns it nor calls a method of ``self``."""
    if not (isinstance(callee, cst.Attribute) and isinstance(callee.value, cst.Name) and callee.value.value == "self"):
        return False
    attr = callee.attr.value
    if not isinstance(scope, cst.FunctionDef) or _builder_for(cls, attr) in (None, scope.name.value):
        return False
    init = _init_of(cls)
    if init is not None:
        for st in flat_statements(init.body.body):
            if isinstance(st, cst.Assign) and any(src(t.target) == f"self.{attr}" for t in st.targets):
                if not (isinstance(st.value, cst.Name) and st.value.value == "None"):
                    return False
    fns = [f for f in synthetic if isinstance(f, cst.FunctionDef)]
    if not fns:
        return False
    text = src(fns[-1].body)
    return not re.search(rf"\bself\.{re.escape(attr)}\s*[,=]|\bself\.\w+\(", text)


def _caller_given(cls: cst.ClassDef, callee, only_none: bool = False) -> str | None:
    """The one-line reason when the model called (``self.encoder``, ``self.projectors[0]``) is
    what ``cls``'s constructor is given (``self.encoder = encoder`` of a required parameter, or
    one annotated as a Keras model or layer): what it holds is the caller's, not this code's.
    ``only_none``: only for an optional parameter kept as it is (``model=None``), which the build
    here would leave None."""
    node = callee
    while isinstance(node, cst.Subscript):
        node = node.value
    if not (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "self"):
        return None
    attr = node.attr.value
    init = _init_of(cls)
    if init is None:
        return None
    params = {p.name.value: p for p in list(init.params.params)[1:] + list(init.params.kwonly_params)}
    for st in flat_statements(init.body.body):
        if not (isinstance(st, cst.Assign) and any(src(t.target) == f"self.{attr}" for t in st.targets)):
            continue
        if any(last_name(c.func) not in ("type", "isinstance", "tuple", "list", "len") for c in _every_call(st.value)):
            continue  # built here from the argument (``Dropout(config.rate)``), not the argument itself
        for name in sorted(names_in(st.value) & set(params)):
            p = params[name]
            ann = src(p.annotation.annotation) if p.annotation is not None else ""
            # ``model=None`` kept as it is: None unless a caller gives one (never rebound here).
            none = (
                p.default is not None
                and src(p.default) == "None"
                and src(st.value) == name
                and not any(
                    name in target_names(t.target)[0]
                    for a in flat_statements(init.body.body)
                    if isinstance(a, cst.Assign)
                    for t in a.targets
                )
            )
            if only_none and not none:
                continue
            if p.default is None or none or re.search(r"\b(Model|Layer|Sequential)\b", ann):
                shown = f" (annotated `{ann}`)" if ann else (" (default None)" if none else "")
                if none:
                    return (
                        f"the model called, `{src(callee)}`, is the `{name}` argument{shown} of `{cls.name.value}()`:"
                        " None unless a caller gives one, so what it holds, and what the training flag changes in"
                        " it, is the caller's (the caller's own file is where --confirm can judge it)"
                    )
                return (
                    f"the model called, `{src(callee)}`, is the `{name}` argument{shown} of `{cls.name.value}()`, "
                    "which no call site in the project gives: what it holds, and so what the training flag "
                    "changes in it, is the caller's"
                )
    return None


def _builder_for(cls: cst.ClassDef, attr: str) -> str | None:
    """The method ``m`` of ``cls`` in ``self.<attr> = self.m(...)`` (or the matching element of
    ``self.a, self.b = self.m(), self.n()``) in any method of the class."""

    def method_of(value) -> str | None:
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and isinstance(value.func.value, cst.Name)
            and value.func.value.value == "self"
        ):
            return value.func.attr.value
        return None

    want = f"self.{attr}"
    for st in cls.body.body:
        if not isinstance(st, cst.FunctionDef):
            continue
        for small in flat_statements(st.body.body):
            if not isinstance(small, cst.Assign):
                continue
            for t in small.targets:
                target = t.target
                if src(target) == want:
                    found = method_of(small.value)
                    if found is not None:
                        return found
                if isinstance(target, (cst.Tuple, cst.List)) and isinstance(small.value, (cst.Tuple, cst.List)):
                    elems = [e.value for e in target.elements]
                    values = [e.value for e in small.value.elements]
                    for e, v in zip(elems, values):
                        if src(e) == want and (found := method_of(v)) is not None:
                            return found
    return None


def _nested_site(ix: Index, cls: cst.ClassDef):
    """The first instantiation of class ``cls`` (defined in a function) in that function."""
    outer = ix.scope_of(cls)
    if not ix.is_keras_class(cls):
        return None
    for call in ix.all_calls():
        if (
            isinstance(call.func, cst.Name)
            and call.func.value == cls.name.value
            and ix.line(call) > ix.end_line(cls)
            and ix.scope_of(call) is outer
        ):
            small = ix.small_stmt_of(call)
            if small is not None and not isinstance(small, cst.BaseCompoundStatement):
                return call
    return None


def _owner(ix: Index, scope, small, callee):
    """(scope, cutoff) where a called model is bound: a free variable of a (nested) function is
    looked up in the enclosing scopes, as Python does."""
    cutoff: int | None = ix.line(small)
    root = root_name(callee)
    while isinstance(scope, cst.FunctionDef) and root and ix.class_of(scope) is None:
        b = _Bound()
        scope.visit(b)
        if root in b.names and root not in b.globals:
            break
        outer = ix.scope_of(scope)
        body = outer.body if isinstance(outer, cst.Module) else outer.body.body
        bound_before = False
        for st in flat_statements(body):
            if isinstance(st, (cst.FunctionDef, cst.ClassDef)):
                if st is scope:
                    break
                continue
            f = small_facts(ix, st, {})
            if f is not None and root in f.defs | f.muts and ix.line(st) < ix.line(scope):
                bound_before = True
        # Bound before the function: the value it has there; else whatever the scope binds last.
        cutoff = ix.line(scope) if bound_before else None
        scope = outer
    return scope, cutoff
