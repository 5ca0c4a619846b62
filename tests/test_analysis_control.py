"""Deeper analysis (issue 9): call-site rates, subclassed models and layers, sub-models,
wrappers, multiple outputs and branches, helper functions followed into their bodies.

Each kind has invalid cases (exact findings expected) and valid cases (no finding of the
codes the case is about)."""

from __future__ import annotations

import textwrap

import pytest

from dropout_lint.rule import all_rules
from dl_testkit import lint_source

GRAPH = ("DL101", "DL102", "DL103", "DL105", "DL202", "DL203", "DL204", "DL401")  # the default-on ones


def lint(src: str, codes=GRAPH):
    return lint_source(src, {c for c in all_rules() if c in codes})


def rows(src: str, codes=GRAPH):
    return sorted((f.code, f.start.row) for f in lint(src, codes))


H = "import keras\nfrom keras import layers\n"  # two header lines: rows below count from 3


def case(body: str) -> str:
    return H + textwrap.dedent(body).lstrip("\n")


# ---- the must-haves ---------------------------------------------------------------------

TUTORIAL = case("""
def build_model(dropout_rate):
    model = keras.Sequential([
        layers.Input(shape=(784,)),
        layers.Dense(256, activation="relu"),
        layers.Dropout(dropout_rate),
        layers.Dense(10, activation="softmax"),
    ])
    return model

for rate in RATES:
    build_model(rate)
""")


def test_tutorial_sweep_without_high_rate_is_clean():
    assert rows(TUTORIAL.replace("RATES", "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6]")) == []


def test_tutorial_sweep_with_0_9_gives_one_dl202_naming_the_call():
    found = lint(TUTORIAL.replace("RATES", "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.9]"))
    assert [(f.code, f.start.row) for f in found] == [("DL202", 7)]
    assert "build_model(rate) with 0.9 at line 13" in found[0].message


def test_subclassed_model_ending_in_dropout_is_dl101():
    assert rows(
        case("""
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.dense = layers.Dense(10, activation="softmax")
        self.dropout = layers.Dropout(0.5)

    def call(self, x, training=False):
        x = self.dense(x)
        return self.dropout(x, training=training)
""")
    ) == [("DL101", 7)]


def test_trunk_ending_in_dropout_inside_classifier_is_clean():
    assert (
        rows(
            case("""
trunk = keras.Sequential([layers.Dense(64, activation="relu"), layers.Dropout(0.5)])
classifier = keras.Sequential([trunk, layers.Dense(10, activation="softmax")])
""")
        )
        == []
    )


# ---- call-site rates ---------------------------------------------------------------------------

CALL_SITE_INVALID = [
    (
        "def build(rate):\n    return keras.Sequential([layers.Dense(4), layers.Dropout(rate), layers.Dense(1)])\nbuild(0.95)\n",
        [("DL202", 4)],
        "build(0.95) at line 5",
    ),
    (
        "def build(rate=0.5):\n    return layers.Dropout(rate)\nbuild(rate=0.9)\n",
        [("DL202", 4)],
        "build(rate=0.9) at line 5",
    ),
    ("RATE = 0.85\ndef build(rate):\n    return layers.Dropout(rate)\nbuild(RATE)\n", [("DL202", 5)], "build(RATE)"),
    (
        "def build(units, rate):\n    return layers.Dropout(rate)\nfor r in (0.2, 0.9):\n    build(8, r)\n",
        [("DL202", 4)],
        "with 0.9",
    ),
    ("def build(rate=1.5):\n    return layers.Dropout(rate)\nbuild()\n", [], None),  # DL201, not in these codes
    ("def make(keep):\n    return layers.Dropout(1 - keep)\nmake(0.1)\n", [("DL202", 4)], "make(0.1) at line 5"),
    (
        # a class's constructor call reaches its ``__init__`` (issue 13, session 6; before: not followed)
        "class Net(keras.Model):\n    def __init__(self, rate):\n        super().__init__()\n        self.d = layers.Dropout(rate)\nnet = Net(0.99)\n",
        [("DL202", 6)],
        "Net(0.99) at line 7",
    ),
    ("def build(rate):\n    return layers.LSTM(8, recurrent_dropout=rate)\nbuild(0.9)\n", [("DL202", 4)], "build(0.9)"),
    # a caller's 0 is a setting: DL203 reports only a 0 written at the layer (issue 13, session 6)
    ("def build(rate):\n    return layers.Dropout(rate)\nbuild(0.0)\n", [], None),
    ("def head(p):\n    return layers.Dropout(p * 2)\nhead(0.45)\n", [("DL202", 4)], "head(0.45)"),
]


@pytest.mark.parametrize("body,expected,text", CALL_SITE_INVALID)
def test_call_site_rates_invalid(body, expected, text):
    found = lint(case(body))
    assert sorted((f.code, f.start.row) for f in found) == expected
    if text:
        assert text in found[0].message


CALL_SITE_VALID = [
    "def build(rate):\n    return layers.Dropout(rate)\nbuild(0.3)\nbuild(rate=0.5)\n",
    "def build(rate=0.9):\n    return layers.Dropout(rate)\nbuild(0.2)\n",
    "def build(rate):\n    return layers.Dropout(rate)\nfor r in [0.1, 0.3, 0.5]:\n    build(r)\n",
    "def build(rate):\n    return layers.Dropout(rate)\nbuild(user_rate)\n",  # unknown: skipped
    "def build(rate):\n    return layers.Dropout(rate)\nbuild(*args)\n",
    "class Head(layers.Layer):\n    def __init__(self, dropout=0.0):\n        super().__init__()\n        self.drop = layers.Dropout(dropout)\n",
    "def build(keep):\n    return layers.Dropout(1 - keep)\nbuild(0.8)\n",
    "def build(rate):\n    rate = rate / 2\n    return layers.Dropout(rate)\nbuild(0.9)\n",
]


@pytest.mark.parametrize("body", CALL_SITE_VALID)
def test_call_site_rates_valid(body):
    assert rows(case(body)) == []


# ---- subclassed models and layers ----------------------------------------------------------------

SUB_INIT = """
class Net(keras.Model):
    def __init__(self):
        super().__init__()
{init}
    def call(self, x, training=None):
{call}
"""


def sub(init: str, call: str, base: str = "keras.Model") -> str:
    ind = lambda s, n: textwrap.indent(textwrap.dedent(s).strip("\n"), " " * n)  # noqa: E731
    return case(SUB_INIT.replace("keras.Model", base).format(init=ind(init, 8), call=ind(call, 8)))


SUBCLASS_INVALID = [
    (sub("self.d = layers.Dense(1)\nself.drop = layers.Dropout(0.5)", "return self.drop(self.d(x))"), [("DL101", 7)]),
    (
        sub(
            "self.drop = layers.Dropout(0.5)\nself.bn = layers.BatchNormalization()",
            "x = self.drop(x)\nreturn self.bn(x)",
        ),
        [("DL102", 6)],
    ),
    (
        sub(
            "self.a = layers.Dropout(0.3)\nself.b = layers.Dropout(0.2)\nself.o = layers.Dense(1)",
            "return self.o(self.b(self.a(x)))",
        ),
        [("DL103", 7)],
    ),
    (
        sub(
            "self.blocks = [layers.Dense(8), layers.Dropout(0.3), layers.BatchNormalization()]\nself.o = layers.Dense(1)",
            "for b in self.blocks:\n    x = b(x)\nreturn self.o(x)",
            base="layers.Layer",
        ),
        [("DL102", 6)],
    ),
    (
        sub(
            "self.o = layers.Dense(1)\nself.drop = layers.Dropout(0.2)",
            "x = self.o(x)\nif training:\n    x = self.drop(x)\nreturn x",
        ),
        [("DL101", 7)],
    ),
    (
        sub("self.o = layers.Dense(3)\nself.drop = layers.Dropout(0.2)", "y = self.o(x)\nreturn y, self.drop(y)"),
        [("DL101", 7)],
    ),
    (
        sub(
            "self.c = layers.Conv2D(8, 3)\nself.f = layers.Flatten()\nself.s = layers.SpatialDropout2D(0.2)\nself.o = layers.Dense(1)",
            "return self.o(self.s(self.f(self.c(x))))",
        ),
        [("DL105", 8)],
    ),
    # the Sequential is a sub-model, but its Dropout still produces this model's output
    (
        sub("self.seq = keras.Sequential([layers.Dense(4), layers.Dropout(0.1)])", "return self.seq(x)") + "\n",
        [("DL101", 6)],
    ),
    (
        sub(
            "self.d = layers.Dense(4, activation='relu')\nself.a = layers.AlphaDropout(0.1)\nself.o = layers.Dense(1)",
            "return self.o(self.a(self.d(x)))",
        ),
        [("DL401", 7)],
    ),
    (
        sub(
            "self.drop = tf_dropout_rate\nself.o = layers.Dense(1)",
            "x = self.o(x)\nreturn keras.random.dropout(x, 0.5)",
        ),
        [("DL101", 10)],
    ),
    (
        sub(
            "self.blocks = [layers.Dropout(0.1) for _ in range(3)]\nself.bn = layers.BatchNormalization()",
            "for blk in self.blocks:\n    x = blk(x)\nreturn self.bn(x)",
            base="layers.Layer",
        ),
        [("DL102", 6)],
    ),
]


@pytest.mark.parametrize("src,expected", SUBCLASS_INVALID)
def test_subclass_invalid(src, expected):
    assert rows(src) == expected


SUBCLASS_VALID = [
    sub("self.drop = layers.Dropout(0.5)\nself.o = layers.Dense(1)", "return self.o(self.drop(x))"),
    sub(
        "self.bn = layers.BatchNormalization()\nself.drop = layers.Dropout(0.5)\nself.o = layers.Dense(1)",
        "return self.o(self.drop(self.bn(x)))",
    ),
    # a Layer subclass ending in dropout is a block, not the model's output
    sub(
        "self.d = layers.Dense(8)\nself.drop = layers.Dropout(0.5)", "return self.drop(self.d(x))", base="layers.Layer"
    ),
    sub(
        "self.blocks = [layers.Dense(8), layers.BatchNormalization(), layers.Dropout(0.3)]\nself.o = layers.Dense(1)",
        "for b in self.blocks:\n    x = b(x)\nreturn self.o(x)",
    ),
    sub(
        "self.drop = layers.Dropout(0.5)\nself.o = layers.Dense(1)",
        "h = self.drop(x) if training else x\nreturn self.o(h)",
    ),
    sub(
        "self.o = layers.Dense(1)\nself.drop = layers.Dropout(0.5)",
        "for layer in [self.drop, self.o]:\n    try:\n        x = layer(x, training=training)\n    except TypeError:\n        x = layer(x)\nreturn x",
    ),
    sub(
        "self.c = layers.Conv2D(8, 3)\nself.s = layers.SpatialDropout2D(0.2)\nself.f = layers.Flatten()\nself.o = layers.Dense(1)",
        "return self.o(self.f(self.s(self.c(x))))",
    ),
    # an inner Model subclass used as a layer of an outer one is not the final output
    case("""
class Encoder(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = layers.Dense(8)
        self.drop = layers.Dropout(0.3)
    def call(self, x):
        return self.drop(self.d(x))

class Clf(keras.Model):
    def __init__(self):
        super().__init__()
        self.enc = Encoder()
        self.o = layers.Dense(1)
    def call(self, x):
        return self.o(self.enc(x))
"""),
]


@pytest.mark.parametrize("src", SUBCLASS_VALID)
def test_subclass_valid(src):
    assert rows(src) == []


# ---- sub-models ---------------------------------------------------------------------------------

SUBMODEL_INVALID = [
    (
        "trunk = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\nclf = keras.Sequential([trunk, layers.Dense(1), layers.Dropout(0.2)])\n",
        [("DL101", 4)],
    ),
    ("trunk = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\n", [("DL101", 3)]),  # not used as a layer
    (
        "trunk = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\ntrunk.fit(x, y)\npreds = trunk(x_test)\n",
        [("DL101", 3)],
    ),  # applied to data
    ("m = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\nout = m(tf.zeros((1, 4)))\n", [("DL101", 3)]),
    (
        "i = keras.Input((4,))\nenc = keras.Model(i, layers.Dense(4)(i))\nx = enc(i)\nout = layers.Dropout(0.3)(x)\nm = keras.Model(i, out)\n",
        [("DL101", 6)],
    ),
    (
        "class Net(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.d = layers.Dense(1)\n        self.drop = layers.Dropout(0.1)\n    def call(self, x):\n        return self.drop(self.d(x))\nnet = Net()\nnet.fit(x, y)\n",
        [("DL101", 7)],
    ),
    (
        "def make():\n    return keras.Sequential([layers.Dense(8), layers.Dense(1), layers.Dropout(0.5)])\nm = make()\nm.compile('adam', 'mse')\n",
        [("DL101", 4)],
    ),
    (
        "i = keras.Input((4,))\nfeat = keras.Sequential([layers.Dense(4), layers.Dropout(0.1)])\nh = feat(i)\nh = layers.BatchNormalization()(h)\nm = keras.Model(i, layers.Dense(1)(h))\n",
        [],
    ),
]


@pytest.mark.parametrize("body,expected", SUBMODEL_INVALID)
def test_submodel_invalid(body, expected):
    assert rows(case(body)) == expected


SUBMODEL_VALID = [
    "trunk = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\nclf = keras.Sequential([trunk, layers.Dense(1)])\n",
    "trunk = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\ni = keras.Input((4,))\nm = keras.Model(i, layers.Dense(1)(trunk(i)))\n",
    "trunk = keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\nm = keras.Sequential()\nm.add(trunk)\nm.add(layers.Dense(1))\n",
    "i = keras.Input((4,))\nenc = keras.Model(i, layers.Dropout(0.3)(layers.Dense(4)(i)))\nj = keras.Input((4,))\nm = keras.Model(j, layers.Dense(1)(enc(j)))\n",
    "i = keras.Input((4,))\nenc = keras.Model(i, layers.Dropout(0.3)(layers.Dense(4)(i)))\nm = keras.Model(enc.input, layers.Dense(1)(enc.output))\n",
    "def make_trunk():\n    return keras.Sequential([layers.Dense(8), layers.Dropout(0.5)])\nclf = keras.Sequential([make_trunk(), layers.Dense(1)])\n",
    "def block(inp):\n    x = layers.Dense(8)(inp)\n    return keras.Model(inp, layers.Dropout(0.2)(x))\ni = keras.Input((4,))\nb = block(i)\nm = keras.Sequential([b, layers.Dense(1)])\n",
    "class Trunk(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.drop = layers.Dropout(0.3)\n    def call(self, x):\n        return self.drop(x)\nclf = keras.Sequential([Trunk(), layers.Dense(1)])\n",
]


@pytest.mark.parametrize("body", SUBMODEL_VALID)
def test_submodel_valid(body):
    assert rows(case(body)) == []


# ---- wrappers -----------------------------------------------------------------------------------

WRAPPER_INVALID = [
    ("layers.Bidirectional(layers.LSTM(8, dropout=0.9))\n", [("DL202", 3)]),
    ("layers.Bidirectional(layers.GRU(8, recurrent_dropout=0.95), merge_mode='concat')\n", [("DL202", 3)]),
    ("layers.RNN(layers.LSTMCell(8, dropout=0.9))\n", [("DL202", 3)]),
    ("layers.RNN([layers.GRUCell(8, recurrent_dropout=0.99), layers.GRUCell(8)])\n", [("DL202", 3)]),
    (
        "m = keras.Sequential([layers.TimeDistributed(layers.Dense(4)), layers.TimeDistributed(layers.Dropout(0.5))])\n",
        [("DL101", 3)],
    ),
    (
        "m = keras.Sequential([layers.TimeDistributed(layers.Dropout(0.5)), layers.TimeDistributed(layers.BatchNormalization()), layers.Dense(1)])\n",
        [("DL102", 3)],
    ),
    ("def rnn(rate):\n    return layers.Bidirectional(layers.LSTM(8, dropout=rate))\nrnn(0.9)\n", [("DL202", 4)]),
    (
        "m = keras.Sequential([layers.Dense(4), layers.TimeDistributed(layers.Dropout(0.2)), layers.Dropout(0.2), layers.Dense(1)])\n",
        [("DL103", 3)],
    ),
]


@pytest.mark.parametrize("body,expected", WRAPPER_INVALID)
def test_wrappers_invalid(body, expected):
    assert rows(case(body)) == expected


WRAPPER_VALID = [
    "layers.Bidirectional(layers.LSTM(8, dropout=0.3, recurrent_dropout=0.2))\n",
    "layers.RNN(layers.LSTMCell(8, dropout=0.2))\n",
    "m = keras.Sequential([layers.TimeDistributed(layers.Dropout(0.5)), layers.TimeDistributed(layers.Dense(1))])\n",
    "m = keras.Sequential([layers.Bidirectional(layers.LSTM(8, return_sequences=True)), layers.SpatialDropout1D(0.2), layers.Dense(1)])\n",
    "m = keras.Sequential([layers.TimeDistributed(layers.BatchNormalization()), layers.TimeDistributed(layers.Dropout(0.5)), layers.Dense(1)])\n",
    "layers.Bidirectional(layers.GRU(8), backward_layer=layers.GRU(8, go_backwards=True, dropout=0.1))\n",
    "layers.TimeDistributed(layers.Conv2D(8, 3))\n",
    "layers.RNN(layers.StackedRNNCells([layers.LSTMCell(8, dropout=0.1)]))\n",
]


@pytest.mark.parametrize("body", WRAPPER_VALID)
def test_wrappers_valid(body):
    assert rows(case(body)) == []


# ---- multiple outputs and branches -------------------------------------------------------------

BRANCH_INVALID = [
    (
        "i = keras.Input((4,))\nx = layers.Dense(8)(i)\ny = layers.Dropout(0.3)(x)\nz = layers.Add()([x, y])\nz = layers.BatchNormalization()(z)\nm = keras.Model(i, layers.Dense(1)(z))\n",
        [],
    ),
    (
        "i = keras.Input((4,))\na = layers.Dense(1)(i)\nb = layers.Dropout(0.5)(layers.Dense(2)(i))\nm = keras.Model(i, [a, b])\n",
        [("DL101", 5)],
    ),
    (
        "i = keras.Input((4,))\nb = layers.Dropout(0.5)(layers.Dense(2)(i))\na = layers.Dense(1)(i)\nm = keras.Model(inputs=i, outputs={'a': a, 'b': b})\n",
        [("DL101", 4)],
    ),
    (
        "i = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\nr = layers.Dense(4)(i)\ny = layers.BatchNormalization()(x)\nm = keras.Model(i, layers.Add()([y, r]))\n",
        [("DL102", 4)],
    ),
    (
        "i = keras.Input((4,))\nd = layers.Dropout(0.3)(i)\nh = layers.Dense(4)(i)\nbn = layers.BatchNormalization()(layers.concatenate([d, h]))\n",
        [],
    ),
    (
        "i = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\nfor _ in range(2):\n    x = layers.Dense(4)(x)\nx = layers.BatchNormalization()(x)\n",
        [],
    ),  # range(2) runs
    (
        "i = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\nwhile more():\n    x = layers.Dense(4)(x)\nx = layers.BatchNormalization()(x)\n",
        [],
    ),  # may run 0 times or more: the two meet only where it runs none, not shown (session 9)
    (
        "trunk = keras.Sequential([layers.Dense(4), layers.Dropout(0.5)])\ni = keras.Input((4,))\nm = keras.Model(i, trunk(i))\n",
        [("DL101", 3)],
    ),
    (
        "i = keras.Input((4,))\nx = layers.Dense(4)(i)\nif deep:\n    x = layers.Dropout(0.2)(x)\nelse:\n    x = layers.Dense(4)(x)\nm = keras.Model(i, x)\n",
        [("DL101", 6)],
    ),
    (
        "i = keras.Input((4,))\nh = layers.Dense(4)(i)\nd1 = layers.Dropout(0.2)(h)\nd2 = layers.Dropout(0.2)(d1)\nm = keras.Model(i, [layers.Dense(1)(d2), layers.Dense(1)(h)])\n",
        [("DL103", 6)],
    ),
    (
        "i = keras.Input((4,))\nh = layers.Dense(4)(i)\nout = layers.Dropout(0.2)(layers.Dense(1)(h))\naux = layers.Dense(1)(h)\nm = keras.Model(i, [aux, out])\nlater = layers.Dense(1)(layers.Dense(3)(i))\n",
        [("DL101", 5)],
    ),
]


@pytest.mark.parametrize("body,expected", BRANCH_INVALID)
def test_branches_invalid(body, expected):
    assert rows(case(body)) == expected


BRANCH_VALID = [
    "i = keras.Input((4,))\nx = layers.Dense(8)(i)\ny = layers.Dropout(0.3)(x)\nz = layers.Add()([x, y])\nm = keras.Model(i, layers.Dense(1)(z))\n",
    "i = keras.Input((4,))\nd = layers.Dropout(0.5)(i)\na = layers.Dense(1)(d)\nb = layers.Dense(2)(d)\nm = keras.Model(i, [a, b])\n",
    # a Dropout defined on a later line still feeds the earlier-built output layer: graph, not line order
    "i = keras.Input((4,))\nh = layers.Dense(4)(i)\nhead = layers.Dense(1)\nd = layers.Dropout(0.5)(h)\nm = keras.Model(i, head(d))\n",
    "i = keras.Input((4,))\nbn = layers.BatchNormalization()(i)\nd = layers.Dropout(0.3)(bn)\nm = keras.Model(i, layers.Dense(1)(d))\n",
    "i = keras.Input((4,))\nx = layers.Dense(4)(i)\nif deep:\n    x = layers.Dropout(0.2)(x)\nx = layers.Dense(1)(x)\nm = keras.Model(i, x)\n",
    "i = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\ny = layers.BatchNormalization()(i)\nm = keras.Model(i, layers.Dense(1)(layers.concatenate([x, y])))\n",
    "i = keras.Input((4,))\nouts = []\nfor k in range(3):\n    outs.append(layers.Dense(1)(layers.Dropout(0.2)(i)))\nm = keras.Model(i, outs)\n",
    "i = keras.Input((4,))\nh = layers.Dropout(0.2)(layers.Dense(4)(i))\nm = keras.Model(i, {'a': layers.Dense(1)(h), 'b': layers.Dense(2)(h)})\n",
]


@pytest.mark.parametrize("body", BRANCH_VALID)
def test_branches_valid(body):
    assert rows(case(body)) == []


# ---- helper functions followed into their bodies ------------------------------------------------

HELPER_INVALID = [
    (
        "def block(x, rate):\n    x = layers.Dense(8)(x)\n    return layers.Dropout(rate)(x)\ni = keras.Input((4,))\nx = block(i, 0.3)\nx = layers.BatchNormalization()(x)\nm = keras.Model(i, layers.Dense(1)(x))\n",
        [("DL102", 5)],
    ),
    (
        "def block(x):\n    return layers.Dropout(0.3)(layers.Dense(8)(x))\ni = keras.Input((4,))\nm = keras.Model(i, block(i))\n",
        [("DL101", 4)],
    ),
    (
        "def head(x):\n    return layers.Dense(1)(x)\ni = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\nx = layers.Dropout(0.2)(x)\nm = keras.Model(i, head(x))\n",
        [("DL103", 7)],
    ),
    (
        "def norm(x):\n    return layers.BatchNormalization()(x)\ni = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\nm = keras.Model(i, layers.Dense(1)(norm(x)))\n",
        [("DL102", 6)],
    ),
    (
        "def drop(x):\n    return layers.Dropout(0.3)(x)\ndef block(x):\n    return drop(layers.Dense(4)(x))\ni = keras.Input((4,))\nm = keras.Model(i, block(i))\n",
        [("DL101", 4)],
    ),
    (
        "def block(x, rate=0.5):\n    return layers.Dropout(rate)(x)\ni = keras.Input((4,))\nx = block(i)\nx = block(x)\nm = keras.Model(i, layers.Dense(1)(x))\n",
        [("DL103", 4)],
    ),
    (
        "def act(x):\n    return layers.Activation('relu')(x)\ni = keras.Input((4,))\nx = act(layers.Dropout(0.3)(i))\nm = keras.Model(i, layers.Dense(1)(layers.BatchNormalization()(x)))\n",
        [("DL102", 6)],
    ),
    (
        "def up(x):\n    return layers.Flatten()(layers.Conv2D(4, 3)(x))\ni = keras.Input((8, 8, 3))\nx = layers.SpatialDropout2D(0.2)(up(i))\n",
        [("DL105", 6)],
    ),
]


@pytest.mark.parametrize("body,expected", HELPER_INVALID)
def test_helpers_invalid(body, expected):
    assert rows(case(body)) == expected


HELPER_VALID = [
    "def block(x, rate):\n    x = layers.Dense(8)(x)\n    x = layers.BatchNormalization()(x)\n    return layers.Dropout(rate)(x)\ni = keras.Input((4,))\nx = block(block(i, 0.2), 0.2)\nm = keras.Model(i, layers.Dense(1)(x))\n",
    # two call sites of a helper never form a false chain through its body
    "def act(x):\n    return layers.Activation('relu')(x)\ni = keras.Input((4,))\na = act(layers.Dropout(0.3)(i))\nb = layers.BatchNormalization()(act(layers.Dense(4)(i)))\nm = keras.Model(i, layers.Dense(1)(layers.concatenate([a, b])))\n",
    "def block(x):\n    return layers.Dropout(0.3)(layers.Dense(8)(x))\ni = keras.Input((4,))\nm = keras.Model(i, layers.Dense(1)(block(i)))\n",
    "def rec(x, n):\n    if n == 0:\n        return x\n    return rec(layers.Dropout(0.1)(layers.Dense(4)(x)), n - 1)\ni = keras.Input((4,))\nm = keras.Model(i, layers.Dense(1)(rec(i, 3)))\n",
    "def block(x):\n    return layers.Dense(4)(x)\ni = keras.Input((4,))\nx = layers.Dropout(0.3)(i)\nm = keras.Model(i, block(x))\n",
    "def conv_block(x, f):\n    x = layers.Conv2D(f, 3)(x)\n    x = layers.BatchNormalization()(x)\n    return layers.SpatialDropout2D(0.1)(x)\ni = keras.Input((8, 8, 3))\nx = conv_block(conv_block(i, 8), 16)\nm = keras.Model(i, layers.Dense(1)(layers.Flatten()(x)))\n",
    "def block(x):\n    return layers.Dropout(0.3)(x)\ndef train(model, data):\n    return model(data)\n",
    "def stack():\n    return [layers.Dense(8), layers.Dropout(0.2)]\nm = keras.Sequential([*stack(), layers.Dense(1)])\n",
]


@pytest.mark.parametrize("body", HELPER_VALID)
def test_helpers_valid(body):
    assert rows(case(body)) == []


def test_helper_returning_a_layer_list_feeds_the_sequential():
    assert rows(
        case(
            "def stack():\n    return [layers.Dense(8), layers.Dense(1), layers.Dropout(0.2)]\nm = keras.Sequential([layers.Input((4,)), *stack()])\n"
        )
    ) == [("DL101", 4)]


def test_fixture_deep_analysis():
    from pathlib import Path

    src = (Path(__file__).parent.parent / "fixtures" / "deep_analysis.py").read_text()
    codes = {f.code for f in lint(src, GRAPH + ("DL201",))}
    assert {"DL101", "DL105", "DL204", "DL401"} <= codes


def test_functional_model_built_in_a_subclass_init():
    src = case("""
class Net(keras.Model):
    def __init__(self):
        inputs = keras.Input((4,))
        x = layers.Dense(1)(inputs)
        outputs = layers.Dropout(0.5)(x)
        super().__init__(inputs, outputs)
""")
    assert rows(src) == [("DL101", 7)]
    assert (
        rows(src.replace("outputs = layers.Dropout(0.5)(x)", "outputs = layers.Dense(1)(layers.Dropout(0.5)(x))")) == []
    )
