"""--confirm builds Keras 2 code that imports names Keras 3 dropped from modules it still has:
lower-case constraints (``from keras.constraints import maxnorm``) and Keras 2.1's MobileNet
layer (``from keras.applications.mobilenet import DepthwiseConv2D, relu6``). Real TensorFlow."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at  # noqa: E402

SOURCE = """
    from keras.applications.mobilenet import DepthwiseConv2D, relu6
    from keras.constraints import maxnorm
    from keras.layers import Activation, BatchNormalization, Dense, Dropout, Flatten, Input
    from keras.models import Model

    inputs = Input((8, 8, 3))
    x = DepthwiseConv2D((3, 3), depthwise_constraint=maxnorm(2.0))(inputs)
    x = Activation(relu6)(x)
    x = Flatten()(x)
    x = Dropout(0.3)(x)
    x = BatchNormalization()(x)
    model = Model(inputs, Dense(2)(x))
"""


def test_keras2_constraint_and_mobilenet_names_are_served(tmp_path):
    (tmp_path / "net.py").write_text(textwrap.dedent(SOURCE))
    finding = at(tmp_path, "net.py", "DL102", "Dropout(0.3)")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    c = finding.confirmation
    assert c.status == "confirmed", c
    assert "feeds BatchNormalization" in c.detail, c.detail


CELL = """
    import keras.backend as K
    from keras.layers import LSTMCell


    class ZoneCell(LSTMCell):
        def __init__(self, units, zoneout=0.1, **kwargs):
            super().__init__(units, **kwargs)
            self.zoneout = zoneout

        def call(self, inputs, state, **kwargs):
            output, new_state = super().call(inputs, state)
            prev_c, prev_h = state
            new_c, new_h = new_state
            c = K.dropout(new_c - prev_c, self.zoneout) + prev_c
            return output, [c, new_h]
"""


def test_an_rnn_cell_with_keras2_backend_dropout_is_called_as_a_cell(tmp_path):
    """DL303 on ``K.dropout`` in a zoneout LSTM cell: the cell is called for one step with zero
    states (``call(inputs, state)``), and Keras 2's ``K.dropout`` is served by keras.random."""
    (tmp_path / "cell.py").write_text(textwrap.dedent(CELL))
    finding = at(tmp_path, "cell.py", "DL303", "K.dropout(")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    c = finding.confirmation
    assert c.status == "confirmed", c
    assert "called as an RNN cell" in c.detail and "dropout stays on at inference" in c.detail, c.detail


def test_stand_ins_for_trailing_underscores_and_rl_coefficients():
    from dropout_lint.confirm.slicer import value_guess

    assert value_guess("lr_", set()) == "0.001"
    assert value_guess("tau_", set()) == "0.005"
    assert value_guess("gamma", set()) == "0.99"
    assert value_guess("in_dim", set()) == "16"
