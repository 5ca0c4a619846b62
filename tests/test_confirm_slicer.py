"""The slicer alone (libcst, no TensorFlow): what --confirm would run for a finding."""

from __future__ import annotations

import textwrap

import pytest

from dropout_lint.confirm import slicer

# The slicer treats a module that is not installed as something it cannot build from (data), so
# its plans for code importing TensorFlow are only the real ones where TensorFlow is installed.
pytestmark = pytest.mark.tensorflow


def plan(source: str, code: str, needle: str, nth: int = 0, **data) -> str:
    source = textwrap.dedent(source)
    lines = source.splitlines()
    hits = [(i, line.index(needle)) for i, line in enumerate(lines) if needle in line]
    row, col = hits[nth]
    return slicer.plan(source, code, row + 1, col + 1, data=data).code


def test_top_level_script_keeps_only_the_model():
    code = plan(
        """
        import json
        import numpy as np
        import tensorflow as tf

        x = np.load("x.npy")
        y = np.load("y.npy")
        model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,)), tf.keras.layers.Dropout(0.9)])
        model.compile("adam", "mse")
        model.fit(x, y)
        with open("out.json", "w") as fh:
            json.dump({}, fh)
        model.save("m.keras")
        print("done")
        """,
        "DL202",
        "tf.keras.layers.Dropout",
    )
    for banned in ("np.load", "fit", "compile", "save", "open(", "print", "import json", "import numpy"):
        assert banned not in code, (banned, code)
    assert "__dl_mark_ctor__(tf.keras.layers.Dropout)(0.9)" in code  # the rate rule marks the constructor
    assert code.rstrip().endswith("__dl_target__ = model")


def test_add_chain_and_constants():
    code = plan(
        """
        from keras import layers, models
        UNITS = 16
        RATE = 0.95
        UNUSED = open("x").read()
        model = models.Sequential()
        model.add(layers.Dense(UNITS, input_shape=(4,)))
        model.add(layers.Dropout(RATE))
        model.summary()
        """,
        "DL202",
        "layers.Dropout",
    )
    assert "UNITS = 16" in code and "RATE = 0.95" in code
    assert "UNUSED" not in code and "summary" not in code
    assert code.count("model.add(") == 2


def test_functional_graph_targets_the_model():
    code = plan(
        """
        import keras
        from keras import layers
        inp = keras.Input((8,))
        h = layers.Dense(8)(inp)
        h = layers.Dropout(0.5)(h)
        out = layers.Dense(1)(h)
        model = keras.Model(inp, out)
        other = keras.Sequential([layers.Dense(2)])
        """,
        "DL101",
        "layers.Dropout",
    )
    assert code.rstrip().endswith("__dl_target__ = model")
    assert "other" not in code


def test_factory_in_training_function_is_cut_down():
    code = plan(
        """
        import numpy as np
        from keras import layers, models

        def train():
            x = np.load("x.npy")
            net = models.Sequential([layers.Dense(8, input_shape=(4,)), layers.Dropout(0.9)])
            net.compile("adam", "mse")
            net.fit(x, x)
            return net

        if __name__ == "__main__":
            train()
        """,
        "DL202",
        "layers.Dropout",
    )
    assert "np.load" not in code and "fit" not in code
    assert "__dl_target__ = __dl_train_" in code


def test_call_site_arguments_are_used():
    code = plan(
        """
        from keras import layers, models

        def build(rate, units=8):
            return models.Sequential([layers.Dense(units, input_shape=(4,)), layers.Dropout(rate)])

        small = build(0.2)
        big = build(0.95, units=32)
        """,
        "DL202",
        "layers.Dropout",
        call_site_row=8,
    )
    assert "(0.95, units=32)" in code


def test_factory_without_call_site_or_defaults_is_unbuildable():
    with pytest.raises(slicer.Unbuildable, match="needs arguments"):
        plan(
            """
            from keras import layers, models
            def build(config):
                return models.Sequential([layers.Dense(config["width"], input_shape=(4,)), layers.Dropout(0.9)])
            """,
            "DL202",
            "layers.Dropout",
        )


def test_data_dependency_is_refused_before_running():
    with pytest.raises(slicer.Unbuildable, match="read_csv"):
        plan(
            """
            import pandas as pd
            from keras import layers, models
            df = pd.read_csv("train.csv")
            model = models.Sequential([layers.Dense(int(df["width"].max()), input_shape=(4,)), layers.Dropout(0.9)])
            """,
            "DL202",
            "layers.Dropout",
        )


def test_shape_from_data_gets_a_stand_in_and_the_data_stays_out():
    source = """
        import pandas as pd
        from keras import layers, models
        df = pd.read_csv("train.csv")
        model = models.Sequential([layers.Dense(8, input_shape=(df.shape[1],)), layers.Dropout(0.9)])
        """
    code = plan(source, "DL202", "layers.Dropout")
    assert "read_csv" not in code and "import pandas" not in code
    assert "input_shape=(16,)" in code
    lines = textwrap.dedent(source).splitlines()
    row = next(i for i, ln in enumerate(lines) if "layers.Dropout" in ln)
    hints = slicer.plan(textwrap.dedent(source), "DL202", row + 1, lines[row].index("layers.Dropout") + 1).hints
    assert hints["assumed"].startswith("assumed df.shape[1] = 16: it comes from data")


def test_subclassed_model_is_instantiated():
    code = plan(
        """
        import keras
        class Net(keras.Model):
            def __init__(self, rate=0.9):
                super().__init__()
                self.drop = keras.layers.Dropout(rate)
                self.out = keras.layers.Dense(1)
            def call(self, x):
                return self.out(self.drop(x))
        net = Net(rate=0.95)
        net.fit(x, y)
        """,
        "DL202",
        "keras.layers.Dropout",
    )
    assert "__dl_target__ = Net(rate=0.95)" in code
    assert "fit" not in code


def test_model_call_rules_target_the_callee():
    code = plan(
        """
        import tensorflow as tf
        def build():
            return tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
        model = build()
        dataset = tf.data.TFRecordDataset("train.tfrecord")
        def step(model, x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean((model(x) - y) ** 2)
            return tape.gradient(loss, model.trainable_variables)
        for x, y in dataset:
            step(model, x, y)
        """,
        "DL302",
        "model(x)",
    )
    assert "TFRecordDataset" not in code
    assert "(model, None, None)" in code


def test_attribute_model_built_in_a_method():
    code = plan(
        """
        import tensorflow as tf
        class Trainer:
            def __init__(self):
                self.rate = 0.9
            def build(self):
                self.model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,)), tf.keras.layers.Dropout(self.rate)])
                return self.model
            def run(self, data):
                self.build()
                self.model.fit(data)
        Trainer().run(load())
        """,
        "DL101",
        "tf.keras.layers.Dropout",
    )
    assert "Trainer()" in code and "load()" not in code and ".fit(" not in code.split("class Trainer")[0]


def test_rules_without_a_runtime_check():
    with pytest.raises(slicer.NotApplicable):
        plan("from keras import layers\nlayers.SpatialDropout1D(0.2)\n", "DL104", "layers.SpatialDropout1D")


def test_op_level_rate_marks_the_op_function():
    code = plan(
        "import tensorflow as tf\nx = tf.ones((2, 4))\ny = tf.nn.dropout(x, rate=0.9)\n", "DL202", "tf.nn.dropout"
    )
    assert "__dl_mark_op__(tf.nn.dropout)(x, rate=0.9)" in code
    assert "compat.v1" not in code  # TF2 code stays TF2 code


def test_tf1_slice_runs_through_compat_v1_in_a_graph():
    source = "import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 4])\ny = tf.nn.dropout(x, keep_prob=0.2)\n"
    p = slicer.plan(source, "DL202", 3, 5)
    assert "import tensorflow.compat.v1 as tf" in p.code
    assert p.hints["graph"] is True and "compat.v1" in p.hints["assumed"]


def test_syntax_error_is_unbuildable():
    with pytest.raises(slicer.Unbuildable):
        slicer.plan("def broken(:\n", "DL101", 1, 1)


def test_op_level_graph_is_not_applicable():
    with pytest.raises(slicer.NotApplicable, match="no Keras model"):
        plan(
            "import tensorflow as tf\nx = tf.placeholder(tf.float32, [None, 4])\n"
            "h = tf.layers.dense(x, 4)\ny = tf.layers.dropout(h, 0.5, training=True)\n",
            "DL101",
            "tf.layers.dropout",
        )


def test_size_parameter_without_call_site_is_stood_in_for():
    source = textwrap.dedent(
        """
        from keras import layers, models
        def build(input_dim, num_classes):
            return models.Sequential([layers.Dense(num_classes, input_dim=input_dim), layers.Dropout(0.9)])
        """
    )
    lines = source.splitlines()
    row = next(i for i, line in enumerate(lines) if "layers.Dropout" in line)
    p = slicer.plan(source, "DL202", row + 1, lines[row].index("layers.Dropout") + 1)
    assert "input_dim=16, num_classes=16" in p.code
    assert p.hints["guessed"] == "input_dim=16, num_classes=16"


def test_call_site_in_a_loop_builds_the_loop_values():
    code = plan(
        """
        from keras import layers, models
        def build(width):
            return models.Sequential([layers.Dense(width, input_shape=(4,)), layers.Dropout(0.9)])
        for w in (8, 16):
            m = build(w)
            m.fit(None, None)
        """,
        "DL202",
        "layers.Dropout",
    )
    assert "for w in __import__('itertools').islice((8, 16), 8)][-1]" in code
    assert "fit" not in code


def test_call_site_of_a_redefined_function_is_matched_to_its_definition():
    code = plan(
        """
        from keras import layers, models
        def build(width):
            return models.Sequential([layers.Dense(width, input_shape=(4,)), layers.Dropout(0.9)])
        first = build(8)
        def build(name, width, depth):
            return name
        second = build("x", 8, 2)
        """,
        "DL202",
        "layers.Dropout",
    )
    assert code.rstrip().endswith("(8)")


def test_call_site_that_does_not_fit_the_signature_is_skipped():
    code = plan(
        """
        from keras import layers, models
        def build(width, rate):
            return models.Sequential([layers.Dense(width, input_shape=(4,)), layers.Dropout(rate)])
        odd = build(8)
        good = build(8, 0.9)
        """,
        "DL202",
        "layers.Dropout",
    )
    assert code.rstrip().endswith("(8, 0.9)")


def test_calls_into_an_uninstalled_module_are_data():
    code = plan(
        """
        import no_such_env_package_xyz as gym
        from keras import layers, models
        env = gym.make("CartPole-v1")
        n_inputs = env.observation_space.shape[0]
        n_outputs = env.action_space.n
        model = models.Sequential([layers.Dense(32, input_shape=[n_inputs]), layers.Dense(n_outputs), layers.Dropout(0.9)])
        """,
        "DL202",
        "layers.Dropout",
    )
    assert "gym" not in code
    assert "n_inputs = 16" in code and "n_outputs = 16" in code


def test_model_called_in_a_nested_function_is_looked_up_outside():
    code = plan(
        """
        import tensorflow as tf
        from keras import layers, models
        net = models.Sequential([layers.Dense(4, input_shape=(3,)), layers.Dropout(0.5)])
        def outer(batches):
            def step(x):
                with tf.GradientTape():
                    return net(x)
            return [step(b) for b in batches]
        """,
        "DL302",
        "net(x)",
    )
    assert code.rstrip().endswith("__dl_target__ = net")


def test_value_guesses_read_name_tokens():
    assert slicer.value_guess("bottleneck", set()) is None  # "len" inside a word is not a length
    assert slicer.value_guess("maxlen", set()) == "16"
    assert slicer.value_guess("num_layers", set()) == "2"
    assert slicer.value_guess("input_shape", {"Conv2D"}) == "(32, 32, 3)"
    assert slicer.value_guess("data_format", set()) == "'channels_last'"
    # a forecaster's windows are sizes (TCNForecaster(lag_window_size, horizon))
    assert slicer.value_guess("horizon", set()) == "16"
    assert slicer.value_guess("lookback_window", set()) == "16"


def test_project_class_named_like_an_application_keeps_its_arguments(tmp_path):
    # `from network import VGG16` is the project's own model: no weights=None is added to it.
    (tmp_path / "network.py").write_text("def VGG16(shape):\n    return None\n")
    source = (
        "from network import VGG16\nfrom tensorflow.keras.applications import ResNet50\nfrom keras import layers\n"
        "import keras\nm = keras.Sequential([VGG16([32, 32, 3]), ResNet50(include_top=False), layers.Dropout(0.9)])\n"
    )
    code = slicer.plan(
        source, "DL202", 5, source.splitlines()[4].index("layers.Dropout") + 1, path=str(tmp_path / "main.py")
    ).code
    assert "VGG16([32, 32, 3])" in code and "ResNet50(include_top=False, weights=None)" in code


def test_stand_ins_from_the_same_parameter_elsewhere_and_annotations():
    p = slicer.plan(
        "from keras import layers, models\n\ndef head(width=24):\n    return layers.Dense(width)\n\n"
        "def build(width, act: str, flag: bool):\n"
        "    return models.Sequential([layers.Dense(width, activation=act, use_bias=flag), layers.Dropout(0.9)])\n",
        "DL202",
        7,
        83,
    )
    assert p.hints["guessed"] == (
        "width=24 (the default of `width` in `head`), act='act' (from its annotation `str`), "
        "flag=False (from its annotation `bool`)"
    )


def test_parameterized_test_method_is_built_with_its_first_parameter_set():
    p = slicer.plan(
        "from absl.testing import parameterized\nfrom keras import layers, models\n\n"
        "class T(parameterized.TestCase):\n"
        "    @parameterized.named_parameters(('wide', 32, 0.9), ('narrow', 4, 0.8))\n"
        "    def test_model(self, width, rate):\n"
        "        model = models.Sequential([layers.Input((4,)), layers.Dense(width), layers.Dropout(rate)])\n"
        "        model(None)\n",
        "DL302",
        8,
        9,
    )
    assert "(T(), width=32, rate=0.9)" in p.code
    assert "built with the first parameters of @parameterized.named_parameters" in p.hints["assumed"]


def test_many_classes_calling_super_init_are_not_searched_forever():
    # Every `super().__init__(...)` of the file looked like a call site of every `__init__`
    # (eight classes: 8**n ways up, minutes on a real library), and a site forwarding `*args`
    # gave a call that does not parse. Now only a subclass's `super().__init__` is a call site
    # of its base's, a budget bounds the rest, and the class is built with a stand-in width.
    classes = [
        "class Base:\n    def __init__(self, width, *args, **kwargs):\n"
        "        self.drop = tf.keras.layers.Dropout(0.9)\n        self.dense = tf.keras.layers.Dense(width)\n"
    ]
    for i in range(8):
        classes.append(
            f"class Other{i}(Base):\n    def __init__(self, n, spec, *args, **kwargs):\n"
            f"        super().__init__(spec.width + n, *args, **kwargs)\n"
        )
    source = "import tensorflow as tf\n\n\n" + "\n\n".join(classes)
    code = plan(source, "DL202", "tf.keras.layers.Dropout(0.9)")
    compile(code, "<slice>", "exec")
    assert "Base(width=16)" in code


def test_the_slicer_decides_keras_classes_as_the_static_rules_do():
    """Issue 14: the slicer resolves a class's bases through the module's imports and asks
    kinds.class_kind, like the rules: a torch Module imported as ``Model`` is not Keras; a
    subclass of a local Keras class is."""
    from dropout_lint.confirm.slicer import Index

    src = (
        "from torch.nn import Module as Model\n"
        "try:\n    from tensorflow import keras\nexcept ImportError:\n    import keras\n"
        "class TorchNet(Model):\n    pass\n"
        "class Base(keras.Model):\n    pass\n"
        "class Child(Base):\n    pass\n"
        "class Block(keras.layers.Layer):\n    pass\n"
    )
    assert sorted(Index(src).keras_classes) == ["Base", "Block", "Child"]


def test_a_class_nested_in_a_function_is_decided_as_keras_like_module_classes():
    """Issue 14 leftover: a class defined inside a function (a test method) is built where the
    function instantiates it only when kinds.class_kind, through the module's imports, says it
    is Keras: a subclass of the module's own Keras layer is; a torch Module imported as
    ``Layer`` is not (before: decided by the base's last name, the other way round for both)."""
    from dropout_lint.confirm.slicer import Index, _nested_site

    src = (
        "from torch.nn import Module as Layer\n"
        "from tensorflow import keras\n"
        "class Base(keras.layers.Layer):\n    pass\n"
        "def test_layers():\n"
        "    class Child(Base):\n        pass\n"
        "    class Torchy(Layer):\n        pass\n"
        "    a = Child()\n"
        "    b = Torchy()\n"
    )
    ix = Index(src)
    fn = ix.functions["test_layers"]
    nested = {st.name.value: st for st in fn.body.body if hasattr(st, "name")}
    site = _nested_site(ix, nested["Child"])
    assert site is not None and site.func.value == "Child"
    assert _nested_site(ix, nested["Torchy"]) is None


def test_arguments_are_not_taken_from_another_project_beside_this_one(tmp_path):
    """A file at the top of a project (``projects/a/ae.py``): a run script or notebook in its
    own folder gives the arguments of a call no site in the file gives, the files of another
    project in the folder above do not (before: the whole folder above was searched, and
    ``projects/b/train.py`` gave project a's model its arguments)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    model = textwrap.dedent(
        """
        import tensorflow as tf


        class AE(tf.keras.Model):
            def __init__(self, input_dim, code_size):
                super().__init__()
                self.enc = tf.keras.layers.Dense(code_size)
                self.drop = tf.keras.layers.Dropout(0.9)

            def call(self, x):
                return self.drop(self.enc(x))
        """
    )
    (a / "ae.py").write_text(model)
    (b / "train.py").write_text("from ae import AE\nnet = AE(input_dim=(7,), code_size=3)\n")
    lines = model.splitlines()
    row = next(i for i, line in enumerate(lines) if "Dropout(0.9)" in line) + 1
    col = lines[row - 1].index("tf.keras.layers.Dropout") + 1
    code = slicer.plan(model, "DL202", row, col, path=str(a / "ae.py")).code
    assert "code_size=3" not in code
    (a / "run.py").write_text("from ae import AE\nnet = AE(input_dim=(5,), code_size=2)\n")
    code = slicer.plan(model, "DL202", row, col, path=str(a / "ae.py")).code
    assert "code_size=2" in code


def test_dl101_on_a_block_another_file_puts_inside_a_model_is_not_applicable(tmp_path):
    """A factory whose Sequential ends in Dropout (a transformer's MLP block) that another file
    of the project stores on a Keras layer (``self.mlp = mlp_block(...)``) is a block: DL101
    is not judged on it as a model (before: built alone and "confirmed"). A plain class that
    holds the model (a trainer) does not make it a block."""
    proj = tmp_path / "proj"
    (proj / "blocks").mkdir(parents=True)
    (proj / "blocks" / "__init__.py").write_text("")
    mlp = textwrap.dedent(
        """
        from tensorflow import keras


        def mlp_block(rate, units):
            ffn = keras.Sequential()
            ffn.add(keras.layers.Dense(units))
            ffn.add(keras.layers.Dropout(rate))
            return ffn
        """
    )
    (proj / "blocks" / "mlp.py").write_text(mlp)
    lines = mlp.splitlines()
    row = next(i for i, line in enumerate(lines) if "Dropout(rate)" in line) + 1
    col = lines[row - 1].index("keras.layers.Dropout") + 1
    where = str(proj / "blocks" / "mlp.py")
    (proj / "blocks" / "trainer.py").write_text(
        "from .mlp import mlp_block\n\n\nclass Trainer:\n    def __init__(self):\n        self.model = mlp_block(0.1, 8)\n"
    )
    assert "__dl_target__" in slicer.plan(mlp, "DL101", row, col, path=where).code
    (proj / "blocks" / "transformer.py").write_text(
        "from tensorflow import keras\n\nfrom .mlp import mlp_block\n\n\n"
        "class Block(keras.layers.Layer):\n    def __init__(self):\n        super().__init__()\n"
        "        self.mlp = mlp_block(0.1, 8)\n"
    )
    with pytest.raises(
        slicer.NotApplicable, match=r"`mlp_block` is a block of another model \(blocks/transformer.py:9\)"
    ):
        slicer.plan(mlp, "DL101", row, col, path=where)


def test_a_block_listed_in_another_files_sequential_is_found(tmp_path):
    (tmp_path / "blocks.py").write_text(
        "from tensorflow import keras\n\n\ndef enc(u):\n    return keras.Sequential([keras.layers.Dense(u), keras.layers.Dropout(0.5)])\n"
    )
    (tmp_path / "same_name.py").write_text("def enc(u):\n    return u\n\n\nm = keras.Sequential([enc(4)])\n")
    assert slicer._used_as_block(str(tmp_path / "blocks.py"), "enc") is None  # its own enc, not imported
    (tmp_path / "nb.py").write_text(
        "import keras\nfrom blocks import enc\n\nm = keras.Sequential([\n    enc(4),\n    keras.layers.Dense(1)])\n"
    )
    assert slicer._used_as_block(str(tmp_path / "blocks.py"), "enc") == "nb.py:4"


def test_a_default_named_like_its_parameter_keeps_the_module_value():
    # ``def __init__(self, width=width)``: the default is the module's ``width``, read where the
    # class is defined; the slice must define it (it used to stop with NameError).
    source = (
        "from keras import layers, models\n"
        "width = int('8')\n"
        "class Net:\n"
        "    def __init__(self, width=width):\n"
        "        self.model = models.Sequential([layers.Dense(width), layers.Dropout(0.9)])\n"
        "net = Net()\n"
    )
    code = slicer.plan(source, "DL202", 5, source.splitlines()[4].index("layers.Dropout") + 1).code
    assert "width = int('8')" in code
    compile(code, "slice", "exec")
