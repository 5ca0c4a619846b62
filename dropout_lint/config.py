"""Configuration: ``[tool.dropout-lint]`` in the nearest ``pyproject.toml`` (or ``--config``),
merged with the command line, which wins.

Selection follows Ruff: the enabled set is ``select`` (or the default rules) plus
``extend-select`` minus ``ignore``. A ``--select`` on the command line replaces the file's
``select`` *and* its ``ignore``. Errors are ``ConfigError`` with a one-line message naming the
file and the key; the CLI prints it and exits 2.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dropout_lint.engine import FileSettings
from dropout_lint.rule import all_rules, expand_selector, option_defaults

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SECTION = "dropout-lint"
CORE_KEYS = {
    "select": list,
    "ignore": list,
    "extend-select": list,
    "per-file-ignores": dict,
    "exclude": list,
    "extend-exclude": list,
    "force-exclude": bool,
    "output-format": str,
    "unsafe-fixes": bool,
    "confirm-packages": list,
}
OUTPUT_FORMATS = ("text", "json", "json-lines", "sarif", "github", "junit", "gitlab", "pylint")


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one line to print."""


@dataclass
class Config:
    root: Path
    path: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False
    output_format: str | None = None
    unsafe_fixes: bool | None = None
    confirm_packages: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.dropout-lint]`` table, from ``start`` up.

    A ``pyproject.toml`` that only mentions dropout-lint (a dependency) is passed over, as Ruff
    passes over one without ``[tool.ruff]``; one that does not parse is returned (``load`` then
    reports it).
    """
    start = start.resolve()
    if start.is_file():
        start = start.parent
    for d in (start, *start.parents):
        p = d / "pyproject.toml"
        if p.is_file():
            try:
                data = p.read_bytes()
            except OSError:
                continue
            if b"dropout-lint" in data and _has_table(data):
                return p
    return None


def _has_table(data: bytes) -> bool:
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    tool = doc.get("tool")
    return isinstance(tool, dict) and SECTION in tool


def load(explicit: str | None, start: Path) -> Config:
    if explicit:
        given = Path(explicit)
        if not given.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        path: Path | None = given
    else:
        path = find_pyproject(start)
    if path is None:
        return Config(root=Path.cwd().resolve())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = (
        data.get("tool", {}).get(SECTION) if path.name == "pyproject.toml" else data.get("tool", {}).get(SECTION, data)
    )
    if table is None:
        table = {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return from_table(table, path)


def from_table(table: dict, path: Path) -> Config:
    cfg = Config(root=path.parent.resolve(), path=path)
    defaults = option_defaults()
    where = f"{path}: [tool.{SECTION}]"
    for key, value in table.items():
        if key in CORE_KEYS:
            want = CORE_KEYS[key]
            if not isinstance(value, want):
                raise ConfigError(f"{where} {key}: expected a {want.__name__}, got {type(value).__name__}")
            if isinstance(value, list) and not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where} {key}: expected a list of strings")
        elif key in defaults:
            value = check_option(key, value, defaults[key], where)
        else:
            raise ConfigError(f"{where}: unknown key '{key}'")
        if key == "select":
            cfg.select = _codes(value, f"{where} select")
        elif key == "ignore":
            cfg.ignore = _codes(value, f"{where} ignore")
        elif key == "extend-select":
            cfg.extend_select = _codes(value, f"{where} extend-select")
        elif key == "per-file-ignores":
            for pattern, codes in value.items():
                if isinstance(codes, str):
                    codes = [codes]
                if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                    raise ConfigError(f"{where} per-file-ignores.{pattern}: expected a list of codes")
                cfg.per_file_ignores[pattern] = _codes(codes, f"{where} per-file-ignores")
        elif key in ("exclude", "extend-exclude"):
            cfg.exclude.extend(value)
        elif key == "force-exclude":
            cfg.force_exclude = value
        elif key == "unsafe-fixes":
            cfg.unsafe_fixes = value
        elif key == "confirm-packages":
            cfg.confirm_packages = list(value)
        elif key == "output-format":
            if value not in OUTPUT_FORMATS:
                raise ConfigError(f"{where} output-format: expected one of {', '.join(OUTPUT_FORMATS)}")
            cfg.output_format = value
        else:
            cfg.options[key] = value
    return cfg


def check_option(key: str, value, default, where: str):
    from dropout_lint.guard import LIMITS

    if key in LIMITS:  # the per-file budget: a count
        if not (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            raise ConfigError(f"{where} {key}: expected a positive whole number, got {value!r}")
        return value
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise ConfigError(f"{where} {key}: expected {_type_name(default)}, got {value!r}")
    return value


def _type_name(default) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, (int, float)):
        return "a number"
    if isinstance(default, (list, tuple)):
        return "a list of strings"
    return "a " + type(default).__name__


def _codes(values, where: str) -> list[str]:
    out: list[str] = []
    for v in values:
        try:
            out.extend(expand_selector(v))
        except KeyError:
            raise ConfigError(f"{where}: unknown rule code or name '{v}'") from None
    return out


def parse_cli_codes(text: str | None, option: str) -> list[str] | None:
    if text is None:
        return None
    out: list[str] = []
    for tok in text.split(","):
        if tok.strip():
            try:
                out.extend(expand_selector(tok))
            except KeyError:
                raise ConfigError(f"{option}: unknown rule code or name '{tok.strip()}'") from None
    return out


@dataclass
class Effective:
    cfg: Config
    enabled: frozenset[str]
    options: dict[str, Any]

    def for_file(self, path: Path) -> FileSettings:
        enabled = set(self.enabled)
        if self.cfg.per_file_ignores:
            rel = _rel(path, self.cfg.root)
            for pattern, codes in self.cfg.per_file_ignores.items():
                if _glob_match(rel, pattern):
                    enabled -= set(codes)
        from dropout_lint.project import declared_versions, rate_writers, sampled_callees, training_mode_never

        folder = os.path.dirname(os.path.abspath(path))
        facts: dict[str, Any] = {}
        # what the project declares and does elsewhere (dropout_lint/project.py): per-folder
        # facts that travel in the options, so the cache keys them
        declared = declared_versions(folder)
        if declared:
            facts["declared-versions"] = declared
        if "DL203" in enabled:
            writers = rate_writers(folder)
            if writers:
                facts["rate-writes"] = list(writers)
        if "DL301" in enabled:
            sampled = sampled_callees(folder)
            if sampled:
                facts["sampled-elsewhere"] = list(sampled)
        if "DL101" in enabled or "DL102" in enabled:
            steps = training_mode_never(folder)
            if steps:
                facts["training-mode-never"] = list(steps)
        if not facts:
            return FileSettings(frozenset(enabled), self.options)
        return FileSettings(frozenset(enabled), {**self.options, **facts})


class Resolver:
    """The settings of each file, resolved as Ruff does.

    Without ``--config`` a file gets the nearest ``pyproject.toml`` with ``[tool.dropout-lint]``
    from its own folder up (so ``dropout-lint a/ b/`` applies a's settings to a's files and b's
    to b's), merged with the command line; with ``--config`` that one file applies to every
    file. ``base`` is the configuration of ``start`` (the first path, else the working folder):
    it gives the cache's root and the run-wide options. ``cli`` holds the keyword arguments of
    ``effective`` taken from the command line.
    """

    def __init__(self, explicit: str | None, start: Path, cli: dict | None = None) -> None:
        self.explicit = explicit
        self.cli = cli or {}
        self._by_dir: dict[str, Effective] = {}
        self._found: dict[str, Path | None] = {}
        self._by_config: dict[Path | None, Effective] = {}
        self.base = self._effective(load(explicit, start))

    def _effective(self, cfg: Config) -> Effective:
        eff = self._by_config.get(cfg.path)
        if eff is None:
            eff = self._by_config[cfg.path] = effective(cfg, **self.cli)
        return eff

    def effective_for(self, path: Path, is_dir: bool = False) -> Effective:
        """The settings for the file ``path`` (or, with ``is_dir``, for the files in that folder)."""
        if self.explicit:
            return self.base
        d = os.path.abspath(path) if is_dir else os.path.dirname(os.path.abspath(path))
        eff = self._by_dir.get(d)
        if eff is None:
            found = self._find(os.path.realpath(d))
            eff = self._by_config.get(found) if found is not None else None
            if eff is None:
                eff = self._effective(
                    load(str(found), Path(d)) if found is not None else Config(root=self.base.cfg.root)
                )
            self._by_dir[d] = eff
        return eff

    def _find(self, d: str) -> Path | None:
        """``find_pyproject`` for folder ``d``, remembering every folder's answer on the way up
        (thousands of files named by pre-commit share their parents)."""
        if d in self._found:
            return self._found[d]
        p = Path(d) / "pyproject.toml"
        hit = None
        if p.is_file():
            try:
                data = p.read_bytes()
            except OSError:
                data = b""
            if b"dropout-lint" in data and _has_table(data):
                hit = p
        parent = os.path.dirname(d)
        if hit is None and parent != d:
            hit = self._find(parent)
        self._found[d] = hit
        return hit

    def for_file(self, path: Path) -> FileSettings:
        return self.effective_for(path).for_file(path)

    @property
    def options(self) -> dict[str, Any]:
        return self.base.options

    @property
    def enabled(self) -> frozenset[str]:
        return self.base.enabled

    @property
    def cfg(self) -> Config:
        return self.base.cfg


def effective(cfg: Config, select=None, ignore=None, extend_select=None, options=None) -> Effective:
    rules = all_rules()
    if select is not None:
        base = set(select)
        ignored = set(ignore or [])
    else:
        base = set(cfg.select) if cfg.select is not None else {c for c, r in rules.items() if r.default}
        ignored = set(cfg.ignore) | set(ignore or [])
    enabled = (base | set(cfg.extend_select) | set(extend_select or [])) - ignored
    opts = dict(option_defaults())
    opts.update(cfg.options)
    opts.update(options or {})
    return Effective(cfg, frozenset(enabled), opts)


def _rel(path: Path, root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern):
        return True
    # A directory pattern matches everything under it.
    parts = rel.split("/")
    for i in range(1, len(parts)):
        if fnmatch.fnmatchcase("/".join(parts[:i]), pattern):
            return True
    return False
