"""Parent side of the worker: start it, send builds, enforce the timeout, replace it when it dies.

No TensorFlow here. The worker runs in its own session (process group) so that a timed-out
build is killed with everything it started.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

import dropout_lint

# How long TensorFlow may take to import in a fresh worker (not part of any build's timeout).
STARTUP_TIMEOUT = float(os.environ.get("DROPOUT_LINT_CONFIRM_STARTUP", "180"))


# Whether this run already said what the sandbox lacks (once per process).
_SAID = False


def covers(roots, path: str) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


class WorkerDied(Exception):
    """The worker is gone or stuck; the message is the reason for the verdict."""


def _package_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(dropout_lint.__file__)))


def worker_env(workdir: str | None = None, read_roots: tuple[str, ...] = (), path: tuple[str, ...] = ()) -> dict:
    env = dict(os.environ)
    if workdir is not None:
        # Temporary files, Keras' config folder and ~ all go to the work directory.
        env.update({"TMPDIR": workdir, "HOME": workdir, "KERAS_HOME": os.path.join(workdir, ".keras")})
    env["DROPOUT_LINT_CONFIRM_READ"] = os.pathsep.join(read_roots)
    # The confirm-packages folders: libraries, whose modules the worker keeps between builds.
    env["DROPOUT_LINT_CONFIRM_PACKAGES"] = os.pathsep.join(path)
    env.update(
        {
            "CUDA_VISIBLE_DEVICES": "-1",
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "KERAS_BACKEND": "tensorflow",
            "TF_ENABLE_ONEDNN_OPTS": env.get("TF_ENABLE_ONEDNN_OPTS", "0"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "MPLBACKEND": "Agg",
        }
    )
    # The user's PYTHONPATH first, as Python itself orders it; the folder holding dropout_lint
    # last, only so that a source checkout's worker can import it. First, in an installed copy it
    # would be site-packages and hide whatever the user's PYTHONPATH puts before it. The folders of
    # the packages confirm-packages took (``path``) come after the user's, so never hide them.
    root = _package_root()
    parts = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p] + list(path)
    env["PYTHONPATH"] = os.pathsep.join(parts + ([root] if root not in parts else []))
    return env


class Worker:
    """One worker process. ``start()`` returns at once; ``wait_ready()`` waits for the import."""

    def __init__(self, read_roots: tuple[str, ...] = (), path: tuple[str, ...] = ()) -> None:
        self.read_roots = tuple(read_roots)
        self.path = tuple(path)
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix="dropout-lint-confirm-"))
        self.log_path = os.path.join(self.dir, ".worker-stderr.log")
        self.proc: subprocess.Popen | None = None
        self.ready = False
        self._buf = b""
        self._seq = 0

    def start(self) -> None:
        log = open(self.log_path, "wb")  # noqa: SIM115 - handed to the child
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "from dropout_lint.confirm.worker import main; main()"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=self.dir,
                env=worker_env(self.dir, self.read_roots, self.path),
                start_new_session=True,
            )
        finally:
            log.close()

    # -- reading ------------------------------------------------------------------------------
    def _read_line(self, deadline: float) -> dict:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                raise WorkerDied(self._death_reason())
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def _death_reason(self) -> str:
        assert self.proc is not None
        code, peak_kb = self._reap(5.0)
        if code is None:
            return "the worker stopped answering"
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            if peak_kb is not None:
                # TensorFlow that cannot allocate dies (SIGSEGV / SIGABRT) instead of raising: the
                # peak says whether the memory limit is the likely cause.
                limit_mb = int(os.environ.get("DROPOUT_LINT_CONFIRM_MEMORY_MB", "4096"))
                return (
                    f"the build killed the worker ({name}) at a peak of {peak_kb // 1024} MB of memory "
                    f"(limit: {limit_mb} MB above its start; DROPOUT_LINT_CONFIRM_MEMORY_MB sets it)"
                )
            return f"the build killed the worker ({name})"
        return f"the build exited the worker (exit code {code})"

    def _reap(self, timeout: float) -> tuple[int | None, int | None]:
        """(exit code, peak resident memory in KiB) of the ended worker, or (None, None) when it
        has not ended within ``timeout``; reaped with ``wait4`` for its resource use."""
        assert self.proc is not None
        if self.proc.returncode is not None or not hasattr(os, "wait4"):
            try:
                return self.proc.wait(timeout=timeout), None
            except subprocess.TimeoutExpired:
                return None, None
        deadline = time.monotonic() + timeout
        while True:
            try:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            except ChildProcessError:
                return self.proc.poll(), None
            if pid:
                code = os.waitstatus_to_exitcode(status)
                self.proc.returncode = code
                return code, usage.ru_maxrss
            if time.monotonic() > deadline:
                return None, None
            time.sleep(0.05)

    def wait_ready(self) -> None:
        if self.ready:
            return
        try:
            msg = self._read_line(time.monotonic() + STARTUP_TIMEOUT)
        except TimeoutError:
            self.kill()
            raise WorkerDied("TensorFlow did not import in the worker in time") from None
        except WorkerDied as exc:
            raise WorkerDied(f"the worker failed to start: {exc}: {self.log_tail()}") from None
        if not msg.get("ready"):
            self.kill()
            raise WorkerDied(f"the worker cannot import TensorFlow: {msg.get('error')}")
        self.ready = True
        self.sandbox = msg.get("sandbox") or []
        self.missing = msg.get("missing") or []
        global _SAID
        if self.missing and not _SAID:
            _SAID = True
            sys.stderr.write(
                "dropout-lint: --confirm sandbox: "
                + "; ".join(self.missing)
                + (" (audit-hook guards only)" if not self.sandbox else "")
                + "\n"
            )

    def log_tail(self) -> str:
        try:
            with open(self.log_path, "rb") as fh:
                lines = [ln for ln in fh.read().decode("utf-8", "replace").splitlines() if ln.strip()]
            return lines[-1][:200] if lines else ""
        except OSError:
            return ""

    def build(self, request: dict, timeout: float) -> dict:
        """Send one build; return the answer or raise ``WorkerDied``/``TimeoutError``."""
        self.wait_ready()
        assert self.proc is not None and self.proc.stdin is not None
        self._seq += 1
        request = dict(request, id=self._seq)
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise WorkerDied(self._death_reason()) from None
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read_line(deadline)
            if msg.get("id") == self._seq:
                return msg

    def kill(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                try:
                    self.proc.kill()
                except ProcessLookupError:
                    pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream:
                    stream.close()
            except OSError:
                pass
        self.proc = None

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None and self.proc.stdin:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()
        import shutil

        shutil.rmtree(self.dir, ignore_errors=True)


class Pool:
    """The one worker of a run, replaced whenever a build kills or hangs it."""

    def __init__(self, read_roots=(), path=()) -> None:
        self.worker: Worker | None = None
        self.path = tuple(path)  # folders put on the worker's sys.path (confirm-packages)
        self.fatal: str | None = None
        # Folders the worker may read besides Python's own (the projects' code).
        self.read_roots: tuple[str, ...] = tuple(sorted({os.path.realpath(r) for r in read_roots}))

    def warm(self) -> None:
        if self.worker is None and self.fatal is None:
            self.worker = Worker(self.read_roots, self.path)
            self.worker.start()

    def _cover(self, folders) -> None:
        """A worker's sandbox cannot be widened: start one that may read ``folders`` too."""
        new = [os.path.realpath(f) for f in folders if f and not covers(self.read_roots, os.path.realpath(f))]
        if new:
            self.read_roots = tuple(sorted(set(self.read_roots) | set(new)))
            self._drop()

    def build(self, request: dict, timeout: float) -> tuple[str, str]:
        """Build and judge one request for one rule: (status, detail)."""
        return self.build_many(request, timeout)[0]

    def build_many(self, request: dict, timeout: float) -> list[tuple[str, str]]:
        """Build one slice and judge it for each of ``request["rules"]``."""
        rules = request.get("rules") or [request.get("rule")]
        request = dict(request, rules=rules)
        n = len(rules)
        if self.fatal:
            return [("unbuildable", self.fatal)] * n
        self._cover(request.get("roots") or [request.get("dir")])
        self.warm()
        assert self.worker is not None
        try:
            self.worker.wait_ready()
        except WorkerDied as exc:
            # A worker that cannot even start will not start next time either.
            self.fatal = str(exc)
            self._drop()
            return [("unbuildable", self.fatal)] * n
        try:
            answer = self.worker.build(request, timeout)
        except TimeoutError:
            self._drop()
            return [("unbuildable", f"timed out after {timeout:g}s")] * n
        except WorkerDied as exc:
            self._drop()
            return [("unbuildable", str(exc))] * n
        verdicts = [tuple(v) for v in answer.get("verdicts") or []]
        if len(verdicts) != n:
            return [("unbuildable", "the worker gave no verdict")] * n
        return verdicts

    def _drop(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker.close()
            self.worker = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
