import re

from dropout_lint.finding import Edit, Fix
from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules import _training as T

# The last word of a name that says "this is a model" (SPEC's list, plus a few common ones).
MODEL_WORDS = frozenset(
    {
        "model",
        "net",
        "network",
        "generator",
        "discriminator",
        "encoder",
        "decoder",
        "classifier",
        "critic",
        "actor",
        "student",
        "autoencoder",
    }
)
MODEL_SUFFIXES = ("model", "net", "network", "encoder", "decoder", "generator", "discriminator", "classifier")
# Frozen by design: never trained in this step.
FROZEN = ("teacher", "base", "backbone", "frozen", "pretrained", "target")
FROZEN_TOKENS = frozenset({"ema"})
# Never models, whatever they are bound to.
NOT_MODEL = ("loss", "metric", "optim", "accuracy", "tracker", "schedule", "callback", "tokenizer")

# Methods of a Keras model that are not its forward pass, and the libraries whose callables are
# constructors or functions (``keras.Model(...)``, ``tf.contrib.tpu.keras_to_tpu_model(...)``).
MODEL_API = frozenset(
    {
        "fit",
        "fit_generator",
        "evaluate",
        "evaluate_generator",
        "predict",
        "predict_generator",
        "predict_on_batch",
        "train_on_batch",
        "test_on_batch",
        "compile",
        "summary",
        "save",
        "save_weights",
        "load_weights",
        "get_layer",
    }
)
# A file of another framework that imports neither TensorFlow nor Keras.
OTHER_FRAMEWORK = re.compile(r"^[ \t]*(?:import|from)[ \t]+(?:torch|jax|flax|paddle|mxnet|mindspore|oneflow)\b", re.M)
KERAS_IMPORT = re.compile(r"^[ \t]*(?:import|from)[ \t]+(?:tensorflow|keras|tf_keras)\b", re.M)
LIBRARY_ROOTS = frozenset({"tensorflow", "keras", "tf_keras", "tf"})
MODEL_FACTORY_PREFIXES = ("build_", "make_", "create_")
MODEL_FACTORIES = frozenset({"get_model", "load_model", "clone_model", "model_from_json", "model_from_config"})
# A tape that differentiates with respect to model weights (not an input image or a variable).
TRAINING_TEXT = re.compile(r"trainable_(variables|weights|vars|params)|\.minimize\(|\.(variables|weights)\b")
# the step changes the variables (an optimizer step, a manual update) or hands its gradients to a
# caller that does (``return tape.gradient(...)``, ``return loss, grads``)
UPDATE_TEXT = re.compile(
    r"\.(apply_gradients|minimize|apply|assign_sub|assign_add|assign)\s*\("
    r"|\b(return|yield)\b[^\n]*(grad|tape\.)",
    re.I,
)


class MissingTrainingFlag(Rule):
    """A model called without `training=` while training.

    ## What it does
    Inside a `tf.GradientTape()` block (any alias of `tf`, or `GradientTape` imported directly)
    or in a `train_step`, finds a call of a Keras model that passes no `training=` argument,
    when the code shows the bug: every premise below is established from the file, not guessed
    from a name. A model is what the analysis resolves the callee to: `self` in a Keras `Model`
    subclass, a name or attribute bound (last binding before the call, in script and notebook
    order) to `Sequential(...)`, a functional `Model(inputs, outputs)`, an instance of a Keras
    subclass of the file (or of a module of its project it imports) or a `keras.applications`
    model, or a parameter whose every call site
    in the file passes one of those; a `call()` taking several inputs (`ranker(user, item)`)
    counts when the model's class shows that signature.

    ## When it stays silent
    Each premise, and the code that lacks it (each has a valid example below):
    - **The callee is a Keras model by resolution.** A class the file imports from a module of
      its own project (`from model import Ranker`, `from .nets import Detector`) is read in that
      module, found on disk next to the file (never imported or run; one level: that module's own
      imports are not followed). A model built by code the analysis does not see (a builder
      from another module, `load_model`, `clone_model`, a factory whose body is elsewhere, a
      class of a package, a subclass of a class from a third module) is unknown, whatever its
      name: no finding (the opt-in DL312 lists these suspicions). A `tf.Module`, a plain class, a local
      function, a loss, metric or optimizer is not a model.
    - **The model contains a layer that reads `training`**: the Dropout family,
      BatchNormalization, GaussianNoise, random augmentation layers, a recurrent or attention
      layer with a non-zero `dropout=`, a `keras.applications` family built with batch
      normalisation, or a custom layer whose `call()` branches on `training`. A model of Dense /
      Conv / pooling / Embedding / normalisation-free layers, or a custom layer drawing noise that
      ignores the flag (a VAE's `Sampling`), is not reported: passing `training=True` would change
      nothing. A layer built only under a knob (`if use_batchnorm: self.bn = BatchNormalization()`)
      whose default is off counts only when a construction in the file turns it on
      (`Net(8, use_batchnorm=True)`); one the file never turns on is not shown to be built.
    - **The step optimises the model's variables**: the step's function mentions
      `<model>.trainable_variables` / `trainable_weights` (or `self.` ones for a model held by
      `self`). A frozen or pretrained part the step does not differentiate is not reported, nor
      is a tape that differentiates an input (saliency, FGSM, style transfer). When the call is
      recorded by one named tape (`with tf.GradientTape() as gen_tape:`), that tape's
      `gen_tape.gradient(...)` decides: a GAN's generator step that only differentiates the
      generator does not optimise the discriminator it calls. The step must also change them (an
      optimizer's `apply_gradients` / `apply` / `minimize`, a manual `assign_sub`) or hand its
      gradients back (`return tape.gradient(...)`): a tape whose gradients are only looked at
      (gradient norms in a demo, a saliency map) is not a training step.
    - **The call runs under the training tape**: in the `with tf.GradientTape()` block itself, in
      a `train_step`, or in a plain function that such a block calls (a loss helper,
      `loss = mse_loss(model, x, y)`), where the tape's step optimises what the helper is passed.
    - **Nothing else supplies the mode**: a `call(self, x, training=True)` default, a call inside
      a Keras layer's own `call()` (Keras passes the outer mode on), a layer wired to
      `training=...` in the functional build, a `set_learning_phase` in the file, an `if` on the
      flag around the call, or a `training=` / `**kwargs` / the model's own flag name
      (`is_training=`) in the call.
    Names containing `teacher`, `base`, `backbone`, `frozen`, `pretrained`, `target` or `ema`, and
    models set `.trainable = False`, are skipped as frozen by design.
    - Test code (see `test-code-ignore`): a test runs a step to check gradients or shapes, not to
      train the model.

    ## Why is this bad?
    A Keras model called without `training=` outside `fit()` runs in inference mode: Dropout
    does nothing and BatchNormalization uses (and never updates) its moving statistics. The
    model trains without the regularisation you configured, and BN statistics stay at their
    initial values, so the trained model evaluates badly. No error, no warning.

    Measured by `python benchmarks/evidence.py` (digits, 3 seeds, 30 epochs): in a `GradientTape` loop calling
    `model(x)`, BatchNormalization's moving mean stays exactly 0 (0.81 with `training=True`)
    and dropout never runs; on digits the test accuracy ended close (97.6% vs 97.9%) with a
    larger train/test gap (2.4 vs 1.8 points): the model trained is not the one configured.

    ## Example
    ```python
    with tf.GradientTape() as tape:
        logits = model(x)
        loss = loss_fn(y, logits)
    ```

    ## Use instead
    ```python
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    ```

    ## Fix
    Adds `training=True` to the call.

    ## References
    - The Keras guide "Customizing what happens in fit()": `self(x, training=True)` in `train_step`.
    - The TensorFlow guide "Writing a training loop from scratch".

    ## Fix safety
    Unsafe. `training=True` turns dropout and BatchNorm's batch statistics on in that call: the
    intended training behaviour, but a change in what the step computes, and wrong for a model
    kept in inference mode on purpose (fine-tuning with frozen BatchNorm, as the Keras transfer
    learning guide does with `training=False`). Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL302"
    name = "missing-training-flag"
    severity = "warning"
    requires = ("GradientTape", "train_step")
    requires_text = (".trainable_",)  # every finding has its premise "optimised": _optimised
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # a GAN's generator step: its tape differentiates the generator only
        _ex("""
            import keras
            import tensorflow as tf
            class GAN(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.discriminator = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.2)])
                    self.generator = keras.Sequential([keras.layers.Dense(8)])
                def train_step(self, noise):
                    with tf.GradientTape() as tape:
                        g_loss = tf.reduce_mean(self.discriminator(self.generator(noise, training=True)))
                    grads = tape.gradient(g_loss, self.generator.trainable_weights)
                    self.g_optimizer.apply_gradients(zip(grads, self.generator.trainable_weights))
                    with tf.GradientTape() as tape:
                        d_loss = tf.reduce_mean(self.discriminator(noise, training=True))
                    grads = tape.gradient(d_loss, self.discriminator.trainable_weights)
                    return {}
        """),
        # premise "a Keras model": built by code the file does not show
        _ex("""
            import tensorflow as tf
            from project.models import build_model
            model = build_model()
            def step(x, y):
                with tf.GradientTape() as tape:
                    loss = loss_fn(y, model(x))
                tape.gradient(loss, model.trainable_variables)
        """),
        # premise "reads `training`": a VAE whose Sampling layer draws noise whatever the flag says
        _ex("""
            import tensorflow as tf
            from tensorflow import keras
            class Sampling(keras.layers.Layer):
                def call(self, inputs):
                    mean, log_var = inputs
                    return mean + tf.exp(0.5 * log_var) * tf.random.normal(tf.shape(mean))
            class VAE(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.enc = keras.layers.Dense(4)
                    self.sample = Sampling()
                def call(self, x):
                    return self.sample([self.enc(x), self.enc(x)])
                def train_step(self, data):
                    with tf.GradientTape() as tape:
                        z = self(data)
                    self.optimizer.apply_gradients(zip(tape.gradient(z, self.trainable_weights), self.trainable_weights))
        """),
        # premise "reads `training`": the BatchNormalization is built only under a knob that is
        # off by default and off at every construction the file shows
        _ex("""
            import tensorflow as tf
            class Net(tf.keras.Model):
                def __init__(self, width, use_batchnorm=False):
                    super().__init__()
                    self.use_batchnorm = use_batchnorm
                    self.conv = tf.keras.layers.Dense(width)
                    if use_batchnorm:
                        self.bn = tf.keras.layers.BatchNormalization()
                def call(self, x):
                    h = self.conv(x)
                    return self.bn(h) if self.use_batchnorm else h
                def train_step(self, data):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_mean(self(data))
                    self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
            net = Net(8, use_batchnorm=False)
        """),
        # premise "optimised in the step": the gradients are only looked at (a demo printing
        # their norms); no optimizer step, no update, nothing returned
        _ex("""
            import tensorflow as tf
            net = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3), tf.keras.layers.Dense(1)])
            def show_gradient_norms(x, y):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean((net(x) - y) ** 2)
                grads = tape.gradient(loss, net.trainable_variables)
                print([float(tf.norm(g)) for g in grads])
        """),
        # premise "optimised in the step": a loss helper the tape calls, on a model the tape does
        # not differentiate (a fixed critic scoring the generator's output)
        _ex("""
            import tensorflow as tf
            critic = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3), tf.keras.layers.Dense(1)])
            gen = tf.keras.Sequential([tf.keras.layers.Dense(4)])
            def score(model, x):
                return tf.reduce_mean(model(x))
            for z in noise:
                with tf.GradientTape() as tape:
                    loss = -score(critic, gen(z, training=True))
                opt.apply_gradients(zip(tape.gradient(loss, gen.trainable_variables), gen.trainable_variables))
        """),
        # premise "optimised in the step": the Dropout model is a frozen feature extractor
        _ex("""
            import tensorflow as tf
            features = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3)])
            head = tf.keras.Sequential([tf.keras.layers.Dense(1)])
            def step(x):
                with tf.GradientTape() as tape:
                    y = head(features(x), training=True)
                tape.gradient(y, head.trainable_variables)
        """),
        # premise "nothing else supplies the mode": call() defaults to training=True
        _ex("""
            import keras
            import tensorflow as tf
            class Net(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.drop = keras.layers.Dropout(0.5)
                def call(self, x, training=True):
                    return self.drop(x, training=training)
            net = Net()
            with tf.GradientTape() as tape:
                y = net(x)
            tape.gradient(y, net.trainable_variables)
        """),
        # premise "nothing else supplies the mode": the base is wired to training=True in the build
        _ex("""
            import tensorflow as tf
            base = tf.keras.applications.ResNet50(include_top=False, weights=None)
            inp = tf.keras.Input((224, 224, 3))
            out = tf.keras.layers.Dense(8)(tf.keras.layers.GlobalAveragePooling2D()(base(inp, training=True)))
            model = tf.keras.Model(inp, out)
            def step(x):
                with tf.GradientTape() as tape:
                    z = model(x)
                tape.gradient(z, model.trainable_variables)
        """),
        _ex("""
            import tensorflow as tf
            def step(model, x, y):
                with tf.GradientTape() as tape:
                    loss = loss_fn(y, model(x, training=True))
                grads = tape.gradient(loss, model.trainable_variables)
        """),
        # distillation: the teacher is frozen by design
        _ex("""
            import tensorflow as tf
            def step(teacher, student, x):
                with tf.GradientTape() as tape:
                    t = teacher(x)
                    s = student(x, training=True)
                    loss = kl(t, s)
                opt.apply_gradients(zip(tape.gradient(loss, student.trainable_variables), student.trainable_variables))
        """),
        # losses, metrics and optimizers are not models
        _ex("""
            import tensorflow as tf
            def step(model, x, y):
                with tf.GradientTape() as tape:
                    p = model(x, training=True)
                    loss = loss_fn(y, p)
                    acc_metric(y, p)
                optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        """),
        # a plain function named like a model
        _ex("""
            import tensorflow as tf
            def model(x):
                return x * w
            def step(x):
                with tf.GradientTape() as tape:
                    loss = model(x)
                return tape.gradient(loss, [w])
        """),
        # saliency: gradients with respect to the input, inference mode is right
        _ex("""
            import tensorflow as tf
            def saliency(model, image):
                with tf.GradientTape() as tape:
                    tape.watch(image)
                    pred = model(image)
                return tape.gradient(pred, image)
        """),
        # base models are frozen by design; so is anything set .trainable = False
        _ex("""
            import tensorflow as tf
            base_model.trainable = False
            def step(x):
                with tf.GradientTape() as tape:
                    f = base_model(x)
                    d = discriminator(x)
                opt.minimize(f, var_list=head.trainable_variables)
            discriminator.trainable = False
        """),
        # keras 3 train_step with stateless_call, and a model call with an explicit flag
        _ex("""
            import keras
            class M(keras.Model):
                def train_step(self, data):
                    x, y = data
                    y_pred = self(x, training=True)
                    return self.compute_metrics(x, y, y_pred)
        """),
        # a train_step with a tape: the generator call outside the tape is not differentiated
        _ex("""
            import tensorflow as tf
            class GAN(tf.keras.Model):
                def train_step(self, real):
                    fake = self.generator(noise)
                    with tf.GradientTape() as tape:
                        p = self.discriminator(fake, training=True)
                    self.d_opt.apply_gradients(zip(tape.gradient(p, self.discriminator.trainable_variables), self.discriminator.trainable_variables))
        """),
        # **kwargs may carry the flag
        _ex("""
            import tensorflow as tf
            def step(model, x, **kw):
                with tf.GradientTape() as tape:
                    y = model(x, **kw)
                tape.gradient(y, model.trainable_variables)
        """),
        # the model's own name for the flag
        _ex("""
            import tensorflow as tf
            def run_optimization(x, y):
                with tf.GradientTape() as g:
                    pred = conv_net(x, is_training=True)
                g.gradient(pred, conv_net.trainable_variables)
        """),
        # a tf.Module "model" (followed through the call sites) has no training argument
        "import tensorflow as tf\nclass MLP(tf.Module):\n    def __call__(self, x):\n        return x @ self.w\n"
        "def train_step(model, x):\n    with tf.GradientTape() as tape:\n        y = model(x)\n    return tape.gradient(y, model.trainable_variables)\n"
        "mlp = MLP()\nfor x in ds:\n    train_step(mlp, x)\n",
        # style transfer: the tape optimises an image, not the model
        _ex("""
            import tensorflow as tf
            def step(image):
                with tf.GradientTape() as tape:
                    outputs = extractor(image)
                    loss = style_loss(outputs)
                opt.apply_gradients([(tape.gradient(loss, image), image)])
        """),
        # every layer of the model ignores the flag: passing it would change nothing
        "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(8, activation='relu'), tf.keras.layers.Dense(1)])\n"
        "def step(x):\n    with tf.GradientTape() as tape:\n        y = model(x)\n    return tape.gradient(y, model.trainable_variables)\n",
        # PyTorch code has no training flag
        _ex("""
            import torch
            def train_step(model, x):
                out = model.forward(x)
        """),
        # premise "nothing else supplies the mode": the second positional argument is the flag
        _ex("""
            import tensorflow as tf
            class Net(tf.keras.Model):
                def __init__(self):
                    super().__init__()
                    self.bn = tf.keras.layers.BatchNormalization()
                def call(self, x, training=None):
                    return self.bn(x, training=training)
            net = Net()
            def step(x):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean(net(x, True))
                grads = tape.gradient(loss, net.trainable_variables)
                opt.apply_gradients(zip(grads, net.trainable_variables))
        """),
    ]
    invalid = [
        # a model whose call() takes several inputs, held by a trainer object; its call() has no
        # `training` parameter, yet Keras passes the mode on to its BatchNormalization
        Invalid(
            _ex("""
            import tensorflow as tf
            class Ranker(tf.keras.Model):
                def __init__(self):
                    super().__init__()
                    self.norm = tf.keras.layers.BatchNormalization()
                    self.out = tf.keras.layers.Dense(1)
                def call(self, user, item):
                    return self.out(self.norm(tf.concat([user, item], -1)))
            class Trainer:
                def __init__(self):
                    self.model = Ranker()
                    self.opt = tf.keras.optimizers.Adam()
                def step(self, user, item, label):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_mean(tf.square(self.model(user, item) - label))
                    grads = tape.gradient(loss, self.model.trainable_variables)
                    self.opt.apply_gradients(zip(grads, self.model.trainable_variables))
            """),
            line=15,
            contains="self.model",
        ),
        # a loss helper the training tape calls, passed the model the tape differentiates
        Invalid(
            _ex("""
            import tensorflow as tf
            net = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3), tf.keras.layers.Dense(1)])
            def mse_loss(model, x, y):
                return tf.reduce_mean((model(x) - y) ** 2)
            for x, y in batches:
                with tf.GradientTape() as tape:
                    loss = mse_loss(net, x, y)
                opt.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables))
        """),
            line=4,
        ),
        # the same knob, turned on where the file builds the model
        Invalid(
            _ex("""
            import tensorflow as tf
            class Net(tf.keras.Model):
                def __init__(self, width, use_batchnorm=False):
                    super().__init__()
                    self.use_batchnorm = use_batchnorm
                    self.conv = tf.keras.layers.Dense(width)
                    if use_batchnorm:
                        self.bn = tf.keras.layers.BatchNormalization()
                def call(self, x):
                    h = self.conv(x)
                    return self.bn(h) if self.use_batchnorm else h
                def train_step(self, data):
                    with tf.GradientTape() as tape:
                        loss = tf.reduce_mean(self(data))
                    self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
            net = Net(8, use_batchnorm=True)
        """),
            line=14,
        ),
        # a parameter: every call site passes a model with Dropout, and the step optimises it
        Invalid(
            _ex("""
            import tensorflow as tf
            from tensorflow import keras
            def step(model, x, y):
                with tf.GradientTape() as tape:
                    logits = model(x)
                    loss = loss_fn(y, logits)
                grads = tape.gradient(loss, model.trainable_variables)
                opt.apply_gradients(zip(grads, model.trainable_variables))
            net = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.3), keras.layers.Dense(1)])
            step(net, x, y)
        """),
            line=5,
            fixed=_ex("""
            import tensorflow as tf
            from tensorflow import keras
            def step(model, x, y):
                with tf.GradientTape() as tape:
                    logits = model(x, training=True)
                    loss = loss_fn(y, logits)
                grads = tape.gradient(loss, model.trainable_variables)
                opt.apply_gradients(zip(grads, model.trainable_variables))
            net = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.3), keras.layers.Dense(1)])
            step(net, x, y)
        """),
        ),
        # GAN: generator and discriminator with batch norm / dropout, both optimised
        Invalid(
            _ex("""
            import tensorflow as tf
            L = tf.keras.layers
            generator = tf.keras.Sequential([L.Dense(64), L.BatchNormalization(), L.Dense(784)])
            discriminator = tf.keras.Sequential([L.Dense(64), L.Dropout(0.3), L.Dense(1)])
            @tf.function
            def train_step(images, noise):
                with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
                    fake = generator(noise)
                    real_out = discriminator(images)
                    fake_out = discriminator(fake)
                g = gen_tape.gradient(gl, generator.trainable_variables)
                d = disc_tape.gradient(dl, discriminator.trainable_variables)
                d_opt.apply_gradients(zip(d, discriminator.trainable_variables))
        """),
            count=3,
            line=8,
        ),
        # self in a Model subclass that builds a Dropout, GradientTape imported directly
        Invalid(
            _ex("""
            from tensorflow import GradientTape
            from tensorflow import keras
            class Net(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.drop = keras.layers.Dropout(0.5)
                    self.out = keras.layers.Dense(10)
                def call(self, x, training=None):
                    return self.out(self.drop(x, training=training))
                def train_step(self, data):
                    x, y = data
                    with GradientTape() as tape:
                        y_pred = self(x)
                        loss = self.compute_loss(y=y, y_pred=y_pred)
                    self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
        """),
            line=13,
            fixed=_ex("""
            from tensorflow import GradientTape
            from tensorflow import keras
            class Net(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.drop = keras.layers.Dropout(0.5)
                    self.out = keras.layers.Dense(10)
                def call(self, x, training=None):
                    return self.out(self.drop(x, training=training))
                def train_step(self, data):
                    x, y = data
                    with GradientTape() as tape:
                        y_pred = self(x, training=True)
                        loss = self.compute_loss(y=y, y_pred=y_pred)
                    self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))
        """),
        ),
        # a subclass of a subclass in the same module, through a tf_keras alias, no tape (Keras 3 torch backend)
        Invalid(
            _ex("""
            import tf_keras as tfk
            class Base(tfk.Model):
                def __init__(self):
                    super().__init__()
                    self.bn = tfk.layers.BatchNormalization()
            class Child(Base):
                def train_step(self, data):
                    x, y = data
                    y_pred = self(x)
                    self.optimizer.apply(grads, self.trainable_weights)
        """),
            line=9,
        ),
        # a name bound to a model; the factory result next to it is not shown to be one
        Invalid(
            _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(0.2), tf.keras.layers.Dense(1)])
            q = make_critic()
            def step(x):
                with tf.GradientTape() as tape:
                    a = m(x)
                    b = q(x)
                opt.apply_gradients(zip(tape.gradient(a + b, m.trainable_variables), m.trainable_variables))
        """),
            line=6,
        ),
        # an attribute bound to a functional model with batch norm
        Invalid(
            _ex("""
            import tensorflow as tf
            from tensorflow.keras import layers
            class Trainer:
                def __init__(self):
                    inp = tf.keras.Input((16,))
                    h = layers.BatchNormalization()(layers.Dense(8)(inp))
                    self.encoder = tf.keras.Model(inp, h)
                def step(self, x):
                    with tf.GradientTape() as tape:
                        z = self.encoder(x)
                    self.opt.minimize(z, self.encoder.trainable_variables)
        """),
            line=10,
        ),
        # an instance of a local Model subclass with a custom layer whose call() branches on training
        Invalid(
            _ex("""
            import keras
            import tensorflow as tf
            class Noise(keras.layers.Layer):
                def call(self, x, training=None):
                    if training:
                        return x + keras.random.normal(tf.shape(x))
                    return x
            class Classifier(keras.Model):
                def __init__(self):
                    super().__init__()
                    self.noise = Noise()
                    self.out = keras.layers.Dense(3)
                def call(self, x, training=None):
                    return self.out(self.noise(x, training=training))
            clf = Classifier()
            with tf.GradientTape() as tape:
                out = clf(batch)
            grads = tape.gradient(out, clf.trainable_variables)
            opt.apply_gradients(zip(grads, clf.trainable_variables))
        """),
            line=17,
        ),
        # a recurrent layer with dropout=, an alias of tf, nested loop, trailing comma
        Invalid(
            _ex("""
            import tensorflow as tensorflow_alias
            from tensorflow.keras import layers, Sequential
            def fit_loop(net, ds):
                for x, y in ds:
                    with tensorflow_alias.GradientTape() as t:
                        out = net(
                            x,
                        )
                    opt.apply_gradients(zip(t.gradient(out, net.trainable_variables), net.trainable_variables))
            fit_loop(Sequential([layers.LSTM(32, dropout=0.2), layers.Dense(1)]), data)
        """),
            line=6,
            fixed=_ex("""
            import tensorflow as tensorflow_alias
            from tensorflow.keras import layers, Sequential
            def fit_loop(net, ds):
                for x, y in ds:
                    with tensorflow_alias.GradientTape() as t:
                        out = net(
                            x, training=True,
                        )
                    opt.apply_gradients(zip(t.gradient(out, net.trainable_variables), net.trainable_variables))
            fit_loop(Sequential([layers.LSTM(32, dropout=0.2), layers.Dense(1)]), data)
        """),
        ),
        # a Keras application built with batch normalisation
        Invalid(
            _ex("""
            import tensorflow as tf
            model = tf.keras.applications.ResNet50(weights=None, classes=10)
            def step(x, y):
                with tf.GradientTape() as tape:
                    loss = loss_fn(y, model(x))
                opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        """),
            line=5,
        ),
    ]

    def check(self, ctx) -> None:
        from dropout_lint.rules import _flag_readers as R

        for call, what, unproven, answers in assess(ctx):
            if unproven is None:
                read = sorted(
                    {f"`{o.cls.name}` of {_shown_path(ctx, o.path)}" for _, o in answers if isinstance(o, R.Foreign)}
                )
                where = f" ({', '.join(read)} has a layer that reads it)" if read else ""
                ctx.report(
                    call,
                    f"{what} is called without `training=` while training{where}: dropout and batch norm run in "
                    f"inference mode; pass training=True",
                    fix=_add_flag(ctx, call),
                )


def assess(ctx):
    """Every call that looks like a model called without ``training=`` in a training step, with
    the first premise of DL302 the analysis could not establish (None when all hold):
    (call, description, unproven premise, the callee's answers from ``callee_answers``)."""
    from dropout_lint.rules import _flag_readers as R

    if OTHER_FRAMEWORK.search(ctx.unit.text) and not KERAS_IMPORT.search(ctx.unit.text):
        return  # PyTorch / JAX code: its ``train_step`` sets the mode with ``model.train()``
    learning_phase = "set_learning_phase" in ctx.unit.text
    for call in ctx.calls:
        if _passes_flag(call) or call.has_star_args() or not call.node.args:
            continue  # ``task.build_model()`` is a factory call, not a forward call
        if not _training_context(ctx, call):
            continue
        if any(T.mentions_training(test) for test, _ in call.ifs):
            continue  # the code branches on the flag (e.g. on whether call() accepts it)
        what = _model_callee(ctx, call)
        if what is None:
            continue
        answers = R.callee_answers(ctx, call)
        if len(call.positional) > 1 and not _takes_inputs(ctx, answers, len(call.positional)):
            continue  # a forward call has one input, unless the model's own call() takes more
        if answers and all(a == "not-keras" for a, _ in answers):
            continue  # a tf.Module or plain object: no training argument to pass
        if answers and all(a in (R.NO, "not-keras") for a, _ in answers):
            continue  # every layer of the model ignores the flag: passing it changes nothing
        if learning_phase:
            continue  # DL304's global switch decides the mode of every call
        yield call, what, _unproven(ctx, call, answers), answers


def _shown_path(ctx, path: str) -> str:
    """``path`` as the user would name it: relative to the linted file's folder when below it."""
    import os

    try:
        rel = os.path.relpath(path, os.path.dirname(os.path.abspath(ctx.filename)))
    except ValueError:  # another drive
        rel = path
    return rel.replace(os.sep, "/")


def _takes_inputs(ctx, answers, n: int) -> bool:
    """Every object the call may see is a Keras subclass of the file whose ``call()`` takes ``n``
    positional inputs (``def call(self, user, item, history)``), none of them the flag itself
    (``net(x, True)`` into ``call(self, x, training=None)`` passes it): ``ranker(u, i, h)`` is
    its forward call."""
    from dropout_lint.analysis.facts import Scope
    from dropout_lint.rules import _flag_readers as R

    if not answers:
        return False
    for _, origin in answers:
        octx = ctx
        if isinstance(origin, R.Foreign):
            octx, origin = origin.ctx, origin.cls
        if not isinstance(origin, Scope) or origin.kind != "class" or T.class_kind(octx, origin) is None:
            return False
        fn = R._call_method(octx, origin)
        params = getattr(fn.node, "params", None) if fn is not None else None
        if params is None:
            return False
        names = [p.name.value for p in (*params.posonly_params, *params.params)][1:]
        if len(names) < n or any("training" in name or name == "mode" for name in names[:n]):
            return False
    return True


def _unproven(ctx, call, answers) -> str | None:
    from dropout_lint.rules import _flag_readers as R

    if not answers or any(a in (R.UNKNOWN, "not-keras") for a, _ in answers):
        return "that it is a Keras model containing a layer that reads `training`"
    if any(a != R.YES for a, _ in answers):
        return "that every model it may be contains a layer that reads `training`"

    if any(R.default_trains(ctx, o) for _, o in answers):
        return "that it runs in inference mode (its `call()` defaults to training=True)"
    if _inside_layer_call(ctx, call):
        return "that it runs in inference mode (an enclosing layer's call() passes its mode on)"
    if not _optimised(ctx, call):
        return "that this step optimises its variables"
    return None


_OPTIMISED = r"\.(trainable_variables|trainable_weights|trainable_vars|trainable_params)\b"


def _optimised(ctx, call) -> bool:
    """The step differentiates or updates the called model's own variables
    (``tape.gradient(loss, model.trainable_variables)``, ``opt.minimize(..., var_list=...)``)."""
    parts = call.func_text.split(".")
    fn = call.scope.function()
    body = T.function_text(ctx, fn) if fn is not None else ctx.unit.text
    # ``self.trainable_weights`` holds the variables of every model assigned to ``self.``
    owners = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    if not any(_is_tape(ctx, w, call.scope) for w in call.withs):
        sites = _tape_sites(ctx, call)
        if sites:
            # a loss helper: the tape around its call site differentiates the model it is passed
            texts = []
            for _, text, bound in sites:
                mapped = [bound.get(parts[0], parts[0])] + parts[1:]
                texts.append((text, [".".join(mapped[:i]) for i in range(len(mapped), 0, -1)]))
            return any(
                re.search(r"(?<![\w.])" + re.escape(o) + _OPTIMISED, text) for text, names in texts for o in names
            )
    tape = _own_tape(ctx, call)
    if tape is not None:
        # ``with tf.GradientTape() as gen_tape:``: what that tape differentiates decides, not
        # another tape of the same step (a GAN's generator step calls the discriminator too)
        name, scope_text = tape
        sources = _call_args(scope_text, name + ".gradient")
        if sources:
            body = "\n".join(sources)
    return any(re.search(r"(?<![\w.])" + re.escape(o) + _OPTIMISED, body) for o in owners)


def _tape_sites(ctx, call) -> list:
    """The call sites of the plain function the call is in (``def mse_loss(model, x, y):
    return mse(y, model(x))``) made inside a ``GradientTape`` block of a function that takes the
    gradients of model variables: (site, text of the function around it, the site's argument
    text for each parameter). One level: a helper of a helper is not followed."""
    fn = call.scope.function()
    if fn is None or fn.parent is None or fn.parent.kind == "class" or fn.name in ("call", "__call__"):
        return []
    out = []
    for site in ctx.calls:
        if site.func_text != fn.name or site is call:
            continue
        if not any(_is_tape(ctx, w, site.scope) for w in site.withs):
            continue
        outer = site.scope.function()
        text = T.function_text(ctx, outer) if outer is not None else ctx.unit.text
        if not (TRAINING_TEXT.search(text) and UPDATE_TEXT.search(text)):
            continue
        order = [p for p in fn.params if p not in ("self", "cls")]
        bound = {}
        for i, expr in enumerate(site.positional):
            if i < len(order):
                bound[order[i]] = ctx.code(expr.value)
        for k, arg in site.keywords.items():
            bound[k] = ctx.code(arg.value)
        out.append((site, text, bound))
    return out


def _own_tape(ctx, call) -> tuple[str, str] | None:
    """(name, text where it is used) of the one ``GradientTape`` the call is recorded by: ``with
    tf.GradientTape() as tape:`` around it, one tape in that ``with``; the text is the ``with``
    and the statements after it up to the next ``with`` binding the same name. Else None."""
    import libcst as cst

    par = T.parents(ctx)
    node = par.get(call.node)
    while node is not None and not isinstance(node, (cst.FunctionDef, cst.Module)):
        if isinstance(node, cst.With):
            tapes = [
                it
                for it in node.items
                if _is_tape(ctx, ctx.code(it.item.func if isinstance(it.item, cst.Call) else it.item), call.scope)
            ]
            if not tapes:
                node = par.get(node)
                continue
            if len(tapes) != 1 or tapes[0].asname is None or not isinstance(tapes[0].asname.name, cst.Name):
                return None
            name = tapes[0].asname.name.value
            block = par.get(node)
            stmts = list(getattr(block, "body", ()))
            texts = [ctx.code(node)]
            for later in stmts[stmts.index(node) + 1 :] if node in stmts else ():
                if isinstance(later, cst.With) and any(
                    it.asname is not None and getattr(it.asname.name, "value", None) == name for it in later.items
                ):
                    break
                texts.append(ctx.code(later))
            return name, "\n".join(texts)
        node = par.get(node)
    return None


def _call_args(text: str, callee: str) -> list[str]:
    """The argument texts of every ``callee(...)`` in ``text`` (parentheses balanced)."""
    out = []
    for m in re.finditer(r"(?<![\w.])" + re.escape(callee) + r"\s*\(", text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            i += 1
        out.append(text[m.end() : i - 1])
    return out


def _inside_layer_call(ctx, call) -> bool:
    fn, cls = T.method_of(call.scope)
    return fn is not None and fn.name == "call" and T.class_kind(ctx, cls) is not None


def _is_tape(ctx, w, scope=None) -> bool:
    return bool(w) and T.qualify(ctx, w, scope).endswith("GradientTape")


def _training_context(ctx, call) -> bool:
    fn = call.scope.function()
    in_tape = any(_is_tape(ctx, w, call.scope) for w in call.withs)
    if in_tape:
        text = T.function_text(ctx, fn) if fn is not None else ctx.unit.text
        # a tape whose gradients nobody applies inspects the model (gradient norms, saliency)
        return bool(TRAINING_TEXT.search(text) and UPDATE_TEXT.search(text))
    if not in_tape and _tape_sites(ctx, call):
        return True  # a loss helper the training tape calls: ``loss = mse_loss(model, x, y)``
    # a train_step (or a step function nested in one)
    for s in call.scope.chain():
        if s.kind == "function" and T.matches_any(s.name, ["train_step", "*_train_step", "train_step_*"]):
            text = T.function_text(ctx, s)
            if "GradientTape" in text:
                return False  # the tape decides which calls train
            return True
    return False


def _model_callee(ctx, call) -> str | None:
    import libcst as cst

    func = call.node.func
    text = call.func_text
    if not text:
        return None
    low = text.lower()
    if any(f in low for f in FROZEN) or any(t in FROZEN_TOKENS for t in T.tokens(text)):
        return None
    if any(n in low for n in NOT_MODEL):
        return None
    parts = text.split(".")
    if text == "self":
        fn, cls = T.method_of(call.scope)
        if cls is not None and (T.class_kind(ctx, cls) == "model" or _is_train_step_method(call.scope)):
            return "the model (`self`)"
        return None
    if parts[0] == "self" and len(parts) == 2:
        attr = parts[1]
        fn, cls = T.method_of(call.scope)
        if cls is not None and _is_method(ctx, cls, attr):
            return None
        if _frozen_in_file(ctx, attr):
            return None
        if _model_word(attr) or (cls is not None and _bound_to_model(ctx, cls.assigns.get(text, []), text)):
            return f"the model `{text}`"
        return None
    if isinstance(func, cst.Name):
        name = func.value
        if call.qname and call.kind:
            return None  # a library callable (tf.*, keras.*)
        if _is_plain_function(ctx, call.scope, name):
            return None
        if _frozen_in_file(ctx, name):
            return None
        for g in ctx.graphs:
            if g.name == name:
                return f"the model `{name}`"
        if _param_annotated_model(ctx, call.scope, name):
            return f"the model `{name}`"
        for s in call.scope.chain():
            if name in s.assigns and _bound_to_model(ctx, s.assigns[name], name):
                return f"the model `{name}`"
            if s.kind == "function" and (name in s.params or name in s.assigns):
                break
        if _model_word(name):
            return f"the model `{name}`"
        return None
    if isinstance(func, cst.Attribute) and len(parts) >= 2:
        # obj.model(x), self.agent.actor(x)
        attr = parts[-1]
        if attr in MODEL_API or T.qualify(ctx, text, call.scope).split(".")[0] in LIBRARY_ROOTS:
            return None  # ``m.fit_generator(...)``, ``keras.Model(...)``: an API call, not a forward pass
        if _model_word(attr) and not _frozen_in_file(ctx, attr):
            return f"the model `{text}`"
    return None


def _model_word(name: str) -> bool:
    toks = T.tokens(name)
    if not toks:
        return False
    if any(any(n in t for n in NOT_MODEL) for t in toks):
        return False
    last = toks[-1]
    return last in MODEL_WORDS or last.endswith(MODEL_SUFFIXES)


def _is_train_step_method(scope) -> bool:
    return any(s.kind == "function" and s.name.endswith("train_step") for s in scope.chain())


def _is_method(ctx, cls, name: str) -> bool:
    return any(s.kind == "function" and s.parent is cls and s.name == name for s in ctx.facts.scopes)


def _is_plain_function(ctx, scope, name: str) -> bool:
    chain = scope.chain()
    for s in ctx.facts.scopes:
        if s.name == name and s.parent in chain:
            if s.kind == "function":
                return True
            if s.kind == "class":
                return True  # a class: constructing an object, not calling a model
    return False


def _frozen_in_file(ctx, name: str) -> bool:
    import re

    return re.search(rf"\b{re.escape(name)}\.trainable\s*=\s*False\b", ctx.unit.text) is not None


def _param_annotated_model(ctx, scope, name: str) -> bool:
    for s in scope.chain():
        if s.kind == "function" and name in s.params:
            ann = s.params[name].annotation
            if ann is None:
                return False
            from dropout_lint.analysis.names import dotted

            q = T.qualify(ctx, dotted(ann.annotation), s)
            return q.startswith("keras.") and q.rsplit(".", 1)[-1] in T.MODEL_CLASSES
    return False


def _bound_to_model(ctx, values, name: str) -> bool:
    import libcst as cst

    from dropout_lint.analysis.names import dotted, layer_kind
    from dropout_lint.rules import _flag_readers as R

    for v in values:
        if not isinstance(v, cst.Call):
            continue
        d = dotted(v.func)
        if not d:
            continue
        last = d.rsplit(".", 1)[-1]
        q = T.qualify(ctx, d)
        if q.startswith(("keras.losses", "keras.metrics", "keras.optimizers")):
            return False
        kind = layer_kind(q)
        if kind in T.MODEL_CLASSES:
            return True
        foreign = R.foreign_class(ctx, d)
        if foreign is not None and T.class_kind(foreign.ctx, foreign.cls) == "model":
            return True  # ``din = DIN(...)`` with ``from model import DIN``: a Model subclass there
        if last.startswith(MODEL_FACTORY_PREFIXES) or last in MODEL_FACTORIES:
            low = last.lower()
            if any(n in low for n in NOT_MODEL) or "dataset" in low or "optimizer" in low:
                continue
            return True
        for cls in T.class_scopes(ctx).get(last, []):
            if T.class_kind(ctx, cls) == "model":
                return True
    return False


def _add_flag(ctx, call):
    args = list(call.node.args)
    if not args:
        return None
    last = args[-1]
    _, end = T.span(ctx, last.value)
    return Fix("Pass training=True", [Edit(", training=True", end, end)])


def _passes_flag(call) -> bool:
    """``training=`` or the model's own name for it (``is_training=``, ``train=``)."""
    return any(T._TRAINING_WORD.search(k) for k in call.keywords)
