"""Stand-ins for the data of well-known loaders (Keras' datasets, scikit-learn's toy datasets,
the ``emnist`` package): zero arrays of the loader's own shapes, 16 samples, so that code which
reshapes, normalises or indexes the data runs and the model it builds can be judged.

Used by the slicer (``Slicer._stand_ins``) for a data call it cannot leave out (its result is
kept on the instance in a model class's ``__init__``, or read by code the model needs). Each
stand-in is said in the verdict. No TensorFlow here: the expressions are source text.
"""

from __future__ import annotations

import libcst as cst

N = 16
_Z = "__import__('numpy').zeros"

# keras.datasets.<name>.load_data(): ((x_train, y_train), (x_test, y_test)).
KERAS = {
    "mnist": ((N, 28, 28), "uint8", (N,)),
    "fashion_mnist": ((N, 28, 28), "uint8", (N,)),
    "cifar10": ((N, 32, 32, 3), "uint8", (N, 1)),
    "cifar100": ((N, 32, 32, 3), "uint8", (N, 1)),
    "imdb": ((N, 80), "int32", (N,)),
    "reuters": ((N, 80), "int32", (N,)),
    "boston_housing": ((N, 13), "float32", (N,)),
    "california_housing": ((N, 8), "float32", (N,)),
}
# sklearn.datasets.make_*(): (X, y), with the loader's default number of features.
SKLEARN_MAKE = {
    "make_moons": 2,
    "make_circles": 2,
    "make_blobs": 2,
    "make_gaussian_quantiles": 2,
    "make_classification": 20,
    "make_regression": 100,
}
# sklearn.datasets.load_*() / fetch_*(): a Bunch (data, target, ...), or (X, y) with return_X_y.
SKLEARN_LOAD = {
    "load_iris": (4, 3),
    "load_wine": (13, 3),
    "load_breast_cancer": (30, 2),
    "load_digits": (64, 10),
    "load_diabetes": (10, 0),
    "fetch_california_housing": (8, 0),
}
# emnist.extract_training_samples('digits') / extract_test_samples(...): (images, labels).
EMNIST = {"extract_training_samples", "extract_test_samples"}


def _arr(shape: tuple, dtype: str = "float32") -> str:
    return f"{_Z}({shape!r}, {dtype!r})"


def _keyword(call: cst.Call, name: str):
    return next((a.value for a in call.args if a.keyword is not None and a.keyword.value == name), None)


def _int_keyword(call: cst.Call, name: str, default: int) -> int:
    v = _keyword(call, name)
    return int(v.value) if isinstance(v, cst.Integer) and 0 < int(v.value) <= 4096 else default


# sklearn.model_selection.train_test_split(*arrays): each array as its train and its test part.
SPLIT = "(lambda *arrays, **options: tuple(a for x in arrays for a in (x, x)))"


def stand_in(call: cst.Call, module: str, name: str) -> tuple[str, str] | None:
    """(expression, what it is) standing in for ``call``, a call of ``name`` from ``module``
    (the dotted module the name comes from, "" when unknown); None for a loader not known here.
    For ``SPLIT`` the expression stands in for the called function, not the call."""
    mod = module.split(".")
    if name == "load_data" and mod[-1] in KERAS and "datasets" in mod:
        x_shape, dtype, y_shape = KERAS[mod[-1]]
        part = f"({_arr(x_shape, dtype)}, {_arr(y_shape, 'int64')})"
        return f"({part}, {part})", f"zero arrays x {x_shape}, y {y_shape} ({N} samples) for train and test"
    sklearn = "sklearn" in mod or "datasets" in mod
    if sklearn and name in SKLEARN_MAKE:
        width = _int_keyword(call, "n_features", SKLEARN_MAKE[name])
        return f"({_arr((N, width))}, {_arr((N,), 'int64')})", f"zero arrays X {(N, width)}, y {(N,)}"
    if sklearn and name in SKLEARN_LOAD:
        width, classes = SKLEARN_LOAD[name]
        x, y = _arr((N, width)), _arr((N,), "int64" if classes else "float32")
        ret = _keyword(call, "return_X_y")
        if isinstance(ret, cst.Name) and ret.value == "True":
            return f"({x}, {y})", f"zero arrays X {(N, width)}, y {(N,)}"
        extra = f", images={_arr((N, 8, 8))}" if name == "load_digits" else ""
        names = f"[{', '.join(repr(f'f{i}') for i in range(width))}]"
        targets = f"__import__('numpy').array({[f'c{i}' for i in range(classes)]!r})"
        bunch = (
            f"__import__('types').SimpleNamespace(data={x}, target={y}{extra}, feature_names={names}, "
            f"target_names={targets})"
        )
        return bunch, f"a dataset of zero arrays data {(N, width)}, target {(N,)}"
    if name == "train_test_split" and "sklearn" in mod:
        # Stands in for the function (the arrays it splits are still read).
        return SPLIT, "each array as both its train and test part"
    if name in EMNIST and mod[0] == "emnist":
        return f"({_arr((N, 28, 28), 'uint8')}, {_arr((N,), 'int64')})", f"zero arrays x {(N, 28, 28)}, y {(N,)}"
    return None
