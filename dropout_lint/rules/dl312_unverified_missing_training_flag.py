from dropout_lint.rule import Invalid, Rule, example as _ex


class UnverifiedMissingTrainingFlag(Rule):
    """Opt-in: a call that looks like a model called without `training=` while training, where DL302 could not show the bug.

    ## What it does
    Reports the calls DL302 looks at (a name or attribute that may be a model, called without
    `training=` inside a `GradientTape` block or a `train_step`) for which the analysis could
    not establish every premise of DL302: that the object is a Keras model, that it contains a
    layer reading `training` (Dropout, BatchNormalization, noise, random augmentation...), that
    nothing else already puts it in training mode, and that the step optimises its variables.
    The message names the premise that could not be shown. Off by default: enable it with
    `extend-select = ["DL312"]` to review the suspicions, for example when the model is built in
    another module.

    ## Why is this bad?
    When the object really is a model with Dropout or BatchNormalization, calling it without
    `training=True` trains it in inference mode (see DL302). Often it is not: a model of Dense
    layers only, a frozen feature extractor, a plain function. That is why this rule is opt-in.

    ## Example
    ```python
    from project.models import build_model   # dropout-lint cannot see what it builds
    model = build_model()
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    ```

    ## Use instead
    ```python
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    ```

    ## When it stays silent
    In a file that imports PyTorch or JAX / Flax and neither TensorFlow nor Keras. Wherever DL302
    reports (all its premises hold) and wherever the code shows that the premise
    fails for every object the call may see (a model of Dense / Conv / pooling layers only, a
    `tf.Module`, a plain class), and on every silence of DL302's candidate search (losses,
    metrics, optimizers, frozen models, calls passing `training=` or `**kwargs`).

    ## Fix
    None: the premise is not shown, so the change is left to you.

    ## References
    - DL302 (`dropout-lint --explain DL302`).
    """

    code = "DL312"
    name = "unverified-missing-training-flag"
    severity = "info"
    default = False
    requires = ("GradientTape", "train_step")

    valid = [
        # DL302's own finding is not repeated here
        _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(0.2)])
            def step(x):
                with tf.GradientTape() as tape:
                    y = m(x)
                opt.apply_gradients(zip(tape.gradient(y, m.trainable_variables), m.trainable_variables))
        """),
        # every layer is known to ignore the flag
        _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dense(1)])
            def step(x):
                with tf.GradientTape() as tape:
                    y = m(x)
                opt.apply_gradients(zip(tape.gradient(y, m.trainable_variables), m.trainable_variables))
        """),
        # the flag is passed
        _ex("""
            import tensorflow as tf
            def step(model, x):
                with tf.GradientTape() as tape:
                    y = model(x, training=True)
                opt.apply_gradients(zip(tape.gradient(y, model.trainable_variables), model.trainable_variables))
        """),
        # a loss is not a model
        _ex("""
            import tensorflow as tf
            def step(model, x, y):
                with tf.GradientTape() as tape:
                    loss = loss_fn(y, model(x, training=True))
                opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        """),
        # a tf.Module has no training argument
        _ex("""
            import tensorflow as tf
            class MLP(tf.Module):
                def __call__(self, x):
                    return x
            def step(x):
                net = MLP()
                with tf.GradientTape() as tape:
                    y = net(x)
                opt.apply_gradients(zip(tape.gradient(y, net.trainable_variables), net.trainable_variables))
        """),
        # a frozen model
        _ex("""
            import tensorflow as tf
            def step(teacher, student, x):
                with tf.GradientTape() as tape:
                    t = teacher(x)
                    s = student(x, training=True)
                opt.apply_gradients(zip(tape.gradient(s, student.trainable_variables), student.trainable_variables))
        """),
        # saliency: not a training tape
        _ex("""
            import tensorflow as tf
            def saliency(model, image):
                with tf.GradientTape() as tape:
                    tape.watch(image)
                    pred = model(image)
                return tape.gradient(pred, image)
        """),
        # a constructor, a library function and a model's fit method are no forward calls
        _ex("""
            import tensorflow as tf
            from tensorflow import keras
            def train_step(inputs, outputs, data):
                net = keras.Model(inputs=inputs, outputs=outputs)
                net = tf.distribute.experimental.keras_to_model(net)
                net.compile("adam", loss="mse")
                net.fit_generator(data, steps_per_epoch=10)
        """),
        # PyTorch: the step sets the mode with model.train(); there is no training= to pass
        _ex("""
            import torch
            def train_step(model, batch, optimizer):
                model.train()
                loss = model(batch).mean()
                loss.backward()
                optimizer.step()
        """),
        # **kwargs may carry the flag
        _ex("""
            import tensorflow as tf
            def step(model, x, **kw):
                with tf.GradientTape() as tape:
                    y = model(x, **kw)
                opt.apply_gradients(zip(tape.gradient(y, model.trainable_variables), model.trainable_variables))
        """),
    ]
    invalid = [
        Invalid(
            _ex("""
            import tensorflow as tf
            def step(model, x, y):
                with tf.GradientTape() as tape:
                    logits = model(x)
                grads = tape.gradient(loss_fn(y, logits), model.trainable_variables)
                opt.apply_gradients(zip(grads, model.trainable_variables))
        """),
            line=4,
            contains="could not show that it is a Keras model",
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            from models import build_model
            model = build_model()
            with tf.GradientTape() as tape:
                out = model(batch)
            opt.apply_gradients(zip(tape.gradient(out, model.trainable_variables), model.trainable_variables))
        """),
            line=5,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            class Trainer:
                def step(self, x):
                    with tf.GradientTape() as tape:
                        z = self.encoder(x)
                    self.opt.minimize(z, self.encoder.trainable_variables)
        """),
            line=5,
        ),
        # the model reads the flag, but the step does not optimise it
        Invalid(
            _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(0.2)])
            head = tf.keras.Sequential([tf.keras.layers.Dense(1)])
            def step(x):
                with tf.GradientTape() as tape:
                    y = head(m(x))
                opt.apply_gradients(zip(tape.gradient(y, head.trainable_variables), head.trainable_variables))
        """),
            line=6,
            contains="optimises its variables",
        ),
        # call() defaults to training=True
        Invalid(
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
            opt.apply_gradients(zip(tape.gradient(y, net.trainable_variables), net.trainable_variables))
        """),
            line=11,
            contains="defaults to training=True",
        ),
        # GAN networks whose layers the file does not show
        Invalid(
            _ex("""
            import tensorflow as tf
            @tf.function
            def train_step(images, noise):
                with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
                    fake = generator(noise)
                    real_out = discriminator(images)
                g = gen_tape.gradient(gl, generator.trainable_variables)
                opt.apply_gradients(zip(g, generator.trainable_variables))
        """),
            count=2,
            line=5,
        ),
        # a Keras 3 train_step on a subclass of a class from another module
        Invalid(
            _ex("""
            from mylib import BaseModel
            class Child(BaseModel):
                def train_step(self, data):
                    x, y = data
                    y_pred = self(x)
                    self.optimizer.apply(grads, self.trainable_weights)
        """),
            line=5,
        ),
        # a noise layer that ignores the flag is not shown to read it
        Invalid(
            _ex("""
            import tensorflow as tf
            from tensorflow import keras
            model = keras.Sequential([keras.layers.Dense(5), keras.layers.Lambda(lambda x: x + tf.random.normal(tf.shape(x)))])
            def step(x):
                with tf.GradientTape() as tape:
                    y = model(x)
                return tape.gradient(y, model.trainable_variables)
        """),
            line=6,
        ),
    ]

    def check(self, ctx) -> None:
        from dropout_lint.rules.dl302_missing_training_flag import assess

        for call, what, unproven, _ in assess(ctx):
            if unproven is not None:
                ctx.report(
                    call,
                    f"{what} is called without `training=` while training, but dropout-lint could not show "
                    f"{unproven} (DL302's premise); if it has Dropout or BatchNormalization, pass training=True",
                )
