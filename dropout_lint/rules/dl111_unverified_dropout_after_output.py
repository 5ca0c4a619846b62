from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules.dl101_dropout_after_output import report_outputs


class UnverifiedDropoutAfterOutput(Rule):
    """Opt-in: op-level dropout on a value that only its name says is the model's output.

    ## What it does
    Reports a dropout op (`tf.nn.dropout`, `tf.layers.dropout`, `keras.random.dropout`...) whose
    result is what a function named like a whole model returns (`conv_net()`, `inference()`,
    `model_fn()`, when no code in the file calls it) or what a variable named like an output
    holds (`logits`, `predictions`, `self.y_pred`), and nothing in the file uses it further. DL101
    reports dropout on an output only when the code shows it is one: the value feeds a softmax,
    a sigmoid or a loss, or ends a Keras model. Here only a name says so, so this rule is off by
    default: enable it with `extend-select = ["DL111"]`, for example for TF1 code whose loss is
    built in another module.

    ## Why is this bad?
    When the value really is the model's output, the dropout corrupts the predictions during
    training (see DL101). Often it is not: a helper named `prenet()` or `encoder_net()` returns a
    hidden representation that other code stacks more layers on.

    ## Example
    ```python
    def conv_net(x, keep_prob):
        out = tf.layers.dense(tf.layers.flatten(x), 10)
        return tf.nn.dropout(out, keep_prob)
    ```

    ## Use instead
    ```python
    def conv_net(x, keep_prob):
        h = tf.nn.dropout(tf.layers.flatten(x), keep_prob)
        return tf.layers.dense(h, 10)
    ```

    ## When it stays silent
    Wherever DL101 reports (the output is shown, not named), when the function is called in the
    file (its callers decide what follows the value), when the value is used further, when the
    function or the variable is not named like an output, and inside Keras classes.

    ## Fix
    None offered: the premise is not shown, so the change is left to you.

    ## References
    - DL101 (`dropout-lint --explain DL101`).
    """

    code = "DL111"
    name = "unverified-dropout-after-output"
    severity = "info"
    default = False
    requires = ("ropout",)

    valid = [
        # DL101's own finding (the value feeds a softmax) is not repeated here
        _ex("""
            import tensorflow as tf
            def classify(h, w):
                logits = tf.nn.dropout(tf.matmul(h, w), rate=0.3)
                return tf.nn.softmax(logits)
        """),
        # the function is called here: its callers decide what follows
        _ex("""
            import tensorflow as tf
            def conv_net(x):
                return tf.nn.dropout(tf.layers.dense(x, 10), rate=0.5)
            h = tf.layers.dense(conv_net(inputs), 2)
        """),
        # not named like an output
        _ex("""
            import tensorflow as tf
            def hidden_block(x):
                h = tf.layers.dense(x, 256)
                return tf.nn.dropout(h, rate=0.5)
        """),
        # the value is used further
        _ex("""
            import tensorflow as tf
            logits = tf.nn.dropout(tf.layers.dense(x, 64), rate=0.5)
            scores = tf.layers.dense(logits, 10)
        """),
        # the dropout is not the last op of the returned value
        _ex("""
            import tensorflow as tf
            def conv_net(x):
                h = tf.nn.dropout(tf.layers.flatten(x), rate=0.5)
                return tf.layers.dense(h, 10)
        """),
        # a Keras class's methods: its own graph decides (DL101)
        _ex("""
            import tensorflow as tf
            class Head(tf.keras.layers.Layer):
                def model_output(self, x):
                    return tf.nn.dropout(x, rate=0.5)
        """),
        # a Keras model's last layer is DL101's
        _ex("""
            import keras
            model = keras.Sequential([keras.layers.Dense(10), keras.layers.Dense(2)])
        """),
        # no dropout at all
        _ex("""
            import tensorflow as tf
            def inference(x, w):
                logits = tf.matmul(x, w)
                return logits
        """),
    ]
    invalid = [
        Invalid(
            _ex("""
            import tensorflow as tf
            def conv_net(x, keep_prob):
                h = tf.layers.conv2d(x, 32, 5, activation=tf.nn.relu)
                out = tf.layers.dense(tf.layers.flatten(h), 10)
                return tf.nn.dropout(out, keep_prob)
        """),
            line=5,
            contains="`conv_net()` returns",
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            class TextCNN:
                def __init__(self, n):
                    self.input_x = tf.placeholder(tf.float32, [None, n])
                    h = tf.layers.dense(self.input_x, 10)
                    self.logits = tf.nn.dropout(h, 0.5)
        """),
            line=6,
            contains="bound to `self.logits`",
        ),
        # tf.cond: the training branch drops the returned logits
        Invalid(
            _ex("""
            import tensorflow as tf
            def inference(images, is_training):
                logits = tf.layers.dense(tf.layers.flatten(images), 10)
                logits = tf.cond(is_training, lambda: tf.nn.dropout(logits, rate=0.5), lambda: logits)
                return logits
        """),
            line=4,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            predictions = tf.nn.dropout(tf.layers.dense(features, 1), rate=0.2)
        """),
            line=2,
            contains="`predictions`",
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            def build_network(x):
                h = tf.layers.dense(x, 32, activation=tf.nn.relu)
                return tf.layers.dropout(tf.layers.dense(h, 4), rate=0.3, training=True)
        """),
            line=4,
        ),
        Invalid(
            _ex("""
            import keras
            from keras import ops
            def mlp_model(x, w):
                return keras.random.dropout(ops.matmul(x, w), 0.2)
        """),
            line=4,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            class Classifier:
                def __init__(self, x):
                    self.y_pred = tf.nn.dropout(tf.layers.dense(x, 3), rate=0.1)
        """),
            line=4,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            def model_fn(features, labels, mode):
                net = tf.compat.v1.layers.dense(features["x"], 10)
                logits = tf.compat.v1.layers.dropout(net, 0.4, training=True)
                return logits
        """),
            line=4,
        ),
    ]

    def check(self, ctx) -> None:
        report_outputs(ctx, by_name=True)
