"""``confirm-packages``: a package the build needs that is not installed (a backbone provider, as
``classification_models`` for a segmentation model) is taken, when the user lists it, as a
pure-Python wheel: pip downloads it (here from a folder the test fills with a wheel it builds
itself: ``PIP_NO_INDEX`` / ``PIP_FIND_LINKS``, no network) into the per-user cache, and only the
worker's sys.path gets it. Real TensorFlow, one CLI run with the setting, one run without it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import sysconfig
import textwrap
import zipfile

import pytest

from confirm_cases import at, lay_out

pytestmark = pytest.mark.tensorflow

BACKBONE = """
from tensorflow.keras import layers, Model


def _tiny(input_tensor=None, weights=None):
    if weights is not None:
        raise RuntimeError("no weights in this test")
    x = layers.Conv2D(8, 3, padding="same", activation="relu")(input_tensor)
    x = layers.Conv2D(8, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    return Model(input_tensor, x)


class _Backbones:
    def get(self, name):
        return _tiny, (lambda a: a)


Backbones = _Backbones()
"""

MODEL = """
from tensorflow.keras import layers, Model
from backbonekit import Backbones

Encoder, prepare = Backbones.get("tiny")


def build_segmenter(inputs):
    encoder = Encoder(input_tensor=inputs, weights="imagenet")
    skip = encoder.layers[1].output
    x = encoder.output
    x = layers.Dropout(0.3)(x)
    x = layers.BatchNormalization()(x)
    x = layers.UpSampling2D()(x)
    x = layers.Concatenate()([skip, x])
    out = layers.Conv2D(1, 1, activation="sigmoid")(x)
    return Model(inputs, out)


model = build_segmenter(layers.Input((32, 32, 3)))
"""


def _wheel(folder, name: str, tag: str, files: dict) -> None:
    info = f"{name}-1.0.dist-info"
    meta = {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{info}/WHEEL": f"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: {tag}\n",
    }
    members = {**files, **meta}
    record = "".join(f"{p},,\n" for p in members) + f"{info}/RECORD,,\n"
    with zipfile.ZipFile(folder / f"{name}-1.0-{tag}.whl", "w") as zf:
        for path, text in {**members, f"{info}/RECORD": record}.items():
            zf.writestr(path, text)


@pytest.fixture
def index(tmp_path, monkeypatch):
    """A local wheel folder as pip's only index, and a cache folder of the test's own."""
    links = tmp_path / "links"
    links.mkdir()
    _wheel(links, "backbonekit", "py3-none-any", {"backbonekit/__init__.py": textwrap.dedent(BACKBONE)})
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    _wheel(links, "fastkit", f"py3-none-{platform}", {"fastkit/__init__.py": "X = 1\n"})
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(links))
    monkeypatch.setenv("DROPOUT_LINT_CACHE_DIR", str(tmp_path / "cache"))
    lay_out(tmp_path / "proj", {"seg_model.py": MODEL})
    return tmp_path


def test_a_listed_pure_python_wheel_is_put_on_the_workers_path_only(index):
    proj = index / "proj"
    (proj / "pyproject.toml").write_text('[tool.dropout-lint]\nconfirm-packages = ["backbonekit", "fastkit"]\n')
    r = subprocess.run(
        [sys.executable, "-m", "dropout_lint", "--no-cache", "--confirm", "--output-format", "json", "seg_model.py"],
        cwd=proj,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (f,) = [f for f in json.loads(r.stdout) if f["code"] == "DL102"]
    c = f["confirmation"]
    # Before: unbuildable, "building it needs `Backbones.get(...)` (line 4) from a module that is not installed".
    assert c["status"] == "confirmed", c
    assert "Dropout `dropout` feeds BatchNormalization `batch_normalization`" in c["detail"]
    assert "`backbonekit` from backbonekit-1.0-py3-none-any.whl, taken by confirm-packages" in c["detail"]
    # A wheel with compiled code is refused in one line, and the run goes on.
    assert "confirm-packages 'fastkit': not taken: fastkit-1.0-py3-none-" in r.stderr
    assert "is not a pure-Python wheel" in r.stderr and "Traceback" not in r.stderr
    # Unpacked in the per-user cache, installed nowhere.
    assert (index / "cache" / "wheels" / "site" / "backbonekit-1.0-py3-none-any" / "backbonekit").is_dir()
    assert importlib.util.find_spec("backbonekit") is None


def test_without_the_setting_nothing_is_downloaded(index):
    from dropout_lint.confirm import confirm_findings

    f = at(index / "proj", "seg_model.py", "DL102", "layers.Dropout(0.3)")
    confirm_findings([f], timeout=120)
    assert f.confirmation is not None and f.confirmation.status == "unbuildable"
    assert "from a module that is not installed" in f.confirmation.detail
    assert not (index / "cache").exists()


def test_confirm_packages_must_be_a_list_of_strings(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.dropout-lint]\nconfirm-packages = "backbonekit"\n')
    (tmp_path / "m.py").write_text("x = 1\n")
    r = subprocess.run(
        [sys.executable, "-m", "dropout_lint", "--no-cache", "m.py"], cwd=tmp_path, capture_output=True, text=True
    )
    assert r.returncode == 2 and "confirm-packages: expected a list, got str" in r.stderr
