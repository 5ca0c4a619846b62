"""The training/inference-mode rules (DL301-DL306) on the scenarios of issue 3, through the
engine and through the real command line."""

from __future__ import annotations

import json
import textwrap

import libcst as cst
import pytest

from conftest import FIXTURES
from dropout_lint.fixes import apply_edits
from dl_testkit import lint_source

DL3 = frozenset({"DL301", "DL302", "DL303", "DL304", "DL306"})


def lint(code: str, codes=DL3 | {"DL000"}, **options):
    return lint_source(code, codes, **options)


def rows(findings, code):
    return [f.start.row for f in findings if f.code == code]


def line_of(path, needle: str) -> int:
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


# ---- the tutorial's custom loop, as a fixture ------------------------------------------------
def test_custom_training_fixture(cli):
    path = FIXTURES / "custom_training.py"
    r = cli(str(path), "--select", "DL3", "--output-format", "json")
    assert r.returncode == 1, r.stderr
    found = sorted((f["code"], f["location"]["row"]) for f in json.loads(r.stdout))
    expected = sorted(
        [("DL301", line_of(path, "return model(x, training=True)"))]
        + [
            ("DL302", line_of(path, needle))
            for needle in (
                "fake_images = generator(noise)",
                "real_scores = discriminator(real_images)",
                "fake_scores = discriminator(fake_images)",
            )
        ]
    )
    # train_step (training=True), test_step (training=False), the guarded CustomDenseWithDropout,
    # the Monte-Carlo helper and the distillation teacher give nothing.
    assert found == expected


def test_fixture_with_legacy_mistakes_shows_303_304_306_once(cli):
    r = cli(str(FIXTURES / "training_mode_legacy.py"), "--select", "DL3", "--output-format", "json")
    codes = sorted(f["code"] for f in json.loads(r.stdout))
    assert codes == ["DL303", "DL304", "DL306"]


def test_fixtures_dir_shows_every_training_rule(cli):
    r = cli(str(FIXTURES), "--output-format", "json")
    codes = {f["code"] for f in json.loads(r.stdout)}
    assert DL3 <= codes


# ---- DL301 ---------------------------------------------------------------------------------
def test_wrong_prediction_is_flagged_with_the_noqa_hint_and_fixed():
    code = "def wrong_prediction(model, x):\n    return model(x, training=True)\n"
    (f,) = lint(code)
    assert f.code == "DL301" and "# noqa: DL301" in f.message
    fixed = apply_edits(code, f.fix.edits)
    assert fixed == code.replace("True", "False")
    cst.parse_module(fixed)
    # and the suggested marker silences it
    assert lint(code.replace("True)", "True)  # noqa: DL301")) == []


def test_monte_carlo_comprehension_gives_no_finding():
    assert (
        lint("""
        import numpy as np
        def predict_with_dropout(model, x, n=100):
            return np.mean([model(x, training=True) for _ in range(n)], axis=0)
    """)
        == []
    )


def test_loop_over_batches_is_not_monte_carlo():
    fs = lint("""
        def evaluate(model, ds):
            out = []
            for x, _ in ds:
                out.append(model(x, training=True))
            return out
    """)
    assert rows(fs, "DL301") == [5]


def test_hard_wired_functional_build():
    # a BatchNormalization hard-wired to training mode in the build; a Dropout the build keeps on
    # itself is its design (session 7: it was reported before), and takes the BN with it
    src = """
        import tensorflow as tf
        inputs = tf.keras.Input((16,))
        h = tf.keras.layers.Dense(16)(inputs)
        h = tf.keras.layers.BatchNormalization()(h, training=True)
        model = tf.keras.Model(inputs, h)
    """
    assert rows(lint(src), "DL301") == [5]
    kept_on = src.replace("model =", "h = tf.keras.layers.Dropout(0.5)(h, training=True)\n        model =")
    assert rows(lint(kept_on), "DL301") == []


def test_inference_patterns_option_via_pyproject(tmp_path, cli):
    (tmp_path / "m.py").write_text("def score(model, x):\n    return model(x, training=True)\n")
    assert cli("m.py", "--select", "DL301", cwd=tmp_path).returncode == 0
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\ninference-function-patterns = ["score*"]\n')
    r = cli("m.py", "--select", "DL301", cwd=tmp_path)
    assert r.returncode == 1 and "m.py:2:12: DL301" in r.stdout
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\ninference-function-patterns = "score*"\n')
    r = cli("m.py", cwd=tmp_path)
    assert r.returncode == 2 and "inference-function-patterns" in r.stderr and "Traceback" not in r.stderr


# ---- DL302 ---------------------------------------------------------------------------------
GAN = """
    import tensorflow as tf
    generator = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.BatchNormalization()])
    discriminator = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3)])
    @tf.function
    def train_step(images, noise):
        with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:
            generated = generator(noise)
            real_output = discriminator(images)
            fake_output = discriminator(generated, training=True)
            gen_loss = generator_loss(fake_output)
            disc_loss = discriminator_loss(real_output, fake_output)
        gen_grads = gen_tape.gradient(gen_loss, generator.trainable_variables)
        opt.apply_gradients(zip(gen_grads, generator.trainable_variables))
        disc_grads = disc_tape.gradient(disc_loss, discriminator.trainable_variables)
        opt.apply_gradients(zip(disc_grads, discriminator.trainable_variables))
"""


def test_gan_step_flags_generator_and_discriminator_but_not_losses():
    fs = lint(GAN)
    assert rows(fs, "DL302") == [8, 9]
    assert all(f.fix is not None for f in fs)
    fixed = apply_edits(textwrap.dedent(GAN), [e for f in fs for e in f.fix.edits])
    assert "generator(noise, training=True)" in fixed and "discriminator(images, training=True)" in fixed
    cst.parse_module(fixed)


def test_distillation_teacher_without_flag_is_not_flagged():
    assert (
        lint("""
        import tensorflow as tf
        class Distiller(tf.keras.Model):
            def train_step(self, data):
                x, y = data
                teacher_predictions = self.teacher(x)
                with tf.GradientTape() as tape:
                    student_predictions = self.student(x, training=True)
                    loss = self.distillation_loss_fn(teacher_predictions, student_predictions)
                self.optimizer.apply_gradients(zip(tape.gradient(loss, self.student.trainable_variables), self.student.trainable_variables))
    """)
        == []
    )


@pytest.mark.parametrize(
    "imp,base",
    [
        ("import tensorflow as tf", "tf.keras.Model"),
        ("from tensorflow import keras", "keras.Model"),
        ("import keras", "keras.models.Model"),
        ("import tf_keras", "tf_keras.Model"),
        ("from keras.models import Model as KModel", "KModel"),
        ("import tensorflow.keras as K2", "K2.Model"),
    ],
)
def test_self_in_model_subclass_through_every_path(imp, base):
    fs = lint(f"""
        {imp}
        import tensorflow as tf
        class Net({base}):
            def __init__(self):
                self.bn = tf.keras.layers.BatchNormalization()
            def my_step(self, x):
                with tf.GradientTape() as tape:
                    y = self(x)
                return tape.gradient(y, self.trainable_variables)
    """)
    assert rows(fs, "DL302") == [9]


def test_self_in_a_plain_class_is_not_a_model():
    assert (
        lint("""
        import tensorflow as tf
        class Helper:
            def step(self, x):
                with tf.GradientTape() as tape:
                    y = self(x)
                return tape.gradient(y, w.trainable_variables)
    """)
        == []
    )


# ---- DL303 ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "guard",
    [
        "if training:\n            x = tf.nn.dropout(x, 0.5)\n        return x",
        "if not training:\n            return x\n        return tf.nn.dropout(x, 0.5)",
        "return tf.nn.dropout(x, 0.5) if training else x",
        "return tf.cond(training, lambda: tf.nn.dropout(x, 0.5), lambda: x)",
        "return keras.ops.cond(training, lambda: tf.nn.dropout(x, 0.5), lambda: x)",
    ],
)
def test_dl303_guards(guard):
    code = (
        "import keras\nimport tensorflow as tf\nclass L(keras.layers.Layer):\n"
        "    def call(self, x, training=None):\n        " + guard + "\n"
    )
    cst.parse_module(code)
    assert lint(code, codes=DL3 | {"DL000"}) == []
    # the same code reading another flag is unguarded
    unguarded = (
        code.replace("training)", "self.flag)")
        .replace("training:", "self.flag:")
        .replace("if training else", "if self.flag else")
        .replace("cond(training", "cond(self.flag")
    )
    assert "training" not in unguarded.split("def call(self, x, training=None):")[1]
    assert len(rows(lint(unguarded), "DL303")) == 1


def test_dl303_subclass_of_subclass_in_module():
    fs = lint("""
        from tensorflow.keras import layers as L
        import tensorflow as tf
        class Base(L.Layer):
            pass
        class Mid(Base):
            pass
        class Leaf(Mid):
            def call(self, x):
                return tf.nn.dropout(x, 0.1)
    """)
    assert rows(fs, "DL303") == [10]


# ---- DL304 / DL306 -------------------------------------------------------------------------
def test_dl304_fix_removes_the_statement_and_leaves_parseable_code():
    # deprecated switches DL304 cannot show wrong are the opt-in DL314's; the fix is the same
    code = "from tensorflow import keras\n\ndef setup():\n    keras.backend.set_learning_phase(1)\n\nx = 1\nkeras.backend.set_learning_phase(0)\n"
    fs = lint(code, codes=DL3 | {"DL314"})
    assert rows(fs, "DL304") == []
    assert rows(fs, "DL314") == [4, 7]
    for f in fs:
        cst.parse_module(apply_edits(code, f.fix.edits))
    assert (
        apply_edits(code, fs[1].fix.edits)
        == "from tensorflow import keras\n\ndef setup():\n    keras.backend.set_learning_phase(1)\n\nx = 1\n"
    )


def test_dl306_positional_training_is_accepted():
    assert lint("import tensorflow as tf\nh = tf.compat.v1.layers.dropout(h, 0.5, None, None, True)\n") == []
    assert rows(lint("import tensorflow as tf\nh = tf.compat.v1.layers.dropout(h, 0.5)\n"), "DL306") == [2]


def test_rule_modules_do_not_import_libcst():
    import subprocess
    import sys

    code = "import sys\nfrom dropout_lint.rule import all_rules\nall_rules()\nassert 'libcst' not in sys.modules\n"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


# ---- DL302: following the model to its definition -------------------------------------------
GAN_CLASS = """
    import tensorflow as tf
    from tensorflow import keras

    class GAN(keras.Model):
        def __init__(self, discriminator, generator):
            super().__init__()
            self.discriminator = discriminator
            self.generator = generator

        def train_step(self, real):
            with tf.GradientTape() as tape:
                fake = self.generator(real)
                score = self.discriminator(fake)
            self.optimizer.apply_gradients(zip(tape.gradient(score, self.trainable_weights), self.trainable_weights))

    discriminator = keras.Sequential([keras.Input((8,)), keras.layers.Dense(8), keras.layers.LeakyReLU(), keras.layers.Dense(1)])
    generator = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), {extra}keras.layers.Dense(8)])
    gan = GAN(discriminator=discriminator, generator=generator)
"""


def test_models_followed_through_the_constructor_to_their_layers():
    # neither network has a layer that reads the flag: passing it would change nothing
    assert lint(GAN_CLASS.format(extra="")) == []
    # a Dropout in the generator makes its call (and only its call) a finding
    fs = lint(GAN_CLASS.format(extra="keras.layers.Dropout(0.3), "))
    assert [(f.code, f.start.row) for f in fs] == [("DL302", 13)]
    assert "self.generator" in fs[0].message


def test_notebook_style_rebinding_uses_the_last_definition():
    code = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(0.5), tf.keras.layers.Dense(1)])
        with tf.GradientTape() as tape:
            y = model(x)
        opt.apply_gradients(zip(tape.gradient(y, model.trainable_variables), model.trainable_variables))
        model = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dense(1)])
        with tf.GradientTape() as tape:
            y = model(x)
        opt.apply_gradients(zip(tape.gradient(y, model.trainable_variables), model.trainable_variables))
    """
    assert rows(lint(code), "DL302") == [5]


def test_branching_on_the_flag_and_own_flag_names():
    assert (
        lint("""
        import tensorflow as tf
        class T(tf.keras.Model):
            def train_step(self, data):
                x, y = data
                if self._call_has_training_arg:
                    y_pred = self(x, training=True)
                else:
                    y_pred = self(x)
                return y_pred
    """)
        == []
    )
    assert (
        lint("""
        import tensorflow as tf
        def run_optimization(x):
            with tf.GradientTape() as g:
                pred = conv_net(x, is_training=True)
            opt.apply_gradients(zip(g.gradient(pred, conv_net.trainable_variables), conv_net.trainable_variables))
    """)
        == []
    )


def test_dl301_outer_epoch_loop_is_not_monte_carlo_sampling():
    found = lint("""
        import tensorflow as tf
        class Train:
            def __init__(self, model):
                self.model = model
            def test_step(self, image, label):
                predictions = self.model(image, training=True)
                return predictions
            def run(self, epochs, test_dataset):
                for epoch in range(epochs):
                    for test_image, test_label in test_dataset:
                        self.test_step(test_image, test_label)
    """)
    assert [(f.code, f.start.row) for f in found] == [("DL301", 7)]


def test_dl301_inner_helper_of_a_predict_step_fed_from_an_iterator():
    found = lint("""
        import tensorflow as tf
        def run(model, iterator, steps):
            @tf.function
            def predict_step(iterator):
                def _replicated_step(inputs):
                    x, _ = inputs
                    return model(x, training=True)
                return _replicated_step(next(iterator))
            for _ in range(steps):
                predict_step(iterator)
    """)
    assert [(f.code, f.start.row) for f in found] == [("DL301", 8)]


def test_dl301_monte_carlo_inside_a_batch_loop_is_still_sampling():
    found = lint("""
        import numpy as np
        def predict_with_uncertainty(model, dataset, n=30):
            out = []
            for x, _ in dataset:
                samples = [model(x, training=True) for _ in range(n)]
                out.append(np.std(samples, axis=0))
            return out
    """)
    assert found == []


def test_dl302_notebook_order_picks_the_model_a_call_sees():
    # A notebook: models rebound cell after cell, a step function redefined later with other
    # parameters. Every model the tape calls is Dense-only (no Dropout or BatchNormalization),
    # so there is nothing to report -- until a model with Dropout is bound before the last one.
    src = """
        import tensorflow as tf
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(5, activation="elu"), keras.layers.Dense(1)])
        def play_one_step(obs, model, loss_fn):
            with tf.GradientTape() as tape:
                p = model(obs)
                loss = loss_fn(p)
            return tape.gradient(loss, model.trainable_variables)
        def play_many(model, loss_fn):
            return [play_one_step(o, model, loss_fn) for o in range(3)]
        model = keras.Sequential([keras.layers.Dense(5), keras.layers.Lambda(lambda x: x - 1.0), keras.layers.Dense(1)])
        grads = play_many(model, loss_fn)
        def play_one_step(state, epsilon):
            return state
        play_one_step(1, 0.5)
        model = keras.Sequential([keras.layers.Dense(32), keras.layers.Dropout(0.2), keras.layers.Dense(2)])
        def training_step(x):
            with tf.GradientTape() as tape:
                q = model(x)
            return tape.gradient(q, model.trainable_variables)
    """
    found = lint(src)
    assert [(f.code, f.start.row) for f in found] == [("DL302", 20)]


def test_dl302_a_lambda_that_draws_noise_is_not_mode_free():
    found = lint(
        """
        import tensorflow as tf
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(5), keras.layers.Lambda(lambda x: x + tf.random.normal(tf.shape(x)))])
        def step(x):
            with tf.GradientTape() as tape:
                y = model(x)
            return tape.gradient(y, model.trainable_variables)
    """,
        codes={"DL302", "DL312"},
    )
    # the noise is drawn whatever the flag says: not shown to read `training`, so only the
    # opt-in DL312 mentions it
    assert [(f.code, f.start.row) for f in found] == [("DL312", 7)]


def test_dl302_functional_model_with_tensor_arithmetic_is_mode_free():
    src = """
        import tensorflow as tf
        from tensorflow import keras
        K = keras.backend
        inp = keras.layers.Input(shape=[4])
        h = keras.layers.Dense(32, activation="elu")(inp)
        state_values = keras.layers.Dense(1)(h)
        adv = keras.layers.Dense(2)(h)
        adv = adv - K.max(adv, axis=1, keepdims=True)
        model = keras.models.Model(inputs=[inp], outputs=[state_values + adv[:, :2]])
        def training_step(x):
            with tf.GradientTape() as tape:
                q = model(x)
            return tape.gradient(q, model.trainable_variables)
    """
    assert lint(src) == []
    noisy = src.replace("adv = adv - K.max(adv, axis=1, keepdims=True)", "adv = adv + K.random_normal(K.shape(adv))")
    assert [(f.code, f.start.row) for f in lint(noisy)] == []  # noise that ignores the flag
    dropped = src.replace("adv = adv - K.max(adv, axis=1, keepdims=True)", "adv = keras.layers.Dropout(0.2)(adv)")
    assert [(f.code, f.start.row) for f in lint(dropped)] == [("DL302", 13)]
