"""Op-level data flow (issue 10): DL101, DL102, DL103, DL201 and DL202 on code that calls ops
(``tf.nn.dropout``, ``tf.layers.*``, ``tf.compat.v1.layers.*``, ``keras.ops``, ``keras.random``)
instead of building layer objects, in TF1 and TF2 style.

Each case is (source, expected rows of the rule's findings); an empty list is a valid example.
"""

from __future__ import annotations

import json
import textwrap

import pytest


from conftest import FIXTURES, run_cli
from dl_testkit import lint_source


def lint(code: str, rule: str):
    return [f for f in lint_source(code, {rule}, filename="ops.py") if f.code == rule]


def src(code: str) -> str:
    return textwrap.dedent(code).lstrip("\n")


# ---- DL101: dropout on the value used as logits / predictions ---------------------------------
DL101_INVALID = [
    # TF1: dropout on the logits fed to a cross-entropy
    (
        src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 784])
        y = tf.placeholder(tf.float32, [None, 10])
        h = tf.layers.dense(x, 256, activation=tf.nn.relu)
        logits = tf.layers.dropout(tf.layers.dense(h, 10), rate=0.5, training=True)
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
    """),
        [5],
    ),
    # TF2: dropout between the logits and the softmax
    (
        src("""
        import tensorflow as tf
        @tf.function
        def predict(x, w):
            logits = tf.matmul(x, w)
            return tf.nn.softmax(tf.nn.dropout(logits, rate=0.3))
    """),
        [5],
    ),
    # keras.ops / keras.random: the function's result is the loss's y_pred
    (
        src("""
        import keras
        from keras import ops
        def forward(x, w):
            h = ops.relu(ops.matmul(x, w))
            return keras.random.dropout(h, 0.2)
        y_pred = forward(inputs, weights)
        loss = keras.losses.categorical_crossentropy(y_true, y_pred)
    """),
        [5],
    ),
    # tf.compat.v1 layers, through a reshape, into tf.compat.v1.losses
    (
        src("""
        import tensorflow as tf
        def model_fn(features, labels, mode):
            net = tf.compat.v1.layers.dense(features["x"], 64, activation=tf.nn.relu)
            net = tf.compat.v1.layers.dense(net, 10)
            logits = tf.reshape(tf.compat.v1.layers.dropout(net, 0.4, training=True), [-1, 10])
            return tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    """),
        [5],
    ),
    # a Keras Dropout layer applied op-style, fed to a loss object
    (
        src("""
        import tensorflow as tf
        loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        def train_step(x, y, w):
            with tf.GradientTape() as tape:
                logits = tf.keras.layers.Dropout(0.5)(tf.matmul(x, w), training=True)
                loss = loss_fn(y, logits)
    """),
        [5],
    ),
    # tf.contrib.layers.dropout (keep_prob) on the hypothesis of a TF1 script
    (
        src("""
        import tensorflow as tf
        from tensorflow.contrib.layers import fully_connected, dropout
        X = tf.placeholder(tf.float32, [None, 784])
        h = fully_connected(X, 512)
        hypothesis = dropout(fully_connected(h, 10, activation_fn=None), 0.7)
        cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=hypothesis, labels=Y))
    """),
        [5],
    ),
    # inline into a sigmoid cross-entropy, TF2 keyword style
    (
        src("""
        import tensorflow as tf
        def loss(z, y):
            return tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=tf.nn.dropout(z, rate=0.1))
    """),
        [3],
    ),
    # keras.ops softmax of a keras.random dropout
    (
        src("""
        from keras import ops, random
        def classify(h, w):
            logits = random.dropout(ops.matmul(h, w), rate=0.25)
            return ops.softmax(logits)
    """),
        [3],
    ),
]

DL101_VALID = [
    # Issue 13: only a name (`conv_net`, `self.logits`, `inference` returning `logits`) says these
    # are outputs; DL111 (opt-in) reports them, DL101 does not
    # TF1 model function returning dropout as its output
    src("""
        import tensorflow as tf
        def conv_net(x, keep_prob):
            h = tf.layers.conv2d(x, 32, 5, activation=tf.nn.relu)
            h = tf.layers.flatten(h)
            out = tf.layers.dense(h, 10)
            return tf.nn.dropout(out, keep_prob)
    """),
    # TF1 model class: the dropout is what self.logits holds, and nothing uses it further
    src("""
        import tensorflow as tf
        class TextCNN:
            def __init__(self, n):
                self.input_x = tf.placeholder(tf.float32, [None, n])
                self.dropout_keep_prob = tf.placeholder(tf.float32)
                h = tf.layers.dense(self.input_x, 10)
                self.logits = tf.nn.dropout(h, self.dropout_keep_prob)
    """),
    # tf.cond: the training branch drops the returned logits
    src("""
        import tensorflow as tf
        def inference(images, is_training):
            logits = tf.layers.dense(tf.layers.flatten(images), 10)
            logits = tf.cond(is_training, lambda: tf.nn.dropout(logits, rate=0.5), lambda: logits)
            return logits
    """),
    # TF1: dropout on the hidden layer, the logits come from a dense layer
    src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 784])
        keep_prob = tf.placeholder(tf.float32)
        h = tf.nn.relu(tf.layers.dense(x, 256))
        h = tf.nn.dropout(h, keep_prob)
        logits = tf.layers.dense(h, 10)
        loss = tf.losses.softmax_cross_entropy(y, logits)
    """),
    # attention dropout after the softmax is the usual transformer recipe
    src("""
        import tensorflow as tf
        def attention(q, k, v, rate):
            weights = tf.nn.softmax(tf.matmul(q, k, transpose_b=True))
            weights = tf.nn.dropout(weights, rate=rate)
            return tf.matmul(weights, v)
    """),
    # a helper block that ends in dropout is not a model
    src("""
        import tensorflow as tf
        def dense_dropout(x, units, rate, training):
            h = tf.layers.dense(x, units, activation=tf.nn.relu)
            return tf.layers.dropout(h, rate=rate, training=training)
    """),
    # a model-like function whose dropout output feeds a classifier layer at its call site
    src("""
        import tensorflow as tf
        def conv_net(x):
            h = tf.layers.flatten(tf.layers.conv2d(x, 8, 3))
            return tf.nn.dropout(h, rate=0.5)
        logits = tf.layers.dense(conv_net(images), 10)
        loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    """),
    # keras.ops: dropout before the last matmul
    src("""
        import keras
        from keras import ops
        def forward(x, w1, w2):
            h = keras.random.dropout(ops.relu(ops.matmul(x, w1)), 0.3)
            return ops.softmax(ops.matmul(h, w2))
    """),
    # sampled softmax takes the hidden layer (inputs=), not logits
    src("""
        import tensorflow as tf
        h = tf.nn.dropout(tf.nn.relu(tf.matmul(x, w)), rate=0.2)
        loss = tf.nn.sampled_softmax_loss(weights, biases, labels, inputs=h, num_sampled=64, num_classes=1000)
    """),
    # PyTorch is not TensorFlow
    src("""
        import torch.nn.functional as F
        logits = F.dropout(x, p=0.5)
        loss = F.cross_entropy(logits, y)
    """),
    # denoising autoencoder: dropout corrupts the input, the target is the clean input
    src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 784])
        noisy = tf.nn.dropout(x, rate=0.2)
        decoded = tf.layers.dense(tf.layers.dense(noisy, 32, activation=tf.nn.relu), 784)
        loss = tf.losses.mean_squared_error(x, decoded)
    """),
    # a function that ends in dropout and is called in the module (here from a class defined
    # before it) hands its result on: it is not the model's output
    src("""
        import tensorflow as tf
        class VQA:
            def body(self, features, hp):
                output = mlp(features, hp)
                return tf.layers.dense(output, 10)
        def mlp(feature, hp):
            for _ in range(hp.layers):
                feature = tf.layers.dense(feature, 512, activation=tf.nn.relu)
                feature = tf.nn.dropout(feature, keep_prob=1.0 - hp.dropout)
            return feature
    """),
    # contrib dropout before the logits layer, contrib batch norm inside fully_connected
    src("""
        import tensorflow as tf
        from tensorflow.contrib.layers import fully_connected, batch_norm, dropout
        h = fully_connected(X, 512, normalizer_fn=batch_norm)
        h = dropout(h, 0.7, is_training=train_mode)
        logits = fully_connected(h, 10, activation_fn=None)
        cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=logits, labels=Y))
    """),
    # dropout on the labels side of a loss is not the prediction
    src("""
        import tensorflow as tf
        logits = tf.layers.dense(h, 10)
        smoothed = tf.nn.dropout(onehot, rate=0.1)
        loss = tf.nn.softmax_cross_entropy_with_logits(labels=smoothed, logits=logits)
    """),
]

# ---- DL102: dropout reaching batch norm ---------------------------------------------------
DL102_INVALID = [
    (
        src("""
        import tensorflow as tf
        @tf.function
        def block(h, mean, var):
            h = tf.nn.dropout(h, rate=0.2)
            h = tf.nn.relu(h)
            return tf.nn.batch_normalization(h, mean, var, None, None, 1e-3)
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        def block(x, t):
            return tf.compat.v1.layers.batch_normalization(tf.compat.v1.layers.dropout(x, 0.3, training=t), training=t)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def block(h):
            h = tf.keras.layers.Dropout(0.3)(tf.nn.relu(h))
            return tf.keras.layers.BatchNormalization()(h, training=True)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def block(h, train):
            h = tf.cond(train, lambda: tf.nn.dropout(h, rate=0.5), lambda: h)
            return tf.layers.batch_normalization(h, training=train)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def block(h, training):
            h = tf.nn.dropout(h, rate=0.5) if training else h
            return tf.contrib.layers.batch_norm(h)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 28, 28, 1])
        t = tf.placeholder(tf.bool)
        conv = tf.layers.conv2d(x, 64, 3)
        d = tf.layers.dropout(conv, 0.25, training=t)
        flat = tf.reshape(d, [-1, 26 * 26 * 64])
        bn = tf.layers.batch_normalization(flat, training=t)
    """),
        [5],
    ),
    # through a helper's return value
    (
        src("""
        import tensorflow as tf
        def drop(x, t):
            return tf.layers.dropout(x, 0.3, training=t)
        def net(h, t):
            return tf.layers.batch_normalization(drop(h, t), training=t)
    """),
        [3],
    ),
    (
        src("""
        import keras
        def block(x):
            x = keras.random.dropout(x, 0.2)
            x = keras.ops.gelu(x)
            return keras.layers.BatchNormalization()(x)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def block(x, scale, offset):
            y, _, _ = tf.nn.fused_batch_norm(tf.identity(tf.nn.dropout(x, rate=0.1)), scale, offset)
            return y
    """),
        [3],
    ),
]

DL102_INVALID += [
    # into a batch-norm helper: the call site's argument reaches the helper's parameter
    (
        src("""
        import tensorflow as tf
        def bn(x, is_training):
            return tf.contrib.layers.batch_norm(x, is_training=is_training)
        def net(h, keep_prob, is_training):
            h = tf.layers.dense(h, 100)
            h = tf.nn.dropout(h, keep_prob)
            h = bn(h, is_training)
            return tf.layers.dense(h, 10)
    """),
        [6],
    ),
    (
        src("""
        import tensorflow as tf
        def norm_relu(x, training):
            return tf.nn.relu(tf.compat.v1.layers.batch_normalization(x, training=training))
        def model(x, training):
            return norm_relu(x=tf.compat.v1.layers.dropout(x, 0.2, training=training), training=training)
    """),
        [5],
    ),
]

DL102_INVALID += [
    (
        src("""
        import tensorflow as tf
        from tensorflow.contrib.layers import batch_norm
        def Batch_Normalization(x, training, scope):
            return tf.cond(training,
                           lambda: batch_norm(inputs=x, is_training=training, reuse=None),
                           lambda: batch_norm(inputs=x, is_training=training, reuse=True))
        def Drop_out(x, rate, training):
            return tf.layers.dropout(inputs=x, rate=rate, training=training)
        class Net:
            def bottleneck(self, x):
                x = Drop_out(x, rate=0.2, training=self.training)
                x = Batch_Normalization(x, training=self.training, scope="bn2")
                return x
    """),
        [8],
    ),
]

DL102_VALID = [
    src("""
        import tensorflow as tf
        def block(h, mean, var):
            h = tf.nn.batch_normalization(h, mean, var, None, None, 1e-3)
            return tf.nn.dropout(tf.nn.relu(h), rate=0.2)
    """),
    src("""
        import tensorflow as tf
        def block(x, t):
            h = tf.layers.dropout(x, 0.3, training=t)
            h = tf.layers.dense(h, 64)
            return tf.layers.batch_normalization(h, training=t)
    """),
    src("""
        import tensorflow as tf
        def block(x, t):
            h = tf.compat.v1.layers.dropout(x, 0.3, training=t)
            h = tf.compat.v1.layers.conv2d(h, 32, 3)
            return tf.compat.v1.layers.batch_normalization(h, training=t)
    """),
    src("""
        import tensorflow as tf
        def block(x, w, b):
            h = tf.nn.dropout(x, rate=0.5)
            h = tf.matmul(h, w) + b
            return tf.layers.batch_normalization(h)
    """),
    # siblings: dropout and batch norm of the same tensor
    src("""
        import tensorflow as tf
        def two_heads(x):
            a = tf.nn.dropout(x, rate=0.5)
            b = tf.layers.batch_normalization(x)
            return a, b
    """),
    src("""
        import keras
        from keras import ops
        def block(x, w):
            x = keras.random.dropout(x, 0.2)
            x = ops.matmul(x, w)
            return keras.layers.BatchNormalization()(x)
    """),
    src("""
        import torch.nn.functional as F
        def block(x, mean, var):
            return F.batch_norm(F.dropout(x, 0.5), mean, var)
    """),
    # pooling changes the values, not only the shape
    src("""
        import tensorflow as tf
        def block(x, t):
            h = tf.layers.dropout(x, 0.25, training=t)
            h = tf.layers.max_pooling2d(h, 2, 2)
            return tf.layers.batch_normalization(h, training=t)
    """),
]

# ---- DL103: dropout of dropout ------------------------------------------------------------
DL103_INVALID = [
    (
        src("""
        import tensorflow as tf
        def f(x):
            return tf.nn.dropout(tf.nn.dropout(x, rate=0.2), rate=0.3)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def f(x, t):
            h = tf.layers.dropout(x, 0.5, training=t)
            h = tf.layers.dropout(h, 0.5, training=t)
            return h
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        def f(x, kp):
            h = tf.compat.v1.nn.dropout(x, keep_prob=kp)
            return tf.nn.dropout(h, rate=0.1)
    """),
        [4],
    ),
    (
        src("""
        import keras
        def f(x):
            x = keras.random.dropout(x, 0.1)
            return keras.random.dropout(x, 0.1)
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        def f(h, t):
            h = tf.nn.dropout(h, rate=0.1)
            return tf.cond(t, lambda: tf.nn.dropout(h, rate=0.1), lambda: h)
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        def drop(h):
            return tf.nn.dropout(h, rate=0.5)
        y = tf.nn.dropout(drop(x), rate=0.5)
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        def f(x):
            return tf.keras.layers.Dropout(0.2)(tf.nn.dropout(x, rate=0.2))
    """),
        [3],
    ),
    # TF1 positional keep_prob: the rates are not guessed, the finding stays
    (
        src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 10])
        h = tf.nn.dropout(tf.nn.dropout(x, 0.8), 0.8)
    """),
        [3],
    ),
    # TF2 positional rate: compounded in the message
    (
        src("""
        import tensorflow as tf
        @tf.function
        def f(x):
            return tf.nn.dropout(tf.nn.dropout(x, 0.5), 0.5)
    """),
        [4],
    ),
]

DL102_VALID += [
    # the helper normalises first, the dropout comes after it
    src("""
        import tensorflow as tf
        def bn_drop(x, training):
            h = tf.layers.batch_normalization(x, training=training)
            return tf.layers.dropout(h, 0.3, training=training)
        def net(x, training):
            h = bn_drop(tf.layers.conv2d(x, 32, 3), training)
            h = tf.layers.conv2d(h, 64, 3)
            return bn_drop(h, training)
    """),
]

DL103_VALID = [
    src("""
        import tensorflow as tf
        def f(x, t):
            h = tf.layers.dropout(x, 0.5, training=t)
            h = tf.layers.dense(h, 64)
            return tf.layers.dropout(h, 0.5, training=t)
    """),
    src("""
        import tensorflow as tf
        def f(a, b):
            return tf.concat([tf.nn.dropout(a, rate=0.1), tf.nn.dropout(b, rate=0.1)], 1)
    """),
    src("""
        import tensorflow as tf
        def f(x, t):
            h = tf.layers.dense(x, 8)
            return tf.cond(t, lambda: tf.nn.dropout(h, rate=0.1), lambda: h)
    """),
    src("""
        import keras
        from keras import ops
        def f(x, w):
            x = keras.random.dropout(x, 0.1)
            x = ops.matmul(x, w)
            return keras.random.dropout(x, 0.1)
    """),
    # one helper called twice: its two uses are not linked through the parameter
    src("""
        import tensorflow as tf
        def drop(h):
            return tf.nn.dropout(h, rate=0.5)
        a = drop(x)
        b = drop(tf.layers.dense(a, 4))
    """),
    src("""
        import tensorflow as tf
        def f(x):
            a = tf.nn.dropout(x, rate=0.2)
            b = tf.nn.dropout(x, rate=0.2)
            return a + b
    """),
    src("""
        import torch.nn.functional as F
        y = F.dropout(F.dropout(x, 0.5), 0.5)
    """),
    src("""
        import tensorflow as tf
        def f(x, training):
            return tf.nn.dropout(x, rate=0.3) if training else tf.nn.dropout(x, rate=0.1)
    """),
]

# ---- DL201 / DL202: rates of ops; TF1 positional keep_prob is never read as a rate -------------
DL201_INVALID = [
    (
        src("""
        import tensorflow as tf
        h = tf.layers.dropout(x, rate=1.0, training=True)
    """),
        [2],
    ),
    (
        src("""
        import tensorflow as tf
        h = tf.nn.dropout(x, rate=-0.1)
    """),
        [2],
    ),
    (
        src("""
        import keras
        h = keras.random.dropout(x, 1.2)
    """),
        [2],
    ),
    (
        src("""
        import tensorflow as tf
        h = tf.compat.v1.layers.dropout(x, 1.0, training=t)
    """),
        [2],
    ),
    (
        src("""
        import tensorflow as tf
        @tf.function
        def f(x):
            return tf.nn.dropout(x, 1.5)
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        RATE = 1
        h = tf.layers.dropout(x, RATE, training=t)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def net(x, rate):
            return tf.nn.dropout(x, rate=rate)
        net(x, 1.0)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        h = tf.compat.v1.nn.dropout(x, rate=1.0)
    """),
        [2],
    ),
]

DL201_VALID = [
    # TF1: the second positional is keep_prob; 1.0 keeps every unit
    src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 10])
        h = tf.nn.dropout(x, 1.0)
    """),
    # unknown dialect: a positional value is not read as a rate
    src("""
        import tensorflow as tf
        h = tf.nn.dropout(x, 1.0)
    """),
    src("""
        import tensorflow as tf
        h = tf.compat.v1.nn.dropout(x, 1.0)
    """),
    src("""
        import tensorflow as tf
        h = tf.layers.dropout(x, rate=0.0, training=t)
    """),
    src("""
        import keras
        h = keras.random.dropout(x, 0.5)
    """),
    src("""
        import tensorflow as tf
        h = tf.nn.dropout(x, keep_prob=1.0)
    """),
    src("""
        import tensorflow as tf
        h = tf.nn.dropout(x, rate=p)
    """),
    src("""
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        h = tf.nn.dropout(x, 1.0)
    """),
]

DL202_INVALID = [
    (
        src("""
        import tensorflow as tf
        h = tf.layers.dropout(x, rate=0.9, training=t)
    """),
        [2],
    ),
    (
        src("""
        import tensorflow as tf
        def step(x):
            with tf.GradientTape() as tape:
                return tf.nn.dropout(x, 0.9)
    """),
        [4],
    ),
    (
        src("""
        import keras
        h = keras.random.dropout(x, rate=0.85)
    """),
        [2],
    ),
    (
        src("""
        import tensorflow as tf
        h = tf.compat.v1.layers.dropout(x, 0.95, training=t)
    """),
        [2],
    ),
    (
        src("""
        import keras
        h = keras.ops.relu(x)
        h = keras.random.dropout(h, 0.9)
    """),
        [3],
    ),
    (
        src("""
        import tensorflow as tf
        def mlp(x, rate, t):
            h = tf.layers.dense(x, 64)
            return tf.layers.dropout(h, rate, training=t)
        mlp(x, 0.9, True)
    """),
        [4],
    ),
    (
        src("""
        import tensorflow as tf
        h = tf.compat.v1.nn.dropout(x, rate=0.9)
    """),
        [2],
    ),
    (
        src("""
        import tensorflow as tf
        h = tf.keras.layers.Dropout(0.9)(tf.nn.relu(x))
    """),
        [2],
    ),
]

DL202_VALID = [
    # TF1: keep_prob 0.9 drops 10%
    src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32, [None, 10])
        h = tf.nn.dropout(x, 0.9)
    """),
    src("""
        import tensorflow as tf
        h = tf.nn.dropout(x, 0.9)
    """),
    src("""
        import tensorflow as tf
        h = tf.compat.v1.nn.dropout(x, 0.9)
    """),
    src("""
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
        h = tf.nn.dropout(x, 0.9)
    """),
    src("""
        import tensorflow as tf
        h = tf.layers.dropout(x, rate=0.5, training=t)
    """),
    src("""
        import keras
        h = keras.random.dropout(x, 0.3)
    """),
    src("""
        import tensorflow as tf
        sess = tf.Session()
        h = tf.nn.dropout(x, keep_prob=0.9)
    """),
    # markers of both TF1 and TF2: unknown, the positional is not read
    src("""
        import tensorflow as tf
        x = tf.placeholder(tf.float32)
        @tf.function
        def f(x):
            return tf.nn.dropout(x, 0.9)
    """),
]

CASES = {
    "DL101": (DL101_INVALID, DL101_VALID),
    "DL102": (DL102_INVALID, DL102_VALID),
    "DL103": (DL103_INVALID, DL103_VALID),
    "DL201": (DL201_INVALID, DL201_VALID),
    "DL202": (DL202_INVALID, DL202_VALID),
}

INVALID = [(rule, code, rows) for rule, (inv, _) in CASES.items() for code, rows in inv]
VALID = [(rule, code) for rule, (_, val) in CASES.items() for code in val]


@pytest.mark.parametrize("rule", sorted(CASES))
def test_enough_op_examples(rule):
    invalid, valid = CASES[rule]
    assert len(invalid) >= 8 and len(valid) >= 8


@pytest.mark.parametrize("rule,code,rows", INVALID, ids=[f"{r}-invalid-{i}" for i, (r, _, _) in enumerate(INVALID)])
def test_invalid_op_code(rule, code, rows):
    found = lint(code, rule)
    assert [f.start.row for f in found] == rows, f"{rule} on:\n{code}\n{[(f.start, f.message) for f in found]}"


@pytest.mark.parametrize("rule,code", VALID, ids=[f"{r}-valid-{i}" for i, (r, _) in enumerate(VALID)])
def test_valid_op_code(rule, code):
    found = lint(code, rule)
    assert found == [], f"{rule} flagged:\n{code}\n{[(f.start, f.message) for f in found]}"


# ---- the LeNet of the issue -------------------------------------------------------------------
LENET = src("""
    import tensorflow as tf

    def lenet(x, training):
        conv1 = tf.layers.conv2d(x, 6, 5, activation=tf.nn.relu)
        pool1 = tf.layers.max_pooling2d(conv1, 2, 2)
        {a1}
        {b1}
        conv2 = tf.layers.conv2d({out1}, 16, 5, activation=tf.nn.relu)
        pool2 = tf.layers.max_pooling2d(conv2, 2, 2)
        {a2}
        {b2}
        flat = tf.layers.flatten({out2})
        fc1 = tf.layers.dense(flat, 120, activation=tf.nn.relu)
        {a3}
        {b3}
        logits = tf.layers.dense({out3}, 10)
        return logits

    images = tf.placeholder(tf.float32, [None, 28, 28, 1])
    labels = tf.placeholder(tf.int64, [None])
    is_training = tf.placeholder(tf.bool)
    logits = lenet(images, is_training)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
""")


def _lenet(dropout_first: bool) -> str:
    fill = {}
    for i, prev in ((1, "pool1"), (2, "pool2"), (3, "fc1")):
        drop = f"reg{i} = tf.layers.dropout(inputs={{src}}, rate=0.35, training=training)"
        norm = f"norm{i} = tf.layers.batch_normalization({{src}}, training=training)"
        if dropout_first:
            fill[f"a{i}"], fill[f"b{i}"], fill[f"out{i}"] = (
                drop.format(src=prev),
                norm.format(src=f"reg{i}"),
                f"norm{i}",
            )
        else:
            fill[f"a{i}"], fill[f"b{i}"], fill[f"out{i}"] = (
                norm.format(src=prev),
                drop.format(src=f"norm{i}"),
                f"reg{i}",
            )
    return LENET.format(**fill)


def test_lenet_dropout_before_batchnorm_three_times():
    code = _lenet(dropout_first=True)
    found = lint(code, "DL102")
    assert [f.start.row for f in found] == [6, 10, 14], [(f.start, f.message) for f in found]
    assert all("batch_normalization" in f.message for f in found)
    # nothing else in the model is wrong
    for rule in ("DL101", "DL103", "DL201", "DL202"):
        assert lint(code, rule) == []


def test_lenet_batchnorm_before_dropout_is_clean():
    code = _lenet(dropout_first=False)
    assert "norm1 = tf.layers.batch_normalization(pool1" in code
    for rule in ("DL101", "DL102", "DL103", "DL201", "DL202"):
        assert lint(code, rule) == [], rule


def test_lenet_with_dropout_on_the_logits_is_dl101():
    code = _lenet(dropout_first=False).replace(
        "logits = tf.layers.dense(reg3, 10)",
        "logits = tf.layers.dropout(tf.layers.dense(reg3, 10), 0.5, training=training)",
    )
    found = lint(code, "DL101")
    assert [f.start.row for f in found] == [16]
    assert "tf.losses.sparse_softmax_cross_entropy" in found[0].message and "line 23" in found[0].message


def test_dl101_op_message_names_the_consumer():
    code = DL101_INVALID[0][0]
    (f,) = lint(code, "DL101")
    assert f.message.startswith("tf.layers.dropout after `tf.layers.dense` produces the logits fed to")
    assert "tf.nn.softmax_cross_entropy_with_logits" in f.message
    assert f.fix is None  # an op call is not a list element: nothing is removed automatically


def test_dl103_tf2_positional_rates_compound():
    (f,) = lint(DL103_INVALID[-1][0], "DL103")
    assert "0.75" in f.message
    (g,) = lint(DL103_INVALID[-2][0], "DL103")  # TF1 keep_prob: no rates guessed
    assert "compound to" not in g.message


def test_dialect_markers():
    from libcst import parse_module

    from dropout_lint.analysis import analyze

    def d(code):
        return analyze(parse_module(src(code))).dialect

    assert d("import tensorflow as tf\nx = tf.placeholder(tf.float32)\n") == "tf1"
    assert d("import tensorflow as tf\nsess = tf.Session()\n") == "tf1"
    assert d("import tensorflow as tf\ny = tf.nn.dropout(x, keep_prob=0.5)\n") == "tf1"
    assert d("import tensorflow as tf\n@tf.function\ndef f(x):\n    return x\n") == "tf2"
    assert d("import keras\ny = keras.ops.relu(x)\n") == "tf2"
    assert d("import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\n") is None
    assert d("import tensorflow as tf\ny = tf.nn.dropout(x, 0.5)\n") is None
    assert (
        d("import tensorflow as tf\nx = tf.placeholder(tf.float32)\nwith tf.GradientTape() as t:\n    pass\n") is None
    )


def test_fixture_shows_op_level_findings(tmp_path):
    r = run_cli(str(FIXTURES / "ops_tf1.py"), "--output-format", "json")
    assert r.returncode == 1, r.stderr
    found = json.loads(r.stdout)
    codes = {f["code"] for f in found}
    assert {"DL101", "DL102", "DL103", "DL202"} <= codes, codes
    # every one of them is on an op call, not a Keras layer object
    src_lines = (FIXTURES / "ops_tf1.py").read_text().splitlines()
    for f in found:
        line = src_lines[f["location"]["row"] - 1]
        assert "tf." in line and "keras" not in line, (f, line)
