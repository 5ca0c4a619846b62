"""--confirm on DL102 / DL103 in a builder that returns a tensor, not a model (``def encoder():
i = Input(...); ...; return x``): the slice's target is then a symbolic tensor, and the judge
builds the functional model from the builder's Input to it, so the layer after the marked
Dropout is in the graph it judges. Before, it judged the Dropout alone ("no Dropout output reaches
a BatchNormalization"). Keras 2's float ``filters=64.0`` is read as 64. Real TensorFlow."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at  # noqa: E402

BUILDER = """
    from tensorflow.keras import layers
    from tensorflow.keras.layers import BatchNormalization, Conv2D, Input


    def encoder(filters, noisy=True):
        i = Input(shape=(16, 16, 3))
        x = Conv2D(filters, 3, padding="same")(i)
        if noisy:
            x = layers.Dropout(0.2)(x)
            x = {after}
        x = Conv2D(filters / 2, 3)(x)
        return x


    features = encoder(8.0)
"""


def _verdict(tmp_path, after: str, code: str, needle: str = "layers.Dropout(0.2)"):
    (tmp_path / "enc.py").write_text(textwrap.dedent(BUILDER.format(after=after)))
    finding = at(tmp_path, "enc.py", code, needle)
    confirm_findings([finding], timeout=120, max_rate=0.8)
    return finding.confirmation


def test_dl102_in_a_builder_returning_a_tensor_is_confirmed_on_its_graph(tmp_path):
    c = _verdict(tmp_path, "BatchNormalization()(x)", "DL102")
    assert c.status == "confirmed", c
    assert "feeds BatchNormalization" in c.detail and "from the builder's Input" in c.detail, c.detail
    assert "filters=4.0 read as 4" in c.detail, c.detail  # Keras 2 took float filters


def test_dl102_without_the_pair_in_that_graph_is_not_confirmed(tmp_path):
    c = _verdict(tmp_path, "layers.ReLU()(x)", "DL102")
    assert c.status != "confirmed", c
    assert "no Dropout output reaches a BatchNormalization" in c.detail, c.detail


def test_dl103_in_a_builder_returning_a_tensor_is_confirmed(tmp_path):
    c = _verdict(tmp_path, "layers.Dropout(0.3)(x)", "DL103", needle="layers.Dropout(0.3)")
    assert c.status == "confirmed", c
    assert "feeds Dropout" in c.detail and "0.44" in c.detail, c.detail
