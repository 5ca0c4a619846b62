"""What a project declares about its TensorFlow / Keras (dropout_lint/project.py), and the rules
whose findings depend on the version (DL204's keep_prob=, DL304's set_learning_phase)."""

from __future__ import annotations

import textwrap

from dropout_lint.project import declared_versions

TF1_KEEP_PROB = "import tensorflow as tf\nx = tf.placeholder(tf.float32)\nh = tf.nn.dropout(x, keep_prob=0.8)\n"
KERAS_SWITCH = "import keras.backend as K\nK.set_learning_phase(0)\n"


def write(root, files: dict[str, str]):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")


def test_lowest_declared_version_of_each_package(tmp_path):
    write(
        tmp_path,
        {
            "requirements.txt": "# tensorflow==0.9 (a comment)\nnumpy\ntensorflow-gpu>=1.10,<2\nkeras-preprocessing==1.1\n",
            "requirements-dev.txt": "tensorflow==1.14.0\nkeras == 2.0.4\ntensorflow-hub==0.5\n",
        },
    )
    assert declared_versions(str(tmp_path)) == {"tensorflow": (1, 10), "keras": (2, 0)}


def test_setup_py_conda_and_bare_names(tmp_path):
    write(tmp_path / "a", {"setup.py": 'setup(install_requires=["tensorflow>=2.4", "tf.keras==9.9"])\n'})
    write(tmp_path / "b", {"environment.yml": "dependencies:\n  - tensorflow=1.14\n"})
    write(tmp_path / "c", {"requirements.txt": "tensorflow\ntensorflow_datasets==4.0\n"})
    assert declared_versions(str(tmp_path / "a")) == {"tensorflow": (2, 4)}
    assert declared_versions(str(tmp_path / "b")) == {"tensorflow": (1, 14)}
    assert declared_versions(str(tmp_path / "c")) == {}


def test_the_nearest_folder_with_declarations_decides_and_git_bounds_the_search(tmp_path):
    write(tmp_path, {"requirements.txt": "tensorflow==2.8\n"})
    write(tmp_path / "repo", {"src/pkg/model.py": "x = 1\n", "setup.cfg": "install_requires = tensorflow>=1.15\n"})
    (tmp_path / "other" / ".git").mkdir(parents=True)
    write(tmp_path / "other", {"src/model.py": "x = 1\n"})
    assert declared_versions(str(tmp_path / "repo" / "src" / "pkg")) == {"tensorflow": (1, 15)}
    assert declared_versions(str(tmp_path / "other" / "src")) == {}  # not above the repository


def test_dl204_keep_prob_decided_by_the_declared_tensorflow(tmp_path, cli):
    for name, req in (("new", "tensorflow==1.14.0\n"), ("old", "tensorflow-gpu>=1.10\n"), ("none", "numpy\n")):
        write(tmp_path / name, {"requirements.txt": req, "model.py": TF1_KEEP_PROB})
    r = cli("--no-cache", "--select", "DL204", str(tmp_path), cwd=tmp_path)
    lines = [line for line in r.stdout.splitlines() if " DL204 " in line]
    assert len(lines) == 1 and "new" in lines[0] and "declares tensorflow 1.14" in lines[0], r.stdout


def test_dl304_decided_by_the_declared_versions(tmp_path, cli):
    write(tmp_path / "tf24", {"setup.py": 'install_requires=["tensorflow>=2.4"]\n', "train.py": KERAS_SWITCH})
    write(tmp_path / "tf216", {"setup.py": 'install_requires=["tensorflow>=2.16"]\n', "train.py": KERAS_SWITCH})
    write(tmp_path / "keras3", {"requirements.txt": "keras~=3.3\n", "train.py": KERAS_SWITCH})
    legacy = "tensorflow==2.17.0\ntf-keras==2.17.0\n"
    tf_keras_switch = KERAS_SWITCH.replace("keras.backend", "tensorflow.keras.backend")
    write(tmp_path / "tf217tfk", {"requirements.txt": legacy, "train.py": tf_keras_switch})
    write(tmp_path / "tf217keras", {"requirements.txt": legacy, "train.py": KERAS_SWITCH})
    write(
        tmp_path / "keras20",
        {
            "requirements.txt": "keras==2.0.4\n",
            "train.py": KERAS_SWITCH.replace("keras.backend", "tensorflow.keras.backend"),
        },
    )
    write(tmp_path / "unknown", {"train.py": KERAS_SWITCH})
    r = cli("--no-cache", "--select", "DL304,DL314", str(tmp_path), cwd=tmp_path)
    found = {(line.split("/")[0], line.split()[1]) for line in r.stdout.splitlines() if " DL3" in line}
    # Keras 3 declared: the call raises; TF 2.4: only deprecated (DL314); tf.keras may be the
    # tf-keras kept beside TF 2.17 (the switch exists), standalone keras there is Keras 3;
    # Keras 2.0 / nothing declared: multi-backend Keras' API
    assert found == {
        ("tf216", "DL304"),
        ("keras3", "DL304"),
        ("tf217keras", "DL304"),
        ("tf24", "DL314"),
        ("tf217tfk", "DL314"),
    }, r.stdout
    assert "declares tensorflow 2.16" in r.stdout and "declares keras 3.3" in r.stdout, r.stdout


def test_the_cache_follows_a_changed_declaration(tmp_path, cli):
    write(tmp_path, {"requirements.txt": "tensorflow==1.12\n", "model.py": TF1_KEEP_PROB})
    env = {"XDG_CACHE_HOME": str(tmp_path / ".cache")}
    first = cli("--select", "DL204", str(tmp_path / "model.py"), cwd=tmp_path, env=env)
    assert " DL204 " not in first.stdout, first.stdout
    (tmp_path / "requirements.txt").write_text("tensorflow==1.15\n", encoding="utf-8")
    second = cli("--select", "DL204", str(tmp_path / "model.py"), cwd=tmp_path, env=env)
    assert " DL204 " in second.stdout, second.stdout


PLACEHOLDER = (
    "from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.0), layers.Dense(1)])\n"
)


def test_rate_writes_are_found_across_the_package(tmp_path):
    from dropout_lint.project import project_root, rate_writers

    write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "nets/__init__.py": "",
            "nets/build.py": PLACEHOLDER,
            "search/__init__.py": "",
            "search/tune.py": "def tune(model, r):\n    model.layers[-2].rate = r\n",
        },
    )
    write(
        tmp_path / "other",
        {"__init__.py": "", "own.py": "class D:\n    def __init__(self, rate):\n        self.rate = rate\n"},
    )
    assert project_root(str(tmp_path / "pkg" / "nets")) == str(tmp_path / "pkg")
    assert rate_writers(str(tmp_path / "pkg" / "nets")) == ("search/tune.py",)
    # a layer keeping its own argument, a comparison, setattr on self: not writes
    write(tmp_path / "other", {"cmp.py": "if layer.rate == 0:\n    setattr(self, 'rate', 1)\n"})
    assert rate_writers(str(tmp_path / "other")) == ()


def test_dl203_follows_the_projects_rate_writes(tmp_path, cli):
    write(tmp_path / "pkg", {"__init__.py": "", "build.py": PLACEHOLDER})
    write(tmp_path / "scripts", {"build.py": PLACEHOLDER, "deep/tune.py": "layer.rate = 0.3\n"})
    env = {"XDG_CACHE_HOME": str(tmp_path / ".cache")}
    first = cli("--select", "DL203", str(tmp_path), cwd=tmp_path, env=env)
    assert first.stdout.count(" DL203 ") == 2, first.stdout  # scripts/deep is not the scripts' folder
    # another file of the package starts filling the placeholders: the cache follows
    write(tmp_path / "pkg", {"search.py": "for layer in model.layers:\n    layer.rate = best\n"})
    second = cli("--select", "DL203", str(tmp_path), cwd=tmp_path, env=env)
    lines = [line for line in second.stdout.splitlines() if " DL203 " in line]
    assert len(lines) == 1 and "scripts" in lines[0], second.stdout


MC_BUILD = """
from tensorflow import keras
from tensorflow.keras import layers

def build():
    inp = keras.Input((16,))
    h = layers.BatchNormalization()(layers.Dense(32)(inp), training=True)
    return keras.Model(inp, layers.Dense(1)(h))
"""


def test_sampling_loops_are_found_across_the_package(tmp_path):
    from dropout_lint.project import sampled_callees

    write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "nets/__init__.py": "",
            "nets/build.py": MC_BUILD,
            "use/__init__.py": "",
            # a loop over forward passes through a helper that predicts: one level of indirection
            "use/run.py": """
                def once(model, x):
                    return model.predict(x)

                def passes(model, x, n):
                    out = []
                    for _k in range(n):
                        out.append(once(model, x))
                    return out
            """,
            "use/mc.py": "def mc(f, x):\n    return [f(x, training=True) for _ in range(20)]\n",
        },
    )
    found = sampled_callees(str(tmp_path / "pkg" / "nets"))
    assert {"predict", "once", "f"} <= set(found), found
    # loops over epochs or data, and a training loop, are not sampling
    write(
        tmp_path / "other",
        {
            "__init__.py": "",
            "train.py": """
                def fit_all(model, x, epochs):
                    for epoch in range(epochs):
                        print(epoch, model.predict(x))
                    for i in range(10):
                        model.predict(x[i])
                    for _ in range(5):
                        with tf.GradientTape() as tape:
                            loss = model(x, training=True)
                    for _ in range(3):
                        model.predict(next(it))
            """,
        },
    )
    assert sampled_callees(str(tmp_path / "other")) == ()


def test_dl301_is_silent_on_a_build_that_another_file_samples(tmp_path, cli):
    write(tmp_path / "pkg", {"__init__.py": "", "build.py": MC_BUILD})
    write(tmp_path / "alone", {"__init__.py": "", "build.py": MC_BUILD})
    write(
        tmp_path / "pkg",
        {"predict.py": "def average(model, x, n=30):\n    return sum(model.predict(x) for _ in range(n)) / n\n"},
    )
    out = cli("--select", "DL301", str(tmp_path), cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / ".cache")})
    lines = [line for line in out.stdout.splitlines() if " DL301 " in line]
    assert len(lines) == 1 and "alone" in lines[0], out.stdout
