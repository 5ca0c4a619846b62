import re

from dropout_lint.rule import Invalid, Rule, Valid, example as _ex

_CODE = re.compile(r"^DL\d{3}$", re.I)


class UnusedNoqa(Rule):
    """A `# noqa` naming a dropout-lint rule that reports nothing on that line.

    ## What it does
    Finds `# noqa: DLxxx` comments (codes or rule names) whose rule reports nothing on that
    line, and file-wide `# dropout-lint: noqa: DLxxx` comments whose rule reports nothing in
    the file, as Ruff's RUF100 does. A code whose rule is not enabled is reported too
    ("non-enabled"). Codes of other tools in the same comment (`# noqa: E501, DL202`) are left
    alone, and so is a bare `# noqa` or `# dropout-lint: noqa`, which other linters read too.

    ## Why is this bad?
    A suppression that no longer suppresses anything hides the next real finding on that line:
    the code was fixed or moved, and the comment stayed.

    ## Example
    ```python
    layers.Dropout(0.3)  # noqa: DL202
    ```

    ## Use instead
    ```python
    layers.Dropout(0.3)
    ```

    ## When it stays silent
    A bare `# noqa` or `# dropout-lint: noqa`, codes of other tools, and a code whose rule does
    report on that line (or, file-wide, in the file). Off by default.

    ## Fix
    Removes the unused codes from the comment, or the whole `# noqa: ...` comment when none is
    left (a file-wide comment's line, when it is alone on it).

    ## References
    - Ruff's `unused-noqa` (RUF100): https://docs.astral.sh/ruff/rules/unused-noqa/

    ## Fix safety
    Safe: only a comment changes, and only codes that suppress nothing go.
    """

    code = "DL901"
    name = "unused-noqa"
    severity = "warning"
    default = False
    requires = ("noqa", "NOQA")
    requires_code = False  # the noqa comments
    fixable = True
    fix_safety = "safe"
    #: Needs the findings of every other enabled rule on the file (so ``--fix`` lints with all
    #: of them while this rule is on); it runs last, codes being checked in order.
    sees_other_findings = True

    valid = [
        Valid("from keras import layers\nlayers.Dropout(0.95)  # noqa: DL202\n", {"_select": ["DL202"]}),
        Valid(
            "from keras import layers\nlayers.Dropout(0.95)  # noqa: dropout-rate-too-high\n", {"_select": ["DL202"]}
        ),
        Valid("x = 1  # noqa\n"),
        Valid("x = 1  # noqa: E501\n"),
        Valid("# dropout-lint: noqa\nx = 1\n"),
        Valid("from keras import layers\nlayers.Dropout(0.95)  # noqa: E501, DL202\n", {"_select": ["DL202"]}),
        Valid(
            _ex("""
            # dropout-lint: noqa: DL202
            from keras import layers
            layers.Dropout(0.95)
        """),
            {"_select": ["DL202"]},
        ),
        Valid("from keras import layers\nlayers.Dropout(0.95)  # NOQA:DL202\n", {"_select": ["DL202"]}),
        Valid("x = 1  # noqa: DL901\n"),
    ]
    invalid = [
        Invalid(
            "from keras import layers\nlayers.Dropout(0.3)  # noqa: DL202\n",
            line=2,
            contains="unused: `DL202`",
            options={"_select": ["DL202"]},
            fixed="from keras import layers\nlayers.Dropout(0.3)\n",
        ),
        Invalid(
            "from keras import layers\nlayers.Dropout(0.95)  # noqa: DL202, DL203\n",
            line=2,
            contains="unused: `DL203`",
            options={"_select": ["DL202", "DL203"]},
            fixed="from keras import layers\nlayers.Dropout(0.95)  # noqa: DL202\n",
        ),
        Invalid(
            "from keras import layers\nlayers.Dropout(0.3)  # noqa: E501, DL202  trailing words\n",
            line=2,
            options={"_select": ["DL202"]},
            fixed="from keras import layers\nlayers.Dropout(0.3)  # noqa: E501  trailing words\n",
        ),
        Invalid(
            "from keras import layers\nlayers.Dropout(0.3)  # noqa: dropout-rate-too-high\n",
            line=2,
            contains="`dropout-rate-too-high`",
            options={"_select": ["DL202"]},
        ),
        Invalid("x = 1  # noqa: DL205\n", line=1, contains="non-enabled: `DL205`"),
        Invalid("x = 1  # noqa: DL999\n", line=1, contains="unknown: `DL999`"),
        Invalid(
            "# dropout-lint: noqa: DL101\nx = 1\n",
            line=1,
            contains="unused: `DL101`",
            options={"_select": ["DL101"]},
            fixed="x = 1\n",
        ),
        Invalid(
            _ex("""
                from keras import layers
                layers.Dropout(0.3)  # noqa: DL202
                layers.Dropout(0.3)  # noqa: DL202
            """),
            count=2,
            line=2,
            options={"_select": ["DL202"]},
        ),
    ]

    def check(self, ctx) -> None:
        from dropout_lint.fixes import split_lines
        from dropout_lint.rule import all_rules, by_name
        from dropout_lint.suppression import _FILE, _LINE

        text = ctx.unit.text
        if "noqa" not in text.lower():
            return
        rules, names = all_rules(), by_name()
        enabled = ctx.enabled
        used_rows: dict[int, set[str]] = {}
        used_file: set[str] = set()
        for f in ctx.findings:
            used_rows.setdefault(f.start.row, set()).update((f.code, f.name))
            used_file.update((f.code, f.name))
        for row, line in enumerate(split_lines(text), start=1):
            if "noqa" not in line.lower():
                continue
            body = line.rstrip("\r\n")
            m = _FILE.match(body)
            file_wide = m is not None
            if m is None:
                hash_at = body.find("#")
                m = _LINE.search(body, hash_at) if hash_at >= 0 else None
            if m is None or not m.group("codes"):
                continue
            used = used_file if file_wide else used_rows.get(row, set())
            listed = [c.strip() for c in re.split(r"[,\s]+", m.group("codes")) if c.strip()]
            unused: list[tuple[str, str]] = []  # (code as written, why)
            for c in listed:
                rule = rules.get(c.upper()) if _CODE.match(c) else names.get(c)
                if rule is None:
                    if _CODE.match(c):
                        unused.append((c, "unknown"))
                    continue  # another tool's code
                if rule.code == self.code or rule.code in used or rule.name in used:
                    continue
                unused.append((c, "unused" if rule.code in enabled else "non-enabled"))
            if not unused:
                continue
            by_why: dict[str, list[str]] = {}
            for c, why in unused:
                by_why.setdefault(why, []).append(f"`{c}`")
            detail = "; ".join(f"{why}: {', '.join(cs)}" for why, cs in by_why.items())
            kept = [c for c in listed if c not in {u for u, _ in unused}]
            at = _Span(row, m.start() + 1, row, m.end() + 1)
            ctx.report(
                at,
                f"Unused `noqa` directive ({detail})",
                fix=self._fix(row, body, m, kept, file_wide, len(split_lines(text))),
            )

    @staticmethod
    def _fix(row, body, m, kept, file_wide, n_lines):
        from dropout_lint.finding import Edit, Fix, Pos

        if kept:
            codes_at, codes_end = m.start("codes") + 1, m.end("codes") + 1
            return Fix(f"Keep `{', '.join(kept)}`", [Edit(", ".join(kept), Pos(row, codes_at), Pos(row, codes_end))])
        if file_wide:
            end = Pos(row + 1, 1) if row < n_lines else Pos(row, len(body) + 1)
            return Fix("Remove the unused `noqa` comment", [Edit("", Pos(row, 1), end)])
        start = len(body[: m.start()].rstrip()) + 1
        rest = body[m.end() :]
        if rest.strip():
            # other words after the codes belong to the comment: keep them as a comment
            return Fix(
                "Remove the unused `noqa` directive",
                [Edit("# " + rest.strip(), Pos(row, m.start() + 1), Pos(row, len(body) + 1))],
            )
        return Fix("Remove the unused `noqa` comment", [Edit("", Pos(row, start), Pos(row, len(body) + 1))])


class _Span:
    def __init__(self, r1, c1, r2, c2) -> None:
        from dropout_lint.finding import Pos

        self.start, self.end = Pos(r1, c1), Pos(r2, c2)
