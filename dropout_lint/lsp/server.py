"""The dropout-lint language server (pygls 2, lsprotocol).

- Diagnostics are published on open, save and change. A change is linted at once by default:
  while a lint runs, the changes that arrive wait, each newer one replacing the one before, so
  a burst of keystrokes costs the running lint plus one for the last version (a waiting lint
  is dropped before it starts). ``initializationOptions: {"debounce": 0.2}`` adds a delay
  after the last keystroke (seconds; default 0: every 0.1 s of delay is 0.1 s more before the
  user sees the result, which is most of the latency budget of a 1,000-line file). Each is linted from the editor's
  in-memory text through the engine, with the configuration of the nearest ``pyproject.toml``
  (``[tool.dropout-lint]``: select/ignore/per-file-ignores/exclude/options). A file matched by
  ``exclude`` gets no diagnostics. ``--confirm`` never runs here.
- Diagnostic: ``code`` = the rule code, ``codeDescription.href`` = the rule's docs,
  ``source`` = ``dropout-lint``, severity error/warning/info -> Error/Warning/Information.
- Code actions (quick fixes) for the findings under the cursor: "Ignore DLxxx on this line"
  (adds ``  # noqa: DLxxx`` or extends the line's ``# noqa: ...`` list) and "Fix: <message>"
  when the finding has a fix. Both are offered only if the edited text still parses.
- Notebooks: with notebook document sync (VS Code), the code cells are linted as one module
  and each cell gets its own diagnostics; cell numbers count every cell, as on the CLI.

Linting runs in one worker thread, so the server keeps reading messages while it works, and a
result for a version of the document that is no longer current is thrown away. Code actions
lint there too when they need a fresh lint. A document goes through the same per-file budget
as a file on the command line (``max-file-size`` ...: one DL000 diagnostic past it), and
after a large document the freed memory is handed back to the system.

Robustness (issue 18): ``serve`` reads the frames itself (``Framer``). A header block without
a usable ``Content-Length`` (missing, not a number, over ``MAX_MESSAGE_BYTES``) is skipped
with one line on stderr and the reader resynchronises on the next ``Content-Length:`` header;
a body that is not JSON gets a JSON-RPC ParseError. Every request gets a response: a result, or
an error with a one-line message and no traceback (InvalidParams for params that do not
validate, InternalError otherwise). After ``shutdown`` every request, a second ``shutdown``
included, gets InvalidRequest, as the LSP specification says; ``exit`` ends the process.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import re
import sys
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from dropout_lint import __version__
from dropout_lint.finding import Edit, Finding, Pos

SOURCE = "dropout-lint"
FIX_ALL = "source.fixAll.dropout-lint"
DEFAULT_DEBOUNCE = 0.0
SEVERITY = {
    "error": T.DiagnosticSeverity.Error,
    "warning": T.DiagnosticSeverity.Warning,
    "info": T.DiagnosticSeverity.Information,
}
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class Result:
    """The findings of one lint of one document (or notebook) at one version."""

    version: int | None
    text: str
    findings: list[Finding]


# -- positions --------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    return _NEWLINE.split(text)


def _units(s: str, encoding: str) -> int:
    if encoding == T.PositionEncodingKind.Utf8:
        return len(s.encode("utf-8", "surrogatepass"))
    if encoding == T.PositionEncodingKind.Utf32:
        return len(s)
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)  # UTF-16 code units


def to_lsp(lines: list[str], pos: Pos, encoding: str) -> T.Position:
    """1-based row / code-point column -> 0-based line / client units (UTF-16 by default)."""
    line = max(pos.row - 1, 0)
    if line >= len(lines):
        return T.Position(line=len(lines), character=0)
    text = lines[line]
    return T.Position(line=line, character=_units(text[: max(pos.column - 1, 0)], encoding))


def from_lsp(lines: list[str], p: T.Position, encoding: str) -> Pos:
    """0-based line / client units -> 1-based row / code-point column."""
    if p.line >= len(lines):
        return Pos(len(lines) + 1, 1)
    text = lines[p.line]
    units = 0
    for i, ch in enumerate(text):
        if units >= p.character:
            return Pos(p.line + 1, i + 1)
        units += _units(ch, encoding)
    return Pos(p.line + 1, len(text) + 1)


def finding_range(lines: list[str], f: Finding, encoding: str) -> T.Range:
    start = to_lsp(lines, f.start, encoding)
    end = to_lsp(lines, f.end, encoding)
    if (end.line, end.character) <= (start.line, start.character):
        # An empty range (a parse error): cover the character there, or the line's end.
        if start.line < len(lines):
            n = _units(lines[start.line], encoding)
            if start.character < n:
                end = T.Position(line=start.line, character=start.character + 1)
            else:
                end = T.Position(line=start.line, character=n)
                start = T.Position(line=start.line, character=max(n - 1, 0)) if n else start
        else:
            end = start
    return T.Range(start=start, end=end)


def diagnostic(lines: list[str], f: Finding, encoding: str) -> T.Diagnostic:
    d = T.Diagnostic(
        range=finding_range(lines, f, encoding),
        message=f.message,
        severity=SEVERITY.get(f.severity, T.DiagnosticSeverity.Warning),
        code=f.code,
        code_description=T.CodeDescription(href=f.url),
        source=SOURCE,
        data={"name": f.name, "fixable": f.fix is not None},
    )
    if f.code == "DL203":
        d.tags = [T.DiagnosticTag.Unnecessary]
    return d


# -- edits ------------------------------------------------------------------------------------


def parses(text: str) -> bool:
    from dropout_lint.notebook import blank_ipython

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<edit>", "exec", flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        return True
    except SyntaxError:
        # A notebook cell may hold IPython syntax: judge it as the linter reads it.
        try:
            cleaned = "\n".join(blank_ipython(split_lines(text)))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(
                    cleaned,
                    "<edit>",
                    "exec",
                    flags=ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                    dont_inherit=True,
                )
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    except (ValueError, RecursionError, MemoryError):
        return False


def noqa_edit(lines: list[str], row: int, code: str) -> Edit | None:
    """The edit that makes row ``row`` suppress ``code``: extend its ``# noqa: ...`` list or add one."""
    from dropout_lint.suppression import _LINE

    if not 1 <= row <= len(lines):
        return None
    line = lines[row - 1]
    hash_at = line.find("#")
    if hash_at >= 0:
        m = _LINE.search(line, hash_at)
        if m is not None:
            if not m.group("codes"):
                return None  # a bare noqa comment already suppresses everything
            end = m.end("codes")
            return Edit(f", {code}", Pos(row, end + 1), Pos(row, end + 1))
    body = line.rstrip()
    if body.endswith("\\"):
        return None  # a comment cannot follow a line continuation
    return Edit(f"  # noqa: {code}", Pos(row, len(body) + 1), Pos(row, len(line) + 1))


def fix_all_edits(text: str, findings: list[Finding], unsafe: bool = False) -> list[Edit]:
    """The edits of every applicable fix (safe ones; unsafe ones too with ``unsafe-fixes = true``
    in the file's configuration) that does not overlap an earlier one, if the result parses."""
    from dropout_lint.fixes import _line_starts, offset

    starts = _line_starts(text)
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    seen: set = set()
    for f in sorted((f for f in findings if f.applicable(unsafe)), key=Finding.sort_key):
        assert f.fix is not None  # applicable() says so
        spans = [(offset(text, e.start, starts), offset(text, e.end, starts)) for e in f.fix.edits]
        key = tuple(sorted((a, b, e.content) for (a, b), e in zip(spans, f.fix.edits)))
        if key in seen:
            continue  # two findings offering the same fix
        if any(a < d and c < b or (a == b == c == d) for a, b in spans for c, d in taken):
            continue
        seen.add(key)
        taken.extend(spans)
        chosen.extend(f.fix.edits)
    if not chosen or not parses(apply(text, chosen)):
        return []
    return chosen


def apply(text: str, edits: list[Edit]) -> str:
    from dropout_lint.fixes import apply_edits

    return apply_edits(text, edits)


# -- the wire ---------------------------------------------------------------------------------

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, INTERNAL_ERROR = -32700, -32600, -32602, -32603
_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE)


def _note(message: str) -> None:
    print(f"dropout-lint: lsp: {message}", file=sys.stderr, flush=True)


class Framer:
    """LSP frames from a binary stream: ``next()`` is ("message", body), ("bad", reason) or None
    at the end of the stream. A bad header block is reported once and skipped; whatever precedes
    the next ``Content-Length:`` header (the rest of a body whose length was wrong) is dropped."""

    def __init__(self, read, limit: int = MAX_MESSAGE_BYTES) -> None:
        self.read = read  # read(n) -> up to n bytes, b"" at the end
        self.limit = limit
        self.buf = bytearray()

    def _fill(self) -> bool:
        chunk = self.read(1 << 16)
        if not chunk:
            return False
        self.buf += chunk
        return True

    def next(self):
        while True:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buf) > MAX_HEADER_BYTES:  # no header block in sight: keep the tail only
                    del self.buf[: len(self.buf) - 64]
                    return "bad", f"no header block in {MAX_HEADER_BYTES:,} bytes"
                if not self._fill():
                    return None
                continue
            head = bytes(self.buf[:end])
            del self.buf[: end + 4]
            matches = list(_LENGTH.finditer(head))
            if not matches:
                return "bad", "a message without Content-Length"
            value = matches[-1].group(1).strip()
            if not value.isdigit():
                return "bad", f"Content-Length is not a number: {value[:40]!r}"
            length = int(value)
            if length > self.limit:
                return "bad", f"Content-Length {length:,} is over the limit of {self.limit:,} bytes"
            while len(self.buf) < length:
                if not self._fill():
                    return None
            body = bytes(self.buf[:length])
            del self.buf[:length]
            return "message", body


def _error(code: int, message: str) -> T.ResponseError:
    first = (message or "").strip().splitlines()
    return T.ResponseError(code=code, message=first[0][:300] if first else "error")


class Protocol(LanguageServerProtocol):
    """pygls' protocol, with errors sent without tracebacks and every message checked here."""

    def _send_response(self, msg_id, result=None, error=None):
        if error is not None:
            error = _error(error.code, error.message)
            if msg_id is None:  # JSON-RPC: "id": null (the converter would leave it out)
                self._send_data({"jsonrpc": "2.0", "id": None, "error": {"code": error.code, "message": error.message}})
                return
        super()._send_response(msg_id, result, error)

    def dispatch(self, body: bytes) -> None:
        try:
            raw = json.loads(body)
        except (ValueError, RecursionError) as exc:
            self._send_response(None, error=_error(PARSE_ERROR, f"Parse error: {exc}"))
            return
        if not isinstance(raw, dict) or raw.get("jsonrpc") != "2.0":
            rid = raw.get("id") if isinstance(raw, dict) else None
            self._send_response(
                rid if isinstance(rid, (int, str)) else None,
                error=_error(INVALID_REQUEST, "not a JSON-RPC 2.0 message"),
            )
            return
        rid = raw.get("id")
        request = "method" in raw and "id" in raw
        if request and not isinstance(rid, (int, str)):
            self._send_response(None, error=_error(INVALID_REQUEST, "a request id must be a number or a string"))
            return
        if self._shutdown and request:
            self._send_response(rid, error=_error(INVALID_REQUEST, "the server is shut down: only exit is accepted"))
            return
        try:
            message = self.structure_message(raw)
        except JsonRpcException as exc:
            if request:
                self._send_response(rid, error=_error(INVALID_PARAMS, f"invalid params for {raw.get('method')}"))
            else:
                _note(
                    f"ignored {raw.get('method') or 'a message'}: invalid params ({exc.message or type(exc).__name__})"
                )
            return
        except Exception as exc:  # noqa: BLE001 - a message we cannot read is answered, not fatal
            if request:
                self._send_response(rid, error=_error(INVALID_PARAMS, f"invalid params for {raw.get('method')}"))
            else:
                _note(f"ignored {raw.get('method') or 'a message'}: {type(exc).__name__}")
            return
        try:
            self.handle_message(message)
        except Exception as exc:  # noqa: BLE001
            if request:
                self._send_response(rid, error=_error(INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"))
            else:
                _note(f"error handling {raw.get('method')}: {type(exc).__name__}: {exc}")


async def _serve(server: "DropoutLintServer", stdin) -> None:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue = asyncio.Queue()
    try:  # the raw descriptor: a daemon thread blocked in a buffered read would abort the exit
        fd = stdin.fileno()
        framer = Framer(lambda n: os.read(fd, n))
    except (AttributeError, OSError, ValueError):
        framer = Framer(getattr(stdin, "read1", stdin.read))

    def read() -> None:  # a daemon thread: a blocked read never holds up the exit
        while True:
            try:
                item = framer.next()
            except (OSError, ValueError) as exc:
                item = None
                _note(f"cannot read stdin: {exc}")
            loop.call_soon_threadsafe(queue.put_nowait, item)
            if item is None:
                return

    threading.Thread(target=read, name="dropout-lint-lsp-reader", daemon=True).start()
    while True:
        item = await queue.get()
        if item is None:
            return
        kind, payload = item
        if kind == "bad":
            _note(f"bad message framing ({payload}): skipped")
            continue
        protocol = server.protocol
        assert isinstance(protocol, Protocol)  # DropoutLintServer's protocol_cls
        protocol.dispatch(payload)


def serve(server: "DropoutLintServer", stdin=None, stdout=None) -> None:
    """Serve on stdio until ``exit`` or the end of stdin (pygls' ``start_io`` with our reader)."""
    import logging

    from pygls.io_ import StdoutWriter

    logging.getLogger("pygls").setLevel(logging.CRITICAL)  # its own logs carry tracebacks
    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    try:
        asyncio.run(_serve(server, stdin or sys.stdin.buffer))
    except BrokenPipeError:
        _note("the client closed the connection")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()


# -- the server -------------------------------------------------------------------------------


class DropoutLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "dropout-lint",
            __version__,
            protocol_cls=Protocol,
            text_document_sync_kind=T.TextDocumentSyncKind.Incremental,
            notebook_document_sync=T.NotebookDocumentSyncOptions(
                notebook_selector=[
                    T.NotebookDocumentFilterWithCells(
                        notebook="jupyter-notebook", cells=[T.NotebookCellLanguage(language="python")]
                    )
                ],
                save=True,
            ),
        )
        self.debounce = DEFAULT_DEBOUNCE
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dropout-lint")
        self.pending: dict[str, asyncio.Task] = {}
        self.results: dict[str, Result] = {}  # document or notebook uri -> last lint
        self.published: dict[str, set[str]] = {}  # notebook uri -> cell uris with diagnostics
        self.configs: dict[tuple[str, int], Any] = {}
        self.unsafe_fixes: dict[str, bool] = {}  # file path -> `unsafe-fixes` of its configuration
        self.config_errors_shown: set[str] = set()
        self.clean_shutdown = False

    # -- settings ---------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding if self.protocol._workspace is not None else None
        value = getattr(enc, "value", None) if enc is not None and not isinstance(enc, str) else enc
        return str(value or T.PositionEncodingKind.Utf16.value)

    def root(self) -> Path:
        try:
            rp = self.workspace.root_path
        except Exception:  # noqa: BLE001 - not initialised
            rp = None
        return Path(rp) if rp else Path.cwd()

    def settings_for(self, path: Path | None):
        """(FileSettings or None if excluded, the display filename, a config error or None)."""
        from dropout_lint import config as config_mod
        from dropout_lint.discovery import _excluded

        start = path.parent if path is not None else self.root()
        error = None
        pyproject = config_mod.find_pyproject(start) if start.exists() else None
        try:
            key = (str(pyproject), pyproject.stat().st_mtime_ns if pyproject else 0)
        except OSError:
            key = (str(pyproject), 0)
        cfg = self.configs.get(key)
        if cfg is None:
            try:
                cfg = config_mod.load(str(pyproject) if pyproject else None, start)
            except config_mod.ConfigError as exc:
                error = str(exc)
                cfg = config_mod.Config(root=self.root())
            if error is None:
                self.configs[key] = cfg
        eff = config_mod.effective(cfg)
        self.unsafe_fixes[str(path)] = bool(cfg.unsafe_fixes)
        if path is None:
            return eff.for_file(self.root() / "untitled.py"), "untitled.py", error
        if _excluded(path, cfg.root, cfg.exclude):
            return None, str(path), error
        try:
            name = path.resolve().relative_to(self.root().resolve()).as_posix()
        except (ValueError, OSError):
            name = str(path)
        return eff.for_file(path), name, error

    # -- linting (in the worker thread) -----------------------------------------------------
    def lint_text(self, uri: str, text: str) -> tuple[list[Finding], str | None]:
        from dropout_lint.engine import gc_paused

        try:
            with gc_paused():
                return self._lint_text(uri, text)
        finally:
            if len(text) > TRIM_AFTER:
                _trim()

    def _lint_text(self, uri: str, text: str) -> tuple[list[Finding], str | None]:
        from dropout_lint.engine import PARSE_ERROR, lint_unit, needs_parse, rules_for
        from dropout_lint.sources import Unit

        path = _path(uri)
        if path is not None and path.suffix == ".ipynb":
            return [], None  # a notebook opened as JSON text: rows would not be the user's
        settings, name, error = self.settings_for(path)
        if settings is None:
            return [], error
        rules = [r for r in rules_for(settings.enabled) if r.code != PARSE_ERROR]
        if not rules or not needs_parse(text.encode("utf-8", "surrogatepass"), rules):
            return [], error
        return lint_unit(Unit(text=text), name, settings, rules), error

    def lint_cells(self, nb_uri: str, sources: list[str | None]) -> tuple[list[Finding], str | None]:
        from dropout_lint.engine import PARSE_ERROR, gc_paused, lint_unit, needs_parse, rules_for
        from dropout_lint.notebook import cells_unit

        settings, name, error = self.settings_for(_path(nb_uri))
        if settings is None:
            return [], error
        rules = [r for r in rules_for(settings.enabled) if r.code != PARSE_ERROR]
        joined = "\n".join(s for s in sources if s is not None)
        if not rules or not needs_parse(joined.encode("utf-8", "surrogatepass"), rules):
            return [], error
        with gc_paused():
            return lint_unit(cells_unit(sources), name, settings, rules), error

    def warm_up(self) -> None:
        """Import the parser and the rules before the first document arrives."""
        from dropout_lint.engine import FileSettings, lint_unit
        from dropout_lint.rule import all_rules
        from dropout_lint.sources import Unit

        rules = all_rules()
        settings = FileSettings(frozenset(c for c, r in rules.items() if r.default))
        lint_unit(
            Unit(text="import keras\nm = keras.Sequential([keras.layers.Dense(2), keras.layers.Dropout(0.5)])\n"),
            "warm.py",
            settings,
        )

    # -- scheduling (in the event loop) -----------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None and not old.done():
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.lint_and_publish(uri)
        except asyncio.CancelledError:
            pass
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    async def lint_and_publish(self, uri: str) -> None:
        loop = asyncio.get_running_loop()
        nb = self.workspace.get_notebook_document(notebook_uri=uri)
        if nb is not None:
            await self._lint_notebook(nb)
            return
        try:
            doc = self.workspace.get_text_document(uri)
            text, version = doc.source, doc.version
        except Exception:  # noqa: BLE001 - closed meanwhile
            return
        findings, error = await loop.run_in_executor(self.pool, self.lint_text, uri, text)
        self._config_error(error)
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # edited or closed meanwhile: a newer lint is coming
        self.results[uri] = Result(version, text, findings)
        lines = split_lines(text)
        enc = self.encoding
        self.text_document_publish_diagnostics(
            T.PublishDiagnosticsParams(
                uri=uri, version=version, diagnostics=[diagnostic(lines, f, enc) for f in findings]
            )
        )

    async def _lint_notebook(self, nb: T.NotebookDocument) -> None:
        loop = asyncio.get_running_loop()
        version = nb.version
        cells: list[tuple[str, str | None]] = []
        for cell in nb.cells:
            text = None
            if cell.kind == T.NotebookCellKind.Code:
                doc = self.workspace.text_documents.get(cell.document)
                text = doc.source if doc is not None else ""
                if doc is not None and doc.language_id not in (None, "", "python"):
                    text = None
            cells.append((cell.document, text))
        findings, error = await loop.run_in_executor(self.pool, self.lint_cells, nb.uri, [t for _, t in cells])
        self._config_error(error)
        now = self.workspace.get_notebook_document(notebook_uri=nb.uri)
        if now is None or now.version != version or [c.document for c in now.cells] != [u for u, _ in cells]:
            return
        by_cell: dict[str, list[Finding]] = {}
        for f in findings:
            if f.cell is not None and 1 <= f.cell <= len(cells):
                by_cell.setdefault(cells[f.cell - 1][0], []).append(f)
        enc = self.encoding
        previous = self.published.get(nb.uri, set())
        for cell_uri, text in cells:
            fs = by_cell.get(cell_uri, [])
            if text is not None:
                self.results[cell_uri] = Result(self._doc_version(cell_uri), text, fs)
            if fs or cell_uri in previous:
                lines = split_lines(text or "")
                self.text_document_publish_diagnostics(
                    T.PublishDiagnosticsParams(uri=cell_uri, diagnostics=[diagnostic(lines, f, enc) for f in fs])
                )
        self.published[nb.uri] = set(by_cell)

    def _doc_version(self, uri: str) -> int | None:
        doc = self.workspace.text_documents.get(uri)
        return doc.version if doc is not None else None

    def _config_error(self, error: str | None) -> None:
        if error and error not in self.config_errors_shown:
            self.config_errors_shown.add(error)
            self.window_show_message(
                T.ShowMessageParams(
                    type=T.MessageType.Error, message=f"dropout-lint: {error} (using the default rules)"
                )
            )

    def relint_all(self) -> None:
        self.configs.clear()
        for uri in list(self.workspace.notebook_documents):
            self.schedule(uri, 0)
        for uri in list(self.workspace.text_documents):
            if self.workspace.get_notebook_document(cell_uri=uri) is None:
                self.schedule(uri, 0)

    # -- code actions -----------------------------------------------------------------------
    def findings_for(self, uri: str) -> tuple[str, list[Finding]]:
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return "", []  # not open (or closed meanwhile): nothing to offer
        text = doc.source
        res = self.results.get(uri)
        if res is not None and res.text == text:
            return text, res.findings
        if self.workspace.get_notebook_document(cell_uri=uri) is not None:
            return text, []  # its notebook's lint is on the way
        findings, _ = self.lint_text(uri, text)
        self.results[uri] = Result(doc.version, text, findings)
        return text, findings

    def code_actions(self, params: T.CodeActionParams) -> list[T.CodeAction]:
        kinds = [str(k.value if hasattr(k, "value") else k) for k in (params.context.only or [])]
        want_quick = not kinds or any(k in ("quickfix", "") or k.startswith("quickfix") for k in kinds)
        want_all = not kinds or any(FIX_ALL.startswith(k) or k.startswith(FIX_ALL) for k in kinds)
        if not (want_quick or want_all):
            return []
        uri = params.text_document.uri
        text, findings = self.findings_for(uri)
        lines = split_lines(text)
        enc = self.encoding
        actions: list[T.CodeAction] = []
        for f in findings if want_quick else []:
            if f.code == "DL000":
                continue
            diag = diagnostic(lines, f, enc)
            if not _overlaps(diag.range, params.range):
                continue
            edit = noqa_edit(lines, f.noqa_row or f.start.row, f.code)
            if edit is not None and parses(apply(text, [edit])):
                actions.append(
                    T.CodeAction(
                        title=f"Ignore {f.code} on this line",
                        kind=T.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        edit=self._workspace_edit(uri, lines, [edit]),
                    )
                )
            if f.fix is not None and f.fix.edits and parses(apply(text, f.fix.edits)):
                actions.append(
                    T.CodeAction(
                        title=f"Fix ({f.fix.applicability}): {f.fix.message}",
                        kind=T.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        is_preferred=f.fix.safe,
                        edit=self._workspace_edit(uri, lines, f.fix.edits),
                    )
                )
        if want_all:
            unsafe = self.unsafe_fixes.get(str(_path(uri)), False)
            edits = fix_all_edits(text, findings, unsafe)
            if edits:
                actions.append(
                    T.CodeAction(
                        title=f"Fix all dropout-lint findings that have a {'' if unsafe else 'safe '}fix",
                        kind=FIX_ALL,
                        edit=self._workspace_edit(uri, lines, edits),
                    )
                )
        return actions

    def _workspace_edit(self, uri: str, lines: list[str], edits: list[Edit]) -> T.WorkspaceEdit:
        enc = self.encoding
        text_edits = [
            T.TextEdit(
                range=T.Range(start=to_lsp(lines, e.start, enc), end=to_lsp(lines, e.end, enc)), new_text=e.content
            )
            for e in edits
        ]
        return T.WorkspaceEdit(changes={uri: text_edits})

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


TRIM_AFTER = 256 * 1024  # characters: after linting a document this large, give memory back


def _trim() -> None:
    """Hand the memory a large lint freed back to the system (glibc keeps it otherwise)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _overlaps(a: T.Range, b: T.Range) -> bool:
    a0, a1 = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b0, b1 = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a0 <= b1 and b0 <= a1


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    try:
        p = to_fs_path(uri)
    except Exception:  # noqa: BLE001 - an odd uri: lint without a path
        return None
    return Path(p) if p else None


def create_server() -> DropoutLintServer:
    server = DropoutLintServer()

    @server.feature(T.INITIALIZE)
    def initialize(ls: DropoutLintServer, params: T.InitializeParams) -> None:
        opts = params.initialization_options
        if isinstance(opts, dict):
            d = opts.get("debounce")
            if isinstance(d, (int, float)) and not isinstance(d, bool) and 0 <= d <= 10:
                ls.debounce = float(d)

    @server.feature(T.INITIALIZED)
    def initialized(ls: DropoutLintServer, params: T.InitializedParams) -> None:
        ls.pool.submit(ls.warm_up)

    @server.feature(T.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: DropoutLintServer, params: T.DidOpenTextDocumentParams) -> None:
        if ls.workspace.get_notebook_document(cell_uri=params.text_document.uri) is None:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: DropoutLintServer, params: T.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        nb = ls.workspace.get_notebook_document(cell_uri=uri)
        ls.schedule(nb.uri if nb is not None else uri, ls.debounce)

    @server.feature(T.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: DropoutLintServer, params: T.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.endswith("pyproject.toml"):
            ls.relint_all()
            return
        ls.schedule(uri, 0)

    @server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: DropoutLintServer, params: T.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.results.pop(uri, None)
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_OPEN)
    async def nb_open(ls: DropoutLintServer, params: T.DidOpenNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, 0)

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_CHANGE)
    async def nb_change(ls: DropoutLintServer, params: T.DidChangeNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, ls.debounce)

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_SAVE)
    async def nb_save(ls: DropoutLintServer, params: T.DidSaveNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, 0)

    @server.feature(T.NOTEBOOK_DOCUMENT_DID_CLOSE)
    async def nb_close(ls: DropoutLintServer, params: T.DidCloseNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        for cell_uri in ls.published.pop(uri, set()):
            ls.results.pop(cell_uri, None)
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=cell_uri, diagnostics=[]))

    @server.feature(
        T.TEXT_DOCUMENT_CODE_ACTION,
        T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=False),
    )
    async def code_action(ls: DropoutLintServer, params: T.CodeActionParams) -> list[T.CodeAction]:
        # In the lint thread: a lint it may need never blocks the reading of messages.
        return await asyncio.get_running_loop().run_in_executor(ls.pool, ls.code_actions, params)

    @server.feature(T.SHUTDOWN)
    def shutdown(ls: DropoutLintServer, *args) -> None:
        ls.clean_shutdown = True
        for task in list(ls.pending.values()):
            task.cancel()

    return server
