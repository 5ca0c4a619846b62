#!/usr/bin/env python3
"""Rebuild the PyPI precision corpus Q (stdlib only).

Each row of the table (TSV: name, version, file, sha256, kept, half, n_py, n_ipynb)
is one PyPI package walked when the corpus was built.  For every row with kept=yes
this script runs ``pip download --no-deps --no-build-isolation NAME==VERSION``,
checks that the downloaded file has the recorded name and sha256, extracts from the
wheel/zip/tarball only *.py and *.ipynb files plus setup.py, pyproject.toml and
requirements*.txt, and writes them to OUT/<half>/<name>/<path in archive>.

Selection rule (applied when the corpus was built): a package was kept when at
least one of its .py/.ipynb files contains "dropout" and "keras" or "tensorflow"
(case-insensitive, plain text).  Split rule: int(sha256("q-split:" + normalised
name), 16) % 2 == 0 -> "tune", else "validate"; the normalised name is the name
lower-cased with runs of "-", "_" and "." replaced by "-".

Exit status 1 when any kept package could not be rebuilt as recorded.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

EXTRA_NAMES = ("setup.py", "pyproject.toml")
COLUMNS = ("name", "version", "file", "sha256", "kept", "half", "n_py", "n_ipynb")


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def half_of(name):
    digest = hashlib.sha256(("q-split:" + normalise(name)).encode()).hexdigest()
    return "tune" if int(digest, 16) % 2 == 0 else "validate"


def wanted(path):
    base = path.rsplit("/", 1)[-1]
    return (
        base.endswith((".py", ".ipynb"))
        or base in EXTRA_NAMES
        or (base.startswith("requirements") and base.endswith(".txt"))
    )


def _members(archive):
    """Yield (path, read()) for the regular files of a wheel, zip or tarball."""
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    yield info.filename, lambda info=info: zf.read(info)
    else:
        with tarfile.open(archive) as tf:
            for info in tf.getmembers():
                if info.isfile():
                    yield info.name, lambda info=info: tf.extractfile(info).read()


def extract(archive, dest):
    """Write the wanted files of ``archive`` under ``dest``; return their paths."""
    written = []
    for path, read in _members(archive):
        parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or ".." in parts or not wanted(parts[-1]):
            continue
        target = os.path.join(dest, *parts)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(read())
        written.append("/".join(parts))
    return written


def counts(paths):
    return (sum(p.endswith(".py") for p in paths), sum(p.endswith(".ipynb") for p in paths))


def selected(dest, paths):
    """True when one .py/.ipynb file mentions dropout and keras or tensorflow."""
    for path in paths:
        if not path.endswith((".py", ".ipynb")):
            continue
        with open(os.path.join(dest, *path.split("/")), "rb") as fh:
            text = fh.read().lower()
        if b"dropout" in text and (b"keras" in text or b"tensorflow" in text):
            return True
    return False


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_table(path):
    with open(path, encoding="utf-8") as fh:
        lines = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    if lines and tuple(lines[0]) == COLUMNS:
        lines = lines[1:]
    return [dict(zip(COLUMNS, line)) for line in lines]


def download(name, version, workdir, timeout=120):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-d",
            workdir,
            f"{name}=={version}",
        ],
        check=True,
        timeout=timeout,
        capture_output=True,
    )
    return os.listdir(workdir)


def rebuild(row, out):
    with tempfile.TemporaryDirectory() as workdir:
        try:
            files = download(row["name"], row["version"], workdir)
        except (subprocess.SubprocessError, OSError) as exc:
            return f"download failed: {exc.__class__.__name__}"
        if row["file"] not in files:
            return f"got {files}, expected {row['file']}"
        archive = os.path.join(workdir, row["file"])
        if sha256_file(archive) != row["sha256"]:
            return "sha256 differs"
        dest = os.path.join(out, half_of(row["name"]), row["name"])
        paths = extract(archive, dest)
    if "%d\t%d" % counts(paths) != f"{row['n_py']}\t{row['n_ipynb']}":
        return "file counts differ: %d .py, %d .ipynb" % counts(paths)
    if half_of(row["name"]) != row["half"]:
        return f"half differs: {half_of(row['name'])}"
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--table", default=os.path.join(os.path.dirname(__file__), "corpus_q_packages.tsv"))
    ap.add_argument("--out", required=True, help="output directory (tune/, validate/)")
    args = ap.parse_args(argv)
    rows = [row for row in read_table(args.table) if row["kept"] == "yes"]
    failed = 0
    for row in rows:
        problem = rebuild(row, args.out)
        if problem:
            failed += 1
            print(f"{row['name']}: {problem}", file=sys.stderr)
    print(f"{len(rows) - failed}/{len(rows)} packages rebuilt into {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
