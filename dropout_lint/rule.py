"""The rule base class and the registry.

A rule is one module under ``dropout_lint/rules/`` holding one ``Rule`` subclass. The class
declares its code, name, severity, default state, the substrings without which it cannot fire
(the prefilter), its options, and its valid / invalid examples, which ``tests/test_examples.py``
turns into tests. Its docstring is its documentation (``--explain``, SARIF help, docs/rules.md).

Rule modules must not import libcst at import time: the CLI imports every rule to learn the
prefilter, and a run that parses nothing must stay free of libcst. Rules read the facts the
shared extraction (``dropout_lint.analysis``) produced, through the ``Context`` they are given.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from dropout_lint.engine import Context

SEVERITIES = ("error", "warning", "info")
FIX_SAFETY = ("safe", "unsafe")


@dataclass
class Invalid:
    """An example the rule must flag.

    ``count``: how many findings of this rule; ``line``: the row of the first one (1-based in
    the example); ``contains``: text the first message must contain; ``options``: settings
    overrides (e.g. ``{"max-rate": 0.5}``); ``fixed``: the source after ``--fix``.
    """

    code: str
    count: int = 1
    line: int | None = None
    contains: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    fixed: str | None = None


@dataclass
class Valid:
    code: str
    options: dict[str, Any] = field(default_factory=dict)


_REGISTRY: dict[str, type["Rule"]] = {}


class Rule:
    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    default: ClassVar[bool] = True
    #: Substrings of which at least one must occur in a file for the rule to possibly fire.
    requires: ClassVar[tuple[str, ...]] = ()
    #: Whether ``requires`` counts only in code: once Python has parsed the file, a substring
    #: found only in comments, docstrings or other string literals does not run the rule
    #: (``dropout_lint/prefilter.py``). False for a rule that reads comments.
    requires_code: ClassVar[bool] = True
    #: And one of these anywhere in the file's text (comments and strings included), for a rule
    #: none of whose findings can exist without one: checked once Python has parsed the file
    #: (``prefilter.matching``), so a file with a syntax error still gets its DL000.
    requires_text: ClassVar[tuple[str, ...]] = ()
    #: Rule options readable from ``[tool.dropout-lint]`` with their defaults.
    options: ClassVar[dict[str, Any]] = {}
    #: Whether the rule offers a fix (for --list-rules; a finding may still come without one).
    fixable: ClassVar[bool] = False
    #: "safe" or "unsafe" (Ruff's fix applicability): ``--fix`` applies safe fixes only,
    #: ``--unsafe-fixes`` adds the unsafe ones. A fix that changes what the program does or may
    #: undo a deliberate choice is unsafe. Every fixable rule declares it and explains it under
    #: "## Fix safety" in its docstring; one fix may override it (``Fix.applicability``).
    fix_safety: ClassVar[str] = "unsafe"
    #: The rule reads the findings the other rules made on the file (``ctx.findings``): it
    #: needs a code that sorts after theirs (rules run in code order), and ``--fix`` then lints
    #: with every enabled rule, not only the fixable ones.
    sees_other_findings: ClassVar[bool] = False
    valid: ClassVar[list] = []
    invalid: ClassVar[list] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.code:
            if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
                raise RuntimeError(f"duplicate rule code {cls.code}")
            if cls.severity not in SEVERITIES:
                raise RuntimeError(f"{cls.code}: bad severity {cls.severity}")
            if cls.fix_safety not in FIX_SAFETY:
                raise RuntimeError(f"{cls.code}: bad fix_safety {cls.fix_safety}")
            _REGISTRY[cls.code] = cls

    def check(self, ctx: "Context") -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    # --- documentation -------------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring: a one-line description."""
        return cls.doc().splitlines()[0] if cls.doc() else cls.name

    @classmethod
    def doc_section(cls, title: str) -> str:
        lines = cls.doc().splitlines()
        out: list[str] = []
        inside = False
        for line in lines:
            if line.startswith("## "):
                if inside:
                    break
                inside = line[3:].strip().lower() == title.lower()
                continue
            if inside:
                out.append(line)
        return "\n".join(out).strip()


_LOADED = False


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by code, importing each module of ``dropout_lint.rules`` once."""
    global _LOADED
    if not _LOADED:
        import dropout_lint.rules as pkg

        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{pkg.__name__}.{info.name}")
        _LOADED = True
    return dict(sorted(_REGISTRY.items()))


def by_name() -> dict[str, type[Rule]]:
    return {r.name: r for r in all_rules().values()}


def option_defaults() -> dict[str, Any]:
    from dropout_lint.testcode import OPTIONS

    out: dict[str, Any] = dict(OPTIONS)
    for r in all_rules().values():
        out.update(r.options)
    return out


def expand_selector(token: str) -> list[str]:
    """Codes matched by one selector: a code, a name, a prefix of codes (``DL3``) or ``ALL``.

    Raises ``KeyError`` for a selector that matches nothing.
    """
    rules = all_rules()
    t = token.strip()
    if not t:
        return []
    if t.upper() == "ALL":
        return list(rules)
    names = by_name()
    if t in names:
        return [names[t].code]
    up = t.upper()
    matched = [c for c in rules if c.startswith(up)]
    if not matched:
        raise KeyError(t)
    return matched


def iter_examples() -> Iterable[tuple[type[Rule], Any]]:
    for rule in all_rules().values():
        for ex in rule.valid:
            yield rule, ex if isinstance(ex, Valid) else Valid(ex)
        for ex in rule.invalid:
            yield rule, ex if isinstance(ex, Invalid) else Invalid(ex)


def example(code: str) -> str:
    """A rule example written as an indented triple-quoted string, as the source it stands for."""
    from textwrap import dedent

    return dedent(code).lstrip("\n")
