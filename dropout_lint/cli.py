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
    head = f"# {rule.code} {rule.name}\n\nDefault: {'on' if rule.default else 'off'}. Severity: {rule.severity}. Fix: {'yes' if rule.fixable else 'no'}.\n\n"
    return head + rule.doc() + "\n"


def _statistics(findings) -> str:
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        counts[(f.code, f.name)] = counts.get((f.code, f.name), 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return "".join(f"{n:>5}\t{code}\t{name}\n" for (code, name), n in rows)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=str)
@click.option("--select", help="Comma-separated codes, names or prefixes to enable (replaces the default set).")
@click.option("--ignore", help="Comma-separated codes, names or prefixes to disable.")
@click.option("--extend-select", help="Comma-separated codes, names or prefixes to enable in addition.")
@click.option("--output-format", type=click.Choice(["text", "json", "sarif", "github"]), help="Report format (default: text).")
@click.option("--config", "config_file", type=str, help="Read settings from this TOML file instead of the nearest pyproject.toml.")
@click.option("--confirm", is_flag=True, help="Confirm each finding by building the flagged model in TensorFlow (runs code from the checked files; needs the [tensorflow] extra).")
@click.option("--confirm-timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True, metavar="SECONDS", help="Time limit for building one flagged object with --confirm.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--list-rules", is_flag=True, help="List every rule: code, name, default, severity, fix.")
@click.option("--explain", metavar="CODE", help="Print the documentation of a rule.")
@click.option("--lsp", is_flag=True, help="Run the language server on stdio (needs the [lsp] extra).")
@click.option("--fix", is_flag=True, help="Apply the available fixes in place.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them (exit 1 if there is something to fix).")
@click.option("--force-exclude/--no-force-exclude", default=None, help="Apply `exclude` and .gitignore to paths named on the command line too (as pre-commit names every changed file).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache (.dropout_lint_cache/ in the project root).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for parsing (default: the number of cores; 1 = no workers).")
@click.version_option(__version__, "--version", prog_name="dropout-lint")
def cli(paths, select, ignore, extend_select, output_format, config_file, confirm, confirm_timeout, exit_zero, statistics, list_rules, explain, lsp, fix, diff, force_exclude, no_cache, jobs):
    """Find dropout misuse in Keras / TensorFlow code (files and folders; default: .)."""
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

    from dropout_lint import config as config_mod
    from dropout_lint.discovery import discover
    from dropout_lint.report import render
    from dropout_lint.runner import lint_files

    if confirm:
        from dropout_lint.confirm import INSTALL_HINT, tensorflow_available

        if not tensorflow_available():
            raise UsageFailure(f"--confirm needs TensorFlow: {INSTALL_HINT}")

    paths = list(paths) or ["."]
    start = Path(paths[0]) if Path(paths[0]).exists() else Path.cwd()
    cfg = config_mod.load(config_file, start)
    eff = config_mod.effective(
        cfg,
        select=config_mod.parse_cli_codes(select, "--select"),
        ignore=config_mod.parse_cli_codes(ignore, "--ignore"),
        extend_select=config_mod.parse_cli_codes(extend_select, "--extend-select"),
    )
    fmt = output_format or cfg.output_format or "text"

    if force_exclude is None:
        force_exclude = cfg.force_exclude
    found = discover(paths, cfg.root, cfg.exclude, force_exclude=force_exclude)
    for p in found.missing:
        click.echo(f"dropout-lint: {printable(str(p))}: no such file or folder", err=True)
    for w in found.warnings:
        click.echo(f"dropout-lint: {printable(str(w))}", err=True)

    from dropout_lint.report import FORMATS

    if fmt not in FORMATS:
        raise UsageFailure(f"--output-format {fmt}: not available in this version")
    fixed = None
    if fix or diff:
        from dropout_lint.fixer import fix_files

        outcome = fix_files(found.files, eff, write=not diff)
        for m in outcome.messages:
            click.echo(printable(str(m)), err=True)
        if diff:
            sys.stdout.write(outcome.diff)
            n = outcome.fixed
            click.echo(f"Would fix {n} finding{'s' if n != 1 else ''}." if n else "No fixes available.", err=True)
            return 2 if found.missing else (1 if n and not exit_zero else 0)
        fixed = outcome.fixed
    cache = None
    if not no_cache and not os.environ.get("DROPOUT_LINT_NO_CACHE"):
        from dropout_lint.cache import Cache

        cache = Cache(cfg.root)
    findings = lint_files(found.files, eff, jobs=jobs, cache=cache)
    if cache is not None:
        cache.save()
    if confirm:
        from dropout_lint.confirm import confirm_findings

        confirm_findings(
            findings,
            timeout=confirm_timeout,
            max_rate=float(eff.options.get("max-rate", 0.8)),
            progress=sys.stderr.isatty(),
        )
    shown = [f for f in findings if not (f.confirmation and f.confirmation.status == "refuted")]
    report_findings = findings if fmt == "json" else shown
    sys.stdout.write(render(fmt, report_findings, {"paths": paths, "fixed": fixed}))
    if statistics:
        sys.stdout.write(_statistics(shown))
    if found.missing:
        return 2
    if shown and not exit_zero:
        return 1
    return 0


def _exit_interrupted() -> None:
    """Exit 130 after Ctrl-C.

    The parse may still be running on the big-stack daemon thread (dropout_lint.deep) inside
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
