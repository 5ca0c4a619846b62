import hashlib
import importlib.util
import io
import tarfile
import zipfile
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "precision" / "build_pypi_corpus.py"
spec = importlib.util.spec_from_file_location("build_pypi_corpus", SCRIPT)
bpc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bpc)


def test_split_follows_sha256_parity_of_normalised_name():
    for name in ("Some_Pkg.Name", "other-pkg", "x", "deep--net"):
        digest = hashlib.sha256(("q-split:" + bpc.normalise(name)).encode()).hexdigest()
        assert bpc.half_of(name) == ("tune" if int(digest, 16) % 2 == 0 else "validate")
    assert bpc.half_of("Some_Pkg.Name") == bpc.half_of("some-pkg-name")
    halves = {bpc.half_of(f"pkg{i}") for i in range(20)}
    assert halves == {"tune", "validate"}


def _files():
    return {
        "pkg/model.py": "from tensorflow import keras\nx = keras.layers.Dropout(0.5)\n",
        "pkg/util.py": "print('dropout only')\n",
        "pkg/nb.ipynb": "{}",
        "pkg/data.bin": "\x00",
        "pkg/README.md": "keras dropout",
        "setup.py": "",
        "requirements-dev.txt": "",
        "../evil.py": "",
    }


def test_extract_wheel_keeps_only_python_notebooks_and_build_files(tmp_path):
    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, text in _files().items():
            zf.writestr(name, text)
    dest = tmp_path / "out"
    paths = bpc.extract(str(wheel), str(dest))
    assert sorted(paths) == ["pkg/model.py", "pkg/nb.ipynb", "pkg/util.py", "requirements-dev.txt", "setup.py"]
    assert bpc.counts(paths) == (3, 1)
    assert not (tmp_path / "evil.py").exists()
    assert bpc.selected(str(dest), paths)


def test_selection_needs_dropout_and_framework_in_one_code_file(tmp_path):
    sdist = tmp_path / "pkg-1.0.tar.gz"
    files = {"pkg-1.0/a.py": "import keras\n", "pkg-1.0/b.py": "DROPOUT = 0.1\n", "pkg-1.0/setup.py": "# keras\n"}
    with tarfile.open(sdist, "w:gz") as tf:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    dest = tmp_path / "out"
    paths = bpc.extract(str(sdist), str(dest))
    assert sorted(paths) == sorted(files)
    assert not bpc.selected(str(dest), paths)
    (dest / "pkg-1.0" / "b.py").write_text("tf = 'TensorFlow'; rate = 'Dropout'\n")
    assert bpc.selected(str(dest), paths)
