from functools import lru_cache

from dropout_lint import kinds
from dropout_lint.kinds import is_dropout, is_passthrough
from dropout_lint.rules._common import (
    branch_not_taken,
    caller_picks,
    feeds,
    knob_off,
    node_rate,
    not_in_last_iteration,
)
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex


class DropoutAfterOutput(Rule):
    """A Dropout layer after the model's output layer.

    ## What it does
    Finds a Dropout-family layer that is the last layer of a model: the last layer of a
    `Sequential` (list literal, list variable or `.add` chain), the layer producing a functional
    model's `outputs`, or the value a subclassed model's `call()` returns -- also when only
    activation or reshape layers follow it (`Dense(10)`, `Dropout`, `Activation("softmax")`
    drops the logits). A model that is used as
    a layer inside another model is not checked: its output is not the final output.

    ## Why is this bad?
    During training the dropout zeroes and rescales the model's predictions themselves: softmax
    probabilities no longer sum to one, a regression output is multiplied by `1/(1-rate)` or set
    to zero, and the loss is computed on corrupted predictions. Dropout regularises hidden units
    (Srivastava et al., JMLR 2014); it belongs before the output layer, never after it.

    Measured by `python benchmarks/evidence.py` (digits, 3 seeds, 30 epochs): an MLP with `Dropout(0.5)` after
    its softmax reaches 93.1% ± 1.6 test accuracy against 95.9% ± 0.6 with the Dropout before
    the output layer; in training mode its "probabilities" sum to one only on average, off by
    0.98 per example. Calibration (ECE) was not worse there (0.050 vs 0.056).

    ## Example
    ```python
    model = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
        layers.Dropout(0.5),
    ])
    ```

    ## Use instead
    ```python
    model = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])
    ```

    ## When it stays silent
    - **The project runs its models in training mode somewhere**: not in a project (the file's
      package, or its folder of scripts) that trains only in custom steps (`GradientTape` with
      `apply_gradients` / `minimize`) and never asks for training mode in any file: no `fit`,
      `train_on_batch`, `training=` other than False / None, learning phase or Estimator. There
      every model runs in inference mode, in its training steps too, so the Dropout never drops
      (DL302 reports the calls it can show; DL312 suspects the others). A library with no training
      step of its own keeps the finding: its users train the models.
    - **The graph is a model whose output is a prediction**: a Sequential, a functional
      `Model(inputs, outputs)` (also `super().__init__(inputs, outputs)`), or a `Model` subclass's
      `call()` -- but not a `Model` subclass named as a block (`...Attention`, `...Block`,
      `...Encoder`, `...Layer`) that the file never instantiates: its users elsewhere put more
      layers after it. Not a custom `Layer`'s `call()` (a block that other code stacks more layers on),
      not a Sequential or functional block built inside a Keras class's methods (when it does make
      the class's output, the class's own graph is reported), not a model used as a layer inside
      another model of the file or whose layers' outputs feed one (`base.output`,
      `base.layers[-1].output`, `base.get_layer("fc").output`), and not a model the code only loads weights into
      (`vgg = Model(inputs, x)`, then only `vgg.load_weights(path, by_name=True)`: its layers
      serve another model built from them).
    - **The Dropout follows the output layer**: the layer before it (looking through other
      dropouts and into a sub-model) gives predictions -- a dense or convolutional layer with no
      activation or one giving scores or probabilities (`softmax`, `sigmoid`, `tanh`...), such
      an activation layer or op, `TimeDistributed` of one, any layer built with
      `activation="softmax"` -- not features: a `relu` layer, a normalization, a pooling, an
      RNN, an embedding, a layer whose activation the code does not show. A model ending there
      is a trunk that others build on.
    - **The Dropout zeroes something**: its rate is not known to be 0 (DL203 reports that one).
    - **The Dropout is the output on the paths the code takes**: a `for` loop over an iterable not
      known to be empty runs at least once, so layers it applies after the Dropout follow it; a
      Dropout built under an `if` whose test every call site in the file makes false
      (`if use_dropout:` with no caller passing `use_dropout=True`) is never built, nor is one
      only a knob nobody in the file turns on builds (see DL102); a Dropout that
      ends the model only on the path where an `if` skips the layers after it (`if include_top:`
      adding the head) is a feature extractor's output there, not a prediction; a Dropout applied
      in a `for i in range(n)` loop only when `i < n - 1`, while the body applies another layer
      every time, is followed by that layer in the last pass; a Dropout applied in one arm of an
      `if` inside a loop whose other arm applies a layer (a stack built from a list of
      settings: `for c in classifiers: if c == "softmax": ... elif c == "lstm": ...`) ends the
      model only if the last pass takes that arm, which the code does not show. A `while` loop
      may run zero times. A Dropout applied in a loop with a rate the loop's variable picks
      (`tf.nn.dropout(h, keeps[i])`, the rates unknown) drops nothing on the output if its own
      rate is 0, which the code does not show.
    - **The softmax is the output**: a Dropout on scores fed to `tf.nn.softmax` counts only when
      the softmax gives the predictions; one whose result weights other values
      (`tf.matmul(softmax(scores), v)`, `einsum`: attention) is inside the model.
    - **The code shows the output**: op-level code whose output only a name tells (a function
      named like a model that nobody in the file calls, a value bound to `logits`) is DL111's,
      off by default.
    - **The Dropout ends the model on the paths the code takes**, not as one arm of a layer-type
      dispatcher (`if spec.kind == "dense": return Dense(...)(x) ... elif spec.kind == "dropout":
      return Dropout(spec.rate)(x)`) whose tested value the file does not set: the caller picks which
      layer ends the model. A whole model built in one arm (`if arch == "mlp":` with the layers
      before the Dropout in the same arm) is reported: that arm shows the Dropout at the end.
    - Test code (see `test-code-ignore`) is quiet by default: framework tests build such models on
      purpose.

    ## Fix
    Removes the trailing Dropout: its element of the `Sequential` list, its `.add(...)` line, or
    in functional code its application (`x = Dropout(r)(x)` is deleted, `out = Dropout(r)(x)`
    becomes `out = x`). Check whether you meant to move it before the output layer instead.

    ## References
    - Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 2014.

    ## Fix safety
    Unsafe. Removing the layer changes the model (its layer list, and what it computes when the
    analysis took the wrong layer for the output, e.g. a Dropout feeding an encoder's output), and
    the Dropout may be there on purpose. Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL101"
    name = "dropout-after-output"
    severity = "error"
    requires = ("ropout",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # premise "the project runs its models in training mode": its only training is a
        # custom step that never asks for it (another file), so the Dropout never drops
        Valid(
            _ex("""
                from keras import layers, Sequential
                def critic():
                    return Sequential([layers.Dense(8), layers.Dense(1), layers.Dropout(0.3)])
            """),
            options={"training-mode-never": ["train.py"]},
        ),
        # premise "on the paths the code takes": one arm of a layer-type dispatcher the caller picks
        _ex("""
            from tensorflow.keras import Input, Model, layers
            def get_layer(x, spec):
                if spec.kind == "dense":
                    return layers.Dense(spec.units)(x)
                elif spec.kind == "dropout":
                    return layers.Dropout(spec.rate)(x)
                raise ValueError(spec.kind)
            def build(specs, last):
                inp = Input((16,))
                x = inp
                for spec in specs:
                    x = get_layer(x, spec)
                model = Model(inp, get_layer(x, last))
                model.compile("adam", "mse")
                return model
        """),
        # premise "the softmax is the output": attention weights, dropped, then applied to values
        _ex("""
            import tensorflow as tf
            def attend(q, k, v, drop, training=False):
                scores = tf.matmul(q, k, transpose_b=True)
                scores = drop(scores, training=training)
                weights = tf.nn.softmax(scores, axis=-1)
                return tf.matmul(weights, v)
            class SelfAttention(tf.keras.Model):
                def __init__(self):
                    super().__init__()
                    self.drop = tf.keras.layers.Dropout(0.1)
                    self.out = tf.keras.layers.Dense(8)
                def call(self, x, training=False):
                    return self.out(attend(x, x, x, self.drop, training))
        """),
        # premise "on the paths the code takes": only an opt-in knob nobody in the file sets adds it
        _ex("""
            from keras import layers, Sequential
            def classifier(n, dropout=False):
                model = Sequential([layers.Input((16,)), layers.Dense(n)])
                if dropout:
                    model.add(layers.Dropout(0.5))
                return model
        """),
        # a block written as a Model subclass, used from other modules
        _ex("""
            import keras
            from keras import layers
            class WindowAttention(keras.Model):
                def __init__(self, dim):
                    super().__init__()
                    self.proj = layers.Dense(dim)
                    self.proj_drop = layers.Dropout(0.1)
                def call(self, x):
                    return self.proj_drop(self.proj(x))
        """),
        # Keras 1: branches merged into another model are its parts
        _ex("""
            from keras.models import Sequential
            from keras.layers import Dense, Dropout, Merge
            left = Sequential()
            left.add(Dense(32, input_dim=8))
            left.add(Dropout(0.5))
            right = Sequential()
            right.add(Dense(32, input_dim=8))
            right.add(Dropout(0.5))
            model = Sequential()
            model.add(Merge([left, right], mode="concat"))
            model.add(Dense(1, activation="sigmoid"))
        """),
        # a stack built from a list of settings: the last pass may take the other arm
        _ex("""
            from keras import Input, Model
            from keras.layers import LSTM, Dense, Dropout
            inp = Input((10, 8))
            x = LSTM(16, return_sequences=True)(inp)
            for c in CLASSIFIERS:
                if c == "softmax":
                    x = Dense(4, activation="softmax")(x)
                elif c == "lstm":
                    x = Dropout(0.5)(LSTM(16, return_sequences=True)(x))
            model = Model(inp, x)
        """),
        # op-level code whose output only a name tells is DL111's (opt-in)
        _ex("""
            import tensorflow as tf
            def conv_net(x, keep_prob):
                out = tf.layers.dense(tf.layers.flatten(x), 10)
                return tf.nn.dropout(out, keep_prob)
        """),
        # premise "on the paths the code takes": a for loop applies more layers after the Dropout
        _ex("""
            import keras
            from keras import layers
            def head(x, n_blocks):
                x = layers.Dropout(0.1)(x)
                for _ in range(n_blocks):
                    x = layers.Dense(16)(x)
                return x
            inp = keras.Input((8,))
            model = keras.Model(inp, head(inp, 2))
        """),
        # premise "on the paths the code takes": the Dropout is built only under a flag no call site sets
        _ex("""
            import keras
            from keras import layers
            def head(x, use_dropout=False):
                x = layers.Dense(10, activation="softmax")(x)
                if use_dropout:
                    x = layers.Dropout(0.3)(x)
                return x
            inp = keras.Input((8,))
            model = keras.Model(inp, head(inp))
        """),
        # premise "on the paths the code takes": only `include_top=False` skips the head after the
        # Dropout, and then the model is a feature extractor
        _ex("""
            import keras
            from keras import layers
            def tagger(include_top=True):
                inp = keras.Input((96, 64))
                x = layers.GRU(32)(inp)
                x = layers.Dropout(0.3)(x)
                if include_top:
                    x = layers.Dense(50, activation="sigmoid")(x)
                return keras.Model(inp, x)
        """),
        # premise "on the paths the code takes": the Dropout is skipped in the last pass of the loop,
        # which still applies the transposed convolution and the sigmoid
        _ex("""
            import keras
            from keras.layers import Activation, Conv2DTranspose, Dropout, Input, LeakyReLU
            def decoder(n_layers):
                inp = Input((7, 7, 64))
                x = inp
                for i in range(n_layers):
                    x = Conv2DTranspose(32, 3, padding="same")(x)
                    if i < n_layers - 1:
                        x = LeakyReLU()(x)
                        x = Dropout(0.25)(x)
                    else:
                        x = Activation("sigmoid")(x)
                return keras.Model(inp, x)
        """),
        # premise "a model's output": a helper's block handed to another layer's constructor
        _ex("""
            import tensorflow as tf
            import tensorflow_gnn as tfgnn
            def dense(units):
                return tf.keras.Sequential([tf.keras.layers.Dense(units), tf.keras.layers.Dropout(0.2)])
            def gnn(graph):
                conv = tfgnn.keras.layers.SimpleConv(message_fn=dense(64), reduce_type="sum")
                return tfgnn.keras.layers.NextStateFromConcat(dense(32))
        """),
        # premise "a model's output": a custom Layer's call() ends in a Dropout (a block others stack on)
        _ex("""
            import keras
            class Block(keras.layers.Layer):
                def __init__(self):
                    super().__init__()
                    self.dense = keras.layers.Dense(16)
                    self.drop = keras.layers.Dropout(0.2)
                def call(self, x, training=None):
                    return self.drop(self.dense(x), training=training)
        """),
        # premise "a model's output": a Sequential block built inside a Keras class, followed by its head
        _ex("""
            import keras
            class Predictor(keras.layers.Layer):
                def __init__(self):
                    super().__init__()
                    self.convs = keras.Sequential([keras.layers.Conv1D(8, 3), keras.layers.Dropout(0.1)])
                    self.out = keras.layers.Dense(1)
                def call(self, x):
                    return self.out(self.convs(x))
        """),
        # the tutorial's MLP: dropout between hidden layers only
        _ex("""
            from tensorflow import keras
            from tensorflow.keras import layers
            model = keras.Sequential([layers.Dense(512, activation='relu'), layers.Dropout(0.5), layers.Dense(512, activation='relu'), layers.Dropout(0.5), layers.Dense(10, activation='softmax')])
        """),
        _ex("""
            import keras
            m = keras.Sequential()
            m.add(keras.layers.Dense(8))
            m.add(keras.layers.Dropout(0.3))
            m.add(keras.layers.Dense(1))
        """),
        _ex("""
            import tensorflow as tf
            inp = tf.keras.Input((4,))
            x = tf.keras.layers.Dropout(0.2)(inp)
            out = tf.keras.layers.Dense(1)(x)
            model = tf.keras.Model(inp, out)
        """),
        # a Dropout-ending trunk used inside a classifier is not the output
        _ex("""
            from keras import layers, Sequential
            trunk = Sequential([layers.Dense(32), layers.Dropout(0.5)])
            clf = Sequential([trunk, layers.Dense(3, activation='softmax')])
        """),
        _ex("""
            import torch.nn as nn
            from torch.nn import Dropout
            net = nn.Sequential(nn.Linear(4, 4), Dropout(0.5))
        """),
        _ex("""
            from keras import layers, Model, Input
            a = Input((8,))
            h = layers.Dense(8)(a)
            d = layers.Dropout(0.4)(h)
            model = Model(inputs=a, outputs=layers.Dense(2)(d))
        """),
        _ex("""
            layers_list = [Dense(10), Dropout(0.5)]
            layers_list.append(Dense(1))
            model = Sequential(layers_list)
        """),
        # an activation after a hidden Dropout is not the output
        _ex("""
            from keras import Sequential
            from keras.layers import Dense, Dropout, Activation
            m = Sequential([Dense(8), Dropout(0.5), Activation('relu'), Dense(2), Activation('softmax')])
        """),
        _ex("""
            import tf_keras as tfk
            feat = tfk.Sequential([tfk.layers.Dense(4), tfk.layers.Dropout(0.1)])
            inp = tfk.Input((3,))
            out = tfk.layers.Dense(1)(feat(inp))
            model = tfk.Model(inp, out)
        """),
        # a model that only holds weights: loaded into, its layers shared with the real model
        _ex("""
            from keras import layers, Model, Input
            def unet(path):
                inp = Input((64, 64, 3))
                c = layers.Conv2D(8, 3, padding="same")(inp)
                x = layers.Dropout(0.2)(c)
                backbone = Model(inp, x)
                backbone.load_weights(path, by_name=True)
                out = layers.Conv2D(1, 1, activation="sigmoid")(c)
                return Model(inp, out)
        """),
        # the softmax is one arm of an activation dispatcher whose callers (elsewhere) pick it
        _ex("""
            import tensorflow as tf
            class Base:
                def _activate(self, h, name):
                    if name == "relu":
                        return tf.nn.relu(h)
                    elif name == "softmax":
                        return tf.nn.softmax(h)
                    return h
                def hidden(self, h, name, keep):
                    h = tf.nn.dropout(h, keep_prob=keep)
                    return self._activate(h, name)
        """),
        # one rate per layer, picked by the loop's index, fed at run time: the last may be 0
        _ex("""
            import tensorflow as tf
            keeps = tf.placeholder(tf.float32, [3])
            h = x
            for i in range(3):
                h = tf.nn.dropout(tf.nn.relu(tf.matmul(h, W[i])), keeps[i])
            loss = tf.nn.sigmoid_cross_entropy_with_logits(logits=h, labels=y)
        """),
        # premise "after the output layer": it follows features (relu), not predictions: an
        # embedding network's end, which a loss on distances or a head elsewhere builds on
        _ex("""
            from keras import layers, Sequential
            embed = Sequential([layers.Dense(128, activation="relu"), layers.Dropout(0.1)])
        """),
        # an encoder ending in a normalization and a Dropout
        _ex("""
            import keras
            from keras import layers
            inp = keras.Input((16, 32))
            h = layers.MultiHeadAttention(4, 8)(inp, inp)
            h = layers.Dropout(0.1)(layers.LayerNormalization()(h + inp))
            encoder = keras.Model(inp, h)
        """),
        # premise "zeroes the predictions": at rate 0 it zeroes nothing (DL203's finding)
        _ex("""
            from keras import layers, Sequential
            P_DENSE = 0
            model = Sequential([layers.Dense(10, activation="softmax"), layers.Dropout(P_DENSE)])
        """),
        # premise "the model's output": a trunk whose last layer's output another model builds on
        _ex("""
            from keras.layers import Input, Conv2D, Dropout, GlobalAveragePooling2D
            from keras.models import Model
            def trunk():
                inp = Input((32, 32, 3))
                x = Conv2D(16, 3, activation="relu")(inp)
                return Model(inp, Dropout(0.5)(x))
            def classifier(n):
                base = trunk()
                x = Conv2D(n, 1)(base.layers[-1].output)
                return Model(base.input, GlobalAveragePooling2D()(x))
        """),
        # premise "the model's output": an encoder built by a method and applied inside the
        # autoencoder that another method builds (the applications' results feed its outputs)
        _ex("""
            from keras import layers, Model, Input
            class AutoEncoder:
                def build_model(self, inputs):
                    encoder = self.encoder()
                    a = encoder(inputs[0])
                    b = encoder(inputs[1])
                    return Model(inputs, self.decoder()(a) + self.decoder()(b))
                def encoder(self):
                    i = Input((8,))
                    x = layers.Dense(16)(i)
                    return Model(i, layers.Dropout(0.05)(x))
                def decoder(self):
                    i = Input((16,))
                    return Model(i, layers.Dense(8)(i))
        """),
    ]
    invalid = [
        # a whole model in one arm of the dispatch: the arm shows what ends it
        Invalid(
            _ex("""
            from tensorflow.keras import Input, Model, layers
            def build(arch):
                inp = Input((16,))
                if arch == "mlp":
                    x = layers.Dense(10)(inp)
                    x = layers.Dropout(0.5)(x)
                elif arch == "wide":
                    x = layers.Dense(10)(layers.Dense(256)(inp))
                model = Model(inp, x)
                model.compile("adam", "mse")
                return model
            """),
            line=6,
        ),
        # an output layer held by a name, wrapped in TimeDistributed; a custom tied-weights softmax
        Invalid(
            _ex("""
                import keras
                from keras import layers
                from mylib import TiedSoftmax
                def lm(n, tie=True):
                    inp = keras.Input((None,))
                    h = layers.LSTM(64, return_sequences=True)(layers.Embedding(n, 64)(inp))
                    head = TiedSoftmax(activation="softmax") if tie else layers.Dense(n, activation="softmax")
                    return keras.Model(inp, layers.Dropout(0.1)(layers.TimeDistributed(head)(h)))
            """),
            line=8,
        ),
        # the caller picks the softmax arm: the Dropout feeds the predictions
        Invalid(
            _ex("""
            import tensorflow as tf
            def act(h, name):
                if name == "softmax":
                    return tf.nn.softmax(h)
                return tf.nn.relu(h)
            def head(h, keep):
                return act(tf.nn.dropout(h, keep_prob=keep), "softmax")
        """),
            line=7,
        ),
        # loaded into, then used for predictions: a model whose output is the Dropout's
        Invalid(
            _ex("""
            from keras import layers, Model, Input
            inp = Input((8,))
            x = layers.Dropout(0.2)(layers.Dense(2, activation="softmax")(inp))
            clf = Model(inp, x)
            clf.load_weights("w.h5")
            print(clf.predict(data))
        """),
            line=3,
        ),
        # a call site sets the flag: that model ends in the Dropout
        Invalid(
            _ex("""
            import keras
            from keras import layers
            def head(x, use_dropout=False):
                x = layers.Dense(10, activation="softmax")(x)
                if use_dropout:
                    x = layers.Dropout(0.3)(x)
                return x
            inp = keras.Input((8,))
            model = keras.Model(inp, head(inp, use_dropout=True))
        """),
            line=6,
        ),
        # a model handed to a function (not to another layer) is still a model
        Invalid(
            _ex("""
            import keras
            def build():
                return keras.Sequential([keras.layers.Dense(10, activation="softmax"), keras.layers.Dropout(0.2)])
            train(build(), data)
        """),
            line=3,
        ),
        # a loop known to run no iteration leaves the Dropout last
        Invalid(
            _ex("""
            import keras
            model = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.2)])
            for units in []:
                model.add(keras.layers.Dense(units))
        """),
            line=2,
        ),
        # the tutorial's incorrect model: Dropout after the softmax layer
        Invalid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                model = keras.Sequential([
                    layers.Dense(64, activation='relu'),
                    layers.Dense(10, activation='softmax'),
                    layers.Dropout(0.5),
                ])
            """),
            line=6,
            fixed=_ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                model = keras.Sequential([
                    layers.Dense(64, activation='relu'),
                    layers.Dense(10, activation='softmax'),
                ])
            """),
        ),
        Invalid(
            _ex("""
                import keras
                m = keras.Sequential()
                m.add(keras.layers.Dense(10, activation='softmax'))
                m.add(keras.layers.Dropout(0.3))
            """),
            line=4,
            fixed=_ex("""
                import keras
                m = keras.Sequential()
                m.add(keras.layers.Dense(10, activation='softmax'))
            """),
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                inp = tf.keras.Input((4,))
                x = tf.keras.layers.Dense(1)(inp)
                out = tf.keras.layers.Dropout(0.2)(x)
                model = tf.keras.Model(inputs=inp, outputs=out)
            """),
            line=4,
            fixed=_ex("""
                import tensorflow as tf
                inp = tf.keras.Input((4,))
                x = tf.keras.layers.Dense(1)(inp)
                out = x
                model = tf.keras.Model(inputs=inp, outputs=out)
            """),
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((4,))
                x = keras.layers.Dense(3, activation='softmax')(i)
                x = keras.layers.Dropout(0.5)(x)
                model = keras.Model(i, x)
            """),
            line=4,
            fixed=_ex("""
                import keras
                i = keras.Input((4,))
                x = keras.layers.Dense(3, activation='softmax')(i)
                model = keras.Model(i, x)
            """),
        ),
        Invalid(
            _ex("""
                from keras.layers import Dense as D, Dropout as Drop
                from keras.models import Sequential as Seq
                m = Seq([D(4), D(1), Drop(0.5)])
            """),
            line=3,
        ),
        Invalid("model = Sequential([Dense(10), Dense(1, activation='sigmoid'), Dropout(0.25)])\n", line=1),
        Invalid(
            _ex("""
                import tensorflow as tf
                stack = [tf.keras.layers.Dense(3)]
                stack.append(tf.keras.layers.GaussianDropout(0.1))
                model = tf.keras.Sequential(stack)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                from tensorflow.keras import layers, models
                def build():
                    model = models.Sequential()
                    model.add(layers.Dense(2))
                    model.add(layers.TimeDistributed(layers.Dropout(0.5)))
                    return model
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                import keras
                class Net:
                    def __init__(self):
                        self.model = keras.Sequential()
                        self.model.add(keras.layers.Dense(5))
                        self.model.add(keras.layers.AlphaDropout(0.1))
            """),
            line=6,
        ),
        # dropout on the logits: only an activation follows it
        Invalid(
            _ex("""
                from keras.models import Sequential
                from keras.layers import Dense, Dropout, Activation
                m = Sequential()
                m.add(Dense(10, input_dim=20))
                m.add(Dropout(0.5))
                m.add(Activation('softmax'))
            """),
            line=5,
            contains="through `Activation`",
            fixed=_ex("""
                from keras.models import Sequential
                from keras.layers import Dense, Dropout, Activation
                m = Sequential()
                m.add(Dense(10, input_dim=20))
                m.add(Activation('softmax'))
            """),
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((4,))
                h = keras.layers.Dense(6)(i)
                h = keras.layers.Dropout(0.2)(h)
                h = keras.layers.Reshape((2, 3))(h)
                out = keras.layers.Softmax()(h)
                model = keras.Model(i, out)
            """),
            line=4,
            contains="`Reshape`, `Softmax`",
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((2,))
                a = keras.layers.Dense(1)(i)
                b = keras.layers.Dropout(0.5)(keras.layers.Dense(1)(i))
                model = keras.Model(i, [a, b])
            """),
            line=4,
        ),
    ]

    def check(self, ctx) -> None:
        if ctx.option("training-mode-never"):
            return  # the project trains only in steps that never ask for training mode
        report_outputs(ctx, by_name=False)


def report_outputs(ctx, by_name: bool) -> None:
    """Report each Dropout that ends a model. ``by_name``: only the op-level graphs whose output
    only a name tells (DL111's); else every other graph (DL101's)."""
    for g in ctx.graphs:
        if g.by_name != by_name or g.is_submodel or not _is_model(ctx, g):
            continue
        finals = _final(g.outputs)
        for final in finals:
            out, through = _dropout_behind(final)
            if out is None or out.spec is None and out.call is None:
                continue
            if any(other is not final and feeds(out, other) for other in finals):
                continue  # on another path layers follow it: it ends the model only where an ``if`` skipped them
            if branch_not_taken(ctx, out):
                continue  # built only under a test the code never passes
            if node_rate(ctx, out) == 0:
                continue  # at rate 0 it zeroes nothing (DL203 reports the idle layer)
            if knob_off(ctx, out):
                continue  # only a knob nobody in the file turns on builds it (or gives it a rate)
            if caller_picks(ctx, out):
                continue  # one arm of a layer-type dispatcher: the caller picks what ends the model
            if not_in_last_iteration(ctx, out) or _one_arm_of_a_loop(ctx, out):
                continue  # ``if i < n - 1: x = Dropout(...)(x)``: the last pass adds more layers
            if _rate_per_pass(ctx, out):
                continue  # ``dropout(h, keeps[i])`` in ``for i in ...``: the last layer's own rate decides
            prev = out.inputs[0] if out.inputs else None
            if g.kind != "ops" and not any(_predicts(ctx, i) for i in out.inputs):
                continue  # it follows features (relu, a norm, a pooling, an RNN): a trunk, not a predictor
            after = f" after `{prev.kind}`" if prev is not None and prev.kind and prev.kind[0] != "<" else ""
            via = f" through `{'`, `'.join(through)}`" if through else ""
            if g.kind == "sequential":
                what = (
                    "is the last layer of this Sequential" if not through else f"feeds the end of this Sequential{via}"
                )
            elif g.kind == "ops":
                what = f"produces {g.name}{via}"  # op-level code: the logits / predictions
            else:
                what = f"produces the model's output{via}"
            ctx.report(
                out,
                f"{out.kind}{after} {what}: it zeroes the predictions during training; "
                f"remove it or move it before the output layer",
                fix=_removal_fix(ctx, out),
                data={"model": g.name, "graph": g.kind, "graph_line": g.start.row},
                once=True,
            )


_BLOCK_SUFFIXES = ("Attention", "Block", "Layer", "Cell", "Module", "Encoder", "Embedding", "Embeddings")


def _is_model(ctx, g) -> bool:
    """A model whose output is a prediction: not a custom Layer's ``call()`` (a block other code
    stacks more layers on), and not a graph built inside a Keras class's methods (a block of that
    class: when it does make the class's output, the class's own graph reports it)."""
    from dropout_lint.rules import _training as T

    if g.kind == "subclass" and g.scope is not None and g.scope.kind == "class":
        # a Model subclass that the file never instantiates and that is named as a block (an
        # attention block written as a Model): its users, elsewhere, put more layers after it
        if T.class_kind(ctx, g.scope) != "model":
            return False
        return not (
            g.scope.name.endswith(_BLOCK_SUFFIXES)
            and not any(c.func_text.rsplit(".", 1)[-1] == g.scope.name for c in ctx.calls)
        )
    if _component(ctx, g) or _weights_only(ctx, g):
        return False
    func = getattr(g.call.node, "func", None) if g.call is not None else None
    if g.kind == "functional" and getattr(getattr(func, "attr", None), "value", None) == "__init__":
        return True  # ``super().__init__(inputs, outputs)``: the class is this functional model
    return g.scope is None or not any(s.kind == "class" and T.class_kind(ctx, s) is not None for s in g.scope.chain())


def _one_arm_of_a_loop(ctx, node) -> bool:
    """The Dropout is applied in one arm of an ``if`` inside a loop whose other arm applies a
    layer (``for c in classifiers: if c == "softmax": x = Dense(n, "softmax")(x) elif c ==
    "lstm": x = Dropout(r)(LSTM(n)(x))``): which arm the last pass takes depends on what the
    loop runs over, so the code does not show that the Dropout ends the model. (Both calls inside
    one loop on opposite arms of one test: that ``if`` is inside the loop.)"""
    call = node.spec.call if node.spec is not None else node.call
    if call is None or not call.loops or not call.ifs:
        return False
    for other in ctx.nodes:
        oc = other.spec.call if other.spec is not None else other.call
        if oc is None or oc is call or is_dropout(other.kind) or not oc.ifs:
            continue
        if not any(loop in oc.loops for loop in call.loops):
            continue
        if any(t is ot and b != ob for t, b in call.ifs for ot, ob in oc.ifs):
            return True
    return False


def _rate_per_pass(ctx, node) -> bool:
    """The Dropout is applied in a loop with a rate picked per pass by the loop's variable
    (``for i in range(n): h = tf.nn.dropout(f(h), keeps[i])``), and the rates are not known: the
    rate of the last pass -- the output layer's own, often fed as 0 (keep 1) -- decides whether
    anything is dropped, which the code does not show."""
    import libcst as cst

    from dropout_lint.analysis.control import names_in

    call = node.decl
    if call is None or not call.loops or node_rate(ctx, node) is not None:
        return False
    bound = {n for loop in call.loops if isinstance(loop, cst.For) for n in names_in(loop.target)}
    args = [a.value for a in call.positional[1:2]] + [
        a.value for k, a in call.keywords.items() if k in ("rate", "keep_prob")
    ]
    return any(isinstance(e, cst.Subscript) and bound.intersection(names_in(e.slice)) for e in args)


def _component(ctx, g) -> bool:
    """The model is handed to another object's constructor as a part of it
    (``SimpleConv(message_fn=dense(64))``, ``Wrapper(block)``, ``TimeDistributed(net)``): that
    object decides what follows it. Either every call of the helper that returns it, or every use
    of the variable it is bound to (but ``.add(...)`` building it), sits in the arguments of a
    class call (a capitalised callee; Keras 1's ``Merge([left, right])`` too). A model passed to a
    function (``train(model)``) stays a model."""
    import libcst as cst

    from dropout_lint.rules import _training as T

    uses = []
    fn = g.scope if g.scope is not None and g.scope.kind == "function" else None
    if fn is not None and g.name is None:
        uses = [c.node for c in ctx.calls if c.func_text == fn.name]
    elif g.name and "." not in g.name:
        uses = [n for n in _name_loads(ctx, g.name, g.scope)]
    par = T.parents(ctx)
    uses = [n for n in uses if not _building(n, par)]
    if not uses:
        return False
    for node in uses:
        cur = par.get(node)
        while isinstance(cur, (cst.Arg, cst.Element, cst.DictElement, cst.List, cst.Tuple, cst.Dict)):
            cur = par.get(cur)
        if not isinstance(cur, cst.Call) or cur.func is node:
            return False
        from dropout_lint.analysis.names import dotted

        last = (dotted(cur.func) or "").rsplit(".", 1)[-1]
        if not last[:1].isupper() or last in ("Model", "Sequential"):
            return False
    return True


# What code does with a model it only holds weights in: ``vgg = Model(inputs, x)`` then
# ``vgg.load_weights(path, by_name=True)`` fills the layers another model shares.
_WEIGHT_USES = frozenset({"load_weights", "summary", "get_layer", "layers", "trainable"})


def _weights_only(ctx, g) -> bool:
    """The model's variable is only loaded into (``.load_weights``, with at most ``.summary()``,
    ``.get_layer``, ``.layers``, ``.trainable`` besides): no prediction or training runs through
    its output, so no prediction of it is zeroed (the layers it shares serve another model)."""
    import libcst as cst

    from dropout_lint.rules import _training as T

    if not g.name or "." in g.name:
        return False
    par = T.parents(ctx)
    attrs = []
    for n in _name_loads(ctx, g.name, g.scope):
        att = par.get(n)
        if not (isinstance(att, cst.Attribute) and att.value is n):
            return False  # returned, passed, called: a model someone uses
        attrs.append(att.attr.value)
    return "load_weights" in attrs and set(attrs) <= _WEIGHT_USES


def _building(node, par) -> bool:
    """``model.add(...)``: building the model, not using it."""
    import libcst as cst

    att = par.get(node)
    return (
        isinstance(att, cst.Attribute)
        and att.value is node
        and att.attr.value == "add"
        and isinstance(par.get(att), cst.Call)
    )


def _name_loads(ctx, name, scope):
    """Every ``Name`` node reading ``name`` in the function (or module) that binds it: one walk
    per function or module, shared by every graph bound there."""
    from dropout_lint.rules import _training as T

    root = scope.node if scope is not None and scope.node is not None else ctx.facts.module
    cache = ctx.facts.__dict__.setdefault("_dl101_loads", {})
    index = cache.get(id(root))
    if index is None:
        index = cache[id(root)] = {}
        from dropout_lint.analysis.fastwalk import walk

        walk(root, _loads_visitor()(T.parents(ctx), index))  # libcst's hooks and order, without rebuilding the tree
    return index.get(name, [])


@lru_cache(maxsize=1)
def _loads_visitor():
    """The visitor of ``_name_loads``, made once: a class made per call is a reference cycle
    that would keep the parent map (the whole tree) until the garbage collector runs."""
    import libcst as cst

    class _V(cst.CSTVisitor):
        def __init__(self, par, index) -> None:
            self.par, self.index = par, index

        def visit_Name(self, n) -> None:
            if not isinstance(self.par.get(n), cst.AssignTarget):
                self.index.setdefault(n.value, []).append(n)

    return _V


def _predicts(ctx, node, depth: int = 0) -> bool:
    """The layer the Dropout follows can give the model's prediction: a dense or convolutional
    layer whose activation gives scores, probabilities or a bounded value (none, ``softmax``,
    ``sigmoid``...), such an activation layer or op, or ``TimeDistributed`` of one
    (``kinds.PREDICTION_*``). Unknown layers and activations do not count."""
    while node is not None and is_dropout(node.kind) and len(node.inputs) == 1:
        node = node.inputs[0]  # ``Dense -> Dropout -> Dropout``: what the first one follows
    if node is not None and node.sub is not None:
        finals = _final(node.sub.outputs)  # a sub-model's output: what its own last layer is
        return len(finals) == 1 and depth < 4 and _predicts(ctx, finals[0], depth + 1)
    if node is None or node.decl is None and node.kind is None:
        return False
    kind, call = node.kind or "", node.decl
    if not kind and call is not None and call.node.func is not None:
        # ``head(x)`` where ``head = Dense(n, activation="softmax")``: the layer the name holds
        built = _layer_calls(ctx, call.node.func, call.scope)
        return bool(built) and depth < 4 and all(_layer_predicts(ctx, c.kind, c) for c in built)
    if "." in kind:  # an op: ``tf.nn.softmax(logits)``
        return kind.rsplit(".", 1)[-1] in kinds.PREDICTION_ACTIVATIONS
    if call is None:
        return False
    if kind == "TimeDistributed":
        wrapped = _layer_calls(ctx, call.arg("layer", 0), call.scope)
        return bool(wrapped) and all(_layer_predicts(ctx, c.kind, c) for c in wrapped)
    return _layer_predicts(ctx, kind, call)


def _layer_calls(ctx, expr, scope) -> list:
    """The constructor calls ``expr`` is: ``Dense(10)`` itself, or a name every binding of
    which is one (``head = Dense(n, activation="softmax")`` in both arms of an ``if``)."""
    import libcst as cst

    if isinstance(expr, cst.Name):
        s = scope
        while s is not None and expr.value not in s.assigns:
            s = s.parent
        values = s.assigns[expr.value] if s is not None else []
        if not values or not all(isinstance(v, cst.Call) for v in values):
            return []
        exprs = values
    else:
        exprs = [expr]
    from dropout_lint.rules import _training as T

    calls = [T.call_fact(ctx, e) for e in exprs]
    return calls if all(c is not None for c in calls) else []


def _layer_predicts(ctx, kind, call) -> bool:
    if kind == "Softmax":
        return True
    if kind in kinds.PREDICTION_ACTIVATION_LAYERS:
        return _activation(ctx, call.arg("activation", 0), call) in kinds.PREDICTION_ACTIVATIONS
    if kind in kinds.PREDICTION_LAYERS:
        expr = call.arg("activation", 1 if kind in ("Dense", "EinsumDense") else None)
        return expr is None or _activation(ctx, expr, call) in kinds.PREDICTION_ACTIVATIONS
    # any other layer built with an explicit probability activation (a tied-weights softmax)
    return _activation(ctx, call.arg("activation"), call) in ("softmax", "sigmoid", "log_softmax")


def _activation(ctx, expr, call) -> str | None:
    """``"softmax"``, ``None`` (linear), ``tf.nn.sigmoid``, a constant holding one, else None."""
    from dropout_lint.analysis.names import dotted

    if expr is None:
        return None
    value = ctx.const(expr, call.scope)
    if value is None:  # ``activation=None``
        return "linear"
    if isinstance(value, str):
        return value.lower()
    d = dotted(expr)
    return d.rsplit(".", 1)[-1].lower() if d and "." in d else None


def _dropout_behind(node, limit=8):
    """The Dropout whose value reaches ``node`` unchanged but for activation / shape-only layers
    (``Dense(10) -> Dropout -> Activation("softmax")`` drops the logits), and those layers' kinds."""
    through: list[str] = []
    while not is_dropout(node.kind):
        if len(through) >= limit or not is_passthrough(node.kind) or node.kind.startswith("<") or len(node.inputs) != 1:
            return None, []
        through.append(node.kind)
        node = node.inputs[0]
    return node, through[::-1]


def _final(outputs, depth=0):
    """The output nodes, looking into a sub-model that produces the output (``Model(i, trunk(i))``)."""
    out = []
    for n in outputs:
        if n.sub is not None and depth < 8:
            out.extend(_final(n.sub.outputs, depth + 1))
        else:
            out.append(n)
    return out


def _removal_fix(ctx, node):
    from dropout_lint.fixes import remove_layer

    return remove_layer(ctx, node)
