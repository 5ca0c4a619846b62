"""The ``dropout-lint`` command.

Exit codes: 0 no finding, 1 findings, 2 a usage or configuration error or a missing path (one
line on stderr, never a traceback), 130 interrupted. Heavy modules (libcst, TensorFlow) are
imported only when needed: ``--version`` and ``--help`` import neither.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from dropout_lint import __version__
from dropout_lint.finding import printable


class UsageFailure(Exception):
    """An error to print as one line before exiting 2."""


def _list_rules() -> str:
    from dropout_lint.rule import all_rules

    rows = [("code", "name", "default", "severity", "fix")]
    for code, r in all_rules().items():
        rows.append((code, r.name, "on" if r.default else "off", r.severity, "yes" if r.fixable else "no"))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows) + "\n"


def _explain(token: str) -> str:
    from dropout_lint.rule import all_rules, by_name

    rules = all_rules()
    rule = rules.get(token.upper()) or by_name().get(token)
    if rule is None:
        raise UsageFailure(f"--explain: unknown rule code or name '{token}'")
    head = f"# {rule.code} {rule.name}\n\nDefault: {'on' if rule.default else 'off'}. Severity: {rule.severity}. Fix: {('yes (' + rule.fix_safety + ')') if rule.fixable else 'no'}.\n\n"
    return head + rule.doc() + "\n"


def _statistics(findings) -> str:
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return "".join(f"{n:>5}\t{code}\t{name}\n" for (code, name), n in rows)


FORMAT_CHOICES = ["text", "json", "json-lines", "sarif", "github", "junit", "gitlab", "pylint"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=str)
@click.option("--select", help="Comma-separated codes, names or prefixes to enable (replaces the default set).")
@click.option("--ignore", help="Comma-separated codes, names or prefixes to disable.")
@click.option("--extend-select", help="Comma-separated codes, names or prefixes to enable in addition.")
@click.option("--output-format", type=click.Choice(FORMAT_CHOICES), help="Report format (default: text).")
@click.option(
    "--config",
    "config_file",
    type=str,
    help="Read settings from this TOML file for every file, instead of each file's nearest pyproject.toml.",
)
@click.option(
    "--confirm",
    is_flag=True,
    help="Confirm each finding by building the flagged model in TensorFlow (runs code from the checked files; needs the [tensorflow] extra).",
)
@click.option(
    "--confirm-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="Time limit for building one flagged object with --confirm.",
)
@click.option(
    "--confirm-package",
    "confirm_packages",
    multiple=True,
    metavar="SPEC",
    help="With --confirm: a pure-Python wheel (name or name==version) the builds may import, downloaded by pip into a per-user cache and put on the worker's sys.path only (repeatable; adds to confirm-packages).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per rule (on stderr when the output format is not text).",
)
@click.option("--list-rules", is_flag=True, help="List every rule: code, name, default, severity, fix.")
@click.option("--explain", metavar="CODE", help="Print the documentation of a rule.")
@click.option("--lsp", is_flag=True, help="Run the language server on stdio (needs the [lsp] extra).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place (with --unsafe-fixes, the unsafe ones too).")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    "unsafe_fixes",
    default=None,
    help="Also apply (and mark with [*]) the fixes that may change what the program does.",
)
@click.option(
    "--show-fixes",
    is_flag=True,
    help="List every available fix with its applicability (and, with --fix, what was fixed).",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print the fixes as a unified diff instead of writing them (exit 1 if there is something to fix).",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="The name of the file read from standard input (`-`): its settings, per-file ignores and notebook detection.",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply `exclude` and .gitignore to paths named on the command line too (as pre-commit names every changed file).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the findings cache (.dropout_lint_cache/ in the project root).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for parsing (default: the number of cores; 1 = no workers).",
)
@click.option(
    "--no-color",
    is_flag=True,
    help="No colour in text output (also when NO_COLOR is set; colour is used only on a terminal).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only: no summary lines.")
@click.option(
    "--verbose", "-v", is_flag=True, help="Also print, on stderr, the configuration of each path and what the run did."
)
@click.option("--show-settings", "show_settings", metavar="FILE", help="Print the settings resolved for FILE and exit.")
@click.option("--show-files", is_flag=True, help="Print the files that would be linted and exit.")
@click.version_option(__version__, "--version", prog_name="dropout-lint", message="%(prog)s %(version)s")
def cli(
    paths,
    select,
    ignore,
    extend_select,
    output_format,
    config_file,
    confirm,
    confirm_timeout,
    confirm_packages,
    exit_zero,
    statistics,
    list_rules,
    explain,
    lsp,
    fix,
    unsafe_fixes,
    show_fixes,
    diff,
    stdin_filename,
    force_exclude,
    no_cache,
    jobs,
    no_color,
    quiet,
    verbose,
    show_settings,
    show_files,
):
    """Find dropout misuse in Keras / TensorFlow code (files and folders; default: .; `-`: standard input)."""
    if lsp:
        from dropout_lint import lsp as lsp_mod

        problem = lsp_mod.missing()
        if problem:
            raise UsageFailure(problem)
        return lsp_mod.run_stdio()
    if list_rules:
        click.echo(_list_rules(), nl=False)
        return 0
    if explain:
        click.echo(_explain(explain), nl=False)
        return 0
    if quiet and verbose:
        raise UsageFailure("--quiet and --verbose cannot be used together")

    from dropout_lint import config as config_mod

    paths = list(paths) or ["."]
    stdin = "-" in paths
    if stdin and len(paths) > 1:
        raise UsageFailure("`-` (standard input) cannot be combined with other paths")
    if stdin_filename and not stdin:
        if list(paths) != ["."]:
            raise UsageFailure("--stdin-filename needs `-` (or no path) to read standard input")
        stdin, paths = True, ["-"]
    first = Path(stdin_filename) if stdin and stdin_filename else Path(paths[0])
    start = first if first.exists() else (first.parent if stdin and first.parent.exists() else Path.cwd())
    resolver = config_mod.Resolver(
        config_file,
        start,
        dict(
            select=config_mod.parse_cli_codes(select, "--select"),
            ignore=config_mod.parse_cli_codes(ignore, "--ignore"),
            extend_select=config_mod.parse_cli_codes(extend_select, "--extend-select"),
        ),
    )
    if show_settings:
        sys.stdout.write(_settings_text(resolver, Path(show_settings)))
        return 0
    cfg = resolver.cfg
    fmt = output_format or cfg.output_format or "text"
    from dropout_lint.report import FORMATS

    if fmt not in FORMATS:
        raise UsageFailure(f"--output-format {fmt}: not available in this version")

    def unsafe_for(path: Path) -> bool:
        if unsafe_fixes is not None:
            return unsafe_fixes
        return bool(resolver.effective_for(path, is_dir=os.path.isdir(path)).cfg.unsafe_fixes)

    run = {
        "paths": paths,
        "fixed": None,
        "quiet": quiet,
        "color": fmt == "text" and not (stdin and fix) and _color(no_color),  # stdin --fix: the report is on stderr
        "unsafe": unsafe_for(Path(stdin_filename or ".") if stdin else first),
        "exit_zero": exit_zero,
    }
    if confirm:
        from dropout_lint.confirm import INSTALL_HINT, tensorflow_available

        if not tensorflow_available():
            raise UsageFailure(f"--confirm needs TensorFlow: {INSTALL_HINT}")
    if stdin:
        if show_files:
            click.echo(stdin_filename or "-")
            return 0
        findings, missing, fixed_source = _lint_stdin(
            resolver, stdin_filename, force_exclude, fix or diff, diff, unsafe_for, run, verbose
        )
        if findings is None:
            return missing
        if fixed_source is not None:
            sys.stdout.buffer.write(fixed_source)
            sys.stdout.flush()
    else:
        findings, missing = _lint_paths(
            resolver, paths, force_exclude, fix, diff, unsafe_for, run, no_cache, jobs, show_files, verbose
        )
        if findings is None:
            return missing
    if confirm:
        from dropout_lint.confirm import confirm_findings

        from dropout_lint.progress import Lines

        tty = sys.stderr.isatty()
        confirm_findings(
            findings,
            timeout=confirm_timeout,
            max_rate=float(resolver.options.get("max-rate", 0.8)),
            progress=tty and not quiet,
            report=None if tty or quiet else Lines(),  # CI logs: a line every few findings or seconds
            packages=[*cfg.confirm_packages, *confirm_packages],
        )
    shown = [f for f in findings if not (f.confirmation and f.confirmation.status == "refuted")]
    report_findings = findings if fmt in ("json", "json-lines") else shown
    run["missing"] = missing
    from dropout_lint.report import render

    # With --fix on standard input the fixed source is the output: the report goes to stderr.
    out = sys.stderr if stdin and (fix or diff) else sys.stdout
    side = sys.stdout if fmt == "text" and out is sys.stdout else sys.stderr
    if not (stdin and (fix or diff) and quiet):
        out.write(render(fmt, report_findings, run))
    if show_fixes:
        side.write(_fixes_text(shown, run))
    if statistics:
        side.write(_statistics(shown))
    if missing:
        return 2
    if shown and not exit_zero:
        return 1
    return 0


def _color(no_color: bool) -> bool:
    """Colour on a terminal only, and never with --no-color or NO_COLOR set (https://no-color.org)."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _lint_paths(resolver, paths, force_exclude, fix, diff, unsafe_for, run, no_cache, jobs, show_files, verbose):
    """Lint the paths; returns (findings, missing) or (None, exit code) when the run ends early."""
    import time

    from dropout_lint.discovery import Discovery, discover
    from dropout_lint.runner import lint_files

    began = time.monotonic()
    found = Discovery()
    groups: dict[int, tuple] = {}  # each path is walked with its own configuration's exclude settings
    for raw in paths:
        cfg = resolver.effective_for(Path(raw), is_dir=os.path.isdir(raw)).cfg if os.path.exists(raw) else resolver.cfg
        groups.setdefault(id(cfg), (cfg, []))[1].append(raw)
        if verbose:
            click.echo(f"dropout-lint: {printable(str(raw))}: settings from {cfg.path or 'the defaults'}", err=True)
    seen: set[str] = set()
    for cfg, raws in groups.values():
        fe = cfg.force_exclude if force_exclude is None else force_exclude
        part = discover(raws, cfg.root, cfg.exclude, force_exclude=fe)
        if len(groups) == 1:
            found.files = part.files  # discover() already dropped duplicates
        for p in part.files if len(groups) > 1 else ():
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                found.files.append(p)
        found.missing.extend(part.missing)
        found.warnings.extend(part.warnings)
    for p in found.missing:
        click.echo(f"dropout-lint: {printable(str(p))}: no such file or folder", err=True)
    for w in found.warnings:
        click.echo(f"dropout-lint: {printable(str(w))}", err=True)
    if show_files:
        from dropout_lint.runner import display_path

        sys.stdout.write("".join(display_path(p) + "\n" for p in found.files))
        return None, 2 if found.missing else 0
    if fix or diff:
        from dropout_lint.fixer import fix_files

        outcome = fix_files(found.files, resolver, write=not diff, unsafe=unsafe_for)
        for m in outcome.messages:
            click.echo(printable(str(m)), err=True)
        if diff:
            sys.stdout.write(outcome.diff)
            return None, _diff_exit(outcome.fixed, bool(found.missing), run)
        run["fixed"] = outcome.fixed
        run["fixed_codes"] = outcome.codes
    cache = None
    if not no_cache and not os.environ.get("DROPOUT_LINT_NO_CACHE"):
        from dropout_lint.cache import Cache

        cache = Cache(resolver.cfg.root)
    stats: dict = {}
    from dropout_lint.progress import Bar

    bar = Bar() if sys.stderr.isatty() and not run.get("quiet") else None
    try:
        findings = lint_files(found.files, resolver, stats, jobs=jobs, cache=cache, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if cache is not None:
        cache.save()
    if verbose:
        click.echo(
            f"dropout-lint: {stats['files']} files: {stats['parsed']} parsed, {stats['cached']} from the cache, "
            f"{stats['prefiltered']} skipped by the prefilter, in {time.monotonic() - began:.2f}s",
            err=True,
        )
    return findings, bool(found.missing)


def _diff_exit(n: int, missing: bool, run) -> int:
    click.echo(f"Would fix {n} finding{'s' if n != 1 else ''}." if n else "No fixes available.", err=True)
    return 2 if missing else (1 if n and not run["exit_zero"] else 0)


def _lint_stdin(resolver, stdin_filename, force_exclude, fix, diff, unsafe_for, run, verbose):
    """Lint standard input as ``stdin_filename`` (or ``-``): (findings, missing, fixed bytes)."""
    from dropout_lint.engine import lint_bytes
    from dropout_lint.runner import display_path

    data = sys.stdin.buffer.read()
    path = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
    name = display_path(path) if stdin_filename else "-"
    eff = resolver.effective_for(path)
    if verbose:
        click.echo(f"dropout-lint: {printable(str(name))}: settings from {eff.cfg.path or 'the defaults'}", err=True)
    fe = eff.cfg.force_exclude if force_exclude is None else force_exclude
    if stdin_filename and fe:
        from dropout_lint.discovery import ForceExclude

        if ForceExclude(eff.cfg.root, eff.cfg.exclude)(path):
            return [], False, data if fix and not diff else None
    settings = eff.for_file(path)
    fixed_source = None
    if fix:
        from dropout_lint.fixer import fix_file

        outcome = fix_file(path, name, settings, write=False, unsafe=unsafe_for(path), data=data)
        for m in outcome.messages:
            click.echo(printable(str(m)), err=True)
        if diff:
            sys.stdout.write(outcome.diff)
            return None, _diff_exit(outcome.fixed, False, run), None
        fixed_source = outcome.data if outcome.data is not None else data
        data = fixed_source
        run["fixed"] = outcome.fixed
        run["fixed_codes"] = outcome.codes
    return lint_bytes(data, name, settings), False, fixed_source


def _fixes_text(findings, run) -> str:
    """--show-fixes: what --fix fixed (per file and code), then every fix still available."""
    out = []
    fixed = run.get("fixed_codes") or {}
    if fixed:
        n = sum(sum(c.values()) for c in fixed.values())
        out.append(f"Fixed {n} finding{'s' if n != 1 else ''}:")
        for name, codes in fixed.items():
            out.append(f"- {name}:")
            out.extend(f"    {k} × {code}" for code, k in sorted(codes.items()))
    avail = [f for f in findings if f.fix is not None and f.fix.edits]
    if avail:
        out.append("Available fixes:")
        for f in avail:
            cell = f"cell {f.cell}:" if f.cell is not None else ""
            out.append(
                f"{f.filename}:{cell}{f.start.row}:{f.start.column}: {f.code} ({f.fix.applicability}) {f.fix.message}"
            )
    elif not fixed:
        out.append("No fixes available.")
    return "\n".join(out) + "\n"


def _settings_text(resolver, path: Path) -> str:
    """--show-settings FILE: the configuration and settings that apply to ``path``."""
    from dropout_lint.rule import all_rules

    eff = resolver.effective_for(path)
    cfg = eff.cfg
    settings = eff.for_file(path)
    rules = all_rules()

    def toml(v) -> str:
        from dropout_lint.docs import _toml

        return _toml(v)

    lines = [
        f"# Settings for {path}",
        f"config-file = {toml(str(cfg.path)) if cfg.path else toml('')}  # {'--config' if resolver.explicit else 'nearest pyproject.toml with [tool.dropout-lint]' if cfg.path else 'none found: defaults'}",
        f"root = {toml(str(cfg.root))}",
        f"enabled = {toml(sorted(settings.enabled))}",
        f"ignored-here = {toml(sorted(eff.enabled - settings.enabled))}  # by per-file-ignores",
        f"exclude = {toml(cfg.exclude)}",
        f"force-exclude = {toml(cfg.force_exclude)}",
        f"unsafe-fixes = {toml(bool(cfg.unsafe_fixes))}",
        f"output-format = {toml(cfg.output_format or 'text')}",
    ]
    lines += [f"{k} = {toml(v)}" for k, v in sorted(settings.options.items())]
    lines.append(f"# {len(settings.enabled)} of {len(rules)} rules enabled")
    return "\n".join(lines) + "\n"


def _exit_interrupted() -> None:
    """Exit 130 after Ctrl-C.

    The parse may still be running on the big-stack daemon thread (dropout_lint.guard) inside
    libcst's native parser. Normal interpreter shutdown would stop that thread with a forced
    unwind through Rust frames, which aborts the process (SIGABRT instead of 130). Every file
    write is atomic and its clean-up already ran while the interrupt unwound, so when such a
    thread is alive we flush and leave without finalising the interpreter.
    """
    import threading

    if threading.active_count() > 1:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - a closed pipe must not turn into a traceback
                pass
        os._exit(130)
    sys.exit(130)


def main(argv: list[str] | None = None) -> None:
    from dropout_lint.config import ConfigError

    try:
        rc = cli.main(args=argv, prog_name="dropout-lint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except (ConfigError, UsageFailure) as exc:
        click.echo(f"dropout-lint: {exc}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("dropout-lint: interrupted", err=True)
        _exit_interrupted()
    except BrokenPipeError:
        sys.exit(1)
    sys.exit(rc if isinstance(rc, int) else 0)
