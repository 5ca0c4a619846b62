"""--confirm on a model a trainer class keeps (``self.net = Net(self.units)``) when the trainer
itself cannot be built (its constructor reads a data file named by its ``args``): the model is
built alone from that statement, the trainer's attributes stood in for by the defaults the
project's command line declares (``main.py``'s ``add_argument('--units', default=...)``), and the
verdict says so. Also Keras 2's Sequential layers sharing a name. Real TensorFlow."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from dropout_lint.confirm.slicer import _option_defaults  # noqa: E402
from dl_testkit import lint_source  # noqa: E402
from confirm_cases import at  # noqa: E402

NETS = """
    import keras


    class Net(keras.Model):
        def __init__(self, units, name=None):
            super().__init__(name=name)
            self.hidden = keras.layers.Dense(units)
            self.middle = keras.layers.{middle}
            self.out = keras.layers.Dense(1)

        def call(self, x):
            return self.out(self.middle(self.hidden(x)))
"""

TRAINER = """
    import numpy as np
    import tensorflow as tf

    from nets import Net


    class Trainer:
        def __init__(self, args):
            self.samples = np.load(args.data_path)
            self.units = args.units
            self.net = Net(self.units, name="net")
            self.opt = tf.keras.optimizers.Adam(args.lr)

        def step(self, x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(self.net(x))
            grads = tape.gradient(loss, self.net.trainable_variables)
            self.opt.apply_gradients(zip(grads, self.net.trainable_variables))
"""

MAIN = """
    import argparse

    from trainer import Trainer

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-path", type=str, default="train.npy")
    parser.add_argument("--units", type=int, default={units})
    parser.add_argument("--lr", type=float, default=1e-3)

    if __name__ == "__main__":
        Trainer(parser.parse_args()).step(np.zeros((2, 4)))
"""


def _project(tmp_path, middle: str, units: int = 6):
    (tmp_path / "nets.py").write_text(textwrap.dedent(NETS.format(middle=middle)))
    (tmp_path / "main.py").write_text(textwrap.dedent(MAIN.format(units=units)))
    path = tmp_path / "trainer.py"
    src = textwrap.dedent(TRAINER)
    path.write_text(src)
    return path, src


def _verdict(tmp_path, middle: str, code: str):
    """The verdict on the step's call of ``self.net`` (the linter reports DL302 when nets.py
    shows a flag reader, DL312 otherwise)."""
    _project(tmp_path, middle)
    finding = at(tmp_path, "trainer.py", code, "self.net(x)")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    return finding.confirmation


def test_the_options_a_project_declares_are_read_as_dest_and_literal(tmp_path):
    _project(tmp_path, "Dropout(0.3)", units=7)
    (tmp_path / "flags_main.py").write_text(
        "from absl import flags\nflags.DEFINE_integer('batch_size', 32, 'help')\n"
        "import argparse\np = argparse.ArgumentParser()\np.add_argument('-n', '--n-res', dest='blocks', default=3)\n"
        "p.add_argument('--seed', type=int)\n"
    )
    found = _option_defaults(str(tmp_path / "trainer.py"))
    assert found["units"][0] == "7" and "main.py" in found["units"][1]
    assert found["data_path"][0] == '"train.npy"'
    assert found["batch_size"][0] == "32"
    assert found["blocks"][0] == "3" and "n_res" not in found
    assert "seed" not in found  # no default: nothing to read


def test_a_trainer_kept_model_with_dropout_is_built_alone_and_confirmed(tmp_path):
    c = _verdict(tmp_path, "Dropout(0.3)", "DL302")
    assert c.status == "confirmed", c
    assert "Dropout" in c.detail, c.detail
    assert "built `self.net` alone as `Net(6, name=" in c.detail, c.detail
    assert "the default of the option `units` in main.py" in c.detail, c.detail


def test_a_trainer_kept_model_without_flag_readers_is_refuted(tmp_path):
    c = _verdict(tmp_path, "Dense(3)", "DL312")
    assert c.status == "refuted", c
    assert "flag changes nothing" in c.detail, c.detail


def test_a_model_made_differently_in_two_places_is_not_built_alone(tmp_path):
    path, src = _project(tmp_path, "Dropout(0.3)")
    src = src.replace(
        "        self.opt = tf.keras.optimizers.Adam(args.lr)\n",
        "        self.opt = tf.keras.optimizers.Adam(args.lr)\n\n    def restart(self):\n"
        "        self.net = Net(2 * self.units)\n",
    )
    path.write_text(src)
    finding = at(tmp_path, "trainer.py", "DL302", "self.net(x)")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    c = finding.confirmation
    assert "alone as" not in c.detail, c.detail  # which of the two the step calls is not known


KERAS2_SEQUENTIAL = """
    import tensorflow as tf
    from tensorflow.keras import layers

    model = tf.keras.Sequential([
        layers.Dense(8, input_shape=(4,)),
        layers.ReLU(name="relu"),
        layers.Dropout(0.3),
        layers.Dense(8),
        layers.ReLU(name="relu"),
        layers.Dense(1),
    ])
    opt = tf.keras.optimizers.Adam()


    def step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(x))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
"""


def test_keras2_sequential_layers_sharing_a_name_are_renamed_and_said(tmp_path):
    path = tmp_path / "seq.py"
    src = textwrap.dedent(KERAS2_SEQUENTIAL)
    path.write_text(src)
    findings = [f for f in lint_source(src, {"DL302"}, filename=str(path)) if f.code == "DL302"]
    assert findings, "DL302 should report the step"
    confirm_findings(findings, timeout=120, max_rate=0.8)
    c = findings[0].confirmation
    assert c.status == "confirmed", c
    assert "sharing the name 'relu'" in c.detail, c.detail


AGENT = """
    import tensorflow as tf
    from tensorflow import keras


    def create_actor_critic(ob, ac, scale):
        s = keras.Input((ob,))
        h = keras.layers.Dense(8, activation="relu")(s)
        h = keras.layers.{middle}(h)
        actor = keras.Model(s, keras.layers.Dense(ac, activation="tanh")(h) * scale)
        critic = keras.Sequential([keras.Input((ob + ac,)), keras.layers.Dense(1)])
        return actor, critic


    class Agent:
        def __init__(self, env):
            self.env = env
            self.actor, self.critic = create_actor_critic(
                env.observation_space.shape[0], env.action_space.shape[0], env.action_space.high
            )
            self.opt = keras.optimizers.Adam()

        def update(self, states):
            with tf.GradientTape() as tape:
                loss = -tf.reduce_mean(self.actor(states))
            grads = tape.gradient(loss, self.actor.trainable_variables)
            self.opt.apply_gradients(zip(grads, self.actor.trainable_variables))
"""


@pytest.mark.parametrize(("middle", "status"), [("Dropout(0.2)", "confirmed"), ("Dense(8)", "refuted")])
def test_an_agent_model_from_a_tuple_and_a_gym_env_is_built_alone(tmp_path, middle, status):
    """``self.actor, self.critic = create_actor_critic(env.observation_space.shape[0], ...)`` in
    an agent that needs a gym environment: element 0 of the function's result, with the
    environment's sizes and bound stood in for."""
    path = tmp_path / "agent.py"
    path.write_text(textwrap.dedent(AGENT.format(middle=middle)))
    finding = at(tmp_path, "agent.py", "DL312", "self.actor(states)")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    c = finding.confirmation
    assert c.status == status, c
    assert "built `self.actor` alone as `create_actor_critic(" in c.detail and ")[0]`" in c.detail, c.detail


AGENT_GIVEN = """
    import tensorflow as tf


    class Agent:
        def __init__(self, actions=None, model=None, lr=0.001):
            self.actions = actions
            self.model = model
            self.opt = tf.keras.optimizers.Adam(lr)

        def train_on_batch(self, states, targets):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(self.model(states) - targets))
            grads = tape.gradient(loss, self.model.trainable_weights)
            self.opt.apply_gradients(zip(grads, self.model.trainable_weights))
"""


def test_a_model_argument_defaulting_to_none_is_the_callers(tmp_path):
    """``def __init__(self, model=None): self.model = model``: built from this file the model is
    None; the verdict says whose it is instead of "'NoneType' object is not callable"."""
    (tmp_path / "agent.py").write_text(textwrap.dedent(AGENT_GIVEN))
    finding = at(tmp_path, "agent.py", "DL312", "self.model(states)")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    c = finding.confirmation
    assert c.status == "unbuildable", c
    assert "is the `model` argument (default None) of `Agent()`" in c.detail, c.detail
    assert "NoneType" not in c.detail, c.detail
