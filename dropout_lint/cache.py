"""The findings cache: ``.dropout_lint_cache/`` in the project root.

An entry maps a key to the findings of one file. The key hashes

- the file's bytes (and whether it is a notebook),
- the effective settings of that file (``FileSettings.key()``: enabled codes and rule options),
- the tool: its version plus a fingerprint of its own source files (size and mtime of every
  module of the package, and of the installed libcst), so an edited rule never reads stale
  entries in a development checkout.

Findings are stored without their filename (the display path depends on the working folder);
the runner puts the current name back. Only files that pass the prefilter are cached: a file
that needs no parse costs less than a cache lookup.

Layout and safety: one JSON file, ``.dropout_lint_cache/v1/findings.json``, read once at the
start of a run and written once at the end, only when something changed, through a temporary
file in the same folder and ``os.replace`` (atomic): a concurrent run sees the old or the new
file, never half of one, and a run interrupted by Ctrl-C writes nothing. Two runs that finish
together may each drop the other's new entries: that only costs a later cache miss. JSON, not
pickle, so a cache file checked out from somewhere else cannot run code.

Trust: nothing read from the cache is taken on faith. Only a regular file is read (a FIFO, a
device such as a symlink to ``/dev/zero``, or a folder there is ignored, opened without
blocking), and at most ``MAX_FILE_BYTES``. Every entry is ``[last used day, findings,
checksum]``, the checksum hashing the entry's key, the tool and the findings: an entry of
another shape, whose findings do not match its checksum (edited by hand, or copied under
another key), or that does not turn back into findings is dropped and the file is linted
again. So a corrupted or edited cache costs a re-lint, never a traceback, a hang, or an
injected or hidden finding. (The checksum catches edits and corruption, not a deliberate
forger who can also write the cache: such a user can edit the code being linted anyway.)

Size bound: an entry records the day it was last used; entries unused for ``MAX_AGE_DAYS``
are dropped, and beyond ``MAX_ENTRIES`` the least recently used go first.

Where: the cache lives in the project root (the folder of the ``pyproject.toml`` holding
``[tool.dropout-lint]``, else the working folder). Only files inside that root are cached;
a file outside it is linted without the cache, so linting ``/tmp/x.py`` neither reads nor
litters the project's cache and nothing is ever written next to foreign files. A root that
cannot be written to (read-only checkout) silently means no cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path

from dropout_lint import __version__
from dropout_lint.finding import Finding

CACHE_DIR = ".dropout_lint_cache"
FORMAT = "v1"
MAX_ENTRIES = 50_000
MAX_AGE_DAYS = 30
MAX_FILE_BYTES = 128 * 1024 * 1024

_FINGERPRINT: str | None = None


def tool_fingerprint() -> str:
    """The version plus the size and mtime of every module of the package and of libcst's core."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        h = hashlib.blake2b(digest_size=16)
        h.update(__version__.encode())
        pkg = Path(__file__).resolve().parent
        for dirpath, dirnames, filenames in os.walk(pkg):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if name.endswith(".py"):
                    p = os.path.join(dirpath, name)
                    try:
                        st = os.stat(p)
                    except OSError:
                        continue
                    h.update(f"{os.path.relpath(p, pkg)}:{st.st_size}:{st.st_mtime_ns};".encode())
        try:
            import importlib.util

            spec = importlib.util.find_spec("libcst")  # does not import libcst
            if spec is not None and spec.origin:
                libdir = os.path.dirname(spec.origin)
                for rel in ("__init__.py", "_version.py", "_parser/entrypoints.py"):
                    try:
                        st = os.stat(os.path.join(libdir, rel))
                        h.update(f"libcst/{rel}:{st.st_size}:{st.st_mtime_ns};".encode())
                    except OSError:
                        pass
        except (ImportError, ValueError):
            pass
        _FINGERPRINT = h.hexdigest()
    return _FINGERPRINT


def entry_key(data: bytes, notebook: bool, settings_key: str, deps: str = "") -> str:
    """``deps``: the project modules the file's analysis may read, with their sizes and
    modification times (``analysis.project_modules.dependency_stamp``)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(b"nb" if notebook else b"py")
    h.update(len(settings_key).to_bytes(8, "little"))
    h.update(settings_key.encode())
    if deps:
        encoded = deps.encode("utf-8", "surrogatepass")
        h.update(b"deps" + len(encoded).to_bytes(8, "little") + encoded)
    h.update(data)
    return h.hexdigest()


def _today() -> int:
    return int(time.time() // 86400)


class Cache:
    """Findings by key, loaded from and saved to one file under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self.dir = self.root / CACHE_DIR / FORMAT
        self.path = self.dir / "findings.json"
        self.tool = tool_fingerprint()
        self.entries: dict[str, list] = {}  # key -> [last used day, [finding dicts]]
        self.dirty = False
        self.hits = 0
        self.misses = 0
        self._today = _today()
        self._root_prefix = str(self.root).rstrip(os.sep) + os.sep
        self._load()

    # -- scope -------------------------------------------------------------------------------
    def covers(self, path: Path | str) -> bool:
        """Is this file inside the project root (the only files the cache serves)?"""
        ap = os.path.abspath(path)
        return ap.startswith(self._root_prefix)

    # -- entries -----------------------------------------------------------------------------
    def get(self, key: str, filename: str) -> list[Finding] | None:
        entry = self.entries.get(key)
        out = self._valid(key, entry) if entry is not None else None
        if out is None:
            if entry is not None:
                self.entries.pop(key, None)
                self.dirty = True
            self.misses += 1
            return None
        for f in out:
            f.filename = filename
        assert entry is not None  # _valid accepted it
        if entry[0] != self._today:
            entry[0] = self._today
            self.dirty = True
        self.hits += 1
        return out

    def _valid(self, key: str, entry) -> list[Finding] | None:
        """The entry's findings if it has the right shape and its checksum matches, else None."""
        if not (isinstance(entry, list) and len(entry) == 3 and _is_day(entry[0]) and isinstance(entry[1], list)):
            return None
        try:
            if entry[2] != self._checksum(key, entry[1]):
                return None
            return [Finding.from_cache(d) for d in entry[1]]
        except Exception:  # noqa: BLE001 - any odd content is a miss
            return None

    def _checksum(self, key: str, stored: list) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self.tool}:{key}:".encode())
        h.update(json.dumps(stored, sort_keys=True, separators=(",", ":")).encode())
        return h.hexdigest()

    def put(self, key: str, findings: list[Finding]) -> None:
        try:
            stored = [_strip_name(f.to_cache()) for f in findings]
            checksum = self._checksum(key, stored)  # only JSON-safe data is cached
        except (TypeError, ValueError):
            return
        self.entries[key] = [self._today, stored, checksum]
        self.dirty = True

    # -- file ----------------------------------------------------------------------------------
    def _load(self) -> None:
        data = _read_regular(self.path, MAX_FILE_BYTES)
        if data is None:
            return
        try:
            raw = json.loads(data)
        except (ValueError, RecursionError):
            raw = None
        if not isinstance(raw, dict) or raw.get("tool") != self.tool or not isinstance(raw.get("entries"), dict):
            self.dirty = True  # another tool version, or junk: start afresh (and overwrite at the end)
            return
        self.entries = raw["entries"]

    def save(self) -> None:
        """Write the cache atomically if it changed; never raises."""
        if not self.dirty:
            return
        entries = self.entries
        oldest = self._today - MAX_AGE_DAYS
        entries = {
            k: v for k, v in entries.items() if isinstance(v, list) and len(v) == 3 and _is_day(v[0]) and v[0] >= oldest
        }
        if len(entries) > MAX_ENTRIES:
            keep = sorted(entries.items(), key=lambda kv: kv[1][0], reverse=True)[:MAX_ENTRIES]
            entries = dict(keep)
        payload = json.dumps({"tool": self.tool, "entries": entries}, separators=(",", ":"))
        tmp = None
        try:
            self._make_dir()
            fd, tmp = tempfile.mkstemp(prefix=".findings-", suffix=".tmp", dir=self.dir)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, self.path)
            tmp = None
        except OSError:
            pass
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass

    def _make_dir(self) -> None:
        top = self.root / CACHE_DIR
        if not top.is_dir():
            top.mkdir(exist_ok=True)
            # Like .ruff_cache: never committed, and marked as a cache for backup tools.
            (top / ".gitignore").write_text("# Automatically created by dropout-lint.\n*\n", encoding="utf-8")
            (top / "CACHEDIR.TAG").write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by dropout-lint.\n",
                encoding="utf-8",
            )
        self.dir.mkdir(parents=True, exist_ok=True)


def _is_day(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else None.

    Opened without blocking (a FIFO there would hang a plain ``open``) and checked on the open
    descriptor, so a symlink to a device or a file swapped in meanwhile is never read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks) if total <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _strip_name(d: dict) -> dict:
    d.pop("filename", None)
    d.pop("url", None)
    d["filename"] = ""
    return d
