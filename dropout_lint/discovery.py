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
        return self.match_rel(rel, is_dir)

    def match_rel(self, rel: str, is_dir: bool) -> bool | None:
        """``match`` for a posix path relative to this file's folder."""
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
    still linted). The verdict of each folder is worked out once per run, on strings rather
    than ``Path`` objects, so naming thousands of files (``pre-commit run --all-files``) stays
    cheap.
    """

    def __init__(self, root: Path, exclude: list[str]) -> None:
        self.root = os.path.abspath(root)
        self.prefix = self.root if self.root.endswith(os.sep) else self.root + os.sep
        self.exclude = [p.rstrip("/") for p in exclude]
        self._gitignores: dict[str, GitIgnore | None] = {}
        self._skipped: dict[str, bool] = {}
        self._tops: dict[str, str] = {}
        self._stacks: dict[tuple[str, str], list[tuple[str, GitIgnore]]] = {}
        self._ignored: dict[tuple[str, str], bool] = {}

    def _rel(self, p: str) -> str | None:
        """``p`` relative to the root (posix), or None when it is not below the root."""
        return p[len(self.prefix) :].replace(os.sep, "/") if p.startswith(self.prefix) else None

    def _glob(self, p: str) -> bool:
        """``exclude`` as the walk applies it (``_excluded``)."""
        if not self.exclude:
            return False
        rel = self._rel(p)
        if rel is None:
            rel = p.replace(os.sep, "/")
        name = os.path.basename(p)
        return any(
            fnmatch.fnmatchcase(rel, q) or fnmatch.fnmatchcase(name, q) or fnmatch.fnmatchcase(rel, q + "/*")
            for q in self.exclude
        )

    def _skipped_folder(self, d: str) -> bool:
        """``d`` or a folder above it, below the root, matches ``exclude`` or is a skipped folder."""
        hit = self._skipped.get(d)
        if hit is None:
            hit = self._skipped[d] = self._rel(d) is not None and (
                self._skipped_folder(os.path.dirname(d))
                or os.path.basename(d) in SKIP_DIRS
                or self._glob(d)
                or os.path.exists(os.path.join(d, "pyvenv.cfg"))
            )
        return hit

    def _top(self, d: str) -> str:
        """Where the ``.gitignore`` files that apply to the entries of folder ``d`` start."""
        top = self._tops.get(d)
        if top is None:
            git = _git_root(Path(d))
            if git is not None:
                top = str(git)
            else:
                top = self.root if d == self.root or self._rel(d) is not None else d
            self._tops[d] = top
        return top

    def _stack(self, d: str, top: str) -> list[tuple[str, GitIgnore]]:
        """The ``.gitignore`` files of ``top`` ... ``d``, each with its folder as a prefix."""
        key = (d, top)
        stack = self._stacks.get(key)
        if stack is None:
            stack = self._stack(os.path.dirname(d), top) if d != top else []
            if d not in self._gitignores:
                self._gitignores[d] = GitIgnore.load(Path(d))
            gi = self._gitignores[d]
            if gi:
                stack = stack + [(d if d.endswith(os.sep) else d + os.sep, gi)]
            self._stacks[key] = stack
        return stack

    @staticmethod
    def _gitignored(stack: list[tuple[str, GitIgnore]], p: str, is_dir: bool) -> bool:
        result = False
        for prefix, gi in stack:
            if p.startswith(prefix):
                m = gi.match_rel(p[len(prefix) :].replace(os.sep, "/"), is_dir)
                if m is not None:
                    result = m
        return result

    def _ignored_folder(self, d: str, top: str) -> bool:
        """``d`` or a folder above it, below ``top``, is ``.gitignore``d."""
        key = (d, top)
        hit = self._ignored.get(key)
        if hit is None:
            parent = os.path.dirname(d)
            hit = self._ignored[key] = (
                d != top
                and parent != d
                and (self._ignored_folder(parent, top) or self._gitignored(self._stack(parent, top), d, True))
            )
        return hit

    def __call__(self, path: Path | str) -> bool:
        target = os.path.abspath(path)
        if target != self.root and self._rel(target) is None:
            real = os.path.realpath(target)  # the root is a resolved path
            if real == self.root or self._rel(real) is not None:
                target = real
        if target == self.root:
            return False
        is_dir = os.path.isdir(target)
        folder = os.path.dirname(target)
        if self._skipped_folder(folder) or self._glob(target):
            return True
        if is_dir and self._rel(target) is not None:
            if os.path.basename(target) in SKIP_DIRS or os.path.exists(os.path.join(target, "pyvenv.cfg")):
                return True
        if is_dir and os.path.exists(os.path.join(target, ".git")):
            return False  # the top of a repository of its own
        top = self._top(folder)
        return self._ignored_folder(folder, top) or self._gitignored(self._stack(folder, top), target, is_dir)


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
