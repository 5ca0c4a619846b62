"""Premises added in sessions 12 and 13 (issue 13): each case lacks exactly one premise, or has them all."""

from __future__ import annotations

from dl_testkit import code_rows

BACKBONES = """
import tensorflow as tf
def build_encoder(arch, shape):
    if arch == "resnet":
        base = tf.keras.applications.ResNet50(include_top=False, weights=None, input_shape=shape)
    elif arch == "effnet":
        base = tf.keras.applications.EfficientNetB0(include_top=False, weights=None, input_shape=shape)
    else:
        raise ValueError(arch)
    inputs = tf.keras.Input(shape)
    h = base(inputs, training=True)
    z = tf.keras.layers.Dense(64)(tf.keras.layers.GlobalAveragePooling2D()(h))
    return tf.keras.Model(inputs, z)
"""


def test_a_backbone_picked_in_if_elif_is_one_of_the_layers_applied():
    assert code_rows(BACKBONES, ["DL301"]) == [("DL301", 11)]


def test_an_arm_that_raises_binds_nothing_for_the_code_after_it():
    # without the raise, the else arm leaves ``base`` unknown and the build shows nothing
    src = BACKBONES.replace(
        "    else:\n        raise ValueError(arch)\n", "    else:\n        base = make_base(arch)\n"
    )
    assert code_rows(src, ["DL301"]) == []


def test_an_arm_that_returns_binds_nothing_either():
    src = """
from keras import layers
def head(x, kind):
    if kind == "plain":
        return layers.Dense(1)(x)
    else:
        x = layers.Dropout(0.3)(x)
    x = layers.BatchNormalization()(x)
    return layers.Dense(1)(x)
"""
    assert code_rows(src, ["DL102"]) == [("DL102", 7)]


DISPATCH = """
from tensorflow.keras import Input, Model, layers
def make(x, spec):
    if spec.kind == "dense":
        return layers.Dense(spec.units)(x)
    elif spec.kind == "dropout":
        return layers.Dropout(spec.rate)(x)
    raise ValueError(spec.kind)
def build(specs, last):
    inp = Input((8,))
    x = inp
    for spec in specs:
        x = make(x, spec)
    model = Model(inp, make(x, last))
    model.compile("adam", "mse")
    return model
"""


def test_a_layer_type_dispatcher_shows_neither_a_dropout_output_nor_two_in_a_row():
    assert code_rows(DISPATCH, ["DL101", "DL103"]) == []


def test_a_dispatcher_arm_decided_by_the_code_is_a_path_it_takes():
    # the caller passes the kind: the arm is the code's, not the caller's to pick
    src = """
from tensorflow.keras import Input, Model, layers
def make(x, kind):
    if kind == "dense":
        return layers.Dense(4)(x)
    elif kind == "dropout":
        return layers.Dropout(0.5)(x)
    raise ValueError(kind)
inp = Input((8,))
model = Model(inp, make(layers.Dense(4)(inp), "dropout"))
model.compile("adam", "mse")
"""
    assert code_rows(src, ["DL101"]) == [("DL101", 7)]


def test_a_fixed_dropout_after_a_loop_of_dispatched_layers_meets_a_dropout_only_if_the_caller_asks():
    src = DISPATCH.replace(
        "    model = Model(inp, make(x, last))", "    model = Model(inp, layers.Dense(1)(layers.Dropout(0.2)(x)))"
    )
    assert code_rows(src, ["DL103"]) == []


def test_the_loop_target_reaches_the_dispatcher_through_a_keyword_argument():
    src = DISPATCH.replace("x = make(x, spec)", "x = make(x, spec=spec)")
    assert code_rows(src, ["DL103"]) == []


KNOB = """
import tensorflow as tf
class Net(tf.keras.Model):
    def __init__(self, width, use_bn=False):
        super().__init__()
        self.use_bn = use_bn
        self.body = tf.keras.layers.Dense(width)
        if self.use_bn:
            self.bn = tf.keras.layers.BatchNormalization()
    def call(self, x):
        h = self.body(x)
        return self.bn(h) if self.use_bn else h
    def train_step(self, data):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(self(data))
        self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
"""


def test_a_batchnorm_behind_a_knob_nobody_turns_on_is_not_shown_to_be_built():
    assert code_rows(KNOB, ["DL302"]) == []
    assert code_rows(KNOB + "net = Net(4)\n", ["DL302"]) == []
    assert code_rows(KNOB + "net = Net(4, use_bn=False)\n", ["DL302"]) == []


def test_a_knob_turned_on_or_set_by_the_caller_keeps_the_finding():
    assert code_rows(KNOB + "net = Net(4, use_bn=True)\n", ["DL302"]) == [("DL302", 15)]
    assert code_rows(KNOB + "net = Net(4, use_bn=args.bn)\n", ["DL302"]) == [("DL302", 15)]
    assert code_rows(KNOB.replace("use_bn=False", "use_bn=True"), ["DL302"]) == [("DL302", 15)]


LOSS_HELPER = """
import tensorflow as tf
net = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3), tf.keras.layers.Dense(1)])
def mse_loss(model, x, y):
    return tf.reduce_mean((model(x) - y) ** 2)
for x, y in batches:
    with tf.GradientTape() as tape:
        loss = mse_loss(net, x, y)
    opt.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables))
"""


def test_a_loss_helper_called_by_the_training_tape_runs_the_model_in_training():
    assert code_rows(LOSS_HELPER, ["DL302"]) == [("DL302", 5)]


def test_a_loss_helper_outside_any_tape_or_on_a_model_the_tape_does_not_train_is_not_a_step():
    no_tape = LOSS_HELPER.replace("    with tf.GradientTape() as tape:\n        loss", "    if True:\n        loss")
    assert code_rows(no_tape, ["DL302"]) == []
    other = LOSS_HELPER.replace("net.trainable_variables", "head.trainable_variables")
    assert code_rows(other, ["DL302"]) == []


def test_a_batchnorm_on_a_dangling_tensor_is_not_in_the_model():
    src = """
from tensorflow import keras
from tensorflow.keras import layers
inp = keras.Input((8,))
h = layers.Dropout(0.2)(layers.Dense(64)(inp))
out = layers.Dense(8)(layers.Dense(32)(h))
h = layers.BatchNormalization()(h)
model = keras.Model(inp, out)
model.predict(x)
"""
    assert code_rows(src, ["DL102"]) == []
    used = src.replace("model = keras.Model(inp, out)", "model = keras.Model(inp, [out, h])")
    assert code_rows(used, ["DL102"]) == [("DL102", 5)]


GRADS_ONLY = """
import tensorflow as tf
net = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3), tf.keras.layers.Dense(1)])
def grad(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((net(x) - y) ** 2)
    grads = tape.gradient(loss, net.trainable_variables)
"""


def test_a_tape_whose_gradients_nobody_applies_is_not_a_training_step():
    assert code_rows(GRADS_ONLY, ["DL302"]) == []


def test_gradients_applied_or_handed_back_to_the_caller_make_it_a_step():
    applied = GRADS_ONLY + "    opt.apply_gradients(zip(grads, net.trainable_variables))\n"
    handed_back = GRADS_ONLY + "    return loss, grads\n"
    keras3 = GRADS_ONLY + "    optimizer.apply(grads, net.trainable_variables)\n"
    manual = GRADS_ONLY + "    for v, g in zip(net.trainable_variables, grads):\n        v.assign_sub(0.01 * g)\n"
    for src in (applied, handed_back, keras3, manual):
        assert code_rows(src, ["DL302"]) == [("DL302", 6)], src
