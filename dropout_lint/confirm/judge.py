"""Worker side of ``--confirm``: run one slice and judge the built object. Imports TensorFlow.

Only :mod:`dropout_lint.confirm.worker` imports this module, inside the worker process.
``run(request)`` returns ``(status, detail)``; every verdict is read off the built object (its
layers, the layer producing its output, two calls on the same input), never off the source.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras.src.layers.layer import Layer as _BaseLayer

from dropout_lint import kinds
from dropout_lint.confirm import import_roots

# The Keras layer classes among kinds.py's lists (the static rules' own, not a second copy).
DROPOUT_KINDS = set(kinds.DROPOUT_LAYERS)
BN_KINDS = {k for k in kinds.BATCHNORM if "." not in k}
PASSTHROUGH_KINDS = {k for k in kinds.PASSTHROUGH if "." not in k and not k.startswith("<")}
# Layers that say nothing about the input's rank: look past them for the first real layer.
AGNOSTIC_KINDS = (
    DROPOUT_KINDS
    | BN_KINDS
    | PASSTHROUGH_KINDS
    | {
        "LayerNormalization",
        "GroupNormalization",
        "UnitNormalization",
        "GaussianNoise",
        "ActivityRegularization",
        "Masking",
        "Identity",
        "Lambda",
        "InputLayer",
    }
)

_SHAPE_1D = (32, 8)
_SHAPE_2D = (32, 32, 3)
_SHAPE_3D = (8, 8, 8, 3)
FIRST_LAYER_SHAPES: dict[str, tuple] = {
    "Dense": (16,),
    "EinsumDense": (16,),
    "LSTM": _SHAPE_1D,
    "GRU": _SHAPE_1D,
    "SimpleRNN": _SHAPE_1D,
    "RNN": _SHAPE_1D,
    "Bidirectional": _SHAPE_1D,
    "MultiHeadAttention": _SHAPE_1D,
    "Attention": _SHAPE_1D,
    "ConvLSTM1D": (4, 16, 3),
    "ConvLSTM2D": (4, 16, 16, 3),
    "ConvLSTM3D": (4, 8, 8, 8, 3),
    "Flatten": (8, 8),
    "Rescaling": _SHAPE_2D,
    "Resizing": _SHAPE_2D,
    "Normalization": (16,),
}


class NoInputShape(Exception):
    pass


class HyperParameters:
    """A keras-tuner ``hp`` for a build function no call site gives one: each hyperparameter
    takes its default, else its first choice, else its minimum (keras-tuner's own first
    values), the same for every use of a name."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def _value(self, name: str, value: Any) -> Any:
        return self.values.setdefault(name, value)

    def Int(self, name, min_value=0, max_value=None, step=None, sampling=None, default=None, **kw):  # noqa: N802
        return self._value(name, default if default is not None else min_value)

    def Float(self, name, min_value=0.0, max_value=None, step=None, sampling=None, default=None, **kw):  # noqa: N802
        return self._value(name, default if default is not None else min_value)

    def Choice(self, name, values, ordered=None, default=None, **kw):  # noqa: N802
        return self._value(name, default if default is not None else list(values)[0])

    def Boolean(self, name, default=False, **kw):  # noqa: N802
        return self._value(name, default)

    def Fixed(self, name, value, **kw):  # noqa: N802
        return self._value(name, value)

    def get(self, name):
        return self.values[name]

    def conditional_scope(self, *args, **kwargs):
        import contextlib

        return contextlib.nullcontext()


# ---------------------------------------------------------------------------------------------
# Running the slice


class _Features(dict):
    """A TF1 Estimator model_fn's ``features``: any key gives an input of ``shape`` (a
    placeholder in a graph, zeros when eager)."""

    def __init__(self, shape: tuple) -> None:
        super().__init__()
        self.shape = tuple(shape)

    def __missing__(self, key):
        if tf.executing_eagerly():
            value = tf.zeros((2,) + self.shape)
        else:
            value = tf.compat.v1.placeholder(tf.float32, (None,) + self.shape, name=f"feature_{key}")
        self[key] = value
        return value


def _concrete_class(cls: Any, flagged: str) -> Any:
    """``cls``, or when it is abstract (``abc``) and ``flagged`` is not one of its abstract
    methods, a throw-away subclass whose abstract methods raise if the build calls them."""
    abstract = getattr(cls, "__abstractmethods__", None)
    if not isinstance(cls, type) or not abstract or flagged in abstract:
        return cls

    def stub(name: str) -> Any:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            raise NotImplementedError(
                f"the build calls `{cls.__name__}.{name}`, which is abstract (stubbed by --confirm)"
            )

        return property(method) if isinstance(getattr(cls, name, None), property) else method

    names = sorted(abstract)
    body = {n: stub(n) for n in names}
    body.update(__module__=cls.__module__, __qualname__=cls.__qualname__)
    sub = type(cls)(cls.__name__, (cls,), body)
    note = (
        f"`{cls.__name__}` is abstract: built as a throw-away subclass with "
        + ", ".join(f"`{n}`" for n in names)
        + " stubbed (the build does not call them)"
    )
    if note not in NOTES:
        NOTES.append(note)
    return sub


def _execute(req: dict) -> tuple[dict, list, BaseException | None]:
    from dropout_lint.confirm import legacy

    marked: list = []

    def mark(obj: Any) -> Any:
        marked.append(obj)
        return obj

    def mark_op(fn: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            OPS.append((fn, args, kwargs))
            return fn(*args, **kwargs)

        return call

    def mark_ctor(fn: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                obj = fn(*args, **kwargs)
            except Exception as exc:
                CTOR_ERRORS.append(exc)
                raise
            marked.append(obj)
            return obj

        return call

    inputs: list = []

    def stand_in_input(shape: tuple) -> Any:
        t = keras.Input(shape)
        inputs.append(t)
        return t

    def functional(build: Any) -> Any:
        # A block applied to stand-in inputs: the model from them to what it returns.
        inputs.clear()
        out = build()
        if inputs and all(isinstance(t, keras.KerasTensor) for t in _flat(out)) and _flat(out):
            return keras.Model(list(inputs), out)
        return out

    ns: dict[str, Any] = {
        "__name__": "__main__",
        "__package__": _package_of(req.get("dir")),
        "__file__": req.get("filename") or "<confirm>",
        "__builtins__": builtins,
        "__dl_mark__": mark,
        "__dl_mark_op__": mark_op,
        "__dl_mark_ctor__": mark_ctor,
        "__dl_input__": stand_in_input,
        "__dl_functional__": functional,
        "__dl_hp__": HyperParameters,
        "__dl_features__": _Features,
        "__dl_concrete__": _concrete_class,
    }
    added = [p for p in req.get("roots") or import_roots(req.get("dir")) if p not in sys.path]
    # After the standard library, before site-packages: a ``wave.py`` next to the file does not
    # shadow the standard library's, a project's ``models.py`` still wins over an installed one.
    at = _after_stdlib()
    sys.path[at:at] = added
    # argparse in the slice reads the defaults, not the worker's own command line.
    argv = sys.argv
    sys.argv = [req.get("filename") or "<confirm>"]
    error: BaseException | None = None
    flags_before = _absl_flags()
    loaders = _fresh_tf_keras()
    try:
        name = f"{req.get('filename') or '<confirm>'} (confirm slice)"
        code = compile(legacy.tf_python_keras(req["code"]), name, "exec")
        # The finder of stand-ins reads the slice's try/except ImportError guards from it.
        legacy.SOURCES.clear()
        legacy.SOURCES[name] = req["code"]
        # Code that reads its own source (``inspect.getsource`` in a docstring decorator,
        # autograph converting a ``tf.function``) finds the slice's text.
        _register_source(name, req["code"])
        if (req.get("hints") or {}).get("graph"):
            # TF1 graph code (placeholders, sessions): build it in a graph of its own.
            with tf.Graph().as_default():
                exec(code, ns)  # noqa: S102
        else:
            exec(code, ns)  # noqa: S102 - running the slice is the point of --confirm
    except BaseException as exc:  # noqa: BLE001 - SystemExit too: it is the slice's verdict
        error = exc
    finally:
        sys.argv = argv
        _forget_flags(flags_before)
        for mod, old in loaders:
            mod.keras = old
        for p in added:
            try:
                sys.path.remove(p)
            except ValueError:
                pass
    k2 = _keras2()
    built = [ns.get("__dl_target__"), *marked]
    if k2 is not None and any(
        isinstance(o, k2.layers.Layer) or (isinstance(o, type) and issubclass(o, k2.layers.Layer)) for o in built
    ):
        NOTES.append(
            f"built with Keras 2 (tf_keras {getattr(k2, '__version__', '?')}, installed or taken by confirm-packages): "
            "the code asks for it (`import tf_keras`, or `tf.keras` with TF_USE_LEGACY_KERAS=1)"
        )
    target = (req.get("hints") or {}).get("target")
    if error is not None and "__dl_target__" not in ns and target is not None and _is_layer(ns.get(target)):
        # A later statement of the slice failed (a second ``build``, a summary): the model it
        # needs is built already; judge that one and say so.
        NOTES.append(f"the slice then raised {_reason(error)}; judged `{target}` as built before that")
        ns["__dl_target__"] = ns[target]
        error = None
    return ns, marked, error


def _fresh_tf_keras() -> list:
    """When the real ``tf_keras`` (Keras 2) can be imported: give ``tf.keras`` (and
    ``tf.compat.v1.keras``) fresh lazy loaders for the build, so that its first use picks Keras 2 or
    3 as TensorFlow does in the project's own process: Keras 2 when ``TF_USE_LEGACY_KERAS=1`` is
    set by then (Hugging Face's TF models set it at import), Keras 3 otherwise. Returns (module,
    loader it had) pairs, put back after the build: the worker itself stays on Keras 3."""
    import importlib.machinery

    try:
        if importlib.machinery.PathFinder.find_spec("tf_keras") is None:
            return []
        from tensorflow.python.util import lazy_loader
    except (ImportError, ValueError):
        return []
    saved = []
    # (``tf.keras`` may be the plain Keras 3 module by now: an ``import tensorflow.keras.x`` binds it.)
    for mod, mode in ((tf, None), (getattr(tf.compat, "v1", None), "v1")):
        if mod is None or "keras" not in vars(mod):
            continue
        saved.append((mod, vars(mod)["keras"]))
        mod.keras = lazy_loader.KerasLazyLoader(vars(mod), mode=mode)
    return saved


def _register_source(name: str, code: str) -> None:
    """Put the slice's text in ``linecache`` under the name it is compiled with (the previous
    slice's entry dropped), as if it were a file."""
    import linecache

    for key in [k for k in linecache.cache if isinstance(k, str) and k.endswith(" (confirm slice)")]:
        linecache.cache.pop(key, None)
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)


def _absl_flags() -> set | None:
    """The absl flags defined before a build, with the flags marked as parsed: a build reading
    ``FLAGS.rate`` gets the default its ``flags.DEFINE_float("rate", 0.5, ...)`` gives, as
    argparse gives its defaults (the worker's command line is the file name alone)."""
    try:
        from absl import flags
    except ImportError:
        return None
    if not flags.FLAGS.is_parsed():
        flags.FLAGS.mark_as_parsed()
    return set(flags.FLAGS)


def _forget_flags(before: set | None) -> None:
    """Drop the flags a build defined, so that the next build may define them again."""
    if before is None:
        return
    from absl import flags

    new = set(flags.FLAGS) - before
    if new:
        NOTES.append("absl flags read with their defaults: " + ", ".join(f"--{n}" for n in sorted(new)))
    for name in new:
        try:
            delattr(flags.FLAGS, name)
        except AttributeError:
            pass


def _absent_module(error: BaseException | None) -> str | None:
    """The top-level module a failed build could not import because it is not installed."""
    from dropout_lint.confirm import legacy

    if not isinstance(error, ModuleNotFoundError) or not error.name:
        return None
    top = error.name.split(".")[0]
    if top in legacy._OWN:
        return None
    if legacy.installed(top):
        # A submodule the installed package no longer has (``numpy.core.umath_tests``).
        return error.name if top != error.name and not legacy.installed(error.name) else None
    return top


def _package_of(folder: str | None) -> str | None:
    """The dotted package a file in ``folder`` belongs to (``tfts.models`` for
    ``tfts/models/tcn.py`` when both folders hold an ``__init__.py``), so that the slice's
    relative imports (``from .layers import X``) resolve as they do when the project imports the
    file; the folder above the top package is on the slice's path (``import_roots``)."""
    parts: list[str] = []
    while folder and os.path.exists(os.path.join(folder, "__init__.py")):
        parts.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    return ".".join(parts) if parts and all(p.isidentifier() for p in parts) else None


def _package_folders(folder: str | None) -> list[tuple[str, str]]:
    """(dotted name, folder) of each package enclosing a file in ``folder``, outermost first."""
    out: list[tuple[str, str]] = []
    while folder and os.path.exists(os.path.join(folder, "__init__.py")):
        out.insert(0, (os.path.basename(folder), folder))
        folder = os.path.dirname(folder)
    names: list[tuple[str, str]] = []
    for i, (_, f) in enumerate(out):
        names.append((".".join(p for p, _ in out[: i + 1]), f))
    return names if all(n.isidentifier() for n, _ in out) else []


def _failed_init(error: BaseException, folder: str | None) -> str | None:
    """The ``__init__.py`` (relative to the top package's parent) of a package enclosing the
    file, when ``error`` was raised while it ran; else None."""
    chain = _package_folders(folder)
    if not chain:
        return None
    inits = {os.path.realpath(os.path.join(f, "__init__.py")): f for _, f in chain}
    base = os.path.dirname(os.path.realpath(chain[0][1]))
    tb = error.__traceback__
    while tb is not None:
        path = os.path.realpath(tb.tb_frame.f_code.co_filename)
        if path in inits:
            return os.path.relpath(path, base)
        tb = tb.tb_next
    return None


def _skeleton_packages(folder: str | None) -> None:
    """Put each package enclosing the file in ``sys.modules`` as an empty package of its folder
    (its ``__init__.py`` not run; what a failed import left of it dropped), so the file's own
    imports, relative or by name, find its modules. The worker drops them after the build."""
    import types

    chain = _package_folders(folder)
    if not chain:
        return
    top = chain[0][0]
    for name in list(sys.modules):
        if name == top or name.startswith(top + "."):
            del sys.modules[name]
    parent = None
    for name, f in chain:
        mod = types.ModuleType(name)
        mod.__path__ = [f]
        mod.__package__ = name
        mod.__file__ = os.path.join(f, "__init__.py")
        sys.modules[name] = mod
        if parent is not None:
            setattr(parent, name.rsplit(".", 1)[-1], mod)
        parent = mod


def _after_stdlib() -> int:
    std = {os.path.realpath(p) for p in (sys.base_prefix, sys.base_exec_prefix)}
    at = 0
    for i, p in enumerate(sys.path):
        real = os.path.realpath(p) if p else ""
        if any(real.startswith(s + os.sep) for s in std) and "-packages" not in real:
            at = i + 1
    return at


# Notes for the verdicts of the current request (what the run assumed or substituted).
NOTES: list[str] = []
# Op-level dropout calls of the current request: (function, args, kwargs).
OPS: list[tuple] = []
# Exceptions the flagged layer's constructor raised in the current request.
CTOR_ERRORS: list[BaseException] = []


# Keras 3 errors whose cause is Keras 2 code, said as such (the error's own first line follows).
KERAS2_ERRORS = (
    (
        "A KerasTensor cannot be used as input to a TensorFlow function",
        "Keras 2 code: a TensorFlow op applied to a Keras symbolic tensor (Keras 3 refuses it)",
    ),
    (
        "`keras.optimizers.legacy` is not supported in Keras 3",
        "Keras 2 code: `keras.optimizers.legacy` (Keras 3 has none)",
    ),
)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, SystemExit) and _from_argparse(exc):
        return f"the script needs command-line arguments (argparse exited with code {exc.code})"
    for needle, cause in KERAS2_ERRORS:
        if needle in str(exc):
            return cause
    from dropout_lint.confirm.legacy import StandInReached

    if isinstance(exc, StandInReached):
        return str(exc)
    import importlib.metadata

    never = _never_set(exc)
    if never is not None:
        return never
    if isinstance(exc, importlib.metadata.PackageNotFoundError):
        # The project checks its dependencies' metadata (transformers' require_version): a
        # placeholder module is no installed distribution.
        text = str(exc.args[0] if exc.args else exc)
        m = re.search(r"The '([^']+)' distribution was not found", text)
        want = m.group(1) if m else text.split(" ")[-1]
        return (
            f"the project checks at import that the distribution `{want}` is installed: it is not "
            "(--confirm stands in for modules that are not installed, not for their metadata)"
        )
    text = exc.args[0] if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str) else str(exc)
    lines = [ln for ln in re.sub(r"\x1b\[[0-9;]*m", "", text).strip().splitlines() if ln.strip()]
    if len(lines) > 1 and lines[0].startswith("Exception encountered when calling"):
        # Keras' wrapper line: what the layer's call() raised comes next.
        lines = lines[1:]
    first = lines[0].strip() if lines else ""
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 240 else text[:237] + "..."


# The slice being built (for reasons that read it).
_SLICE = {"code": ""}


def _never_set(exc: BaseException) -> str | None:
    """For ``'C' object has no attribute 'a'`` on an instance of a class of the slice that never
    sets ``self.a`` (a mixin: the class that mixes it in sets it): a line that says so."""
    obj, name = getattr(exc, "obj", None), getattr(exc, "name", None)
    if not isinstance(exc, AttributeError) or obj is None or not isinstance(name, str):
        return None
    cls = type(obj)
    if cls.__module__ != "__main__" or re.search(rf"\bself\.{re.escape(name)}\s*(=|:)", _SLICE["code"]):
        return None
    if any(name in vars(k) for k in cls.__mro__):
        return None
    return (
        f"the build reads `self.{name}`, which `{cls.__name__}` never sets (a mixin or base class: "
        "the class that sets it is not built here)"
    )


def _from_argparse(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith("argparse.py"):
            return True
        tb = tb.tb_next
    return False


# ---------------------------------------------------------------------------------------------
# Inputs and tracing


def _kind(layer: Any) -> str:
    return type(layer).__name__


def _keras2() -> Any:
    """The real ``tf_keras`` package (Keras 2) when a build imported it, else None (not the view
    of Keras 3 that :mod:`.legacy` serves when it is not installed)."""
    from dropout_lint.confirm import legacy

    mod = sys.modules.get("tf_keras")
    if mod is None or isinstance(getattr(getattr(mod, "__spec__", None), "loader", None), legacy._Loader):
        return None
    return mod


def _layer_bases() -> tuple:
    """The base Layer classes of the Keras the build used: Keras 3's, and Keras 2's (``tf_keras``)
    when the project's code built with it."""
    k2 = _keras2()
    base2 = getattr(getattr(k2, "layers", None), "Layer", None) if k2 is not None else None
    return (_BaseLayer, base2) if isinstance(base2, type) else (_BaseLayer,)


def _is_layer(obj: Any) -> bool:
    return isinstance(obj, _layer_bases())


def _root_build(obj: Any) -> Any:
    """``build`` of the base Layer class ``obj`` derives from (a layer whose ``build`` is this
    one builds no weights of its own)."""
    for base in _layer_bases():
        if isinstance(obj, base):
            return base.build
    return _BaseLayer.build


def _is_model(obj: Any) -> bool:
    k2 = _keras2()
    model2 = getattr(k2, "Model", None) if k2 is not None else None
    return isinstance(obj, (keras.Model, model2) if isinstance(model2, type) else keras.Model)


def _children(layer: Any) -> list:
    try:
        return list(layer._flatten_layers(include_self=False, recursive=False))
    except Exception:  # noqa: BLE001
        return []


def _all_layers(layer: Any) -> list:
    try:
        return list(layer._flatten_layers(include_self=False, recursive=True))
    except Exception:  # noqa: BLE001
        return []


def _shape_for(layer: Any) -> tuple[tuple, str] | None:
    """The input shape (without batch) and dtype that the first layer ``layer`` suggests."""
    kind = _kind(layer)
    if kind == "Embedding":
        return (10,), "int32"
    if kind == "TimeDistributed":
        inner = _shape_for(layer.layer)
        return ((4,) + inner[0], inner[1]) if inner else None
    kernel = getattr(layer, "kernel", None) if kind == "Dense" and getattr(layer, "built", False) else None
    if kernel is not None and len(kernel.shape) == 2:
        # A built Dense says its input width.
        return (int(kernel.shape[0]),), "float32"
    if kind in FIRST_LAYER_SHAPES:
        return FIRST_LAYER_SHAPES[kind], "float32"
    for suffix, shape in (("1D", _SHAPE_1D), ("2D", _SHAPE_2D), ("3D", _SHAPE_3D)):
        if kind.endswith(suffix):
            return shape, "float32"
    if kind == "Reshape":
        return (int(np.prod(layer.target_shape)),), "float32"
    if _is_layer(layer) and not _is_model(layer) and not _children(layer):
        # A custom layer first: the input width its own weights say (said in the verdict).
        return _weight_shape(layer)
    if _is_model(layer):
        # A built inner model (a keras.applications base inside a subclassed model) says it.
        try:
            ins = layer.inputs if layer.built else None
        except Exception:  # noqa: BLE001
            ins = None
        if ins and len(ins) == 1:
            return tuple(ins[0].shape[1:]), str(ins[0].dtype)
    if _is_model(layer) or _children(layer):
        return _first_shape(layer)
    return None


def _first_shape(model: Any) -> tuple[tuple, str] | None:
    layers = list(getattr(model, "layers", None) or _children(model))
    for layer in layers:
        if _kind(layer) in AGNOSTIC_KINDS:
            continue
        found = _shape_for(layer)
        if found is not None:
            return found
        return None
    return None


# Height and width for an image input that leaves them open (``Input((None, None, 3))``, a
# ``keras.applications`` base without input_shape): large enough for every ImageNet base's
# stride-32 stem (InceptionV3 needs 75), small enough to build on a CPU.
_OPEN_IMAGE_SIDE = 96


# The side of a guessed image input (a model with no input shape of its own whose first layer is
# 2D), whether the current build used one, and why a larger one is tried (see ``run``).
_IMAGE: dict = {"side": _SHAPE_2D[0], "used": False, "why": ""}
# Sides tried, one fresh build each, when calling the model on the guessed 32x32 image failed
# (valid convolutions or skip connections that need more pixels; a failed call fixes a
# Sequential's input shape, so each side needs its own build).
_LARGER_SIDES = (64, 128)


# An open axis of a model's own input (``Input((None, 40))``, ``Input((None, None, 3))``) gets 8
# (an image's sides ``_OPEN_IMAGE_SIDE``); when calling the model on that fails because a
# convolution or pooling would give an empty or negative size, ``run`` builds once more for each
# of ``_LONGER_OPEN`` (``side``), said in the verdict ("assumed input length 128").
_OPEN: dict = {"side": None, "used": False}
_LONGER_OPEN = (128, 299)
_EMPTY_OUTPUT = re.compile(
    r"resulted in an empty output|output size would be negative|Negative dimension size"
    r"|would (?:be|have) (?:a )?(?:negative|zero|empty)|non-positive|is too small for the given kernel",
    re.IGNORECASE,
)


# A batch of two examples, or of one when an example is large (a 400x400 image): a U-Net of that
# size called on two needs over 4 GB, the worker's memory limit, and TensorFlow dies of it
# (SIGSEGV) instead of raising. Nothing a judge checks depends on the batch size.
LARGE_EXAMPLE = 100_000


def _batch(dims) -> int:
    n = 1
    for d in dims:
        n *= d
    return 1 if n >= LARGE_EXAMPLE else 2


def _concrete(shape, dtype: str):
    shape = list(shape)
    side = _OPEN["side"]
    if len(shape) == 4 and shape[1] is None and shape[2] is None and isinstance(shape[3], int):
        _OPEN["used"] = True
        if side is None:
            note = f"assumed image size {_OPEN_IMAGE_SIDE}x{_OPEN_IMAGE_SIDE} for an input of shape {tuple(shape)}"
        else:
            note = (
                f"assumed input {side}x{side} for an input of shape {tuple(shape)}: at "
                f"{_OPEN_IMAGE_SIDE}x{_OPEN_IMAGE_SIDE} a convolution's or pooling's output was empty"
            )
        if note not in NOTES:
            NOTES.append(note)
        shape[1] = shape[2] = side or _OPEN_IMAGE_SIDE
    elif any(d is None for d in shape[1:]):
        _OPEN["used"] = True
        if side is not None:
            note = (
                f"assumed input length {side} for an input of shape {tuple(shape)}: at 8 a "
                "convolution's or pooling's output was empty"
            )
            if note not in NOTES:
                NOTES.append(note)
    fill = side or 8
    dims = [d if isinstance(d, int) and d is not None else fill for d in shape[1:]]
    dims = [_batch(dims)] + dims
    if "int" in str(dtype):
        return tf.zeros(dims, dtype=dtype)
    if "bool" in str(dtype):
        return tf.ones(dims, dtype="bool")
    return tf.random.stateless_normal(dims, seed=(1, 2), dtype=dtype if "float" in str(dtype) else "float32")


def example_inputs(obj: Any):
    """Concrete inputs for ``obj``: from its symbolic inputs, else from its first layer's kind."""
    ins = None
    try:
        ins = obj.inputs if _is_model(obj) and obj.built else None
    except Exception:  # noqa: BLE001
        ins = None
    if ins:
        # Token ids for a model with an Embedding: Input((30,)) is float by default, and random
        # floats cast to ids past a small vocabulary; id 0 is in every vocabulary.
        ids = any(_kind(layer) == "Embedding" for layer in _all_layers(obj))
        xs = [
            tf.zeros([2] + [d or 8 for d in t.shape[1:]], dtype=t.dtype)
            if ids and len(t.shape) == 2
            else _concrete(t.shape, t.dtype)
            for t in ins
        ]
        return xs[0] if len(xs) == 1 else xs
    found = _first_shape(obj)
    if found is None and _is_layer(obj) and not _is_model(obj):
        found = _weight_shape(obj)
    if found is None and _shape_free(obj):
        # A layer made of ops only (a custom dropout): it takes any input.
        note = "assumed input shape (None, 16): a layer of ops only takes any shape"
        if note not in NOTES:
            NOTES.append(note)
        found = (16,), "float32"
    if found is None:
        raise NoInputShape("no input shape")
    shape, dtype = found
    if tuple(shape) == _SHAPE_2D:
        _IMAGE["used"] = True
        if _IMAGE["side"] != _SHAPE_2D[0]:
            shape = (_IMAGE["side"], _IMAGE["side"], _SHAPE_2D[2])
            note = f"assumed image size {shape[0]}x{shape[1]}: 32x32 failed ({_IMAGE['why']})"
            if note not in NOTES:
                NOTES.append(note)
    return _concrete((None,) + tuple(shape), dtype)


def _weight_shape(layer: Any) -> tuple[tuple, str] | None:
    """A custom layer's input width from its own weights (a kernel made in ``__init__``), else
    (16,) for a layer that builds its weights from the input; said in the verdict."""
    kernels = [w for w in getattr(layer, "weights", []) if len(w.shape) == 2]
    if kernels:
        width = int(kernels[0].shape[0])
        note = (
            f"assumed input shape (None, {width}): the width of {_name(layer)}'s weight "
            f"`{kernels[0].name}` {tuple(kernels[0].shape)}"
        )
    elif type(layer).build is not _root_build(layer) and not _children(layer):
        width = 16
        note = f"assumed input shape (None, 16): {_name(layer)} builds its weights from its input"
    elif type(layer).build is not _root_build(layer) and all(_kind(c) in AGNOSTIC_KINDS for c in _children(layer)):
        # Its sublayers are made in ``build()`` (those made before take any shape).
        width = 16
        note = f"assumed input shape (None, 16): {_name(layer)} builds its sublayers in build() from its input"
    else:
        return None
    if note not in NOTES:
        NOTES.append(note)
    return (width,), "float32"


def _shape_free(obj: Any) -> bool:
    """A plain Layer with no sublayers and no ``build`` of its own: no shape to respect."""
    return _is_layer(obj) and not _is_model(obj) and not _children(obj) and type(obj).build is _root_build(obj)


class _Rec:
    __slots__ = ("layer", "inputs", "outputs", "args", "kwargs")

    def __init__(self, layer, inputs, outputs, args=(), kwargs=None):
        self.layer, self.inputs, self.outputs = layer, inputs, outputs
        self.args, self.kwargs = args, kwargs or {}


def _flat(x) -> list:
    try:
        return [t for t in tf.nest.flatten(x) if t is not None]
    except Exception:  # noqa: BLE001
        return [x]


def traced_call(fn):
    """Run ``fn()`` and record every layer call (innermost first), keeping the tensors alive."""
    recs: list[_Rec] = []
    bases = _layer_bases()
    origs = [base.__call__ for base in bases]

    def wrap(orig):
        def call(self, *args, **kwargs):
            out = orig(self, *args, **kwargs)
            ins = _flat(args[0]) if args else _flat(kwargs.get("inputs"))
            recs.append(_Rec(self, ins, _flat(out), args, kwargs))
            return out

        return call

    for base, orig in zip(bases, origs):
        base.__call__ = wrap(orig)
    try:
        result = fn()
    finally:
        for base, orig in zip(bases, origs):
            base.__call__ = orig
    return result, recs


def _contains(tensors, t) -> bool:
    return any(x is t for x in tensors)


def _call(model, x, training, *rest):
    if training is None:
        return model(x, *rest)
    return model(x, *rest, training=training)


def _max_diff(a, b) -> float:
    fa, fb = _flat(a), _flat(b)
    best = 0.0
    for x, y in zip(fa, fb):
        try:
            d = float(np.max(np.abs(np.asarray(x, dtype="float64") - np.asarray(y, dtype="float64"))))
        except Exception:  # noqa: BLE001
            continue
        best = max(best, d)
    return best


def _name(layer) -> str:
    return f"{_kind(layer)} `{getattr(layer, 'name', '?')}`"


# ---------------------------------------------------------------------------------------------
# Verdicts


def _target(ns: dict):
    t = ns.get("__dl_target__", None)
    if isinstance(t, (tuple, list)) and not _is_layer(t):
        # A builder that returns ``model, custom_objects``: the Keras model in it.
        models = [x for x in t if _is_layer(x)]
        if len(models) == 1:
            note = f"judged the Keras model of the {type(t).__name__} the builder returns"
            if note not in NOTES:
                NOTES.append(note)
            return models[0]
    return t


def _graph_inputs(t) -> list | None:
    """The Input tensors a symbolic Keras tensor is computed from (its functional graph's
    inputs), or None when some part of it is not a Keras graph."""
    seen: set[int] = set()
    found: list = []
    stack = [t]
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        history = getattr(x, "_keras_history", None)
        if history is None:
            return None
        op = history[0]
        if _kind(op) == "InputLayer":
            found.append(x)
            continue
        try:
            stack.extend(op._inbound_nodes[history[1]].input_tensors)
        except (AttributeError, IndexError, TypeError):
            return None
    return found or None


def _graph_model(ns: dict):
    """For a rule about a pair of layers in a graph (DL102, DL103): when the slice's target is a
    builder's tensor (``x = BatchNormalization()(x)`` in a function of ``Input``s), the functional
    model from those inputs to it, so that the layers after the mark are judged too (noted); else
    None. Not for DL101: a block's last tensor is not a model's output."""
    t = _target(ns)
    ins = None if _is_layer(t) else _graph_inputs(t)
    if ins is None:
        return None
    try:
        model = keras.Model(ins[0] if len(ins) == 1 else ins, t)
    except Exception:  # noqa: BLE001 - not a graph Keras can make a model of
        return None
    note = "judged the functional model from the builder's Input to the tensor it computes"
    if note not in NOTES:
        NOTES.append(note)
    return model


def _model_of(ns: dict, marked: list):
    t = _target(ns)
    if _is_layer(t):
        return t
    for m in marked:
        if _is_layer(m):
            return m
    return None


def _need_layer(ns, marked, error):
    model = _model_of(ns, marked)
    if model is None:
        if error is not None:
            raise _Unbuildable(_reason(error))
        raise _Unbuildable("the slice built no Keras model or layer")
    if error is not None and not _is_layer(_target(ns)):
        raise _Unbuildable(_reason(error))
    return model


class _Unbuildable(Exception):
    pass


def _run_model(model, training=True):
    try:
        x = example_inputs(model)
    except NoInputShape as exc:
        raise _Unbuildable(str(exc)) from None
    try:
        out, recs = traced_call(lambda: _call(model, x, training))
    except _Unbuildable:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _Unbuildable(f"calling the built model failed: {_reason(exc)}") from None
    return x, out, recs


def judge_dl101(ns, marked, error, req):
    model = _need_layer(ns, marked, error)
    if not _is_model(model):
        return "not-applicable", f"the slice built a layer ({_name(model)}), not a model"
    _, out, recs = _run_model(model)
    outs = _flat(out)
    if not outs:
        return "unbuildable", "the model returned nothing"
    first = outs[0]
    producers = [r for r in recs if _contains(r.outputs, first) and r.layer is not model]
    leaves = [r for r in producers if not _children(r.layer) or _kind(r.layer) == "TimeDistributed"]
    # The last layer applied: a layer that hands its input through unchanged (Dropout(0), an
    # identity) still is what produces the output.
    producer = (leaves or producers or [None])[-1]
    if producer is None:
        return "not-applicable", "the built model's output does not come from a layer"
    layer = producer.layer
    if _kind(layer) == "TimeDistributed":
        layer = layer.layer
    # Look back through activation / reshape layers: Dense -> Dropout -> Activation("softmax").
    through: list[str] = []
    pool = [r for r in recs if r.layer is not model and (not _children(r.layer) or _kind(r.layer) == "TimeDistributed")]
    while _kind(layer) in PASSTHROUGH_KINDS and len(through) < 8 and len(producer.inputs) == 1:
        # The latest layer that returned that tensor before this one ran (a Dropout outside
        # training returns its input object itself, so the layer before it matches too).
        at = next(i for i, r in enumerate(recs) if r is producer)
        before = [r for r in recs[:at] if any(r is q for q in pool) and _contains(r.outputs, producer.inputs[0])]
        if not before:
            break
        through.append(_name(layer))
        producer = before[-1]
        layer = producer.layer.layer if _kind(producer.layer) == "TimeDistributed" else producer.layer
    if _kind(layer) in DROPOUT_KINDS:
        via = f" through {', '.join(reversed(through))}" if through else ""
        return "confirmed", f"the output of the built model `{model.name}` comes from {_name(layer)}{via}"
    marked_layers = [m for m in marked if _is_layer(m)]
    used = [m for m in marked_layers if any(r.layer is m for r in recs)]
    if used:
        holder = [
            r.layer
            for r in recs
            if r.layer is not model and _is_model(r.layer) and any(m in _all_layers(r.layer) for m in used)
        ]
        inside = f" inside `{holder[0].name}`" if holder else ""
        return "refuted", (
            f"{_name(used[0])}{inside} is not at the output: the built model `{model.name}` "
            f"gets its output from {_name(layer)}"
        )
    return "not-applicable", f"the built model's output comes from {_name(layer)}"


def judge_dl102(ns, marked, error, req):
    model = (_graph_model(ns) if error is None else None) or _need_layer(ns, marked, error)
    _, _, recs = _run_model(model)
    leaves = [r for r in recs if not _children(r.layer) or _kind(r.layer) == "TimeDistributed"]
    drops = [r for r in leaves if any(r.layer is m for m in marked) and _kind(r.layer) in DROPOUT_KINDS]
    if not drops:
        drops = [r for r in leaves if _kind(r.layer) in DROPOUT_KINDS]
    if not drops:
        return "not-applicable", "the built model has no Dropout on its call path"
    for d in drops:
        frontier = list(d.outputs)
        path: list = []
        seen = set()
        while frontier:
            t = frontier.pop(0)
            for r in leaves:
                if id(r) in seen or not _contains(r.inputs, t):
                    continue
                seen.add(id(r))
                kind = _kind(r.layer)
                if kind in BN_KINDS:
                    via = f" through {', '.join(path)}" if path else ""
                    return "confirmed", f"in the built graph {_name(d.layer)} feeds {_name(r.layer)}{via}"
                if kind in PASSTHROUGH_KINDS:
                    path.append(_name(r.layer))
                    frontier.extend(r.outputs)
    return "not-applicable", "in the built graph no Dropout output reaches a BatchNormalization"


def judge_dl103(ns, marked, error, req):
    model = (_graph_model(ns) if error is None else None) or _need_layer(ns, marked, error)
    _, _, recs = _run_model(model)  # training=True: every Dropout returns a tensor of its own
    drops = [r for r in recs if _kind(r.layer) in DROPOUT_KINDS and not _children(r.layer)]
    if not drops:
        return "not-applicable", "the built model has no Dropout on its call path"
    pairs = [
        (a, b)
        for a in drops
        for b in drops
        if a.layer is not b.layer and any(_contains(b.inputs, t) for t in a.outputs)
    ]
    mine = [p for p in pairs if any(p[0].layer is m or p[1].layer is m for m in marked)]
    if not (mine or pairs):
        return "refuted", "in the built graph no Dropout feeds another Dropout directly"
    a, b = (mine or pairs)[0]
    ra, rb = (dict(_rates(x.layer)).get("rate", 0.0) for x in (a, b))
    return "confirmed", (
        f"in the built graph {_name(a.layer)} (rate={ra:g}) feeds {_name(b.layer)} (rate={rb:g}) "
        f"directly: together they drop {1 - (1 - ra) * (1 - rb):.3g} of the units"
    )


_RANK_WORDS = ("ndim", "rank", "incompatible with the layer")


def judge_dl105(ns, marked, error, req):
    if error is not None:
        msg = _reason(error)
        if any(w in msg for w in _RANK_WORDS):
            return "confirmed", f"the build raises: {msg}"
        return "unbuildable", msg
    model = _model_of(ns, marked)
    if model is None:
        return "unbuildable", "the slice built no Keras model or layer"
    try:
        x = example_inputs(model)
        _call(model, x, False)
    except NoInputShape as exc:
        return "unbuildable", str(exc)
    except Exception as exc:  # noqa: BLE001
        msg = _reason(exc)
        if any(w in msg for w in _RANK_WORDS):
            return "confirmed", f"the build raises: {msg}"
        return "unbuildable", msg
    return "not-applicable", "the model builds without a rank error"


def _rates(obj) -> list[tuple[str, float]]:
    out = []
    layers = [obj]
    if _kind(obj) in ("Bidirectional",):
        layers = [obj.forward_layer]
    if _kind(obj) == "TimeDistributed":
        layers = [obj.layer]
    for layer in layers:
        for attr in ("rate", "dropout", "recurrent_dropout", "_dropout"):
            v = getattr(layer, attr, None)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out.append((attr.lstrip("_"), float(v)))
    return out


def _op_rate(fn, args, kwargs) -> tuple[str, Any] | None:
    """(what, rate) an op-level dropout call got: ``rate``, or 1 - ``keep_prob``."""
    compat = fn is getattr(getattr(tf.compat.v1, "nn", None), "dropout", None)
    if kwargs.get("rate") is not None:
        return "rate", kwargs["rate"]
    if kwargs.get("keep_prob") is not None:
        return "keep_prob", kwargs["keep_prob"]
    if len(args) > 1 and args[1] is not None:
        return ("keep_prob" if compat else "rate"), args[1]
    return None


def _judge_op_rate(ns, error, req, test, words):
    if not OPS:
        obj = _target(ns)
        if _is_layer(obj) and error is None:
            # The op sits in the layer's call(): call it once.
            try:
                x = example_inputs(obj)
                _call(obj, x, True)
            except Exception:  # noqa: BLE001 - the op's arguments are recorded before it runs
                pass
    if not OPS:
        if error is not None:
            raise _Unbuildable(_reason(error))
        return "unbuildable", "the flagged dropout op never ran"
    fn, args, kwargs = OPS[0]
    what = _op_rate(fn, args, kwargs)
    name = (req.get("hints") or {}).get("op") or getattr(fn, "__name__", "dropout")
    if what is None:
        return "not-applicable", f"`{name}` ran without a rate"
    kind, value = what
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "not-applicable", f"`{name}` got its {kind} as a tensor fed at run time"
    rate = 1.0 - value if kind == "keep_prob" else value
    shown = f"{kind}={value:g}" + (f" (rate {rate:g})" if kind == "keep_prob" else "")
    if error is not None and req["rule"] == "DL201" and "rate" in _reason(error).lower():
        return "confirmed", f"TensorFlow refuses `{name}` with {shown}: {_reason(error)}"
    if test(rate):
        return "confirmed", f"the op `{name}` ran with {shown}{words}"
    return "not-applicable", f"the op `{name}` ran with {shown}"


def _judge_rate(ns, marked, error, req, test, words):
    layers = [m for m in marked if _is_layer(m)]
    if not layers and (OPS or "__dl_mark_op__" in req.get("code", "")):
        return _judge_op_rate(ns, error, req, test, words)
    if not layers and CTOR_ERRORS:
        # The constructor raised, whatever the code around it did with the error.
        error = CTOR_ERRORS[0]
    if not layers:
        if error is not None:
            msg = _reason(error)
            if req["rule"] == "DL201" and "rate" in msg:
                return "confirmed", f"Keras refuses it: {msg}"
            return "unbuildable", msg
        if marked:
            return "not-applicable", "op-level dropout: there is no layer whose rate could be read"
        return "unbuildable", "the flagged layer was never constructed"
    seen = []
    for layer in layers:
        for attr, value in _rates(layer):
            seen.append(f"{attr}={value:g}")
            if test(value):
                return "confirmed", f"the built {_name(layer)} has {attr}={value:g}{words}"
    return "not-applicable", f"the built layer has {', '.join(seen) or 'no rate'}"


def judge_dl201(ns, marked, error, req):
    return _judge_rate(ns, marked, error, req, lambda v: v < 0 or v >= 1, "")


def judge_dl202(ns, marked, error, req):
    mr = float(req.get("max_rate", 0.8))
    return _judge_rate(ns, marked, error, req, lambda v: v > mr, f" > max-rate {mr:g}")


def judge_dl203(ns, marked, error, req):
    return _judge_rate(ns, marked, error, req, lambda v: v == 0, "")


def _dropped(fn, rate, training: bool) -> float:
    """The share of a ones tensor's elements ``fn`` (a TF1 ``layers.dropout``) changes (with
    ``training=True``: zeroes), called with ``rate``; in a graph of its own."""
    x = np.ones((8, 64), dtype="float32")
    extra = {"training": True} if training else {}
    graph = tf.Graph()
    with graph.as_default():
        out = fn(tf.constant(x), rate=rate, **extra)
        init = tf.compat.v1.global_variables_initializer()
        with tf.compat.v1.Session(graph=graph) as sess:
            sess.run(init)
            y = sess.run(out)
    return float(np.mean(np.asarray(y) == 0)) if training else float(np.mean(np.asarray(y) != x))


def judge_dl306(ns, marked, error, req):
    """The flagged ``tf.layers.dropout`` call, as it ran: without ``training=`` it is run again
    on a ones tensor with its own rate (else 0.5), and once with ``training=True``."""
    if not OPS:
        if error is not None:
            raise _Unbuildable(_reason(error))
        return "unbuildable", "the flagged dropout op never ran"
    fn, args, kwargs = OPS[0]
    name = (req.get("hints") or {}).get("op") or getattr(fn, "__name__", "dropout")
    training = kwargs.get("training", args[4] if len(args) > 4 else None)
    if training is not None:
        return "not-applicable", f"`{name}` ran with training={training!r}"
    what = _op_rate(fn, args, kwargs)
    try:
        rate = float(what[1]) if what is not None else 0.5
    except (TypeError, ValueError):
        rate = 0.5  # a rate fed at run time
    if not 0 < rate < 1:
        return "not-applicable", f"`{name}` ran with rate={rate:g}"
    try:
        off, on = _dropped(fn, rate, False), _dropped(fn, rate, True)
    except Exception as exc:  # noqa: BLE001
        raise _Unbuildable(f"running `{name}` again failed: {_reason(exc)}") from None
    if off == 0 and on > 0:
        alone = (req.get("hints") or {}).get("alone")
        how = f" (run alone: the code around it is not built, {alone})" if alone else " ran without training="
        return "confirmed", (
            f"the op `{name}`{how}: run again with rate={rate:g} it leaves its input "
            f"unchanged, and zeroes {on:.0%} of it with training=True"
        )
    return "not-applicable", f"the op `{name}` without training= changed {off:.0%} of its input"


def _act_name(layer) -> str | None:
    act = getattr(layer, "activation", None)
    if act is None:
        return None
    name = getattr(act, "__name__", None) or type(act).__name__
    return name.lower()


def judge_dl401(ns, marked, error, req):
    model = _need_layer(ns, marked, error)
    try:
        _, _, recs = _run_model(model, training=False)
        layers = []
        for r in recs:
            if not _children(r.layer) and all(r.layer is not x for x in layers):
                layers.append(r.layer)
    except _Unbuildable:
        if not _is_model(model):
            raise
        layers = [x for x in _all_layers(model) if not _children(x)]
    acts = []
    for layer in layers:
        name = _act_name(layer)
        if _kind(layer) in ("ReLU", "LeakyReLU", "ELU", "PReLU", "Softmax"):
            name = _kind(layer).lower()
        if name and name != "linear":
            acts.append((layer, name))
    # The output layer's activation (softmax, sigmoid) is not part of the self-normalising stack.
    weighted = [x for x in layers if getattr(x, "weights", None)]
    if acts and weighted and acts[-1][0] is weighted[-1]:
        acts = acts[:-1]
    bad = [(l, n) for l, n in acts if n != "selu"]
    if bad:
        names = ", ".join(sorted({n for _, n in bad}))
        return "confirmed", f"the built stack's activations are {names}, not selu ({_name(bad[0][0])}: {bad[0][1]})"
    if not acts:
        shown = f" ({', '.join(_name(x) for x in weighted[:3])} are linear)" if weighted else ""
        return "confirmed", f"the built stack has no selu activation{shown}"
    return "not-applicable", "the built stack uses selu"


def _build_instance(ns, marked, error):
    obj = _target(ns)
    if isinstance(obj, type) and issubclass(obj, _layer_bases()):
        obj = obj()
    if not _is_layer(obj):
        if error is not None:
            raise _Unbuildable(_reason(error))
        raise _Unbuildable("the slice built no Keras layer or model")
    return obj


def _build_shapeless(obj) -> None:
    """A layer with no weights yet whose own ``build`` takes no input shape (``def build(self,
    input_shape=None)``, as Hugging Face's TF layers, which size every weight from their config):
    built so, so that its weights give its input width; said in the verdict."""
    import inspect

    if _is_model(obj) or getattr(obj, "built", True) or getattr(obj, "weights", None):
        return
    build = type(obj).build
    if build is _root_build(obj):
        return
    try:
        params = list(inspect.signature(build).parameters.values())[1:]
    except (TypeError, ValueError):
        return
    if not params or params[0].default is not None:
        return
    try:
        obj.build(None)
    except Exception:  # noqa: BLE001 - it needs a shape after all
        return
    NOTES.append(f"{_name(obj)} built with build(None): its build() sizes its weights without an input shape")


def _two_calls(obj, training):
    _build_shapeless(obj)
    try:
        x = example_inputs(obj)
    except NoInputShape as exc:
        raise _Unbuildable(str(exc)) from None
    try:
        a = _call(obj, x, training)
        b = _call(obj, x, training)
    except Exception as exc:  # noqa: BLE001
        first = exc
        if not isinstance(x, (list, tuple)) and len(x.shape) == 2 and not _is_model(obj):
            # A layer of a sequence model (attention, a transformer block): (batch, steps, width).
            x3 = tf.stack([x] * 8, axis=1)
            try:
                a = _call(obj, x3, training)
                b = _call(obj, x3, training)
            except Exception as exc3:  # noqa: BLE001
                if "unpack" in str(first) or "rank" in str(first).lower():
                    # (None, width) was the wrong rank: what the sequence input then failed on is the cause.
                    first = exc3
            else:
                note = f"assumed input shape (None, 8, {x.shape[-1]}): (None, {x.shape[-1]}) failed ({_reason(first)})"
                if note not in NOTES:
                    NOTES.append(note)
                return _max_diff(a, b)
        # An RNN cell (``call(self, inputs, states)``, a ``state_size``): one step, with zero states.
        states = _zero_states(obj, x)
        if states is not None:
            if len(x.shape) == 3:
                x = x[:, 0, :]  # one step of the sequence guessed for a recurrent kind
            try:
                a = _call(obj, x, training, states)
                b = _call(obj, x, training, states)
            except Exception as exc_cell:  # noqa: BLE001
                first = exc_cell  # a cell, called as one: what it failed on is the cause
            else:
                note = "called as an RNN cell: one step, (inputs, states) with zero states"
                if note not in NOTES:
                    NOTES.append(note)
                return _max_diff(a, b)
        # A layer whose call takes a list (queries, keys, values...): the same input n times,
        # else (a graph layer: features and a square adjacency, or each node's neighbours) two
        # inputs of N nodes, each (N, d) or (N, k, d).
        for xs in _input_lists(obj, x):
            try:
                a = _call(obj, xs, training)
                b = _call(obj, xs, training)
            except Exception:  # noqa: BLE001
                continue
            shapes = ", ".join(str(tuple(t.shape)) for t in xs)
            note = f"assumed a list of {len(xs)} inputs of shapes {shapes}: one input failed ({_reason(first)})"
            if note not in NOTES:
                NOTES.append(note)
            return _max_diff(a, b)
        raise _Unbuildable(f"calling the built object failed: {_reason(first)}") from None
    return _max_diff(a, b)


def _zero_states(obj, x) -> list | None:
    """Zero states for an RNN cell (a layer with an int or a list of ints ``state_size``) called
    on a batch ``x`` of (batch, width); None for anything else."""
    size = getattr(obj, "state_size", None)
    if _is_model(obj) or isinstance(x, (list, tuple)) or len(getattr(x, "shape", ())) not in (2, 3):
        return None
    sizes = size if isinstance(size, (list, tuple)) else [size]
    if not sizes or not all(isinstance(n, int) and n > 0 for n in sizes):
        return None
    return [tf.zeros((x.shape[0], n)) for n in sizes]


def _input_lists(obj, x):
    """Lists of inputs to try on a layer one input failed on (see ``_two_calls``)."""
    if _is_model(obj) or isinstance(x, (list, tuple)):
        return
    for n in (2, 3, 4):
        yield [x] * n
    if len(x.shape) == 2:
        # queries, keys and values of a sequence (``tf.transpose(k, [0, 2, 1])``): (batch, steps, width)
        for n in (2, 3, 4):
            yield [tf.stack([x] * 8, axis=1)] * n
        d = int(x.shape[-1])
        nodes = tf.random.stateless_normal((d, d), seed=(1, 2), dtype=x.dtype)
        neighbours = tf.random.stateless_normal((d, 4, d), seed=(1, 3), dtype=x.dtype)
        for second in (nodes, neighbours):
            yield [nodes, second]


def _zero_rates(obj) -> list[str]:
    """Attributes of ``obj`` named like a dropout rate that hold 0 (a default that drops
    nothing, as ``dropout: float = 0.0``): set to 0.5, their names returned."""
    names = []
    for key, value in list(vars(obj).items()):
        named = "drop" in key.lower() or key.lstrip("_") in ("rate", "p")  # not learning_rate
        if named and type(value) in (int, float) and value == 0:
            try:
                setattr(obj, key, 0.5)
            except Exception:  # noqa: BLE001 - a guarded attribute: leave it
                continue
            names.append(key)
    return names


def judge_dl303(ns, marked, error, req):
    obj = _build_instance(ns, marked, error)
    diff = _two_calls(obj, False)
    zeros = _zero_rates(obj) if diff == 0 else []
    if zeros:
        diff = _two_calls(obj, False)
        NOTES.append(", ".join(f"self.{k}" for k in zeros) + " set to 0.5: built with 0, which drops nothing")
    if diff > 0:
        return "confirmed", (
            f"two calls of {_name(obj)} with training=False on the same input differ "
            f"(max |diff| {diff:.3g}): dropout stays on at inference"
        )
    return "not-applicable", f"two calls of {_name(obj)} with training=False give the same output"


def _again(rec, training):
    kwargs = {k: v for k, v in rec.kwargs.items() if k != "training"}
    return rec.layer(*rec.args, training=training, **kwargs)


def flag_layers(obj, x, training=None) -> list[tuple[Any, float, str]]:
    """The layers of ``obj`` whose output changes with ``training``, as (layer, max |diff|
    between training=True and training=False, the mode they ran in when ``obj`` was called with
    ``training``). Each is called alone on the input it got: a layer counts only when two calls
    with training=False agree (noise drawn whatever the flag, as in a VAE's sampling layer,
    proves nothing about the flag) and a call with training=True differs from them."""
    try:
        _, recs = traced_call(lambda: _call(obj, x, training))
    except Exception as exc:  # noqa: BLE001
        raise _Unbuildable(f"calling the built model failed: {_reason(exc)}") from None
    out: list = []
    last: dict[int, _Rec] = {}
    for rec in recs:
        # The last concrete call of each layer (a first call may be Keras building it symbolically).
        if rec.outputs and all(hasattr(t, "numpy") for t in rec.outputs):
            last[id(rec.layer)] = rec
    for rec in last.values():
        layer = rec.layer
        if _children(layer) and _kind(layer) not in ("TimeDistributed", "Bidirectional"):
            continue
        if not getattr(layer, "_call_has_training_arg", True):
            continue
        try:
            off = _again(rec, False)
            if _max_diff(off, _again(rec, False)) > 0:
                continue
            diff = _max_diff(_again(rec, True), off)
        except Exception:  # noqa: BLE001 - a layer that cannot be called alone says nothing
            continue
        if diff > 0:
            ran = "inference" if _max_diff(rec.outputs, off) == 0 else "training"
            out.append((layer, diff, ran))
    return out


def _flag_evidence(obj, training=None):
    """(flag layers, a phrase naming them) for ``obj`` called with ``training``."""
    try:
        x = example_inputs(obj)
    except NoInputShape as exc:
        raise _Unbuildable(str(exc)) from None
    try:
        found = flag_layers(obj, x, training)
    except _Unbuildable:
        pair = _unpacked_pair(obj, x)
        if pair is None:
            raise
        found = flag_layers(obj, pair, training)
        note = (
            f"assumed inputs [x {tuple(pair[0].shape)}, mask {tuple(pair[1].shape)} of ones]: "
            "its call unpacks two from its input"
        )
        if note not in NOTES:
            NOTES.append(note)
    names = ", ".join(f"{_name(layer)} (max |diff| {d:.3g})" for layer, d, _ in found[:3])
    return found, names


def _unpacked_pair(obj, x):
    """``[x, mask]`` for a layer (not a model) whose ``call`` unpacks its input into two
    (``outputs, mask = inputs``): a sequence input (batch, steps, width) and a mask of ones
    (batch, steps); None otherwise."""
    import inspect

    if _is_model(obj) or isinstance(x, (list, tuple)):
        return None
    try:
        text = inspect.getsource(type(obj).call)
        first = list(inspect.signature(type(obj).call).parameters)[1]
    except (TypeError, OSError, IndexError, ValueError):
        return None
    if not re.search(rf"^\s*\w+\s*,\s*\w+\s*=\s*{re.escape(first)}\s*$", text, re.M):
        return None
    seq = x if len(x.shape) == 3 else tf.stack([x] * 8, axis=1)
    return [seq, tf.ones(tuple(seq.shape[:2]), dtype=seq.dtype)]


def _no_flag_layer(obj) -> str:
    kinds = sorted({_kind(x) for x in _all_layers(obj) if _kind(x) in DROPOUT_KINDS | BN_KINDS})
    has = f"its {', '.join(kinds)} do not" if kinds else "it has no Dropout or BatchNormalization"
    return f"no layer of the built {_name(obj)} changes its output with training= ({has})"


def judge_dl301(ns, marked, error, req):
    obj = _build_instance(ns, marked, error)
    if req.get("hints", {}).get("hardwired"):
        diff = _two_calls(obj, None)
        if diff > 0:
            drops = [m for m in marked if _is_layer(m)] or [obj]
            return "confirmed", (
                f"two inference calls of {_name(obj)} on the same input differ (max |diff| "
                f"{diff:.3g}): the hard-wired training=True keeps {_name(drops[0])} on"
            )
    found, names = _flag_evidence(obj, True)
    if found:
        return "confirmed", f"called with training=True, {names} of {_name(obj)} run in training mode"
    return "not-applicable", f"with training=True: {_no_flag_layer(obj)}"


def judge_dl302(ns, marked, error, req):
    obj = _build_instance(ns, marked, error)
    found, _ = _flag_evidence(obj, None)
    if not found:
        return "refuted", f"{_no_flag_layer(obj)}: the flag changes nothing"
    off = [(layer, d) for layer, d, ran in found if ran == "inference"]
    if not off:
        return "refuted", (
            f"called without training=, {_name(found[0][0])} already runs in training mode "
            "(the call defaults to training=True)"
        )
    names = ", ".join(f"{_name(layer)} (max |diff| {d:.3g})" for layer, d in off[:3])
    return "confirmed", (
        f"called without training=, {names} of the built model run in inference mode: they "
        "change their output with training=True"
    )


JUDGES = {
    "DL101": judge_dl101,
    "DL102": judge_dl102,
    "DL103": judge_dl103,
    "DL105": judge_dl105,
    "DL201": judge_dl201,
    "DL202": judge_dl202,
    "DL203": judge_dl203,
    "DL301": judge_dl301,
    "DL302": judge_dl302,
    "DL312": judge_dl302,
    "DL303": judge_dl303,
    "DL306": judge_dl306,
    "DL401": judge_dl401,
}


def run(req: dict) -> list[tuple[str, str]]:
    """Run the slice and judge it for each rule of ``req["rules"]``; once more, on a fresh build,
    for each larger image side while a call on the guessed 32x32 image failed."""
    _IMAGE.update(side=_SHAPE_2D[0], used=False)
    _OPEN.update(side=None, used=False)
    out = _run_once(req)
    for side in _LARGER_SIDES:
        failed = [d for st, d in out if st == "unbuildable" and d.startswith("calling the built")]
        if not (_IMAGE["used"] and failed):
            break
        _IMAGE.update(side=side, used=False, why=_IMAGE["why"] or failed[0].split(": ", 1)[-1])
        again = _run_once(req)
        out = [b if a[0] == "unbuildable" and b[0] != "unbuildable" else a for a, b in zip(out, again)]
    _IMAGE.update(side=_SHAPE_2D[0], why="")
    for side in _LONGER_OPEN:
        failed = [
            d for st, d in out if st == "unbuildable" and d.startswith("calling the built") and _EMPTY_OUTPUT.search(d)
        ]
        if not (_OPEN["used"] and failed):
            break
        # the open axes of the model's input were too short for its convolutions: a longer one
        _OPEN.update(side=side, used=False)
        again = _run_once(req)
        out = [b if a[0] == "unbuildable" and b[0] != "unbuildable" else a for a, b in zip(out, again)]
    _OPEN.update(side=None, used=False)
    return out


def _run_once(req: dict) -> list[tuple[str, str]]:
    """Run the slice once and judge it for each rule of ``req["rules"]``."""
    from dropout_lint.confirm import legacy

    NOTES.clear()
    OPS.clear()
    CTOR_ERRORS.clear()
    legacy.NOTES.clear()
    _SLICE["code"] = req.get("code", "")
    try:
        ns, marked, error = _execute(req)
        # A module the project imports is not installed: build once more with every module
        # that cannot be imported standing in as an empty one, so that a plotting or data
        # library the model never uses does not stop the build; a build that does use one
        # fails with "`X` is not installed and the build uses `X.f`".
        if _absent_module(error) is not None:
            legacy.stand_in_on()
            ns.clear()
            OPS.clear()
            CTOR_ERRORS.clear()
            del NOTES[:]
            ns, marked, error = _execute(req)
        if legacy.ABSENT and error is None:
            NOTES.append(
                "not installed, stood in by a placeholder module the build did not use: "
                + ", ".join(
                    f"`{m}`" + ("" if "." not in m else f" ({legacy._missing(m).replace('is ', '', 1)})")
                    for m in legacy.ABSENT
                )
                + "".join(f"; {r}" for r in legacy.READ)
            )
        failed = _failed_init(error, req.get("dir")) if error is not None else None
        if failed is not None and error is not None:
            # The package's own ``__init__.py`` failed (a dependency check, a module of a whole
            # toolkit it imports): import the file's package without running its ``__init__``s.
            why = _reason(error)
            first = (ns, marked, error, list(NOTES), list(OPS), list(CTOR_ERRORS))
            _skeleton_packages(req.get("dir"))
            OPS.clear()
            CTOR_ERRORS.clear()
            del NOTES[:]
            ns, marked, error = _execute(req)
            if error is None:
                first[0].clear()
                NOTES.append(f"imported the file's package without running `{failed}`, which failed: {why}")
            else:
                # The file needs what that ``__init__`` gives (``from ... import X``): its failure
                # is the reason, as the first build said.
                ns.clear()
                ns, marked, error = first[0], first[1], first[2]
                NOTES[:], OPS[:], CTOR_ERRORS[:] = first[3], first[4], first[5]
    finally:
        legacy.forget_absent()
    served = [m for m in legacy.USED if m in req.get("code", "")]
    if served:
        NOTES.append("Keras 2 module " + ", ".join(served) + " served from its Keras 3 home")
    renamed = [
        f"{old} as {new}" for old, new in legacy.ALIASED.items() if re.search(rf"\b{old}\b", req.get("code", ""))
    ]
    if renamed:
        NOTES.append("Keras 1/2 layer names read as Keras 3's: " + ", ".join(renamed))
    NOTES.extend(legacy.NOTES)
    out: list[tuple[str, str]] = []
    try:
        for rule in req.get("rules") or [req.get("rule", "")]:
            judge = JUDGES.get(rule)
            if judge is None:
                out.append(("not-applicable", "no runtime check for this rule"))
                continue
            try:
                out.append(judge(ns, marked, error, dict(req, rule=rule)))
            except _Unbuildable as exc:
                out.append(("unbuildable", str(exc)))
            except Exception as exc:  # noqa: BLE001 - one judge's failure is that finding's verdict
                out.append(("unbuildable", _reason(exc)))
    finally:
        ns.clear()
    if NOTES:
        note = " (" + "; ".join(NOTES) + ")"
        out = [(st, d + note) if st in ("confirmed", "refuted") else (st, d) for st, d in out]
    return out
