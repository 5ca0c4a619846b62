"""--confirm calls a model whose examples are large (a 400x400 image) on a batch of one: two
such examples through a U-Net need more than the worker's memory limit, and TensorFlow dies of it
(SIGSEGV) instead of raising. Real TensorFlow."""

from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import judge  # noqa: E402


@pytest.mark.parametrize(
    ("shape", "batch"),
    [((None, 400, 400, 3), 1), ((None, 224, 224, 3), 1), ((None, 32, 32, 3), 2), ((None, 16), 2), ((None, None, 8), 2)],
)
def test_a_large_example_is_called_alone_a_small_one_in_pairs(shape, batch):
    x = judge._concrete(shape, "float32")
    assert tuple(x.shape)[0] == batch
    assert tuple(x.shape)[1:] == tuple(d or 8 for d in shape[1:])
