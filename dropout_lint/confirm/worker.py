"""The worker process of ``--confirm``: imports TensorFlow once, then builds one slice per request.

Run by :mod:`dropout_lint.confirm.pool` as ``python -c "...worker.main()"`` with the environment
already set (CPU only, quiet logs, ``KERAS_BACKEND=tensorflow``) and a temporary directory as
its working directory. The protocol is one JSON object per line on private copies of stdin and
stdout; the real fds 0 and 1 are pointed at ``/dev/null`` and stderr so that code under test
can neither read the requests nor corrupt the answers by printing.

Requests: ``{"id", "code", "filename", "rules", "max_rate", "dir", "hints"}`` (the slice is run
once and judged for each rule). Answers: ``{"id", "verdicts": [[status, detail], ...]}``. The first line written is ``{"ready": true}`` once
TensorFlow is imported (or ``{"ready": false, "error": ...}``).

First of all, while it is still one thread, the worker enters the operating-system sandbox of
:mod:`.sandbox` (namespaces, Landlock); after TensorFlow is imported it sets its rlimits. Before
running any slice it installs guards that also hold where the kernel offers no sandbox: an audit
hook that refuses writes outside its working directory, reads of data files, subprocesses,
signals to other processes and network connections, and replacements of Keras' ``fit``/``save``
family that raise. The slicer already keeps such code out; the guards catch what slips through
inside called functions. Each build starts from the same environment variables and leaves none
behind.
"""

from __future__ import annotations

import json
import os
import sys
import traceback


def _send(out, obj) -> None:
    out.write((json.dumps(obj) + "\n").encode())
    out.flush()


class Blocked(PermissionError):
    """Raised by the worker's guards."""


_DATA_EXT = (
    ".npy",
    ".npz",
    ".csv",
    ".tsv",
    ".h5",
    ".hdf5",
    ".keras",
    ".pkl",
    ".pickle",
    ".parquet",
    ".tfrecord",
    ".tfrecords",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".bmp",
    ".wav",
    ".mp3",
    ".json",
    ".jsonl",
    ".xlsx",
    ".xls",
    ".feather",
    ".arrow",
    ".zip",
    ".gz",
    ".tar",
    ".bin",
    ".pt",
    ".pth",
    ".ckpt",
    ".weights",
    ".data",
    ".index",
    ".mat",
    ".tif",
    ".tiff",
    ".txt",
)


def _install_guards(workdir: str, read_roots=()) -> dict[str, bool]:
    from dropout_lint.confirm.sandbox import default_read_roots

    workdir = os.path.realpath(workdir)
    lib_roots = tuple({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix) if p})
    # What a build may read at all (the same folders as the Landlock rules).
    readable = tuple({os.path.realpath(p) for p in (*default_read_roots(), *read_roots)})
    state = {"armed": False}

    def inside(path: str, root: str) -> bool:
        return path == root or path.startswith(root.rstrip(os.sep) + os.sep)

    def hook(event: str, args) -> None:
        if not state["armed"]:
            return
        if event == "open":
            path, mode, flags = args
            if not isinstance(path, str) or path.startswith(("/proc", "/sys", "/dev")):
                return
            real = os.path.realpath(path)
            writing = bool(mode and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
            )
            if inside(real, workdir):
                return
            if writing:
                raise Blocked(f"--confirm does not write files: {path}")
            if any(inside(real, r) for r in lib_roots):
                return
            if not any(inside(real, r) for r in readable):
                raise Blocked(f"--confirm does not read files outside the project: {path}")
            low = real.lower()
            if low.endswith(_DATA_EXT) and not low.endswith((".py",)):
                raise Blocked(f"--confirm does not read data files: {path}")
        elif event in (
            "os.remove",
            "os.rename",
            "os.rmdir",
            "os.mkdir",
            "shutil.rmtree",
            "os.unlink",
            "os.truncate",
            "shutil.move",
            "shutil.copyfile",
        ):
            path = args[0] if args else ""
            if isinstance(path, (str, bytes)):
                p = os.fsdecode(path)
                if not inside(os.path.realpath(p), workdir):
                    raise Blocked(f"--confirm does not change files: {p}")
        elif event in (
            "subprocess.Popen",
            "os.system",
            "os.posix_spawn",
            "os.exec",
            "os.spawn",
            "os.fork",
            "os.forkpty",
        ):
            raise Blocked("--confirm does not start processes")
        elif event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.bind", "urllib.Request"):
            raise Blocked("--confirm does not use the network")
        elif event in ("os.kill", "os.killpg") and args and args[0] not in (0, os.getpid()):
            raise Blocked("--confirm does not signal other processes")

    sys.addaudithook(hook)
    return state


def _block_training() -> None:
    import keras

    def refuse(name):
        def method(self, *args, **kwargs):
            raise Blocked(f"--confirm does not run `{name}`")

        return method

    for name in (
        "fit",
        "fit_generator",
        "train_on_batch",
        "evaluate",
        "save",
        "save_weights",
        "load_weights",
        "export",
    ):
        if hasattr(keras.Model, name):
            setattr(keras.Model, name, refuse(name))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(exc).__name__}: {first}"[:300] if first else type(exc).__name__


def _clean_path(workdir: str) -> None:
    """Nothing importable from the work directory (``-c`` puts the cwd first on sys.path)."""
    sys.path[:] = [p for p in sys.path if p and os.path.realpath(p) != workdir]


def _restore_env(saved: dict) -> None:
    """Give the next build the environment the worker started with (C-level variables too)."""
    if dict(os.environ) == saved and not _c_env_changed(saved):
        return
    try:
        import ctypes

        ctypes.CDLL(None).clearenv()
    except (OSError, AttributeError):
        pass
    os.environ.clear()
    os.environ.update(saved)


def _c_env_changed(saved: dict) -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        environ = ctypes.POINTER(ctypes.c_char_p).in_dll(libc, "environ")
        n = 0
        while environ[n] is not None:
            n += 1
        return n != len(saved)
    except (OSError, ValueError, AttributeError):
        return False


def _forget_project_modules(before: set) -> None:
    """Drop the modules a build imported from outside Python's installation (the project's own
    ``models``, ``utils``...): the next build, maybe of another project, imports its own. The
    packages confirm-packages took are libraries: kept (``tf_keras`` is not imported twice)."""
    taken = [p for p in os.environ.get("DROPOUT_LINT_CONFIRM_PACKAGES", "").split(os.pathsep) if p]
    lib = tuple(os.path.realpath(p) + os.sep for p in {sys.prefix, sys.base_prefix, sys.exec_prefix, *taken})
    # Where each module lives, all read before any is dropped: a namespace package's path is
    # recomputed from its parent's, which must still be there (``tsmotifs.algorithms`` without
    # an ``__init__.py``).
    drop = []
    for name in set(sys.modules) - before:
        if name.startswith("dropout_lint"):
            continue
        mod = sys.modules.get(name)
        try:
            where = getattr(mod, "__file__", None) or next(iter(getattr(mod, "__path__", None) or []), None)
        except Exception:  # noqa: BLE001 - a module the build left half-made: a project's, drop it
            where = ""
        if isinstance(where, str) and not os.path.realpath(where or os.curdir).startswith(lib):
            drop.append(name)
    for name in drop:
        sys.modules.pop(name, None)


def main() -> None:
    workdir = os.path.realpath(os.getcwd())
    _clean_path(workdir)
    from dropout_lint.confirm import sandbox

    roots = [p for p in os.environ.get("DROPOUT_LINT_CONFIRM_READ", "").split(os.pathsep) if p]
    layers, missing = sandbox.enter(workdir, roots)
    proto_in = os.fdopen(os.dup(0), "rb", buffering=0)
    proto_out = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull)  # noqa: SIM115
    sys.stdout = sys.stderr

    try:
        import logging

        import tensorflow as tf  # noqa: F401
        import keras  # noqa: F401

        logging.getLogger("tensorflow").setLevel(logging.ERROR)
        try:
            tf.get_logger().setLevel("ERROR")
            tf.autograph.set_verbosity(0)
        except Exception:  # noqa: BLE001
            pass
        import warnings

        warnings.filterwarnings("ignore")
        from dropout_lint.confirm import judge, legacy

        legacy.install()
    except BaseException as exc:  # noqa: BLE001
        _send(proto_out, {"ready": False, "error": _reason(exc)})
        return

    sandbox.limit(
        int(os.environ.get("DROPOUT_LINT_CONFIRM_MEMORY_MB", "4096")),
        int(os.environ.get("DROPOUT_LINT_CONFIRM_CPU_S", "3600")),
        256,
        own_userns=bool(layers) and "namespaces" in layers[0],
    )
    guard = _install_guards(workdir, roots)
    _block_training()
    saved_env = dict(os.environ)
    _send(proto_out, {"ready": True, "tensorflow": tf.__version__, "sandbox": layers, "missing": missing})

    reader = proto_in
    buf = b""
    builds = 0
    while True:
        chunk = reader.read(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if not line.strip():
                continue
            req = json.loads(line)
            n = len(req.get("rules") or [1])
            before = set(sys.modules)
            try:
                guard["armed"] = True
                verdicts = judge.run(req)
            except BaseException as exc:  # noqa: BLE001 - SystemExit included
                verdicts = [("unbuildable", _reason(exc))] * n
                if os.environ.get("DROPOUT_LINT_CONFIRM_DEBUG"):
                    traceback.print_exc()
            finally:
                guard["armed"] = False
                _restore_env(saved_env)
                _forget_project_modules(before)
            try:
                os.chdir(workdir)
            except OSError:
                pass
            builds += 1
            if builds % 25 == 0:
                # Keep a long run's memory flat: drop Keras' global graph state now and then.
                try:
                    keras.backend.clear_session()
                except Exception:  # noqa: BLE001
                    pass
            _send(proto_out, {"id": req.get("id"), "verdicts": [list(v) for v in verdicts]})


if __name__ == "__main__":  # pragma: no cover
    main()
