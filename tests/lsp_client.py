"""A small LSP client for the tests and the benchmark: it starts ``python -m dropout_lint --lsp``
as a real process and talks JSON-RPC to it over stdio, as an editor does."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


class LspClient:
    def __init__(
        self, cwd: str | Path | None = None, env: dict | None = None, args: tuple[str, ...] = (), preexec_fn=None
    ) -> None:
        e = dict(os.environ)
        if env:
            e.update(env)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dropout_lint", "--lsp", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=e,
            preexec_fn=preexec_fn,
        )
        self.messages: queue.Queue = queue.Queue()
        self.responses: dict[int, dict] = {}
        self.notifications: list[dict] = []
        self.lock = threading.Condition()
        self.next_id = 0
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_err, daemon=True).start()

    # -- wire -------------------------------------------------------------------------------
    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    with self.lock:
                        self.lock.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.decode("ascii").partition(":")
                headers[k.strip().lower()] = v.strip()
            body = out.read(int(headers["content-length"]))
            msg = json.loads(body)
            msg["_received"] = time.perf_counter()
            with self.lock:
                if "id" in msg and "method" not in msg:
                    self.responses[msg["id"]] = msg
                elif "method" in msg and "id" in msg:  # a request from the server: answer it
                    self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                    self.notifications.append(msg)
                else:
                    self.notifications.append(msg)
                self.lock.notify_all()

    def _read_err(self) -> None:
        for chunk in iter(lambda: self.proc.stderr.read1(4096), b""):  # read1: as it arrives
            self.stderr += chunk

    def _send(self, msg: dict) -> None:
        body = json.dumps(msg).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data: bytes) -> None:
        """Bytes as they are, framing included (to send what a broken client sends)."""
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def new_id(self) -> int:
        with self.lock:
            self.next_id += 1
            return self.next_id

    def response(self, rid, timeout: float = 60) -> dict:
        """The whole response (result or error) to the request ``rid``."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while rid not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise TimeoutError(
                        f"no answer to request {rid!r}; stderr: {self.stderr.decode(errors='replace')[-2000:]}"
                    )
                self.lock.wait(left)
            return self.responses.pop(rid)

    def call(self, method: str, params=None, timeout: float = 60, **extra) -> dict:
        """Send a request and return its whole response, an error included."""
        rid = self.new_id()
        msg = {"jsonrpc": "2.0", "id": rid, "method": method, **extra}
        if params is not None:
            msg["params"] = params
        self._send(msg)
        return self.response(rid, timeout)

    def rss_mb(self, field: str = "VmRSS") -> float:
        """The server's resident memory (VmRSS) or its peak (VmHWM), from /proc."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        raise KeyError(field)

    # -- API --------------------------------------------------------------------------------
    def request(self, method: str, params, timeout: float = 60) -> dict:
        rid = self.new_id()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        resp = self.response(rid, timeout)
        if "error" in resp:
            raise RuntimeError(f"{method} failed: {resp['error']}")
        return resp.get("result")

    def notify(self, method: str, params) -> float:
        t = time.perf_counter()
        self._send({"jsonrpc": "2.0", "method": method, "params": params})
        return t

    def wait_for(self, predicate, timeout: float = 60) -> dict:
        """The first notification (oldest first) matching ``predicate``; it is consumed."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for i, m in enumerate(self.notifications):
                    if predicate(m):
                        return self.notifications.pop(i)
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise TimeoutError(
                        f"no matching notification; stderr: {self.stderr.decode(errors='replace')[-2000:]}"
                    )
                self.lock.wait(left)

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60) -> dict:
        def match(m):
            if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
                return False
            return version is None or m["params"].get("version") == version

        return self.wait_for(match, timeout)

    def initialize(self, root: Path, options: dict | None = None) -> dict:
        result = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.resolve().as_uri(),
                "capabilities": {
                    "textDocument": {
                        "publishDiagnostics": {"versionSupport": True},
                        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
                    },
                    "general": {"positionEncodings": ["utf-16"]},
                },
                "initializationOptions": options or {},
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1, language: str = "python") -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )

    def change_full(self, uri: str, text: str, version: int) -> float:
        return self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def shutdown_and_exit(self, timeout: float = 30) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(timeout)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except Exception:  # noqa: BLE001
                pass


def apply_text_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to ``text`` the way an editor does."""
    lines = text.split("\n")

    def offset(pos: dict) -> int:
        line = pos["line"]
        if line >= len(lines):
            return len(text)
        before = sum(len(l) + 1 for l in lines[:line])
        units, i = 0, 0
        s = lines[line]
        while i < len(s) and units < pos["character"]:
            units += 2 if ord(s[i]) > 0xFFFF else 1
            i += 1
        return before + i

    spans = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True
    )
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text
