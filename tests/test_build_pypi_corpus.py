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


def test_split_prefix_changes_the_hash_input():
    for name in ("Some_Pkg.Name", "other-pkg", "x"):
        digest = hashlib.sha256(("r-split:" + bpc.normalise(name)).encode()).hexdigest()
        assert bpc.half_of(name, "r-split:") == ("tune" if int(digest, 16) % 2 == 0 else "validate")
    names = [f"pkg{i}" for i in range(40)]
    assert [bpc.half_of(n) for n in names] != [bpc.half_of(n, "r-split:") for n in names]


ROW = ["pkg", "1.0", "pkg-1.0-py3-none-any.whl", "0" * 64, "yes", "tune", "3", "1"]


def test_read_table_accepts_q_columns_and_checks_source(tmp_path):
    q = tmp_path / "q.tsv"
    q.write_text("\t".join(bpc.COLUMNS) + "\n" + "\t".join(ROW) + "\n")
    assert bpc.read_table(str(q)) == [dict(zip(bpc.COLUMNS, ROW))]
    r = tmp_path / "r.tsv"
    r.write_text("\t".join(bpc.COLUMNS + ("source",)) + "\n" + "\t".join(ROW + ["q-failed"]) + "\n")
    assert bpc.read_table(str(r))[0]["source"] == "q-failed"
    for bad in (ROW + ["elsewhere"], ROW):
        r.write_text("\t".join(bpc.COLUMNS + ("source",)) + "\n" + "\t".join(bad) + "\n")
        try:
            bpc.read_table(str(r))
        except ValueError:
            pass
        else:
            raise AssertionError(f"accepted {bad}")
    assert bpc.main(["--table", str(r), "--out", str(tmp_path / "out")]) == 1


def test_walk_candidates_order_and_exclusions(tmp_path, monkeypatch):
    wspec = importlib.util.spec_from_file_location("walk_pypi_corpus", SCRIPT.parent / "walk_pypi_corpus.py")
    walk = importlib.util.module_from_spec(wspec)
    wspec.loader.exec_module(walk)
    q_names = [f"qpkg{i}" for i in range(6)]
    frontier = max(walk.walk_hash(n) for n in q_names)
    q = tmp_path / "q.tsv"
    q_rows = [[n, "1", "-" if i % 2 else "f.whl", "-", "no", "-", "0", "0"] for i, n in enumerate(q_names)]
    q.write_text("\t".join(bpc.COLUMNS) + "\n" + "".join("\t".join(r) + "\n" for r in q_rows))
    beyond = [n for n in (f"kerasish-{i}" for i in range(60)) if walk.walk_hash(n) > frontier]
    before = [n for n in (f"kerasish-{i}" for i in range(60)) if walk.walk_hash(n) <= frontier]
    assert beyond and before
    registry = tmp_path / "pypi.tsv"
    lines = ["name\tversion\tmonth\trank\tsummary"]
    lines += [f"{n}\t2.0\t2024-01\t\tA Keras helper" for n in beyond + before]
    lines += ["tensorflow-extra\t1\t2024-01\t\tkeras things", "torchy\t1\t2024-01\t\tdeep learning for PyTorch"]
    lines += ["mentioned-pkg\t1\t2024-01\t\tTensorFlow tools", "cooking\t1\t2024-01\t\trecipes"]
    registry.write_text("\n".join(lines) + "\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "notes.md").write_text("we linted Mentioned_Pkg once; also " + q_names[1] + "\n")
    (repo / "q.tsv").write_text(q.read_text())
    import subprocess

    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    todo, stats = walk.candidates(str(registry), str(repo / "q.tsv"), str(repo))
    failed = sorted((n for i, n in enumerate(q_names) if i % 2 and n != q_names[1]), key=walk.walk_hash)
    assert [(n, s) for n, _v, s in todo if s == "q-failed"] == [(n, "q-failed") for n in failed]
    assert stats["q_failed_named_in_repo"] == [q_names[1]]
    new = [n for n, _v, s in todo if s == "new"]
    assert new == sorted(beyond, key=walk.walk_hash)
    assert stats["frontier"] == frontier
    # the filters on their own (the hash frontier may already have left these out)
    assert walk.TF_TEAM_RE.search(bpc.normalise("TensorFlow_Extra")) and walk.TF_TEAM_RE.search("keras-nightly")
    assert walk.TF_TEAM_RE.search("mesh-tensorflow") and not walk.TF_TEAM_RE.search("kerasish-1")
    text = walk.repo_text(str(repo))
    assert walk.named_in("mentioned.pkg", text) and not walk.named_in("cooking", text)
    assert walk.TOPIC_RE.search("A Keras helper") and not walk.TOPIC_RE.search("recipes")


def test_walk_wide_candidates_come_last_in_hash_order(tmp_path):
    wspec = importlib.util.spec_from_file_location("walk_pypi_corpus", SCRIPT.parent / "walk_pypi_corpus.py")
    walk = importlib.util.module_from_spec(wspec)
    wspec.loader.exec_module(walk)
    q = tmp_path / "q.tsv"
    q.write_text("\t".join(bpc.COLUMNS) + "\n" + "\t".join(["zzqpkg", "1", "f.whl", "-", "no", "-", "0", "0"]) + "\n")
    frontier = walk.walk_hash("zzqpkg")
    keras_beyond = [n for n in (f"kerasoid-{i}" for i in range(40)) if walk.walk_hash(n) > frontier]
    wide = [f"wideish-{i}" for i in range(8)]
    lines = ["name\tversion\tmonth\trank\tsummary"]
    lines += [f"{n}\t1\t2024-01\t\tKeras layers" for n in keras_beyond]
    lines += [f"{n}\t3\t2024-01\t\tImage classification made simple" for n in wide]
    lines += ["wideish-torch\t1\t2024-01\t\tsegmentation in PyTorch", "wideish-said\t1\t2024-01\t\tspeech"]
    lines += ["plainpkg\t1\t2024-01\t\tparsing dates"]
    registry = tmp_path / "pypi.tsv"
    registry.write_text("\n".join(lines) + "\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "notes.md").write_text("wideish-said was looked at\n")
    (repo / "q.tsv").write_text(q.read_text())
    import subprocess

    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    narrow, _stats = walk.candidates(str(registry), str(repo / "q.tsv"), str(repo))
    assert {s for _n, _v, s in narrow} == {"new"}
    todo, stats = walk.candidates(str(registry), str(repo / "q.tsv"), str(repo), wide=True)
    assert todo[: len(narrow)] == narrow
    assert todo[len(narrow) :] == [(n, "3", "v-wide") for n in sorted(wide, key=walk.walk_hash)]
    assert stats["wide"]["torch"] == 1 and stats["wide"]["in_repo"] == 1 and stats["v-wide"] == len(wide)
    assert not walk.WIDE_RE.search("parsing dates") and walk.WIDE_RE.search("an AI helper")
