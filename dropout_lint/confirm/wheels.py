"""Packages a build needs that are not installed, taken only when the user asks for them.

``confirm-packages = ["image-classifiers", "keras-applications==1.0.8"]`` in
``[tool.dropout-lint]`` (or ``--confirm-package SPEC``): before the first build, dropout-lint
runs ``python -m pip download --only-binary :all: --no-deps`` for each (the user's own pip
configuration and ``PIP_*`` variables apply: index, ``--find-links``, ``--no-index``) into a
per-user cache folder, takes only pure-Python wheels (``*-none-any.whl``: no setup.py runs, no
compiled code), unpacks each into a folder of its own, and puts those folders on the worker's
``sys.path`` only: nothing is installed into any environment. Dependencies are not followed
(``--no-deps``): list every package the build needs. A package that cannot be had is said once on
stderr and the run goes on without it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile


def cache_dir() -> str:
    """``$DROPOUT_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/dropout-lint``, else ``~/.cache/dropout-lint``."""
    base = os.environ.get("DROPOUT_LINT_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "dropout-lint")
    return os.path.join(base, "wheels")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


_SPEC = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==\s*([A-Za-z0-9._+!-]+))?\s*$")


def _wheels_of(folder: str, name: str, version: str | None) -> list[str]:
    """Wheels in ``folder`` of the project ``name`` (and ``version``), newest name last."""
    if not os.path.isdir(folder):
        return []
    out = []
    for fn in os.listdir(folder):
        parts = fn[:-4].split("-") if fn.endswith(".whl") else []
        if len(parts) >= 5 and _norm(parts[0]) == _norm(name) and (version is None or parts[1] == version):
            out.append(fn)
    return sorted(out)


def _unpack(wheel: str, site: str) -> str:
    """The folder ``wheel`` is unpacked in (once; members outside it are skipped)."""
    dest = os.path.join(site, os.path.basename(wheel)[:-4])
    if os.path.isdir(dest):
        return dest
    os.makedirs(site, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".unpack-", dir=site)
    with zipfile.ZipFile(wheel) as zf:
        for member in zf.namelist():
            target = os.path.realpath(os.path.join(tmp, member))
            if target.startswith(os.path.realpath(tmp) + os.sep):
                zf.extract(member, tmp)
    try:
        os.rename(tmp, dest)
    except OSError:  # another run unpacked it meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
    return dest


def fetch(specs: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
    """(folders for sys.path, top-level module -> wheel file name, one-line problems)."""
    root = cache_dir()
    downloads, site = os.path.join(root, "downloads"), os.path.join(root, "site")
    folders: list[str] = []
    modules: dict[str, str] = {}
    problems: list[str] = []
    for spec in specs:
        m = _SPEC.match(spec)
        if not m:
            problems.append(f"confirm-packages {spec!r}: expected a name or name==version")
            continue
        name, version = m.group(1), m.group(2)
        os.makedirs(downloads, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        cmd += ["--only-binary", ":all:", "--no-deps", "--dest", downloads, spec]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            failed = done.returncode != 0
            why = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        except (OSError, subprocess.TimeoutExpired) as exc:
            failed, why = True, str(exc)
        found = _wheels_of(downloads, name, version)
        if failed and not found:
            problems.append(f"confirm-packages {spec!r}: not taken: {why}")
            continue
        wheel = found[-1]
        if not wheel.endswith("-none-any.whl"):
            problems.append(f"confirm-packages {spec!r}: not taken: {wheel} is not a pure-Python wheel")
            continue
        folder = _unpack(os.path.join(downloads, wheel), site)
        folders.append(folder)
        for entry in os.listdir(folder):
            top = entry[:-3] if entry.endswith(".py") else entry
            if top.isidentifier() and (entry.endswith(".py") or os.path.isdir(os.path.join(folder, entry))):
                modules.setdefault(top, wheel)
    return folders, modules, problems
