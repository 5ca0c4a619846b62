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
import sys

_LAYERS = ("keras.layers",)
_ENGINE = ("keras.layers", "keras.models", "keras.utils", "keras")
_UTILS = ("keras.utils",)

LEGACY: dict[str, tuple[str, ...]] = {
    **{f"keras.layers.{m}": _LAYERS for m in (
        "core", "convolutional", "pooling", "normalization", "normalization_v2", "merge", "recurrent",
        "recurrent_v2", "embeddings", "advanced_activations", "noise", "wrappers", "local",
        "cudnn_recurrent", "convolutional_recurrent", "dense_attention", "kernelized",
    )},
    "keras.engine": _ENGINE,
    **{f"keras.engine.{m}": _ENGINE for m in (
        "topology", "training", "base_layer", "input_layer", "sequential", "functional", "network",
        "input_spec", "saving",
    )},
    **{f"keras.utils.{m}": _UTILS for m in (
        "np_utils", "layer_utils", "conv_utils", "data_utils", "generic_utils", "vis_utils", "io_utils",
    )},
}

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
        if module.__name__ not in USED:
            USED.append(module.__name__)


TF_KERAS = "tf_keras"


def _homes(fullname: str) -> tuple[str, ...] | None:
    if fullname == TF_KERAS or fullname.startswith(TF_KERAS + "."):
        target = "keras" + fullname[len(TF_KERAS):]
        if target in LEGACY:
            return LEGACY[target]
        try:
            return (target,) if importlib.util.find_spec(target) is not None else None
        except (ImportError, ValueError):
            return None
    return LEGACY.get(fullname)


class LegacyFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        homes = _homes(fullname)
        if homes is None:
            return None
        is_pkg = fullname.startswith(TF_KERAS) or any(k.startswith(fullname + ".") for k in LEGACY)
        return importlib.machinery.ModuleSpec(fullname, _Loader(homes), is_package=is_pkg)


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

        named_first._dl_keras2 = True
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

            init._dl_keras2 = True
            cls.__init__ = init


class _Placeholder:
    """A value of a module that is not installed: calls and attributes give more placeholders
    (``plt.style.use("ggplot")`` at import time passes); using it as a value (a number, a
    truth value, a loop, a base class) raises ``ModuleNotFoundError`` naming the module."""

    def __init__(self, top: str, what: str) -> None:
        self._top, self._what = top, what

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Placeholder(self._top, f"{self._what}.{name}")

    def __call__(self, *args, **kwargs):
        return _Placeholder(self._top, f"{self._what}(...)")

    def _refuse(self, *args, **kwargs):
        raise ModuleNotFoundError(
            f"`{self._top}` is not installed and the build uses `{self._what}`", name=self._top)

    __bool__ = __int__ = __float__ = __index__ = __iter__ = __len__ = __getitem__ = _refuse
    __add__ = __radd__ = __sub__ = __mul__ = __rmul__ = __truediv__ = __lt__ = __gt__ = _refuse
    __mro_entries__ = __array__ = _refuse

    def __or__(self, other):  # ``pd.DataFrame | None`` in an annotation
        return self

    __ror__ = __or__


class _AbsentLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module) -> None:
        top = module.__name__.split(".")[0]
        if top not in ABSENT:
            ABSENT.append(top)

        def attr(name: str):
            if name.startswith("__"):
                raise AttributeError(name)
            return _Placeholder(top, f"{module.__name__}.{name}")

        module.__getattr__ = attr


# While ``STAND_IN`` is set (a second run of a build that failed on a module that is not
# installed, see ``judge.run``), every import that no finder can serve gets an empty module;
# ``ABSENT`` lists those the build imported.
STAND_IN = {"on": False}
ABSENT: list[str] = []


class AbsentFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".")[0]
        if not STAND_IN["on"] or (top != fullname and top not in ABSENT):
            return None
        return importlib.machinery.ModuleSpec(fullname, _AbsentLoader(), is_package=True)


def installed(top: str) -> bool:
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


def forget_absent() -> None:
    """Drop the stand-ins of the current build (the next build imports for itself)."""
    for name in list(sys.modules):
        if name.split(".")[0] in ABSENT:
            del sys.modules[name]
    ABSENT.clear()
    STAND_IN["on"] = False


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

    Input._dl_keras2 = True
    try:
        tf.keras.layers.Input  # noqa: B018 - loads tf.keras' own API modules, patched below
    except Exception:  # noqa: BLE001
        pass
    for mod in list(sys.modules.values()):
        if getattr(mod, "Input", None) is orig:
            try:
                mod.Input = Input
            except (AttributeError, TypeError):
                pass


# Keras 1 / early Keras 2 names of layers Keras 3 keeps under another name.
ALIASES = {
    "Deconv2D": "Conv2DTranspose", "Deconv3D": "Conv3DTranspose",
    "Deconvolution2D": "Conv2DTranspose", "Deconvolution3D": "Conv3DTranspose",
    "Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
    "AtrousConvolution1D": "Conv1D", "AtrousConvolution2D": "Conv2D",
}


ALIASED: dict[str, str] = {}


def _aliases() -> None:
    import keras

    for old, new in ALIASES.items():
        if not hasattr(keras.layers, old) and hasattr(keras.layers, new):
            setattr(keras.layers, old, getattr(keras.layers, new))
            ALIASED[old] = new


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


def install() -> None:
    if not any(isinstance(f, LegacyFinder) for f in sys.meta_path):
        sys.meta_path.append(LegacyFinder())
    if not any(isinstance(f, AbsentFinder) for f in sys.meta_path):
        sys.meta_path.append(AbsentFinder())
    _keras2_signatures()
    _aliases()
    _no_tpu()
