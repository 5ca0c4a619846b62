"""What a file's project declares about the TensorFlow / Keras it runs on.

Some findings are right or wrong by version: TF1's `keep_prob=` is the API up to TensorFlow 1.12
and deprecated from 1.13 (DL204); `set_learning_phase` is multi-backend Keras' supported switch up
to 2.3 and deprecated from tf.keras 2.4 (DL304). One file rarely shows its version; the project's
dependency declarations do, as `requires-python` tells Ruff its target. For the folder of each
linted file this module finds the nearest folder (the file's own or one above it, up to a
`.git` folder's parent) holding a declaration file -- `requirements*.txt`, `setup.py`,
`setup.cfg`, `pyproject.toml`, `environment.yml` / `environment.yaml`, `Pipfile` -- and reads the
lowest version it names for `tensorflow` (also `tensorflow-gpu` / `-cpu`) and for `keras`:
`tensorflow==1.14.0` and `tensorflow>=1.10` give (1, 14) and (1, 10); a bare `tensorflow`, an
upper bound only, or no declaration gives nothing. The result travels in the file's settings
(`FileSettings.options["declared-versions"]`), so the cache keys it like any other option.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

_FILES = re.compile(r"^(requirements[\w.-]*\.txt|setup\.py|setup\.cfg|pyproject\.toml|environment\.ya?ml|Pipfile)$")
# ``tensorflow-gpu>=1.10``, ``"tensorflow==2.4.1"``, ``keras~=2.3``, conda's ``tensorflow=1.14``
_SPEC = re.compile(
    r"(?<![\w.-])(tensorflow(?:-gpu|-cpu)?|keras)\s*(?:\[[^\]]*\])?\s*(===|==|~=|>=|>|=)\s*(\d+)\.(\d+)",
    re.IGNORECASE,
)
# ``tf-keras`` / ``tf_keras`` named at all (Keras 2 beside TF 2.16+, where ``tf.keras`` is Keras 3)
_TF_KERAS = re.compile(r"(?<![\w.-])tf[-_]keras(?![\w-])", re.IGNORECASE)
MAX_BYTES = 256 * 1024  # a declaration file larger than this is not read
MAX_UP = 6  # folders above the file's own that are searched


def declared_versions(folder: str) -> dict[str, tuple[int, int]]:
    """``{"tensorflow": (1, 14), "keras": (2, 0)}``: the lowest version each package's
    declarations allow, from the nearest folder at or above ``folder`` that has declarations."""
    return dict(_declared(os.path.abspath(folder)))


@lru_cache(maxsize=4096)
def _declared(folder: str) -> tuple:
    d = folder
    for _ in range(MAX_UP + 1):
        try:
            names = sorted(n for n in os.listdir(d) if _FILES.match(n))
        except OSError:
            names = []
        if names:
            return tuple(sorted(_read(d, names).items()))
        parent = os.path.dirname(d)
        if parent == d or os.path.isdir(os.path.join(d, ".git")):
            break
        d = parent
    return ()


def _read(d: str, names: list[str]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for name in names:
        try:
            with open(os.path.join(d, name), "rb") as fh:
                text = fh.read(MAX_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        for line in text.splitlines():
            if line.lstrip().startswith("#"):
                continue
            if _TF_KERAS.search(line):
                found["tf-keras"] = (0, 0)  # Keras 2 kept for TF 2.16+: its version does not matter here
            for m in _SPEC.finditer(line):
                pkg = "keras" if m.group(1).lower() == "keras" else "tensorflow"
                version = (int(m.group(3)), int(m.group(4)))
                if pkg not in found or version < found[pkg]:
                    found[pkg] = version
    return found


def describe(pkg: str, version: tuple[int, int]) -> str:
    return f"{pkg} {version[0]}.{version[1]}"


# --- code elsewhere in the project that writes a layer's ``rate`` -------------------------------
# ``layer.rate = 0.3`` (a dropout schedule, a hyper-parameter search filling placeholders) or
# ``setattr(layer, "rate", r)``: a ``Dropout(0.0)`` built as a placeholder may not stay at 0.
# ``self.rate = rate`` is a layer's constructor keeping its own argument, not such a write.
_RATE_WRITE = re.compile(rb"(?<!\bself)\.rate\s*(?:=(?!=)|[-+*/]=)|setattr\((?!\s*self\s*,)[^,()]+,\s*['\"]rate['\"]")
MAX_SCAN_FILES = 5000  # files of one project read for rate writes at most
MAX_SCAN_BYTES = 2 * 1024 * 1024  # a file larger than this is not read for them


def project_root(folder: str) -> str:
    """The folder a file's project code lives in, for facts that cross files: the outermost
    folder of the package chain holding ``folder`` (each with an ``__init__.py``), or the file's
    own folder when it is not in a package (a folder of scripts or notebooks)."""
    d = os.path.abspath(folder)
    while os.path.isfile(os.path.join(d, "__init__.py")):
        parent = os.path.dirname(d)
        if parent == d or not os.path.isfile(os.path.join(parent, "__init__.py")):
            break
        d = parent
    return d


def rate_writers(folder: str) -> tuple[str, ...]:
    """Up to three files (relative to the project root) whose code writes a ``rate`` attribute,
    for a file in ``folder``; ``()`` when none does."""
    return _rate_writers(project_root(folder))


@lru_cache(maxsize=1024)
def _rate_writers(root: str) -> tuple[str, ...]:
    found: list[str] = []
    for path, data in _project_texts(root):
        if b"rate" in data and _RATE_WRITE.search(data):
            found.append(os.path.relpath(path, root).replace(os.sep, "/"))
            if len(found) == 3:
                break
    return tuple(found)


# --- code elsewhere in the project that samples a model repeatedly (Monte-Carlo dropout) --------
# ``for _ in range(n): preds.append(model.predict(x))`` or ``[predict(m, x) for _ in range(30)]``
# in another file: a ``training=True`` hard-wired in a build, or passed in a function that loop
# calls, may be that sampling's dropout, on purpose. Read as text, line by line: a ``for`` over
# ``range`` / ``trange`` (or a comprehension over one) whose body calls something on arguments
# that never mention the loop's variable.
_FOR_RANGE = re.compile(r"^(\s*)(?:async\s+)?for\s+(\w+)\s+in\s+(?:[\w.]+\.)?(?:range|trange|tqdm\(\s*range)\(")
_COMP_RANGE = re.compile(
    r"([\w.]+)\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s+for\s+(\w+)\s+in\s+(?:[\w.]+\.)?(?:range|trange)\("
)
_CALL = re.compile(r"([A-Za-z_][\w.]*)\(")
# arguments that hand over new data on every turn: a loop over batches, not over samples
_NEW_DATA = re.compile(
    r"(?:^|[^\w])(?:next|iter)\s*\(|(?:^|_)(?:iter|iterator|dataset|ds|loader|dataloader|batches|generator|gen|queue|stream)(?:_|$)",
    re.I,
)
_SAMPLED_MAX = 64  # names kept at most
_TRAINS = re.compile(r"GradientTape|\.fit\(|train_on_batch|apply_gradients|\.minimize\(|\btrain_step\b|\.backward\(")
_DEF = re.compile(r"^(\s*)(?:async\s+)?def\s+(\w+)\s*\(")
_PREDICTS = re.compile(r"\.predict(?:_on_batch)?\(|\btraining\s*=\s*True\b")
_PREDICTS_B = re.compile(_PREDICTS.pattern.encode())  # the same, on a file's bytes


def sampled_callees(folder: str) -> tuple[str, ...]:
    """Names of what the project calls repeatedly on the same input in a sampling loop (the last
    part of the callee: ``predict`` for ``model.predict(x)``, ``mc_forward`` for
    ``self.mc_forward(x)``), from every ``.py`` / ``.ipynb`` file of the project of a file in
    ``folder``; only calls given ``training=True`` or made through ``predict`` / ``__call__``, and
    functions whose body makes such a call (then ``predict`` too)."""
    return _sampled(project_root(folder))


@lru_cache(maxsize=1024)
def _sampled(root: str) -> tuple[str, ...]:
    found: set[str] = set()
    looped: set[str] = set()  # every callee a sampling loop calls (``walkthrough()``)
    predicting: set[str] = set()  # functions whose body predicts or passes training=True
    for path, data in _project_texts(root):
        if b"range(" not in data and not _PREDICTS_B.search(data):
            continue  # neither a loop over range nor a function that predicts
        text = data.decode("utf-8", "replace")
        if path.endswith(".ipynb"):
            text = text.replace("\\n", "\n").replace('\\"', '"')
        _scan(text, found, looped, predicting)
    # one level of indirection: a loop calling a function that predicts samples through it
    if looped & predicting:
        found.add("predict")
    found |= looped & predicting
    return tuple(sorted(found)[:_SAMPLED_MAX])


# --- a project that trains its models only in custom loops, never in training mode ---------------
# A Keras model runs in training mode only when something asks for it: ``fit`` / ``train_on_batch``
# (``training=True`` for the step), a ``training=`` argument other than False / None (a literal
# True, a variable, a signature default True), or the learning phase (``set_learning_phase``,
# ``K.learning_phase()`` fed in TF1), or an Estimator made from the model. A project whose files
# have custom training steps (``GradientTape`` and ``apply_gradients`` / ``minimize``) and none of
# these runs every model it trains in inference mode: its Dropout never drops.
_TRAINING_ON = re.compile(
    rb"\.fit(?:_generator)?\s*\(|train_on_batch\s*\(|\btraining\s*=\s*(?!\s*(?:False|None)\b)"
    rb"|learning_phase|model_to_estimator|\bestimator\b"
)
_APPLIES = re.compile(rb"apply_gradients\s*\(|\.minimize\s*\(")


def training_mode_never(folder: str) -> tuple[str, ...]:
    """Up to three files (relative to the project root) with a custom training step, for a file
    in ``folder`` whose project has such steps and never asks for training mode anywhere (see
    ``_TRAINING_ON``); ``()`` when some file asks for it, when there is no custom step (a library
    whose users train its models), or when some file of the project is not read (too many files,
    one too large or unreadable): what it does is not shown."""
    return _never_training(project_root(folder))


@lru_cache(maxsize=1024)
def _never_training(root: str) -> tuple[str, ...]:
    steps: list[str] = []
    skipped: list[str] = []
    n = 0
    for path, data in _project_texts(root, skipped):
        n += 1
        if _TRAINING_ON.search(data):
            return ()
        if b"GradientTape" in data and _APPLIES.search(data):
            steps.append(os.path.relpath(path, root).replace(os.sep, "/"))
    if skipped or n >= MAX_SCAN_FILES:
        return ()  # a file not read may ask for training mode: not shown
    return tuple(steps[:3])


def _block(lines: list[str], i: int, indent: int, limit: int = 30):
    for body in lines[i + 1 : i + 1 + limit]:
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        if len(body.expandtabs()) - len(body.expandtabs().lstrip()) <= indent:
            return
        yield body


def _scan(text: str, found: set[str], looped: set[str], predicting: set[str]) -> None:
    lines = text.splitlines()
    for i, line in enumerate(lines):
        has_range = "range(" in line
        if has_range and "for" in line:
            for c in _COMP_RANGE.finditer(line):
                _note(found, looped, c.group(1), c.group(2), c.group(3))
        d = _DEF.match(line) if "def" in line else None
        if d is not None:
            body = "\n".join(_block(lines, i, len(d.group(1).expandtabs()), 60))
            if _PREDICTS.search(body):
                predicting.add(d.group(2))
            continue
        f = _FOR_RANGE.match(line) if has_range and "for" in line else None
        if f is None:
            continue
        indent, var = len(f.group(1).expandtabs()), f.group(2)
        block = list(_block(lines, i, indent))
        joined = "\n".join(block)
        if _TRAINS.search(joined):
            continue  # a training loop (epochs), not sampling
        if not var.startswith("_") and re.search(rf"\b{re.escape(var)}\b", joined):
            continue  # the turn's number is used: epochs, batches, steps
        for body in block:
            for callee, args in _calls(body):
                _note(found, looped, callee, args, "_")


def _calls(line: str):
    """(callee, argument text) of every call on the line, nested ones included."""
    for m in _CALL.finditer(line):
        depth, start = 1, m.end()
        for j in range(start, len(line)):
            ch = line[j]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    yield m.group(1), line[start:j]
                    break
        else:
            yield m.group(1), line[start:]  # continues on the next line


def _note(found: set[str], looped: set[str], callee: str, args: str, var: str) -> None:
    last = callee.rsplit(".", 1)[-1]
    if var != "_" and re.search(rf"\b{re.escape(var)}\b", args):
        return  # the input changes with the loop: a loop over data
    if _NEW_DATA.search(args):
        return
    looped.add(last)
    keyword = re.search(r"\btraining\s*=\s*True\b", args) is not None
    if keyword or (last in ("predict", "predict_on_batch", "__call__") and "." in callee):
        found.add(last)


def _project_files(root: str):
    seen = 0
    in_package = os.path.isfile(os.path.join(root, "__init__.py"))
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")) if in_package else []
        for name in sorted(filenames):
            if not name.endswith((".py", ".ipynb")):
                continue
            seen += 1
            if seen > MAX_SCAN_FILES:
                return
            yield os.path.join(dirpath, name)


def _project_texts(root: str, skipped: list[str] | None = None):
    """(path, bytes) of the project's ``.py`` / ``.ipynb`` files (at most ``MAX_SCAN_FILES``; a
    file over ``MAX_SCAN_BYTES`` or unreadable is left out, and appended to ``skipped``)."""
    for path in _project_files(root):
        try:
            if os.path.getsize(path) > MAX_SCAN_BYTES:
                if skipped is not None:
                    skipped.append(path)
                continue
            with open(path, "rb") as fh:
                yield path, fh.read()
        except OSError:
            if skipped is not None:
                skipped.append(path)
            continue
