"""The zero-array stand-ins of dropout_lint.confirm.datasets: each expression runs (numpy only)
and has the loader's own structure and shapes."""

from __future__ import annotations

import libcst as cst
import numpy as np
import pytest

from dropout_lint.confirm import datasets


def stand_in(code: str, module: str):
    call = cst.parse_expression(code)
    assert isinstance(call, cst.Call)
    name = call.func.attr.value if isinstance(call.func, cst.Attribute) else call.func.value
    return datasets.stand_in(call, module, name)


def shapes(value):
    if isinstance(value, tuple):
        return tuple(shapes(v) for v in value)
    return value.shape


@pytest.mark.parametrize(
    ("code", "module", "expected"),
    [
        ("mnist.load_data()", "tensorflow.keras.datasets.mnist", (((16, 28, 28), (16,)), ((16, 28, 28), (16,)))),
        ("cifar10.load_data()", "keras.datasets.cifar10", (((16, 32, 32, 3), (16, 1)), ((16, 32, 32, 3), (16, 1)))),
        ("make_moons(500, noise=0.1)", "sklearn.datasets", ((16, 2), (16,))),
        ("make_classification(n_features=7)", "sklearn.datasets", ((16, 7), (16,))),
        ("load_iris(return_X_y=True)", "sklearn.datasets", ((16, 4), (16,))),
        ("extract_training_samples('digits')", "emnist", ((16, 28, 28), (16,))),
    ],
)
def test_loader_stand_ins_have_the_loaders_shapes(code, module, expected):
    found = stand_in(code, module)
    assert found is not None
    assert shapes(eval(found[0])) == expected  # noqa: S307 - our own expression


def test_a_bunch_has_data_target_and_names():
    found = stand_in("load_digits()", "sklearn.datasets")
    assert found is not None
    bunch = eval(found[0])  # noqa: S307 - our own expression
    assert bunch.data.shape == (16, 64) and bunch.images.shape == (16, 8, 8) and bunch.target.shape == (16,)
    assert len(bunch.feature_names) == 64 and len(bunch.target_names) == 10


def test_train_test_split_gives_each_array_twice():
    found = stand_in("train_test_split(X, y, test_size=0.2)", "sklearn.model_selection")
    assert found is not None and found[0] == datasets.SPLIT
    x, y = np.zeros((16, 2)), np.zeros(16)
    parts = eval(found[0])(x, y, test_size=0.2)  # noqa: S307 - our own expression
    assert [p is q for p, q in zip(parts, (x, x, y, y))] == [True] * 4


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("mnist.load_data()", "mnist"),  # a project's own module named mnist
        ("load_data()", ""),
        ("load_iris()", "my_project.data"),
        ("read_csv('x.csv')", "pandas"),
    ],
)
def test_loaders_not_known_get_no_stand_in(code, module):
    assert stand_in(code, module) is None
