"""Keras 2 module paths for code under ``--confirm`` (worker side; imports Keras).

Real-world code still says ``from keras.layers.core import Dense`` or ``from keras.engine import
Layer``: modules Keras 3 removed while keeping their contents under ``keras.layers``,
``keras.models`` and ``keras.utils``. The worker appends :class:`LegacyFinder` to
``sys.meta_path`` (after the real finders, so it only answers for modules that do not exist)
and serves each such module as a view of its Keras 3 home. ``USED`` lists the modules served,
so that the verdict can say so. A name Keras 3 dropped (``keras.engine.topology.Container``)
still fails with ``ImportError``: the code really needs Keras 2 then. ``tf_keras`` (the Keras 2
package for TensorFlow 2.16+), when it is not installed, is served the same way: ``tf_keras.X``
as ``keras.X`` (or as the Keras 3 home of a Keras 2 path).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
from types import FrameType

_LAYERS = ("keras.layers",)
_ENGINE = ("keras.layers", "keras.models", "keras.utils", "keras")
_UTILS = ("keras.utils",)

LEGACY: dict[str, tuple[str, ...]] = {
    **{
        f"keras.layers.{m}": _LAYERS
        for m in (
            "core",
            "convolutional",
            "pooling",
            "normalization",
            "normalization_v2",
            "merge",
            "recurrent",
            "recurrent_v2",
            "embeddings",
            "advanced_activations",
            "noise",
            "wrappers",
            "local",
            "cudnn_recurrent",
            "convolutional_recurrent",
            "dense_attention",
            "kernelized",
        )
    },
    "keras.engine": _ENGINE,
    **{
        f"keras.engine.{m}": _ENGINE
        for m in (
            "topology",
            "training",
            "base_layer",
            "input_layer",
            "sequential",
            "functional",
            "network",
            "input_spec",
            "saving",
        )
    },
    **{
        f"keras.utils.{m}": _UTILS
        for m in (
            "np_utils",
            "layer_utils",
            "conv_utils",
            "data_utils",
            "generic_utils",
            "vis_utils",
            "io_utils",
        )
    },
    # TF 2.x's experimental preprocessing layers, now plain layers.
    "keras.layers.experimental": _LAYERS,
    "keras.layers.experimental.preprocessing": _LAYERS,
    # Keras 2's text preprocessing: Keras 3 keeps it only under tf.keras.
    "keras.preprocessing.text": ("keras._tf_keras.keras.preprocessing.text",),
    # Keras 2's TensorFlow backend module and its old name for the losses.
    "keras.backend.tensorflow_backend": ("keras.backend",),
    "keras.objectives": ("keras.losses",),
}

# ``from tensorflow.python.keras import layers``: TensorFlow's internal copy of Keras 2, still
# installed (TensorFlow itself uses it) but without most layers; the slice reads it as Keras 3.
_TF_PYTHON_KERAS = re.compile(r"^(\s*)(from|import)(\s+)tensorflow\.python\.keras\b", re.M)


def tf_python_keras(code: str) -> str:
    """The slice with its ``tensorflow.python.keras`` imports read as ``keras`` (noted)."""
    new, n = _TF_PYTHON_KERAS.subn(r"\1\2\3keras", code)
    if n:
        _note("`tensorflow.python.keras` (TensorFlow's internal Keras 2) read as Keras 3's `keras`")
    return new


USED: list[str] = []


class _Loader(importlib.abc.Loader):
    def __init__(self, homes: tuple[str, ...]) -> None:
        self.homes = homes

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        for home in reversed(self.homes):
            mod = importlib.import_module(home)
            module.__dict__.update({k: v for k, v in vars(mod).items() if not k.startswith("_")})
            if "__getattr__" in vars(mod):
                module.__getattr__ = vars(mod)["__getattr__"]  # the Keras 2 names served there
        if module.__name__ not in USED:
            USED.append(module.__name__)


TF_KERAS = "tf_keras"


def _homes(fullname: str) -> tuple[str, ...] | None:
    if fullname == TF_KERAS or fullname.startswith(TF_KERAS + "."):
        target = "keras" + fullname[len(TF_KERAS) :]
        if target in LEGACY:
            return LEGACY[target]
        try:
            return (target,) if importlib.util.find_spec(target) is not None else None
        except (ImportError, ValueError):
            return None
    for prefix in ("tensorflow.keras.", "keras._tf_keras.keras."):
        # tf.keras' view of a Keras 2 path (``tensorflow.keras.layers.experimental``).
        if fullname.startswith(prefix):
            return LEGACY.get("keras." + fullname[len(prefix) :])
    return LEGACY.get(fullname)


class LegacyFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        homes = _homes(fullname)
        if homes is None:
            return None
        keras_name = re.sub(r"^(tensorflow\.keras|keras\._tf_keras\.keras)\.", "keras.", fullname)
        is_pkg = fullname.startswith(TF_KERAS) or any(k.startswith(keras_name + ".") for k in LEGACY)
        return importlib.machinery.ModuleSpec(fullname, _Loader(homes), is_package=is_pkg)


def _mark(fn, *flags: str) -> None:
    """Set the marker attributes that say a function is already one of our wrappers."""
    for flag in flags:
        setattr(fn, flag, True)


def _keras2_signatures() -> None:
    """Keras 2 call forms Keras 3 refuses, accepted as Keras 2 meant them (each use noted):
    ``add_weight("w", [13, 1])`` / ``add_variable(...)`` with the name first or without an
    initializer, and pooling
    layers without ``pool_size`` (Keras 2's default 2 per axis)."""
    import keras

    layer = keras.layers.Layer
    add_weight = layer.add_weight
    for method in ("add_weight", "add_variable"):
        orig = getattr(layer, method, None)
        if orig is None or getattr(orig, "_dl_keras2", False):
            continue

        def named_first(self, *args, __orig=orig, __method=method, **kwargs):
            if args and isinstance(args[0], str):
                kwargs.setdefault("name", args[0])
                _note(f"Keras 2 `{__method}(name, shape)` read with the name first")
                # Keras 2's add_variable is add_weight (with its default initializer).
                return add_weight(self, *args[1:], **kwargs)
            if __method == "add_variable" and len(args) < 2 and "initializer" not in kwargs:
                _note("Keras 2 `add_variable()` without an initializer built as add_weight() (its default)")
                return add_weight(self, *args, **kwargs)
            return __orig(self, *args, **kwargs)

        _mark(named_first, "_dl_keras2")
        setattr(layer, method, named_first)
    _int_input_shape()
    for rank in (1, 2, 3):
        for kind in ("MaxPooling", "AveragePooling"):
            cls = getattr(keras.layers, f"{kind}{rank}D", None)
            if cls is None or getattr(cls.__init__, "_dl_keras2", False):
                continue

            def init(self, *args, __orig=cls.__init__, __rank=rank, __kind=f"{kind}{rank}D", **kwargs):
                if not args and "pool_size" not in kwargs:
                    kwargs["pool_size"] = 2 if __rank == 1 else (2,) * __rank
                    _note(f"`{__kind}()` without pool_size built with Keras 2's default {kwargs['pool_size']}")
                __orig(self, *args, **kwargs)

            _mark(init, "_dl_keras2")
            cls.__init__ = init


class _Placeholder:
    """A value of a module that is not installed: calls and attributes give more placeholders
    (``plt.style.use("ggplot")`` at import time passes); using it as a value (a number, a
    truth value, a loop, a base class) raises ``ModuleNotFoundError`` naming the module. Only
    while another module's top level runs (an import, not the build): its truth value is False
    (``_tqdm_active = not hub.are_progress_bars_disabled()``) and ``os.fspath`` gives a dummy
    path (``os.path.join(hub.HOME, "modules")``), each said in the verdict (``READ``)."""

    def __init__(self, top: str, what: str) -> None:
        self._top, self._what = top, what

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Placeholder(self._top, f"{self._what}.{name}")

    def __call__(self, *args, **kwargs):
        return _Placeholder(self._top, f"{self._what}(...)")

    def _refuse(self, *args, **kwargs):
        at = _importing_module()
        who = "the build" if at is None else f"the import of `{at}`"
        raise ModuleNotFoundError(f"`{self._top}` {_missing(self._top)} and {who} uses `{self._what}`", name=self._top)

    def _at_import(self, value, shown: str):
        at = _importing_module(3)
        if at is None:
            self._refuse()
        text = f"`{self._what}` read as {shown} at the import of `{at}`"
        if text not in READ:
            READ.append(text)
        return value

    def __bool__(self) -> bool:
        return self._at_import(False, "False")

    def __fspath__(self) -> str:
        # ``os.path.join(constants.HF_HOME, "modules")``: a path no build may read or write.
        return self._at_import(f"<{self._what}: not installed>", "a path")

    def __mro_entries__(self, bases):
        # ``class DataPathHandler(PathHandler):`` at the import of a module the build needs for
        # something else: an empty class of that name stands in for the base.
        return (self._at_import(_stand_in_class(self._what), "a base class"),)

    def __repr__(self) -> str:
        return f"<stand-in for `{self._what}`: `{self._top}` {_missing(self._top)}>"

    __int__ = __float__ = __index__ = __iter__ = __len__ = __getitem__ = _refuse
    __add__ = __radd__ = __sub__ = __mul__ = __rmul__ = __truediv__ = __lt__ = __gt__ = _refuse
    __array__ = _refuse

    def __or__(self, other):  # ``pd.DataFrame | None`` in an annotation
        return self

    __ror__ = __or__


def _stand_in_class(what: str) -> type:
    """An empty class named after ``what`` whose instances take any arguments."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    name = what.rsplit(".", 1)[-1].replace("(...)", "") or "StandIn"
    return type(name if name.isidentifier() else "StandIn", (), {"__init__": __init__, "__module__": what})


class StandInReached(ValueError):
    """A stand-in of a module that is not installed reached ``Model(inputs=/outputs=)``: its
    message is the verdict's reason."""


def _no_stand_in(role: str, value, depth: int = 0) -> None:
    """Raise ``StandInReached`` when ``value`` (a model's inputs or outputs: a tensor, or lists,
    tuples and dicts of them) holds a placeholder of a module that is not installed."""
    if isinstance(value, _Placeholder):
        raise StandInReached(
            f"the model's {role} are `{value._what}`, a stand-in: `{value._top}` {_missing(value._top)} "
            "and the build needs it"
        )
    if depth < 4 and isinstance(value, (list, tuple)):
        for v in value:
            _no_stand_in(role, v, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for v in value.values():
            _no_stand_in(role, v, depth + 1)


def _missing(name: str) -> str:
    """``is not installed``, or for a submodule of an installed package what it lacks."""
    top = name.split(".")[0]
    if top == name or top not in sys.modules:
        return "is not installed"
    version = getattr(sys.modules[top], "__version__", None)
    return f"is not in the installed {top}" + (f" {version}" if isinstance(version, str) else "")


def _importing_module(depth: int = 2) -> str | None:
    """The module whose top level is running when the caller was called, if it is not the
    slice's (``__main__``): the caller runs while a module is imported, not in the build."""
    f: FrameType | None = sys._getframe(depth)
    while f is not None:
        if f.f_code.co_name == "<module>":
            name = f.f_globals.get("__name__")
            return None if name == "__main__" or not isinstance(name, str) else name
        f = f.f_back
    return None


class _AbsentLoader(importlib.abc.Loader):
    def __init__(self, root: str) -> None:
        self._root = root

    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        root = self._root
        if root not in ABSENT:
            ABSENT.append(root)

        def attr(name: str):
            if name.startswith("__"):
                raise AttributeError(name)
            return _Placeholder(root, f"{module.__name__}.{name}")

        module.__getattr__ = attr


# While ``STAND_IN`` is set (a second run of a build that failed on a module that is not
# installed, see ``judge.run``), an import statement of a module that no finder can serve gets
# a placeholder module, unless the statement is inside ``try: ... except ImportError:`` (the
# project's own fallback is taken, as without the stand-in; also once the module is stood in for,
# through ``_guarded_import``); a probe
# (``importlib.util.find_spec("x")``) is still told that it is not installed. ``ABSENT`` lists
# those the build imported, ``READ`` the placeholder values read at another module's import.
STAND_IN = {"on": False}
ABSENT: list[str] = []
READ: list[str] = []
# The slice's source by its code's file name (it is no file): the guard of an import in it.
SOURCES: dict[str, str] = {}
_GUARDS: dict[tuple[str, int], list[tuple[int, int]]] = {}
_CATCHES_IMPORT = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _guarded_lines(filename: str, text: str) -> list[tuple[int, int]]:
    """The line spans of ``try`` bodies in ``text`` whose handlers catch an ImportError."""
    key = (filename, hash(text))
    if key not in _GUARDS:
        import ast

        spans: list[tuple[int, int]] = []
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            tree = None
        tries = tuple(t for t in (getattr(ast, "Try", None), getattr(ast, "TryStar", None)) if t is not None)
        for node in ast.walk(tree) if tree is not None else ():
            body: list = (getattr(node, "body", None) or []) if isinstance(node, tries) else []
            for h in getattr(node, "handlers", []) if body else []:
                kinds = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
                names = {k.attr if isinstance(k, ast.Attribute) else getattr(k, "id", None) for k in kinds if k}
                if h.type is None or names & _CATCHES_IMPORT:
                    spans.append((body[0].lineno, body[-1].end_lineno or body[-1].lineno))
                    break
        _GUARDS[key] = spans
    return _GUARDS[key]


def _import_statement_guarded() -> bool | None:
    """For the finder: None when no import statement asks (a probe such as
    ``importlib.util.find_spec``); else whether the statement that imports is inside a ``try``
    that catches ImportError."""
    import linecache

    f: FrameType | None = sys._getframe(2)
    loading = False
    here = importlib.__file__.rsplit("/", 1)[0] if importlib.__file__ else ""
    while f is not None:
        name = f.f_code.co_filename
        if name.startswith("<frozen importlib"):
            loading = loading or f.f_code.co_name in ("_find_and_load", "_gcd_import")
        elif here and name.startswith(here):
            if name.endswith("util.py"):
                return None
        elif f.f_code is not _guarded_import.__code__:
            # (the __import__ of the placeholders' run is no importer: the frame that called it is)
            break
        f = f.f_back
    if f is None or not loading:
        return None
    name = f.f_code.co_filename
    text = SOURCES.get(name) or "".join(linecache.getlines(name, f.f_globals))
    line = f.f_lineno or 0
    return any(a <= line <= b for a, b in _guarded_lines(name, text))


# Packages whose missing submodules are not stood in for: what they lack is served above
# (Keras 2 / TF1 paths) or refused with its own reason.
_OWN = ("tensorflow", "keras", "tf_keras", "dropout_lint")


def _absent_root(fullname: str) -> str | None:
    """The entry of ``ABSENT`` that ``fullname`` is, or is inside."""
    for root in ABSENT:
        if fullname == root or fullname.startswith(root + "."):
            return root
    return None


class AbsentFinder(importlib.abc.MetaPathFinder):
    """Placeholders for what cannot be imported: a module that is not installed (``scipy``), or
    a submodule an installed package no longer has (``numpy.core.umath_tests`` in numpy 2)."""

    def find_spec(self, fullname, path=None, target=None):
        if not STAND_IN["on"]:
            return None
        top = fullname.split(".")[0]
        root = _absent_root(fullname)
        if root is None and top != fullname and (top in _OWN or sys.modules.get(top) is None):
            return None
        guarded = _import_statement_guarded()
        if guarded is None or (guarded and root is None):
            return None
        return importlib.machinery.ModuleSpec(fullname, _AbsentLoader(root or fullname), is_package=True)


_REAL_IMPORT: list = []


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    """``__import__`` while placeholders are on: a guarded import statement (``try: import x /
    except ImportError:``) of a module already stood in for fails as it would without it."""
    if level == 0 and _absent_root(name) is not None:
        f = sys._getframe(1)
        import linecache

        text = SOURCES.get(f.f_code.co_filename) or "".join(linecache.getlines(f.f_code.co_filename, f.f_globals))
        line = f.f_lineno or 0
        if any(a <= line <= b for a, b in _guarded_lines(f.f_code.co_filename, text)):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    return _REAL_IMPORT[0](name, globals, locals, fromlist, level)


def stand_in_on() -> None:
    """Placeholders on for the next run of the build (see ``STAND_IN``)."""
    import builtins

    STAND_IN["on"] = True
    if not _REAL_IMPORT:
        _REAL_IMPORT.append(builtins.__import__)
        builtins.__import__ = _guarded_import


def installed(top: str) -> bool:
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def forget_absent() -> None:
    """Drop the stand-ins of the current build (the next build imports for itself), also as
    attributes of the installed package that holds a stood-in submodule."""
    for name in list(sys.modules):
        if _absent_root(name) is not None:
            del sys.modules[name]
            parent, _, child = name.rpartition(".")
            if parent in sys.modules and _absent_root(parent) is None:
                try:
                    delattr(sys.modules[parent], child)
                except AttributeError:
                    pass
    ABSENT.clear()
    READ.clear()
    STAND_IN["on"] = False
    if _REAL_IMPORT:
        import builtins

        builtins.__import__ = _REAL_IMPORT.pop()


# What the Keras 2 signatures above substituted in the current build (cleared by the judge).
NOTES: list[str] = []


def _note(text: str) -> None:
    if text not in NOTES:
        NOTES.append(text)


def _int_input_shape() -> None:
    """Keras 2's ``Input(shape=(1))`` (an int, not a tuple) read as ``(1,)`` (noted)."""
    import keras
    import tensorflow as tf

    orig = keras.Input
    if getattr(orig, "_dl_keras2", False):
        return

    def Input(shape=None, *args, **kwargs):  # noqa: N802 - Keras' name
        if isinstance(shape, int) and not isinstance(shape, bool):
            _note(f"Keras 2 `Input(shape={shape})` read as shape=({shape},)")
            shape = (shape,)
        return orig(shape, *args, **kwargs)

    _mark(Input, "_dl_keras2")
    try:
        tf.keras.layers.Input  # noqa: B018 - loads tf.keras' own API modules, patched below
    except Exception:  # noqa: BLE001
        pass
    for mod in list(sys.modules.values()):
        if getattr(mod, "Input", None) is orig:
            try:
                setattr(mod, "Input", Input)
            except (AttributeError, TypeError):
                pass


# Keras 1 / early Keras 2 names of layers Keras 3 keeps under another name.
ALIASES = {
    "Deconv2D": "Conv2DTranspose",
    "Deconv3D": "Conv3DTranspose",
    "Deconvolution2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose",
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "AtrousConvolution1D": "Conv1D",
    "AtrousConvolution2D": "Conv2D",
    "CuDNNLSTM": "LSTM",
    "CuDNNGRU": "GRU",
}
# Of those, the Keras 1 convolutions: ``Convolution2D(32, 3, 3)`` is 32 filters of 3x3 there
# (``Conv2D(32, 3, 3)`` would read the second 3 as strides); the rank of each.
KERAS1_CONV = {
    "Convolution1D": 1,
    "Convolution2D": 2,
    "Convolution3D": 3,
    "AtrousConvolution1D": 1,
    "AtrousConvolution2D": 2,
    "Deconvolution2D": 2,
    "Deconvolution3D": 3,
}


ALIASED: dict[str, str] = {}


def _keras1_conv(name: str, cls, rank: int):
    """A subclass of ``cls`` taking Keras 1's positional kernel sides: (filters, rows, cols) ->
    (filters, (rows, cols)); Deconvolution's positional ``output_shape`` (Keras 3 computes it)
    dropped. Noted when used."""

    def __init__(self, filters, *args, **kwargs):
        sides = [a for a in args[:rank] if isinstance(a, int) and not isinstance(a, bool)]
        if rank > 1 and len(sides) == rank:
            args = (tuple(sides),) + tuple(a for a in args[rank:] if not isinstance(a, (tuple, list)))
            _note(f"Keras 1 `{name}({filters}, {', '.join(map(str, sides))})` read as kernel_size={tuple(sides)}")
        cls.__init__(self, filters, *args, **kwargs)

    return type(name, (cls,), {"__init__": __init__, "_dl_keras1_conv": True})


# Keras 2's lower-case constraint names (``from keras.constraints import maxnorm``).
CONSTRAINT_ALIASES = {
    "maxnorm": "MaxNorm",
    "max_norm": "MaxNorm",
    "nonneg": "NonNeg",
    "non_neg": "NonNeg",
    "unitnorm": "UnitNorm",
    "unit_norm": "UnitNorm",
    "min_max_norm": "MinMaxNorm",
}


def _aliases() -> None:
    import keras

    for mod_name in ("keras.constraints", "keras._tf_keras.keras.constraints"):
        try:
            mod = importlib.import_module(mod_name)
        except ImportError:
            continue
        for old, new in CONSTRAINT_ALIASES.items():
            if not hasattr(mod, old) and hasattr(mod, new):
                setattr(mod, old, getattr(mod, new))
    # Keras 2.1 kept MobileNet's layer and activation in its application module
    # (``from keras.applications.mobilenet import DepthwiseConv2D, relu6``).
    for mod_name in ("keras.applications.mobilenet", "keras._tf_keras.keras.applications.mobilenet"):
        try:
            mod = importlib.import_module(mod_name)
        except ImportError:
            continue
        for old, value in (("DepthwiseConv2D", keras.layers.DepthwiseConv2D), ("relu6", keras.activations.relu6)):
            if not hasattr(mod, old):
                setattr(mod, old, value)

    for old, new in ALIASES.items():
        if not hasattr(keras.layers, old) and hasattr(keras.layers, new):
            cls = getattr(keras.layers, new)
            setattr(keras.layers, old, _keras1_conv(old, cls, KERAS1_CONV[old]) if old in KERAS1_CONV else cls)
            ALIASED[old] = new
    # Keras 3 still has these names, as plain aliases that read a third positional int as strides.
    for old in ("Convolution2D", "Convolution3D"):
        cls = getattr(keras.layers, old, None)
        if cls is not None and not getattr(cls, "_dl_keras1_conv", False):
            setattr(keras.layers, old, _keras1_conv(old, cls, KERAS1_CONV[old]))


def _no_tpu() -> None:
    """A TPU (or a TPU cluster to connect to) is not there in the worker: ``TPUStrategy``
    gives TensorFlow's default strategy and the resolver and connection calls do nothing
    (each use noted), so that a model built in ``with strategy.scope():`` is built on the CPU."""
    import tensorflow as tf

    def resolver(*args, **kwargs):
        _note("no TPU here: TPUClusterResolver() stood in with None")

    def strategy(*args, **kwargs):
        _note("no TPU here: built under TensorFlow's default distribution strategy instead of TPUStrategy")
        return tf.distribute.get_strategy()

    def nothing(*args, **kwargs):
        return None

    places = [
        (getattr(tf.distribute, "cluster_resolver", None), "TPUClusterResolver", resolver),
        (tf.distribute, "TPUStrategy", strategy),
        (getattr(tf.distribute, "experimental", None), "TPUStrategy", strategy),
        (tf.config, "experimental_connect_to_cluster", nothing),
        (getattr(tf.config, "experimental", None), "experimental_connect_to_cluster", nothing),
        (getattr(getattr(tf, "tpu", None), "experimental", None), "initialize_tpu_system", nothing),
    ]
    v1 = getattr(getattr(tf, "compat", None), "v1", None)
    if v1 is not None:
        places += [
            (getattr(getattr(v1, "distribute", None), "cluster_resolver", None), "TPUClusterResolver", resolver),
            (getattr(getattr(v1, "distribute", None), "experimental", None), "TPUStrategy", strategy),
        ]
    for owner, name, stand_in in places:
        if owner is not None and hasattr(owner, name):
            try:
                setattr(owner, name, stand_in)
            except (AttributeError, TypeError):
                pass


# Keras 1 constructor keywords and their Keras 3 names (a keyword the layer itself still takes,
# such as Embedding's ``output_dim``, is left alone); ``None``: a keyword Keras 3 has no use for.
KERAS1_KWARGS = {
    "border_mode": "padding",
    "init": "kernel_initializer",
    "W_regularizer": "kernel_regularizer",
    "b_regularizer": "bias_regularizer",
    "W_constraint": "kernel_constraint",
    "b_constraint": "bias_constraint",
    "U_regularizer": "recurrent_regularizer",
    "inner_init": "recurrent_initializer",
    "inner_activation": "recurrent_activation",
    "subsample": "strides",
    "subsample_length": "strides",
    "dim_ordering": "data_format",
    "output_dim": "units",
    "nb_filter": "filters",
    "filter_length": "kernel_size",
    "p": "rate",
    "dropout_W": "dropout",
    "dropout_U": "recurrent_dropout",
    "atrous_rate": "dilation_rate",
    "beta_init": "beta_initializer",
    "gamma_init": "gamma_initializer",
    "pool_length": "pool_size",
    "bias": "use_bias",
    "mode": None,
    "fused": None,
    "consume_less": None,
}
DIM_ORDERING = {"tf": "channels_last", "th": "channels_first"}


def _weight_list_setters() -> None:
    """Keras 2 layers that set ``self.trainable_weights = [self.gamma, ...]`` in ``build()`` (a
    property without a setter in Keras 3): the assignment is ignored, noted; ``call()`` still
    uses those variables, and the judges look at outputs and the graph, not at trainability."""
    import keras

    layer = keras.layers.Layer
    for attr in ("trainable_weights", "non_trainable_weights"):
        prop = getattr(layer, attr, None)
        if not isinstance(prop, property) or prop.fset is not None:
            continue

        def ignore(self, value, __attr=attr):
            _note(f"Keras 2 `self.{__attr} = [...]` ignored (a read-only property in Keras 3)")

        setattr(layer, attr, property(prop.fget, ignore, None, prop.__doc__))


def _sequential_duplicate_names() -> None:
    """``Sequential([..., ReLU(name="relu"), ..., ReLU(name="relu")])``: Keras 2 let layers of a
    Sequential share a name, Keras 3 refuses it; the later layer gets a suffixed name (noted).
    Names do not change what a layer computes or whether it reads ``training``."""
    from keras.src.models import sequential

    cls = sequential.Sequential
    orig = cls.add
    if getattr(orig, "_dl_keras2", False):
        return

    def add(self, layer, *args, __orig=orig, **kwargs):
        taken = {getattr(x, "name", None) for x in getattr(self, "_layers", [])}
        name = getattr(layer, "name", None)
        if isinstance(name, str) and name in taken and not hasattr(layer, "_keras_history"):
            n = 1
            while f"{name}_{n}" in taken:
                n += 1
            try:
                layer.name = f"{name}_{n}"
            except AttributeError:
                pass
            else:
                _note(f"Keras 2 Sequential layers sharing the name {name!r}: renamed {name}_{n} (Keras 3 refuses it)")
        return __orig(self, layer, *args, **kwargs)

    _mark(add, "_dl_keras2")
    cls.add = add


def _float_sizes() -> None:
    """``Conv2D(filters / 2, 3)`` with ``filters / 2 == 64.0``: Keras 2 (TensorFlow's) cast a
    whole float size to int, Keras 3 refuses it; read as the int (noted). Convolutions (and their
    transposes) and Dense; a fractional size is left for Keras to refuse."""
    from keras.src.layers.convolutional import base_conv, base_conv_transpose
    from keras.src.layers.core import dense

    for cls, arg in (
        (base_conv.BaseConv, "filters"),
        (base_conv_transpose.BaseConvTranspose, "filters"),
        (dense.Dense, "units"),
    ):
        orig = cls.__init__
        if getattr(orig, "_dl_float_sizes", False):
            continue

        def init(self, *args, __orig=orig, __arg=arg, __rank=cls is not dense.Dense, **kwargs):
            # BaseConv's own first parameter is the rank (its subclasses pass both by keyword).
            at = 1 if __rank else 0
            if len(args) > at and isinstance(args[at], float) and args[at].is_integer():
                _note(f"Keras 2 float {__arg}={args[at]} read as {int(args[at])}")
                args = args[:at] + (int(args[at]),) + args[at + 1 :]
            value = kwargs.get(__arg)
            if isinstance(value, float) and value.is_integer():
                _note(f"Keras 2 float {__arg}={value} read as {int(value)}")
                kwargs[__arg] = int(value)
            __orig(self, *args, **kwargs)

        # Its own mark: other shims of ``BaseConv.__init__`` (explicit padding) check theirs.
        _mark(init, "_dl_float_sizes")
        cls.__init__ = init


def _applications_without_weights() -> None:
    """``keras.applications.VGG19(include_top=False)`` in a module the build imports (a perceptual
    loss in ``losses.py``): its default ``weights="imagenet"`` is a download, which the worker
    refuses; built with ``weights=None`` instead, noted, as the slicer does in the flagged file.
    The architecture, and so every layer that reads ``training``, is the same."""
    import inspect

    try:
        # tf.keras' view of the applications (``tensorflow.keras.applications``): rebound below too.
        importlib.import_module("keras._tf_keras.keras.applications")
    except ImportError:
        pass
    wrapped: dict = {}
    for name, mod in list(sys.modules.items()):
        if not name.startswith("keras.src.applications.") or mod is None:
            continue
        for attr, fn in list(vars(mod).items()):
            if not (inspect.isfunction(fn) and fn.__module__ == name and attr[:1].isupper()):
                continue
            params = list(inspect.signature(fn).parameters)
            if "weights" not in params or getattr(fn, "_dl_no_weights", False):
                continue
            at = params.index("weights")

            def build(*args, __fn=fn, __at=at, __name=attr, **kwargs):
                given = args[__at] if len(args) > __at else kwargs.get("weights", "imagenet")
                if isinstance(given, str) and given == "imagenet":
                    if len(args) > __at:
                        args = args[:__at] + (None,) + args[__at + 1 :]
                    else:
                        kwargs["weights"] = None
                    _note(f"`{__name}` built with weights=None: --confirm downloads no ImageNet weights")
                return __fn(*args, **kwargs)

            _mark(build, "_dl_no_weights")
            wrapped[fn] = build
            setattr(mod, attr, build)
    for name, mod in list(sys.modules.items()):
        if mod is None or "applications" not in name or not name.startswith(("keras.", "tensorflow.")):
            continue
        for attr, value in list(vars(mod).items()):
            if inspect.isfunction(value) and value in wrapped:
                setattr(mod, attr, wrapped[value])


def _no_summary_files() -> None:
    """``tf.summary.create_file_writer("./logs/...")`` in a trainer's constructor: the worker's
    view of the project is read-only and nothing it logs is read; a no-op writer (noted)."""
    import tensorflow as tf

    orig = tf.summary.create_file_writer
    if getattr(orig, "_dl_keras2", False):
        return

    def create_file_writer(*args, **kwargs):
        _note("`tf.summary.create_file_writer()` served as a no-op writer: --confirm writes no logs")
        return tf.summary.create_noop_writer()

    _mark(create_file_writer, "_dl_keras2")
    tf.summary.create_file_writer = create_file_writer


def _custom_activation_names() -> None:
    """``Conv2D(..., activation="my_act")`` after ``get_custom_objects()["my_act"] = ...``:
    Keras 2 looked the name up there, Keras 3 only among its own; the name is read from the
    registered custom objects when Keras 3 does not know it (noted)."""
    from keras.src import activations
    from keras.src.saving import object_registration

    orig = activations.get
    if getattr(orig, "_dl_keras2", False):
        return

    def get(identifier, __orig=orig):
        if isinstance(identifier, str) and identifier not in activations.ALL_OBJECTS_DICT:
            obj = object_registration.get_custom_objects().get(identifier)
            if callable(obj):
                _note(
                    f"Keras 2 activation {identifier!r} read from get_custom_objects() (Keras 3 looks up its own only)"
                )
                return obj
        return __orig(identifier)

    _mark(get, "_dl_keras2")
    activations.get = get


def _keras1_kwargs(name: str, params, kwargs: dict) -> dict:
    if "nb_row" in kwargs and "nb_col" in kwargs and "nb_row" not in params:
        kwargs["kernel_size"] = (kwargs.pop("nb_row"), kwargs.pop("nb_col"))
        _note(f"Keras 1 `{name}(nb_row=, nb_col=)` read as kernel_size")
    for old, new in KERAS1_KWARGS.items():
        if old not in kwargs or old in params or (new is not None and new in kwargs):
            continue
        value = kwargs.pop(old)
        if new is None:
            _note(f"Keras 1/2 `{name}({old}=)` ignored (Keras 3 has no such argument)")
            continue
        if old == "dim_ordering":
            if value not in DIM_ORDERING:
                continue
            value = DIM_ORDERING[value]
        kwargs[new] = value
        _note(f"Keras 1 `{name}({old}=)` read as `{new}=`")
    return kwargs


def _keras1_layers() -> None:
    """Keras 1 keywords of the layers (``Dense(output_dim=)``, ``Dropout(p=)``,
    ``Conv2D(border_mode=)``, ``LSTM(dropout_W=)``...) and ``Model(input=, output=)`` read as
    Keras 3's names (each use noted)."""
    import inspect

    import keras
    from keras.src.models.functional import Functional

    for cls in {v for v in vars(keras.layers).values() if isinstance(v, type) and issubclass(v, keras.layers.Layer)}:
        orig = getattr(cls, "__init__")  # cls is a `type`: mypy refuses reading __init__ off one
        if getattr(orig, "_dl_keras1", False):
            continue
        try:
            params = set(inspect.signature(orig).parameters)
        except (TypeError, ValueError):
            continue

        def init(self, *args, __orig=orig, __params=params, __name=cls.__name__, **kwargs):
            __orig(self, *args, **_keras1_kwargs(__name, __params, kwargs))

        _mark(init, "_dl_keras1", "_dl_keras2")
        setattr(cls, "__init__", init)

    def io(kwargs: dict) -> dict:
        for old in ("input", "output"):
            if old in kwargs and old + "s" not in kwargs:
                kwargs[old + "s"] = kwargs.pop(old)
                _note(f"Keras 1 `Model({old}=)` read as `{old}s=`")
        return kwargs

    if not getattr(keras.Model.__new__, "_dl_keras1", False):
        new, init_m, init_f = keras.Model.__new__, keras.Model.__init__, Functional.__init__

        def model_new(cls, *args, **kwargs):
            return new(cls, *args, **io(kwargs))

        def model_init(self, *args, **kwargs):
            init_m(self, *args, **io(kwargs))

        def functional_init(self, *args, **kwargs):
            kwargs = io(kwargs)
            for i, role in enumerate(("inputs", "outputs")):
                _no_stand_in(role, kwargs[role] if role in kwargs else args[i] if i < len(args) else None)
            init_f(self, *args, **kwargs)

        _mark(model_new, "_dl_keras1")
        keras.Model.__new__ = model_new
        keras.Model.__init__ = model_init
        Functional.__init__ = functional_init


# How a Keras 2 backend function of ``_keras2_backend`` is served, as the verdict says it.
SERVED_AS = {"int_shape": "shape", "set_session": "a no-op: Keras 3 has no session"}


def _keras2_backend() -> None:
    """Keras 2 backend functions Keras 3 dropped from ``keras.backend``: the dimension-ordering
    calls (Keras 3 is channels-last), ``int_shape``, the random draws, and every other name
    ``keras.ops`` has (``K.concatenate``, ``K.mean``...), which work on symbolic tensors too.
    Each use is noted; a name neither has still fails."""
    import keras

    def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
        return keras.random.normal(shape, mean=mean, stddev=stddev, dtype=dtype, seed=seed)

    def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
        return keras.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype, seed=seed)

    def variable(value, dtype=None, name=None, constraint=None):
        return keras.Variable(value, dtype=dtype, name=name, constraint=constraint)

    def constant(value, dtype=None, shape=None, name=None):
        value = keras.ops.convert_to_tensor(value, dtype=dtype)
        return keras.ops.broadcast_to(value, shape) if shape is not None else value

    def dropout(x, level, noise_shape=None, seed=None):
        # Keras 2's K.dropout always drops (it takes no training flag): so does this.
        return keras.random.dropout(x, rate=level, noise_shape=noise_shape, seed=seed)

    named = {
        "dropout": dropout,
        "variable": variable,
        "constant": constant,
        "image_dim_ordering": lambda: "tf",
        "set_image_dim_ordering": lambda value: None,
        "int_shape": lambda x: tuple(x.shape),
        # Keras 3 has no session: the TF1 session a Keras 2 file installs decides nothing here
        "set_session": lambda session: None,
        "random_normal": random_normal,
        "random_uniform": random_uniform,
    }
    for mod in {sys.modules.get(m) for m in ("keras.backend", "keras.api.backend", "keras._tf_keras.keras.backend")}:
        if mod is None or "__getattr__" in vars(mod):
            continue

        def attr(name: str, __mod=mod):
            if name.startswith("__"):
                raise AttributeError(name)
            value = named.get(name) or getattr(keras.ops, name, None)
            if value is None:
                raise AttributeError(f"module {__mod.__name__!r} has no attribute {name!r}")
            if name not in named:
                how = "keras.ops"
            elif "ordering" in name or "random" in name or name == "dropout":
                how = "channels-last" if "ordering" in name else "keras.random"
            else:
                how = SERVED_AS.get(name, "keras.Variable / keras.ops")
            _note(f"Keras 2 `backend.{name}` served by Keras 3 ({how})")
            return value

        setattr(mod, "__getattr__", attr)


def _keras2_models_input() -> None:
    """Keras 2's ``keras.models.Input`` (re-exported there; Keras 3 keeps it in ``keras``
    only), served as ``keras.Input`` (noted when used)."""
    import keras

    for name in ("keras.models", "keras.api.models", "keras._tf_keras.keras.models"):
        mod = sys.modules.get(name)
        if mod is None or hasattr(mod, "Input"):
            continue

        def served(*args, **kwargs):
            _note("Keras 2 `keras.models.Input` read as `keras.Input`")
            return keras.Input(*args, **kwargs)

        mod.Input = served  # type: ignore[attr-defined]


def _keras1_merge() -> None:
    """Keras 1's ``merge([a, b], mode="concat", concat_axis=-1)`` as the Keras 3 merge layer of
    that mode (noted)."""
    import keras

    if hasattr(keras.layers, "merge"):
        return
    layers = {
        "concat": "Concatenate",
        "sum": "Add",
        "mul": "Multiply",
        "ave": "Average",
        "max": "Maximum",
        "dot": "Dot",
        "cos": "Dot",
    }

    def merge(inputs, mode="sum", concat_axis=-1, dot_axes=-1, name=None, **kwargs):
        if not isinstance(mode, str) or mode not in layers:
            raise ValueError(f"Keras 1 merge(mode={mode!r}) has no Keras 3 layer")
        kind = layers[mode]
        args = (
            {"axis": concat_axis}
            if kind == "Concatenate"
            else {"axes": dot_axes, "normalize": mode == "cos"}
            if kind == "Dot"
            else {}
        )
        _note(f"Keras 1 `merge(mode={mode!r})` built as `{kind}`")
        return getattr(keras.layers, kind)(name=name, **args)(inputs)

    keras.layers.merge = merge


def _keras2_optimizers() -> None:
    """Keras 2 optimizers: ``Adam(lr=0.01, decay=...)`` (Keras 3 says ``learning_rate`` and has no
    ``decay``) and ``keras.optimizers.legacy.Adam`` (Keras 3 refuses to build it) as Keras 3's
    optimizers (each use noted)."""
    import keras

    for cls in {
        v for v in vars(keras.optimizers).values() if isinstance(v, type) and issubclass(v, keras.optimizers.Optimizer)
    }:
        orig = getattr(cls, "__init__")  # cls is a `type`: mypy refuses reading __init__ off one
        if getattr(orig, "_dl_keras2", False):
            continue

        def init(self, *args, __orig=orig, __name=cls.__name__, **kwargs):
            if "lr" in kwargs and "learning_rate" not in kwargs:
                kwargs["learning_rate"] = kwargs.pop("lr")
                _note(f"Keras 2 `{__name}(lr=)` read as `learning_rate=`")
            if "decay" in kwargs:
                kwargs.pop("decay")
                _note(f"Keras 2 `{__name}(decay=)` ignored (Keras 3 has no such argument)")
            __orig(self, *args, **kwargs)

        _mark(init, "_dl_keras2")
        setattr(cls, "__init__", init)
    for name in ("keras.optimizers.legacy", "keras._tf_keras.keras.optimizers.legacy"):
        mod = sys.modules.get(name)
        if mod is None:
            try:
                mod = importlib.import_module(name)
            except ImportError:
                continue
        for attr in ("Adagrad", "Adam", "Ftrl", "RMSprop", "SGD", "Optimizer"):
            current = getattr(keras.optimizers, attr, None)
            if current is None or getattr(getattr(mod, attr, None), "_dl_keras2", False):
                continue

            def init(self, *args, __base=current, __attr=attr, **kwargs):
                _note(f"Keras 2 `keras.optimizers.legacy.{__attr}` built as Keras 3's")
                __base.__init__(self, *args, **kwargs)

            setattr(mod, attr, type(attr, (current,), {"__init__": init, "_dl_keras2": True}))


def _experimental_layers() -> None:
    """``tf.keras.layers.experimental.preprocessing.Rescaling`` (TF 2.3-2.5) as the plain layer."""
    import keras

    for name in ("keras.layers", "keras._tf_keras.keras.layers"):
        mod = sys.modules.get(name)
        if mod is not None and not hasattr(mod, "experimental"):
            try:
                setattr(mod, "experimental", importlib.import_module("keras.layers.experimental"))
                importlib.import_module("keras.layers.experimental.preprocessing")
            except ImportError:
                pass
    del keras


# Loss / metric functions by their two names: tf.keras (Keras 3's view) keeps only the short one,
# keras only the long one; Keras 2 had both in both.
LOSS_NAMES = {
    "mean_absolute_error": "mae",
    "mean_squared_error": "mse",
    "mean_absolute_percentage_error": "mape",
    "mean_squared_logarithmic_error": "msle",
    "kl_divergence": "kld",
    "kullback_leibler_divergence": "kld",
    "log_cosh": "logcosh",
    "huber_loss": "huber",
}


def _loss_names() -> None:
    """``from tensorflow.keras.losses import mean_absolute_error`` (and ``keras.losses.mae``, the
    metrics likewise): a loss function Keras 3 keeps under its other name, served by it (noted)."""
    import keras

    for kind in ("losses", "metrics"):
        for name in (f"keras.{kind}", f"keras._tf_keras.keras.{kind}", f"tensorflow.keras.{kind}"):
            try:
                mod = importlib.import_module(name)
            except ImportError:
                continue
            if "__getattr__" in vars(mod):
                continue

            def attr(name: str, __mod=mod, __kind=kind):
                names = [name, LOSS_NAMES.get(name)] + [k for k, v in LOSS_NAMES.items() if v == name]
                homes = (__mod, getattr(keras, __kind))
                value = next((getattr(h, n) for h in homes for n in names if n and n in vars(h)), None)
                if name.startswith("__") or value is None:
                    raise AttributeError(f"module {__mod.__name__!r} has no attribute {name!r}")
                _note(f"Keras 2 `{__kind}.{name}` served by Keras 3's `{value.__name__}`")
                return value

            setattr(mod, "__getattr__", attr)


def _slash_names() -> None:
    """tf.keras 2 took ``name="features/stage0/conv"`` for a layer, a model or a weight; Keras 3
    refuses ``/`` there. Such a name is built with ``_`` for each ``/`` (noted)."""
    from keras.src.backend.common.variables import Variable
    from keras.src.ops.operation import Operation

    for cls in (Operation, Variable):
        orig = cls.__init__
        if getattr(orig, "_dl_keras2", False):
            continue

        def init(self, *args, __orig=orig, **kwargs):
            name = kwargs.get("name")
            if isinstance(name, str) and "/" in name:
                kwargs["name"] = name.replace("/", "_")
                _note(f"tf.keras 2 name {name!r} (Keras 3 refuses `/`) built as {kwargs['name']!r}")
            __orig(self, *args, **kwargs)

        _mark(init, "_dl_keras2")
        cls.__init__ = init


def _explicit_padding() -> None:
    """``Conv2D(padding=[[0, 0], [2, 2], [2, 2], [0, 0]])``: TensorFlow's explicit padding (a pair
    per dimension, or per spatial dimension), which Keras 3 refuses, built as that zero padding
    before a ``"valid"`` convolution (noted)."""
    import keras
    from keras.src.layers.convolutional.base_conv import BaseConv

    if getattr(BaseConv.__init__, "_dl_keras2", False):
        return
    init, call, out_shape = BaseConv.__init__, BaseConv.call, BaseConv.compute_output_shape

    def pairs(self) -> list | None:
        return getattr(self, "_dl_pad", None)

    def new_init(self, *args, **kwargs):
        pad, rank, served = kwargs.get("padding"), kwargs.get("rank"), None
        if isinstance(pad, (list, tuple)) and isinstance(rank, int):
            explicit = [tuple(int(v) for v in p) for p in pad]
            explicit = explicit[1:-1] if len(explicit) == rank + 2 else explicit
            if len(explicit) == rank and all(len(p) == 2 for p in explicit):
                kwargs["padding"], served = "valid", explicit
                _note(f"explicit padding {pad} (Keras 3 refuses it) built as zero padding {explicit} then 'valid'")
        init(self, *args, **kwargs)
        if served:
            self._dl_pad = served

    def new_call(self, inputs):
        if pairs(self):
            inputs = keras.ops.pad(inputs, [(0, 0), *pairs(self), (0, 0)])
        return call(self, inputs)

    def new_shape(self, input_shape):
        if pairs(self):
            sides = [None if d is None else d + sum(p) for d, p in zip(input_shape[1:-1], pairs(self))]
            input_shape = (input_shape[0], *sides, input_shape[-1])
        return out_shape(self, input_shape)

    _mark(new_init, "_dl_keras2")
    BaseConv.__init__, BaseConv.call, BaseConv.compute_output_shape = new_init, new_call, new_shape


def _tf_ops_on_symbolic() -> None:
    """Keras 2 code applies TensorFlow ops to Keras symbolic tensors (``tf.multiply(a, b)`` in a
    functional build): Keras 2 made each such call a layer, Keras 3 refuses it. Such a call is
    built as a Keras 3 ``Lambda`` layer that runs the op (noted)."""
    from tensorflow.python.util import dispatch

    if any(getattr(d, "_dl_keras2", False) for d in dispatch._GLOBAL_DISPATCHERS):
        return

    class OpAsLayer(dispatch.GlobalOpDispatcher):
        _dl_keras2 = True

        def handle(self, op, args, kwargs):
            out = _op_as_layer(op, args, kwargs, f"tf.{getattr(op, '__name__', 'op')}")
            return self.NOT_SUPPORTED if out is None else out

    OpAsLayer().register()


def _op_as_layer(op, args, kwargs, label: str):
    """``op(*args, **kwargs)`` built as a Keras 3 ``Lambda`` layer that runs it on the real tensors
    of its Keras symbolic arguments (noted as ``label``); None when none of them is symbolic."""
    import keras
    import tensorflow as tf

    flat = tf.nest.flatten([args, kwargs])
    symbolic = [x for x in flat if isinstance(x, keras.KerasTensor)]
    if not symbolic:
        return None

    def run(tensors):
        given = iter(tensors if isinstance(tensors, (list, tuple)) else [tensors])
        values = [next(given) if isinstance(x, keras.KerasTensor) else x for x in flat]
        a, k = tf.nest.pack_sequence_as([args, kwargs], values)
        return op(*a, **k)

    _note(f"Keras 2 `{label}` on a Keras symbolic tensor built as a Lambda layer")
    given = symbolic if len(symbolic) > 1 else symbolic[0]
    try:
        return keras.layers.Lambda(run)(given)
    except NotImplementedError:
        # Keras 3 cannot infer the shape (``tf.reshape(o, tf.shape(x))``): run the graph
        # up to the op on example tensors (two batch sizes: what changes is unknown).
        shape = _example_shape(run, symbolic, given)
        if shape is None:
            raise
        _note(f"the output shape of `{label}` taken from running it on example tensors")
        return keras.layers.Lambda(run, output_shape=lambda _: shape)(given)


def _legacy_backend_on_symbolic() -> None:
    """tf.keras' Keras 2 backend (``from tensorflow.keras import backend as K``) reads a tensor's
    ``TensorShape`` (``K.concatenate`` calls ``x.shape.rank``), which a Keras 3 symbolic tensor,
    whose shape is a tuple, does not have. A call that fails so on symbolic arguments is built,
    as Keras 2 built it, as a layer running the function on real tensors (noted)."""
    import keras.src.legacy.backend as legacy_backend

    mod = sys.modules.get("keras._tf_keras.keras.backend")
    if mod is None:
        return
    for name, fn in list(vars(mod).items()):
        if getattr(fn, "_dl_keras2", False) or getattr(fn, "__module__", None) != legacy_backend.__name__:
            continue
        if not callable(fn):
            continue

        def served(*args, __fn=fn, __name=name, **kwargs):
            try:
                return __fn(*args, **kwargs)
            except (AttributeError, TypeError, ValueError) as err:
                try:
                    out = _op_as_layer(__fn, args, kwargs, f"backend.{__name}")
                except Exception:  # noqa: BLE001 - not servable as a layer: the original error
                    raise err from None
                if out is None:
                    raise
                return out

        _mark(served, "_dl_keras2")
        served.__name__, served.__module__ = name, legacy_backend.__name__
        setattr(mod, name, served)


def _example_shape(run, symbolic: list, given):
    """The output shape of ``run`` on the Keras symbolic tensors ``symbolic``, from running the
    graph that computes them on zero inputs twice (unknown sizes 2, then 3): a size that differs
    between the runs is unknown (None). None when the graph has no plain inputs."""
    import numpy as np
    import tensorflow as tf
    from keras.src.ops.function import Function

    inputs, seen, stack = [], set(), list(symbolic)
    while stack:
        t = stack.pop()
        if id(t) in seen:
            continue
        seen.add(id(t))
        history = getattr(t, "_keras_history", None)
        if history is None:
            return None
        node = history.operation._inbound_nodes[history.node_index]
        if node.is_input:
            inputs.append(t)
        else:
            stack.extend(node.input_tensors)
    fn = Function(inputs, list(symbolic))
    shapes = []
    try:
        for fill in (2, 3):
            values = fn([np.zeros([fill if d is None else d for d in t.shape], dtype=t.dtype) for t in inputs])
            out = run(values if isinstance(given, list) else values[0])
            shapes.append(tf.nest.map_structure(lambda v: tuple(v.shape), tf.nest.flatten(out)))
    except Exception:  # noqa: BLE001 - the op does not run on example tensors: no shape
        return None
    merged = [tuple(a if a == b else None for a, b in zip(x, y)) for x, y in zip(*shapes)]
    return merged[0] if len(merged) == 1 else merged


# TF1 ``tf.layers.*`` functions (Keras 3 dropped them: "not available with Keras 3") and the
# Keras 3 layer each applies, with the names of its leading positional arguments.
_TF1_LAYERS = {
    "dense": ("Dense", ("units",)),
    "dropout": ("Dropout", ("rate",)),
    "conv1d": ("Conv1D", ("filters", "kernel_size")),
    "conv2d": ("Conv2D", ("filters", "kernel_size")),
    "conv3d": ("Conv3D", ("filters", "kernel_size")),
    "conv2d_transpose": ("Conv2DTranspose", ("filters", "kernel_size")),
    "separable_conv2d": ("SeparableConv2D", ("filters", "kernel_size")),
    "max_pooling1d": ("MaxPooling1D", ("pool_size", "strides")),
    "max_pooling2d": ("MaxPooling2D", ("pool_size", "strides")),
    "max_pooling3d": ("MaxPooling3D", ("pool_size", "strides")),
    "average_pooling1d": ("AveragePooling1D", ("pool_size", "strides")),
    "average_pooling2d": ("AveragePooling2D", ("pool_size", "strides")),
    "average_pooling3d": ("AveragePooling3D", ("pool_size", "strides")),
    "batch_normalization": ("BatchNormalization", ()),
    "flatten": ("Flatten", ()),
}
# TF1 keywords the Keras 3 layers do not take (``name`` too: TF1 scopes use ``/``).
_TF1_DROPPED = {
    "name",
    "reuse",
    "trainable",
    "_reuse",
    "_scope",
    "renorm",
    "renorm_clipping",
    "renorm_momentum",
    "fused",
    "virtual_batch_size",
    "adjustment",
}


_TF1_SESSION = ("ConfigProto", "GPUOptions", "Session", "InteractiveSession", "set_random_seed")


def _tf1_apis() -> None:
    """TF1 APIs TensorFlow 2 with Keras 3 no longer has, for an Estimator ``model_fn`` and
    ``tf.layers`` code: ``tf.layers.*`` apply the Keras 3 layer of the same kind (in a graph
    too); ``tf.estimator.ModeKeys`` / ``EstimatorSpec`` and ``tf.contrib.layers``' regularizers
    and initializers stand in. Each use is noted."""
    import types

    import keras
    import tensorflow as tf

    v1 = tf.compat.v1

    def tf1_layer(fname: str):
        kind, leading = _TF1_LAYERS[fname]

        def apply(inputs, *args, training=False, **kwargs):
            _note(f"TF1 `tf.layers.{fname}` built as Keras 3 `{kind}`")
            kwargs.update(zip(leading, args))
            kwargs = {k: v for k, v in kwargs.items() if k not in _TF1_DROPPED and v is not None}
            layer = getattr(keras.layers, kind)(**kwargs)
            if kind in ("Dropout", "BatchNormalization"):
                return layer(inputs, training=training)
            return layer(inputs)

        apply.__name__ = fname
        return apply

    layers = types.ModuleType("tensorflow.layers")
    for fname in _TF1_LAYERS:
        setattr(layers, fname, tf1_layer(fname))

    class ModeKeys:
        TRAIN = "train"
        EVAL = "eval"
        PREDICT = "infer"

    def spec(mode=None, **kwargs):
        _note("TF1 `tf.estimator.EstimatorSpec` stood in with a plain record")
        return types.SimpleNamespace(mode=mode, **kwargs)

    estimator = types.ModuleType("tensorflow.estimator")
    estimator.ModeKeys = ModeKeys  # type: ignore[attr-defined]
    estimator.EstimatorSpec = spec  # type: ignore[attr-defined]
    contrib_layers = types.ModuleType("tensorflow.contrib.layers")
    for fname, make in (
        ("l2_regularizer", lambda scale, scope=None: keras.regularizers.L2(scale)),
        ("l1_regularizer", lambda scale, scope=None: keras.regularizers.L1(scale)),
        ("xavier_initializer", lambda *a, **k: keras.initializers.GlorotUniform()),
        ("variance_scaling_initializer", lambda *a, **k: keras.initializers.HeNormal()),
    ):

        def served(*args, _make=make, _name=fname, **kwargs):
            _note(f"TF1 `tf.contrib.layers.{_name}` served by its Keras 3 counterpart")
            return _make(*args, **kwargs)

        setattr(contrib_layers, fname, served)
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.layers = contrib_layers  # type: ignore[attr-defined]
    # Keras 2 code's session plumbing at module level (``config = tf.ConfigProto(); sess =
    # tf.Session(config=config); K.set_session(sess)``): TF2 keeps it under ``tf.compat.v1``.
    for name in _TF1_SESSION:
        if not hasattr(tf, name) and hasattr(v1, name):

            def session_api(*args, _real=getattr(v1, name), _name=name, **kwargs):
                _note(f"TF1 `tf.{_name}` served by `tf.compat.v1.{_name}`")
                return _real(*args, **kwargs)

            setattr(tf, name, session_api)
    for mod in (tf, v1, importlib.import_module("tensorflow.compat.v1")):
        for attr, value in (("layers", layers), ("estimator", estimator), ("contrib", contrib)):
            try:
                getattr(mod, attr).dropout if attr == "layers" else getattr(mod, attr)
            except AttributeError:
                setattr(mod, attr, value)


# TensorFlow Addons (end of life, no release for TensorFlow 2.16+ / Keras 3): the parts GAN and
# style-transfer code uses most, served from Keras 3 when the package is not installed. Anything
# else of it is a placeholder (using it says the package is not installed).
ADDONS_TOP = "tensorflow_addons"


def _addons_layers(name: str):
    import keras

    def instance_norm(*args, **kwargs):
        kwargs.pop("groups", None)
        return keras.layers.GroupNormalization(*args, groups=-1, **kwargs)

    def adamw(weight_decay=0.004, learning_rate=0.001, *args, **kwargs):
        return keras.optimizers.AdamW(learning_rate, weight_decay, *args, **kwargs)

    return {
        "layers": {
            "InstanceNormalization": (instance_norm, "keras.layers.GroupNormalization(groups=-1)"),
            "GroupNormalization": (keras.layers.GroupNormalization, "keras.layers.GroupNormalization"),
            "SpectralNormalization": (keras.layers.SpectralNormalization, "keras.layers.SpectralNormalization"),
        },
        "activations": {
            "gelu": (keras.activations.gelu, "keras.activations.gelu"),
            "mish": (keras.activations.mish, "keras.activations.mish"),
        },
        "optimizers": {"AdamW": (adamw, "keras.optimizers.AdamW")},
    }.get(name, {})


class _AddonsLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        sub = module.__name__[len(ADDONS_TOP) + 1 :]
        served = _addons_layers(sub) if sub else {}

        def attr(name: str):
            if name.startswith("__"):
                raise AttributeError(name)
            if not sub and name in ("layers", "activations", "optimizers"):
                return importlib.import_module(f"{ADDONS_TOP}.{name}")
            if name in served:
                value, shown = served[name]
                _note(
                    f"`{module.__name__}.{name}` ({ADDONS_TOP} is not installed: it has no Keras 3 release) served as `{shown}`"
                )
                return value
            if ADDONS_TOP not in ABSENT:
                ABSENT.append(ADDONS_TOP)
            return _Placeholder(ADDONS_TOP, f"{module.__name__}.{name}")

        module.__getattr__ = attr


class AddonsFinder(importlib.abc.MetaPathFinder):
    """``tensorflow_addons`` when it is not installed: see ``_addons_layers``."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != ADDONS_TOP and not fullname.startswith(ADDONS_TOP + "."):
            return None
        if fullname.count(".") > 1 or importlib.machinery.PathFinder.find_spec(ADDONS_TOP) is not None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _AddonsLoader(), is_package=fullname == ADDONS_TOP)


def install() -> None:
    if not any(isinstance(f, LegacyFinder) for f in sys.meta_path):
        sys.meta_path.append(LegacyFinder())
    if not any(isinstance(f, AddonsFinder) for f in sys.meta_path):
        sys.meta_path.append(AddonsFinder())
    if not any(isinstance(f, AbsentFinder) for f in sys.meta_path):
        sys.meta_path.append(AbsentFinder())
    _keras2_signatures()
    _weight_list_setters()
    _custom_activation_names()
    _sequential_duplicate_names()
    _float_sizes()
    _applications_without_weights()
    _no_summary_files()
    _aliases()
    _keras1_layers()
    _keras1_merge()
    _keras2_models_input()
    _keras2_backend()
    _keras2_optimizers()
    _experimental_layers()
    _slash_names()
    _loss_names()
    _explicit_padding()
    _tf_ops_on_symbolic()
    _legacy_backend_on_symbolic()
    _tf1_apis()
    _no_tpu()
