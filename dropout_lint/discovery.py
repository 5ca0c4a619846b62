"""Finding the files to lint.

Folders are walked without following symlinks to folders (a symlink loop cannot hang the run),
skipping VCS folders, virtual environments, caches, ``.gitignore``d paths and ``exclude`` globs.
Files named on the command line are always linted, unless ``force_exclude`` is set (Ruff's
``--force-exclude``, what pre-commit needs since it names every changed file): then a path named
on the command line is skipped when the walk would have skipped it, that is when it or one of
its folders below the project root matches ``exclude``, is a VCS/venv/cache folder, or is
``.gitignore``d. Problems (a missing path, an unreadable folder) are collected as one-line
messages, never raised.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".py", ".pyi", ".ipynb")
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".env",
        "env",
        "__pycache__",
        "node_modules",
        "site-packages",
        ".tox",
        ".nox",
        ".eggs",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".dropout_lint_cache",
        ".ipynb_checkpoints",
        "build",
        "dist",
        "_build",
        "buck-out",
    }
)


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class GitIgnore:
    """The patterns of one ``.gitignore`` file, matched against paths relative to its folder."""

    def __init__(self, base: Path, lines: list[str]) -> None:
        self.base = base
        self.rules: list[tuple[re.Pattern, bool, bool, bool]] = []
        for raw in lines:
            line = raw.rstrip("\n").rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            if line.startswith("\\"):
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            if not line:
                continue
            anchored = "/" in line
            line = line.lstrip("/")
            self.rules.append((re.compile(_glob_to_regex(line)), negate, dir_only, anchored))

    @classmethod
    def load(cls, folder: Path) -> "GitIgnore | None":
        p = folder / ".gitignore"
        try:
            if p.is_file():
                return cls(folder, p.read_text(encoding="utf-8", errors="replace").splitlines())
        except OSError:
            return None
        return None

    def match(self, path: Path, is_dir: bool) -> bool | None:
        """True ignored, False re-included, None no opinion."""
        try:
            rel = path.relative_to(self.base).as_posix()
        except ValueError:
            return None
        result = None
        name = rel.rsplit("/", 1)[-1]
        for rx, negate, dir_only, anchored in self.rules:
            if dir_only and not is_dir:
                continue
            if rx.fullmatch(rel if anchored else name):
                result = not negate
        return result


def _glob_to_regex(pat: str) -> str:
    i, out = 0, []
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pat.startswith("/**", i) and i + 3 == len(pat):
            out.append("(?:/.*)?")
            i += 3
            continue
        if pat.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pat.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = pat[i + 1 : j].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _ignored(stack: list[GitIgnore], path: Path, is_dir: bool) -> bool:
    result = False
    for gi in stack:
        m = gi.match(path, is_dir)
        if m is not None:
            result = m
    return result


def _excluded(path: Path, root: Path, patterns: list[str]) -> bool:
    if not patterns:
        return False
    try:
        rel = Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    name = path.name
    for p in patterns:
        p = p.rstrip("/")
        if fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(rel, p + "/*"):
            return True
    return False


def _git_root(start: Path) -> Path | None:
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


class ForceExclude:
    """Whether a path named on the command line would have been skipped by the walk.

    Checked: the path itself and each of its folders below the project root (``root``) against
    ``exclude``, the skipped folder names (``SKIP_DIRS``, virtual environments) and the
    ``.gitignore`` files from the repository's top folder (or the project root, outside a
    repository) down to the path. A path inside an ignored folder stays ignored, as in git.
    Folders above the project root are never matched (a project living under ``~/build/`` is
    still linted). ``.gitignore`` files are read once per folder per run.
    """

    def __init__(self, root: Path, exclude: list[str]) -> None:
        self.root = Path(os.path.abspath(root))
        self.exclude = exclude
        self._gitignores: dict[Path, GitIgnore | None] = {}

    def _gitignore(self, folder: Path) -> GitIgnore | None:
        if folder not in self._gitignores:
            self._gitignores[folder] = GitIgnore.load(folder)
        return self._gitignores[folder]

    def __call__(self, path: Path) -> bool:
        target = Path(os.path.abspath(path))
        is_dir = target.is_dir()
        below_root: tuple[str, ...] = ()
        for candidate in (target, Path(os.path.realpath(target))):  # the root is a resolved path
            try:
                below_root = candidate.relative_to(self.root).parts
                target = candidate
                break
            except ValueError:
                continue
        # Folders (and the path) below the project root: exclude globs and skipped folder names.
        for i in range(1, len(below_root) + 1):
            q = self.root.joinpath(*below_root[:i])
            q_is_dir = is_dir if i == len(below_root) else True
            if _excluded(q, self.root, self.exclude):
                return True
            if q_is_dir and (below_root[i - 1] in SKIP_DIRS or (q / "pyvenv.cfg").exists()):
                return True
        if not below_root and target != self.root and _excluded(target, self.root, self.exclude):
            return True
        # .gitignore: from the repository's top folder down, each folder then the path.
        top = _git_root(target if is_dir else target.parent)
        if top is None:
            top = self.root if below_root else target.parent
        try:
            parts = target.relative_to(top).parts
        except ValueError:
            return False
        stack: list[GitIgnore] = []
        folder = top
        for i, name in enumerate(parts):
            gi = self._gitignore(folder)
            if gi:
                stack.append(gi)
            folder = folder / name
            if _ignored(stack, folder, is_dir if i == len(parts) - 1 else True):
                return True
        return False


def discover(
    paths: list[str], root: Path, exclude: list[str] | None = None, suffixes=SUFFIXES, force_exclude: bool = False
) -> Discovery:
    out = Discovery()
    seen: set[str] = set()
    exclude = exclude or []
    forced = ForceExclude(root, exclude) if force_exclude else None

    def add(p: Path) -> None:
        key = os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for raw in paths:
        p = Path(raw)
        if forced is not None and p.exists() and forced(p):
            continue
        if p.is_file():
            add(p)
            continue
        if not p.exists():
            out.missing.append(raw)
            continue
        if not p.is_dir():
            out.warnings.append(f"{raw}: not a file or folder, skipped")
            continue
        absdir = Path(os.path.abspath(p))
        # .gitignore files of the folders above, up to the repository root.
        stack: list[GitIgnore] = []
        groot = _git_root(absdir)
        if groot is not None:
            for d in reversed(absdir.parents):
                if len(d.parts) >= len(groot.parts):
                    gi = GitIgnore.load(d)
                    if gi:
                        stack.append(gi)
        _walk(p, absdir, stack, root, exclude, suffixes, add, out, set())
    return out


def _walk(p: Path, absdir: Path, stack, root, exclude, suffixes, add, out: Discovery, visited: set) -> None:
    try:
        real = os.path.realpath(absdir)
        if real in visited:
            return
        visited.add(real)
        entries = sorted(os.scandir(p), key=lambda e: e.name)
    except PermissionError:
        out.warnings.append(f"{p}: permission denied, skipped")
        return
    except OSError as exc:
        out.warnings.append(f"{p}: cannot read folder: {exc.strerror or exc}")
        return
    gi = GitIgnore.load(absdir)
    local = stack + [gi] if gi else stack
    for e in entries:
        child = p / e.name
        abschild = absdir / e.name
        try:
            is_dir = e.is_dir(follow_symlinks=False)
            is_file = e.is_file()  # follows symlinks to files; a dangling link is neither
        except OSError:
            continue
        if is_dir:
            if e.name in SKIP_DIRS:
                continue
            if _ignored(local, abschild, True) or _excluded(abschild, root, exclude):
                continue
            if (abschild / "pyvenv.cfg").exists():
                continue
            _walk(child, abschild, local, root, exclude, suffixes, add, out, visited)
        elif is_file and e.name.endswith(suffixes):
            if _ignored(local, abschild, False) or _excluded(abschild, root, exclude):
                continue
            add(child)
