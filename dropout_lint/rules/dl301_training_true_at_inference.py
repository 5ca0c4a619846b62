import re

from dropout_lint.finding import Edit, Fix
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules import _flag_readers as R
from dropout_lint.rules import _training as T
from dropout_lint.kinds import RNN_LAYERS, is_dropout
from dropout_lint.rules._common import is_literal_true

DEFAULT_PATTERNS = [
    "predict*",
    "infer*",
    "inference*",
    "evaluate*",
    "eval*",
    "test_step",
    "predict_step",
    "serve*",
    "serving*",
]

# Names of functions that are plainly on the training side: an inference-named function that
# defines a ``train_step`` inside it does not make that step an inference path.
TRAINING_PATTERNS = ["train*", "fit", "fit_*", "*train_step"]

MC_HINT = "for deliberate Monte-Carlo dropout, sample in a loop or mark the line `# noqa: DL301`"


class TrainingTrueAtInference(Rule):
    """`training=True` passed in an inference path.

    ## What it does
    Finds a literal `training=True` passed to a layer or model call (or `is_training=True` to a
    TensorFlow op that takes it, `tf.contrib.layers.batch_norm`) in an inference path (a named constant such as `training=MC_DROPOUT` is taken as deliberate):

    - inside a function or method whose name matches `inference-function-patterns`
      (default `predict*`, `infer*`, `inference*`, `evaluate*`, `eval*`, `test_step`,
      `predict_step`, `serve*`, `serving*`), `@tf.function` ones included, or a function used
      as a serving signature (`signatures=...`). A pattern matches the name or any part of it
      that starts at a word (`predict*` matches `wrong_prediction` and `_predict_batch`;
      camelCase counts as words); the first matching word decides, so `train_and_evaluate`
      is a training function;
    - hard-wired into a functional model build: `BatchNormalization()(x, training=True)` or
      `base(x, training=True)` outside a subclassed layer's `call()`; the flag is then frozen
      into the saved graph.

    The innermost named function decides: a `train_step` defined inside an `evaluate()` is a
    training path. No finding when the call sits in a loop or comprehension that draws several
    samples of the same input (`[model(x, training=True) for _ in range(30)]`), in a function
    whose every call site is such a loop, or in a function named for Monte-Carlo sampling
    (`mc_predict`, `predict_with_uncertainty`).

    ## Why is this bad?
    `training=True` turns dropout on and makes BatchNormalization use batch statistics (and
    update its moving averages). At inference that gives noisy, non-deterministic predictions
    and silently degrades accuracy: every evaluation samples a different thinned network.
    Monte-Carlo dropout (Gal & Ghahramani, ICML 2016) does this on purpose, but then it draws
    many samples and averages them.

    Measured by `python benchmarks/evidence.py` (digits, 3 seeds, 30 epochs): over 20 repeated calls with
    `training=True` on the test set, the predicted probability varies with a standard deviation
    of 0.198, 66.5% of the test images get a different class in at least one call, and the
    accuracy moves by 4.4 points between calls (0 for all three with `training=False`).

    ## Example
    ```python
    def predict(model, x):
        return model(x, training=True)
    ```

    ## Use instead
    ```python
    def predict(model, x):
        return model(x, training=False)

    # deliberate Monte-Carlo dropout: several samples
    def mc_predict(model, x, n=30):
        return np.mean([model(x, training=True) for _ in range(n)], axis=0)
    ```

    ## When it stays silent
    - **What is called reads the flag, or may**: a model or layer the file shows to have no layer
      that reads `training` (only Dense / Conv / pooling / a custom layer whose `call()` ignores
      it) is silent, since `training=True` changes nothing there; one it cannot see into is not.
      A `call()` that tests `training` only to pick a route (`if training: x, y = data`, to
      return the loss too) around layers that ignore it does not read the flag in this sense;
      one that draws noise or drops units under the test does.
    - **The keyword goes to a Keras call**: a layer or model call, or a callable the analysis
      cannot resolve (a `training=` keyword is itself the mark of a Keras call). Never a function,
      method (other than `call`) or class that the file itself defines: that is a builder's own
      argument; nor a class being constructed (`DataGenerator(samples, training=True)`): Keras
      takes `training=` when a layer or model is called on inputs, never in its constructor;
      nor a member a Keras object has that takes no `training=` (`network.output(x,
      training=True)`, `net.predict(x, training=True)`): the object is another library's; nor a
      method named for making or loading an object (`trainer.load(path, training=True)`,
      `task.build_model(training=True)`, `get_*`, `create_*`): it returns something, it is not a
      layer applied to inputs.
      `is_training=` counts only on a TensorFlow op that takes it (`tf.contrib.layers.batch_norm`).
    - **The call is in an inference path** (a function named by `inference-function-patterns`, a
      serving signature, or a functional build) and the value is the literal `True`: a named
      constant or a parameter is a deliberate switch.
    - **No sampling loop consumes the predictions**: not in a loop or comprehension drawing
      several samples, not in a function called only from such loops, not in a function named for
      Monte-Carlo sampling.
    - **The layer is not kept on by design**: not a layer the same class also applies with a
      literal `training=True` in a function that has a `training` parameter it could have passed
      (`call(self, x, training=False)` writing `self.noise_drop(h, training=True)`): that layer
      is on in every mode on purpose, and the inference path mirrors it.
    - **No sampling loop elsewhere in the project**: the project's other files (the outermost
      package holding the file, or the file's folder) are read as text for a `for _ in
      range(n)` loop (its variable unused, no training in it) or a comprehension over `range`
      that `predict`s a model, calls one with `training=True`, or calls a function that does.
      Where one exists, a build that hard-wires `training=True` is taken as that sampling's model,
      and an inference function that loop calls by name is a sampling step.
    - Not in a `with tf.GradientTape()` block (a training step, even nested in a function named
      for evaluation), not in a subclassed layer's `call()` (the functional-build case), not in
      test code (see `test-code-ignore`).
    - **A functional build is in the same function as the call**: its `keras.Input` or its
      `Model(...)` is made where the `training=True` is written. A helper that builds a block
      for its callers (`def decoder_block(x): ... Dropout(0.5)(x, training=True)`) has dropout
      on by design (pix2pix's noise, Monte-Carlo models), wherever its callers put it; so does a
      build that applies a Dropout with `training=True` itself (or a recurrent layer built with its own
      `dropout=` / `recurrent_dropout=`), with every layer it hard-wires. Nor a
      model the file samples: named for it (`model_mc`) or called / `predict`-ed in a sampling
      loop (`for i in range(runs): model_mc.predict(x)`).

    ## Fix
    Replaces a literal `training=True` with `training=False` (unsafe: it changes behaviour if
    the sampling was deliberate).

    ## Options
    - `inference-function-patterns`: shell-style patterns of inference function names.

    ## References
    - The Keras guide "Customizing what happens in fit()": `self(x, training=False)` in `test_step`.
    - Gal & Ghahramani, "Dropout as a Bayesian Approximation", ICML 2016.

    ## Fix safety
    Unsafe. `training=False` turns dropout (and BatchNorm's batch statistics) off in that call,
    which undoes a deliberate `training=True` (Monte-Carlo dropout, a model builder's own
    argument). Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL301"
    name = "training-true-at-inference"
    severity = "warning"
    # Only a literal True is flagged (a named constant is a deliberate switch), so the file must
    # contain one: this keeps the many files that merely mention `training` unparsed.
    requires = ("training=True", "training = True", "is_training=True", "is_training = True")
    options = {"inference-function-patterns": DEFAULT_PATTERNS}
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # premise "the model reads the flag": call() tests `training` only to unpack labels and
        # return the loss too; its Dense layers ignore the flag
        _ex("""
            import tensorflow as tf
            from tensorflow import keras
            from tensorflow.keras import layers

            class Scorer(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.body = layers.Dense(16, activation="relu")
                    self.head = layers.Dense(3)

                def call(self, data, training=False):
                    if training:
                        x, y = data
                        logits = self.head(self.body(x))
                        return logits, keras.losses.sparse_categorical_crossentropy(y, logits)
                    return self.head(self.body(data))

                def test_step(self, data):
                    logits, loss = self(data, training=True)
                    return {"loss": tf.reduce_mean(loss)}
        """),
        # premise "the model reads the flag": a generator of convolutions and activations only
        _ex("""
            import tensorflow as tf
            from tensorflow.keras import layers
            def make_generator():
                inp = tf.keras.Input((64, 64, 3))
                x = layers.LeakyReLU()(layers.Conv2D(32, 3, padding="same")(inp))
                return tf.keras.Model(inp, layers.Conv2D(3, 3, padding="same")(x))
            generator = make_generator()
            def inference(z):
                return generator(z, training=True)
        """),
        # a training step nested in an evaluation function: recorded on a gradient tape
        _ex("""
            import tensorflow as tf
            def evaluate(model, data, optimizer):
                def adapt(batch):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_mean(model(batch, training=True))
                    grads = tape.gradient(loss, model.trainable_variables)
                    optimizer.apply_gradients(zip(grads, model.trainable_variables))
                for batch in data:
                    adapt(batch)
                return model.predict(data)
        """),
        # premise "not by design": the build keeps its Dropout on itself (pix2pix's noise, a
        # Monte-Carlo model), and the BatchNormalization it hard-wires goes with it
        _ex("""
            from tensorflow import keras
            from tensorflow.keras import layers
            def translator(shape):
                src = keras.Input(shape)
                h = layers.Conv2DTranspose(32, 4, strides=2, padding="same")(src)
                h = layers.BatchNormalization()(h, training=True)
                h = layers.Dropout(0.5)(h, training=True)
                return keras.Model(src, layers.Conv2D(3, 1, activation="tanh")(h))
        """),
        _ex("""
            import tf_keras as tfk
            def build():
                drop = tfk.layers.Dropout(0.3)
                i = tfk.Input((4,))
                return tfk.Model(i, drop(i, training=True))
        """),
        # a Monte-Carlo model: sampled in a loop where it is used
        _ex("""
            import numpy as np
            from keras import Input, Model, layers
            inputs = Input((1,))
            h = layers.Dropout(0.1)(layers.Dense(64, activation="relu")(inputs), training=True)
            net = Model(inputs, layers.Dense(1)(h))
            preds = np.stack([net.predict(x_test) for _ in range(50)])
        """),
        # a class being constructed (a data generator of the project): its own argument
        _ex("""
            from project.data import DataGenerator
            def evaluate(model, samples):
                gen = DataGenerator(samples, training=True, shuffle=False)
                return model.evaluate(gen)
        """),
        # ``is_training`` on a callable the analysis cannot see: not Keras's keyword
        "def predict(conv_net, x):\n    return conv_net(x, is_training=True)\n",
        # a helper building a block: always-on dropout is the block's design
        _ex("""
            import keras
            from keras import layers
            def decoder_block(x, n):
                x = layers.Conv2DTranspose(n, 4, strides=2, padding="same")(x)
                return layers.Dropout(0.5)(x, training=True)
            def build():
                inp = keras.Input((16, 16, 3))
                return keras.Model(inp, decoder_block(inp, 8))
        """),
        # a keyword of the project's own function (a builder's argument), not a Keras call's mode
        "def build(training=False):\n    return make_net(training)\n"
        "def predict(x):\n    net = build(training=True)\n    return net(x, training=False)\n",
        # premise "a Keras call": a Keras model's `output` is a tensor, not a method taking
        # training=; this is another library's network object
        _ex("""
            def line_search(network, x):
                def prediction(step):
                    return network.output(x, training=True)
                return prediction
        """),
        # premise "a Keras call": a method that loads the model is the project's own API
        _ex("""
            def evaluate(trainer, path, data):
                trainer.load(path, training=True)
                return trainer.evaluate(data)
        """),
        # a method of the class that is not call(): plain Python resolved in the file
        "import keras\nclass Wrapper:\n    def encode(self, x, training=False):\n        return x\n"
        "    def predict(self, x):\n        return self.encode(x, training=True)\n",
        # the tutorial's custom loop: train with training=True, test with training=False
        "import tensorflow as tf\n@tf.function\ndef train_step(x, y):\n    with tf.GradientTape() as tape:\n        p = model(x, training=True)\n"
        "@tf.function\ndef test_step(x, y):\n    p = model(x, training=False)\n",
        # Monte-Carlo dropout: a comprehension drawing samples of the same input
        _ex("""
            import numpy as np
            def predict_mc(model, x, n=50):
                return np.stack([model(x, training=True) for _ in range(n)])
        """),
        _ex("""
            def predict(model, x, T=20):
                outs = []
                for i in range(T):
                    outs.append(model(x, training=True))
                return outs
        """),
        # a helper only ever called inside a sampling loop
        "def predict_once(model, x):\n    return model(x, training=True)\n"
        "def uncertainty(model, x):\n    return [predict_once(model, x) for _ in range(10)]\n",
        # MC dropout layer: always on by design inside its own call()
        _ex("""
            from tensorflow import keras
            class MCDropout(keras.layers.Dropout):
                def call(self, inputs):
                    return super().call(inputs, training=True)
        """),
        "def evaluate(model, x):\n    return model(x, training=False)\n",
        _ex("""
            MC_DROPOUT = True
            def predict(model, x):
                return model(x, training=MC_DROPOUT)
        """),
        "def evaluate(model, x, training=False):\n    return model(x, training=training)\n",
        # a train_step nested in an evaluation helper is a training path
        _ex("""
            def evaluate_and_train(model, ds):
                def train_step(x):
                    return model(x, training=True)
                return train_step
        """),
        "def predict(model, x):\n    return model(x, training=True)  # noqa: DL301\n",
        Valid(
            "def predict(model, x):\n    return model(x, training=True)\n",
            options={"inference-function-patterns": ["serve*"]},
        ),
        "from keras import layers\nx = layers.Dropout(0.5)(h, training=training)\n",
        _ex("""
            import torch
            def predict(net, x):
                return net(x)
        """),
        # layers applied eagerly to a concrete tensor: not a model build
        _ex("""
            import tensorflow as tf
            x = tf.random.normal([4, 3])
            bn = tf.keras.layers.BatchNormalization()
            y = bn(x, training=True)
        """),
        # a unit test compares both modes on purpose
        "def test_dense_inference_matches_training():\n    assert layer(x, training=False) == layer(x, training=True)\n",
        _ex("""
            from torchvision import datasets
            def evaluate():
                return datasets.MNIST('.', train=True)
        """),
        "def train_and_evaluate(model, x):\n    return model(x, training=True)\n",
        _ex("""
            def run_training(model, ds):
                for x in ds:
                    model(x, training=True)
        """),
        # premise "not kept on by design": call() itself applies this layer with training=True
        # though it has a training parameter; the inference method mirrors that on purpose
        _ex("""
            from tensorflow import keras
            from tensorflow.keras import layers

            class Synth(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.pitch_drop = layers.Dropout(0.5)
                    self.out = layers.Dense(8)

                def call(self, x, training=False):
                    h = self.pitch_drop(x, training=True)
                    return self.out(h, training=training)

                def inference(self, x):
                    return self.out(self.pitch_drop(x, training=True))
        """),
        # premise "not by design": the recurrent layers keep their own recurrent dropout on
        # (a Monte-Carlo sequence model, sampled wherever it is loaded)
        _ex("""
            from tensorflow import keras
            from tensorflow.keras import layers

            def build_bayesian(rate):
                inp = keras.Input((30, 3))
                h = layers.Bidirectional(layers.LSTM(32, return_sequences=True, recurrent_dropout=rate))(
                    inp, training=True
                )
                h = layers.LSTM(32, return_sequences=True, dropout=rate)(h, training=True)
                return keras.Model(inp, layers.TimeDistributed(layers.Dense(1))(h))
        """),
        # premise "no sampling loop elsewhere": another file of the project predicts a model in a
        # loop over forward passes (the fact the engine reads from the project's files)
        Valid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inp = keras.Input((16,))
                h = layers.BatchNormalization()(layers.Dense(32)(inp), training=True)
                model = keras.Model(inp, layers.Dense(1)(h))
            """),
            options={"sampled-elsewhere": ["predict"]},
        ),
        # premise "no sampling loop elsewhere": another file calls this function in such a loop
        Valid(
            "def forward_pass(model, x):\n    return model(x, training=True)\n",
            options={"sampled-elsewhere": ["forward_pass"], "inference-function-patterns": ["forward*"]},
        ),
    ]
    invalid = [
        # a backbone picked by name in if / elif (the else raises): either one is hard-wired
        Invalid(
            _ex("""
            import tensorflow as tf
            def build_encoder(arch, shape):
                if arch == "resnet":
                    base = tf.keras.applications.ResNet50(include_top=False, weights=None, input_shape=shape)
                elif arch == "effnet":
                    base = tf.keras.applications.EfficientNetB0(include_top=False, weights=None, input_shape=shape)
                else:
                    raise ValueError(arch)
                inputs = tf.keras.Input(shape)
                z = tf.keras.layers.GlobalAveragePooling2D()(base(inputs, training=True))
                return tf.keras.Model(inputs, tf.keras.layers.Dense(64)(z))
        """),
            line=10,
        ),
        # a sampling loop elsewhere calls another function, not this one
        Invalid(
            "def predict(model, x):\n    return model(x, training=True)\n",
            line=2,
            options={"sampled-elsewhere": ["mc_average"]},
        ),
        # call() draws noise under its `training` test: the flag is read, though only Dense is built
        Invalid(
            _ex("""
                import tensorflow as tf
                from tensorflow.keras import layers
                class Noisy(tf.keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.head = layers.Dense(3)
                    def call(self, x, training=False):
                        if training:
                            x = x + tf.random.normal(tf.shape(x), stddev=0.1)
                        return self.head(x)
                    def test_step(self, data):
                        x, y = data
                        return self(x, training=True)
            """),
            line=13,
        ),
        # the tutorial's wrong_prediction-style mistake
        Invalid(
            "def predict(model, x):\n    return model(x, training=True)\n",
            line=2,
            contains="noqa: DL301",
            fixed="def predict(model, x):\n    return model(x, training=False)\n",
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                class M(tf.keras.Model):
                    def test_step(self, data):
                        x, y = data
                        y_pred = self(x, training=True)
                        return y_pred
            """),
            line=5,
            fixed=_ex("""
                import tensorflow as tf
                class M(tf.keras.Model):
                    def test_step(self, data):
                        x, y = data
                        y_pred = self(x, training=False)
                        return y_pred
            """),
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                @tf.function
                def inference(x):
                    return model(x, training=True)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                @tf.function(input_signature=[tf.TensorSpec([None, 4])])
                def serve(x):
                    return {'y': model(x, training=True)}
            """),
            line=4,
        ),
        # a serving signature, whatever its name
        Invalid(
            "import tensorflow as tf\n@tf.function\ndef export_fn(x):\n    return model(x, training=True)\n"
            "tf.saved_model.save(model, 'out', signatures={'serving_default': export_fn.get_concrete_function()})\n",
            line=4,
        ),
        # hard-wired in a functional build
        Invalid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inp = keras.Input((8,))
                h = layers.Dense(8)(inp)
                h = layers.BatchNormalization()(h, training=True)
                model = keras.Model(inp, layers.Dense(1)(h))
            """),
            line=5,
            fixed=_ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inp = keras.Input((8,))
                h = layers.Dense(8)(inp)
                h = layers.BatchNormalization()(h, training=False)
                model = keras.Model(inp, layers.Dense(1)(h))
            """),
        ),
        Invalid(
            _ex("""
                import tf_keras as tfk
                def build():
                    base = tfk.applications.ResNet50(include_top=False, weights=None)
                    i = tfk.Input((64, 64, 3))
                    return tfk.Model(i, base(i, training=True))
            """),
            line=5,
        ),
        # a loop over batches is not Monte-Carlo sampling
        Invalid(
            _ex("""
                def evaluate(model, dataset):
                    for x, y in dataset:
                        p = model(x, training=True)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                class Predictor:
                    def _predict_batch(self, x):
                        return self.net(x, training = True)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                async def infer(model, x):
                    def inner():
                        return model(x, training=True)
                    return inner()
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                class Demo:
                    def wrong_prediction(self, x):
                        return self.model(x, training=True)
            """),
            line=4,
        ),
        Invalid("def makePrediction(net, x):\n    return net(x, training=True)\n", line=2),
        Invalid(
            _ex("""
                import tensorflow as tf
                def predict(x):
                    return tf.contrib.layers.batch_norm(x, is_training=True)
            """),
            line=3,
        ),
        Invalid(
            "def eval_step(x):\n    return net(x, training=True)\n",
            options={"inference-function-patterns": ["eval_*"]},
            line=2,
        ),
        # premise "kept on by design" lacking: call() passes its own flag to the layer, so the
        # inference method's hard-wired True is the odd one out
        Invalid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers

                class Speaker(keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.post = layers.Dropout(0.3)

                    def call(self, x, training=False):
                        return self.post(x, training=training)

                    def inference(self, x):
                        return self.post(x, training=True)
            """),
            line=13,
        ),
        # premise "kept on by design" lacking: the recurrent layer applied with training=True has
        # no dropout of its own (so it is silent: it ignores the flag); the BatchNormalization
        # beside it is hard-wired to batch statistics
        Invalid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inp = keras.Input((20, 4))
                h = layers.LSTM(16, return_sequences=True)(inp, training=True)
                h = layers.BatchNormalization()(h, training=True)
                model = keras.Model(inp, layers.Dense(1)(h))
            """),
            line=5,
        ),
    ]

    def check(self, ctx) -> None:
        patterns = ctx.option("inference-function-patterns") or []
        serving = _serving_names(ctx)
        for call in ctx.calls:
            kws = call.keywords
            kw = kws.get("training")
            if kw is None and "is_training" in kws and call.kind is not None:
                kw = kws["is_training"]  # ``is_training`` marks a Keras call only on a Keras callee
            if kw is None or not _is_true(ctx, call, kw.value):
                continue
            if _plain_python_callee(ctx, call) or _constructor(call):
                continue  # a builder's own keyword argument, not a Keras call's mode
            if any(w and w.endswith("GradientTape") for w in call.withs):
                continue  # recorded on a gradient tape: a training step, wherever it is nested
            where = self._inference_path(ctx, call, patterns, serving)
            if where is None:
                continue
            if T.in_sampling_loop(call):
                continue
            if _always_on_by_design(ctx, call):
                continue  # the class applies this layer with training=True in every mode
            answers = R.callee_answers(ctx, call)
            if answers and all(a in (R.NO, "not-keras") for a, _ in answers):
                continue  # no layer of what is called reads the flag: training=True changes nothing
            if _applied_layer_ignores_flag(ctx, call):
                continue  # ``layers.LSTM(16)(x, training=True)``: a layer that ignores the flag
            fix = None
            if is_literal_true(kw.value):
                start, end = T.span(ctx, kw.value)
                fix = Fix("Pass training=False", [Edit("False", start, end)])
            ctx.report(
                call,
                f"`training=True` {where}: dropout and batch statistics stay on at inference and "
                f"predictions become noisy; pass training=False ({MC_HINT})",
                fix=fix,
                data={"where": where},
            )

    def _inference_path(self, ctx, call, patterns, serving) -> str | None:
        # The innermost named function that says training or inference decides.
        for s in call.scope.chain():
            if s.kind == "class":
                continue
            if s.kind == "module":
                break
            name = s.name
            if T.looks_monte_carlo(name):
                return None
            if _unit_test(name, patterns):
                return None
            side = T.classify_name(name, patterns, TRAINING_PATTERNS)
            if side == "training":
                return None
            if side == "inference" or name in serving:
                if _only_called_in_sampling_loops(ctx, s) or name in _sampled_elsewhere(ctx):
                    return None
                what = "inference function" if side == "inference" else "serving signature"
                return f"in {what} `{name}()`"
        # A functional build: a layer object applied to a tensor outside a subclass's call().
        fn = call.scope.function()
        if fn is not None and any(s.kind == "function" and _unit_test(s.name, patterns) for s in fn.chain()):
            return None
        if _layer_application(ctx, call):
            fn, cls = T.method_of(call.scope)
            if cls is not None and (T.class_kind(ctx, cls) or T.has_foreign_base(ctx, cls)):
                return None
            fn = call.scope.function()
            if fn is not None and _only_called_in_sampling_loops(ctx, fn):
                return None
            if _model_sampled(ctx, call) or _sampled_elsewhere(ctx) & {"predict", "predict_on_batch", "__call__"}:
                return None  # a model is sampled in a loop here or elsewhere in the project
            if _dropout_kept_on(ctx, fn):
                return None
            return "hard-wired in a functional model build"
        return None


def _dropout_kept_on(ctx, fn) -> bool:
    """The build applies a Dropout with ``training=True`` itself (``Dropout(0.5)(h,
    training=True)``), or a recurrent layer built with its own ``dropout=`` /
    ``recurrent_dropout=`` (``Bidirectional(LSTM(n, recurrent_dropout=r))(x, training=True)``):
    dropout on at inference is its design (pix2pix's noise, a Monte-Carlo model), and the other
    layers it hard-wires to training mode go with it, as in a block helper."""
    for n in ctx.nodes:
        c = n.call
        if (
            c is not None
            and "training" in c.keywords
            and is_literal_true(c.keywords["training"].value)
            and c.scope.function() is fn
            and (is_dropout(n.kind) or _keeps_own_dropout(ctx, n))
        ):
            return True
    return False


def _applied_layer_ignores_flag(ctx, call) -> bool:
    """The call applies a layer whose constructor the analysis sees, and that layer is known to
    ignore the flag (a Dense, an LSTM built without dropout)."""
    for n in ctx.nodes:
        if n.call is call and n.spec is not None and n.spec.call is not call:
            return R.layer_reads_flag(ctx, n.spec.call) == R.NO
    return False


def _keeps_own_dropout(ctx, node) -> bool:
    """A recurrent layer (also inside ``Bidirectional`` / ``TimeDistributed``) constructed with a
    ``dropout=`` or ``recurrent_dropout=`` that is not a known zero: ``training=True`` on it
    keeps that layer's own dropout on."""
    spec = node.spec
    return spec is not None and spec.kind in RNN_LAYERS and R.layer_reads_flag(ctx, spec.call) != R.NO


def _always_on_by_design(ctx, call) -> bool:
    """The same layer (``self.f0_dropout``) is applied with a literal ``training=True`` also in a
    function that has a ``training`` parameter it could have passed (the class's ``call(self,
    x, training=False)``): the layer is kept on in every mode by design, and the inference
    path mirrors that."""
    text = call.func_text
    if not text or "(" in text or "[" in text:
        return False
    for c in ctx.calls:
        if c is call or c.func_text != text:
            continue
        kw = c.keywords.get("training")
        if kw is None or not is_literal_true(kw.value):
            continue
        fn = c.scope.function()
        if fn is None or "training" not in fn.params or fn is call.scope.function():
            continue
        if text.startswith("self.") and T.method_of(c.scope)[1] is not T.method_of(call.scope)[1]:
            continue  # another class's attribute of the same name
        return True
    return False


# Members of a Keras model or layer that take no ``training=``: properties (``output``), or
# methods whose signature has no such keyword. ``net.output(x, training=True)`` would fail on a
# Keras object, so its receiver is another library's (neupy's ``network.output``).
_KERAS_MEMBERS_WITHOUT_TRAINING = frozenset(
    {
        "output",
        "outputs",
        "input",
        "inputs",
        "layers",
        "predict",
        "predict_on_batch",
        "evaluate",
        "fit",
        "train_on_batch",
        "test_on_batch",
        "summary",
        "compile",
        "save",
        "get_layer",
        "build",
        "compute_output_shape",
    }
)


# A method named for making, loading or fetching an object (``trainer.load(...)``,
# ``task.build_model(...)``, ``get_encoder(...)``) returns something; it is not a layer applied to
# inputs, whose attribute names are nouns (``self.encoder(x, training=True)``).
_FACTORY_METHOD = re.compile(r"^_*(load|build|make|create|get|restore|init|setup|prepare)(_|$)")


def _plain_python_callee(ctx, call) -> bool:
    """The callee resolves to the file's own Python: a function, a method of the enclosing class
    other than ``call``, or a class (a constructor); or it is a member that a Keras object has
    but that takes no ``training=`` (``network.output(x, training=True)``: not Keras's). An
    unresolved callable stays a candidate: a ``training=`` keyword is itself the mark of a
    Keras call."""
    text = call.func_text
    parts = text.split(".")
    if len(parts) >= 2 and call.kind is None:
        if parts[-1] in _KERAS_MEMBERS_WITHOUT_TRAINING:
            return True
        if _FACTORY_METHOD.match(parts[-1]):
            return True  # ``trainer.load(path, training=True)``: a method that makes or loads things
    if len(parts) == 1 and parts[0]:
        return any(
            s.name == text and s.kind in ("function", "class") and s.parent in call.scope.chain()
            for s in ctx.facts.scopes
        )
    if len(parts) == 2 and parts[0] == "self":
        _, cls = T.method_of(call.scope)
        return (
            cls is not None
            and parts[1] not in ("call", "__call__")
            and any(s.kind == "function" and s.parent is cls and s.name == parts[1] for s in ctx.facts.scopes)
        )
    return False


def _model_sampled(ctx, call) -> bool:
    """The functional model the layer ends up in is Monte-Carlo by its use: named so
    (``model_mc``, ``bayesian_net``), or called / ``predict``-ed in a sampling loop somewhere in
    the file (``for i in range(runs): preds[i] = model_mc.predict(x)``)."""
    names = {g.name for g in ctx.graphs if g.kind == "functional" and g.name and any(n.call is call for n in g.nodes)}
    for name in names:
        if T.looks_monte_carlo(name.rsplit(".", 1)[-1]):
            return True
        for c in ctx.calls:
            if (
                c.loops
                and (
                    c.func_text == name
                    or c.func_text in (name + ".predict", name + ".predict_on_batch", name + ".__call__")
                )
                and T.in_sampling_loop(c)
            ):
                return True
    return False


def _sampled_elsewhere(ctx) -> set[str]:
    """What the project's code calls repeatedly on the same input in a sampling loop, in any of
    its files (``project.sampled_callees``): ``predict`` when a model is ``predict``-ed so, the
    name of a function called so."""
    return set(ctx.option("sampled-elsewhere") or ())


def _constructor(call) -> bool:
    """``DataGenerator(samples, training=True)``: a class (a capitalised name) being constructed.
    A Keras layer or model takes ``training=`` when it is called on inputs, never in its
    constructor, so the keyword is the class's own argument."""
    last = call.func_text.rsplit(".", 1)[-1]
    return bool(last) and last[:1].isupper() and call.kind is None


def _unit_test(name: str, patterns) -> bool:
    """A unit test (``test_dropout_inference``) exercises both modes on purpose; ``test_step``
    (or any name the patterns match as a whole) stays an inference path."""
    return name.startswith("test") and not T.matches_any(name, patterns)


def _is_true(ctx, call, expr) -> bool:
    """A literal ``True``. A parameter is a switch its callers set, and a named constant
    (``training=MC_DROPOUT``) is a deliberate choice: neither is flagged."""
    return is_literal_true(expr)


def _layer_application(ctx, call) -> bool:
    """``Dropout(0.5)(x, ...)`` or ``drop(x, ...)`` with ``drop`` a layer object, applied to a
    symbolic tensor: one that comes from ``keras.Input`` or ends up in a functional model.
    Layers applied eagerly to concrete tensors (a demo, a jacobian) are not a model build."""
    home = call.scope.function()
    for n in ctx.nodes:
        if n.call is call and n.spec is not None and n.spec.call is not call:
            if any(n in g.nodes and _scope_fn(g) is home for g in ctx.graphs if g.kind == "functional"):
                return True
            return _from_input(n, home)
    return False


def _scope_fn(g):
    return g.call.scope.function() if g.call is not None else None


def _from_input(node, home) -> bool:
    """The tensor comes from a ``keras.Input`` made in the function ``home`` (None: module level)."""
    seen: set = set()
    stack = list(node.inputs)
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if n.kind in ("Input", "InputLayer"):
            return n.call is None or n.call.scope.function() is home
        stack.extend(n.inputs)
    return False


def _serving_names(ctx) -> set[str]:
    """Functions used as serving signatures: named in a ``signatures=`` argument."""
    out: set[str] = set()
    for call in ctx.calls:
        kw = call.keywords.get("signatures")
        if kw is not None:
            out |= T.names_in(kw.value)
            for attr in _attr_names(kw.value):
                out.add(attr)
    return out


def _attr_names(expr) -> set[str]:
    import libcst as cst

    out: set[str] = set()

    class _A(cst.CSTVisitor):
        def visit_Attribute(self, n) -> None:
            out.add(n.attr.value)

    expr.visit(_A())
    return out


def _only_called_in_sampling_loops(ctx, fn) -> bool:
    """Every call of ``fn`` in this module (by name or ``self.name``) is in a sampling loop."""
    sites = [c for c in ctx.calls if c.func_text in (fn.name, "self." + fn.name)]
    return bool(sites) and all(T.in_sampling_loop(c) for c in sites)
