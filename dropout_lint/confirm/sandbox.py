"""The operating-system boundary of the ``--confirm`` worker (Linux; worker side, no TensorFlow).

``enter(workdir, read_roots)`` runs first thing in the worker, while it is still one thread, and
applies what the kernel offers, each layer on its own:

- **namespaces**: a new user, mount and network namespace. The network namespace has no
  interface but a loopback that is down: no TCP, UDP or any other packet leaves the worker. In
  the mount namespace every mount is remounted read-only except the work directory, so no write,
  ``chmod``, ``rename``, ``link`` or ``symlink`` outside it succeeds, whatever route (ctypes,
  a C extension, a subprocess) makes the system call.
- **Landlock** (kernel interface through ``ctypes``): files may be read only under the Python
  installation, the system library folders and the project folders (``read_roots``); written
  only in the work directory; no program may be executed (every subprocess route ends at
  ``execve``); no TCP ``connect``/``bind`` (ABI 4); no signal to a process outside the worker and
  no abstract unix socket outside it (ABI 6); and, as for every Landlock domain, no ``mount``.
- **rlimits** (``limit()``, after TensorFlow is imported): memory, CPU time, file size and, inside
  its own user namespace, the number of threads and processes.

Each returns what it could not do; the worker reports that once and keeps the Python audit-hook
guards in any case.
"""

from __future__ import annotations

import ctypes
import os
import resource
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 32, 1024, 2048, 4096
MS_REC, MS_PRIVATE, MS_RELATIME, MS_STRICTATIME = 16384, 1 << 18, 1 << 21, 1 << 24
_MOUNT_FLAGS = {
    "ro": MS_RDONLY,
    "nosuid": MS_NOSUID,
    "nodev": MS_NODEV,
    "noexec": MS_NOEXEC,
    "noatime": MS_NOATIME,
    "nodiratime": MS_NODIRATIME,
    "relatime": MS_RELATIME,
    "strictatime": MS_STRICTATIME,
}

# Landlock (include/uapi/linux/landlock.h)
SYS_LANDLOCK = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1, 2, 4, 8
FS_TRUNCATE, FS_IOCTL_DEV = 1 << 14, 1 << 15
_FS_ALL_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
NET_BIND_TCP, NET_CONNECT_TCP = 1, 2
SCOPE_ABSTRACT_UNIX, SCOPE_SIGNAL = 1, 2
RULE_PATH_BENEATH, RULE_NET_PORT = 1, 2
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38

_libc = ctypes.CDLL(None, use_errno=True)


class _RulesetAttr(ctypes.Structure):
    _fields_ = [
        ("handled_access_fs", ctypes.c_uint64),
        ("handled_access_net", ctypes.c_uint64),
        ("scoped", ctypes.c_uint64),
    ]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _err() -> str:
    return os.strerror(ctypes.get_errno())


def _write(path: str, text: str) -> None:
    with open(path, "w") as fh:
        fh.write(text)


# -- namespaces -------------------------------------------------------------------------------
def namespaces(workdir: str) -> str | None:
    """User + mount + network namespace, everything read-only but ``workdir``; None when done."""
    uid, gid = os.geteuid(), os.getegid()
    if _libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0:
        return f"no user/network namespace ({_err()})"
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    except OSError as exc:
        return f"network namespace without a user mapping ({exc.strerror})"
    mount = _libc.mount
    mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p]
    if mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return f"network namespace only: cannot make mounts private ({_err()})"
    wd = os.fsencode(workdir)
    if mount(wd, wd, None, MS_BIND, None) != 0:
        return f"network namespace only: cannot bind the work directory ({_err()})"
    failed = []
    for point, flags in _mounts():
        if point == workdir or flags & MS_RDONLY:
            continue
        p = os.fsencode(point)
        if mount(None, p, None, MS_REMOUNT | MS_BIND | MS_RDONLY | flags, None) != 0:
            failed.append(point)
    # Mounts the kernel will not remount (rare) are left to Landlock.
    bad = [p for p in failed if not p.startswith(("/proc", "/sys", "/dev"))]
    return f"could not make read-only: {', '.join(bad[:3])}" if bad else None


def _mounts() -> list[tuple[str, int]]:
    """(mount point, locked flags to keep) of every mount, from /proc/self/mountinfo."""
    out = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            parts = line.split()
            point = parts[4].encode().decode("unicode_escape")
            flags = 0
            for opt in parts[5].split(","):
                flags |= _MOUNT_FLAGS.get(opt, 0)
            out.append((point, flags))
    # Deepest first, so that a parent's remount does not hide its children.
    return sorted(out, key=lambda m: -m[0].count("/"))


# -- Landlock ---------------------------------------------------------------------------------
def landlock_abi() -> int:
    nums = SYS_LANDLOCK.get(os.uname().machine)
    if nums is None:
        return 0
    r = _libc.syscall(nums[0], None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return r if r > 0 else 0


def default_read_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))}
    roots |= {p for p in sys.path if p and os.path.isabs(p)}
    roots |= {
        "/usr/lib",
        "/usr/lib64",
        "/usr/local/lib",
        "/lib",
        "/lib64",
        "/usr/share/zoneinfo",
        "/etc/ld.so.cache",
        "/etc/localtime",
        "/proc/self",
        "/proc/cpuinfo",
        "/proc/meminfo",
        "/proc/stat",
        "/sys/devices/system/cpu",
        "/sys/fs/cgroup",
        "/dev/urandom",
        "/dev/random",
        "/dev/zero",
        "/dev/null",
    }
    return sorted(roots)


def landlock(workdir: str, read_roots: list[str]) -> tuple[int, str | None]:
    """(ABI used, what it could not do). Restricts this thread and every thread it starts."""
    abi = landlock_abi()
    if abi < 1:
        return 0, "no Landlock in this kernel"
    nums = SYS_LANDLOCK[os.uname().machine]
    fs_all = _FS_ALL_BY_ABI[max(k for k in _FS_ALL_BY_ABI if k <= abi)]
    attr = _RulesetAttr(
        fs_all,
        (NET_BIND_TCP | NET_CONNECT_TCP) if abi >= 4 else 0,
        (SCOPE_ABSTRACT_UNIX | SCOPE_SIGNAL) if abi >= 6 else 0,
    )
    size = ctypes.sizeof(_RulesetAttr) if abi >= 6 else (16 if abi >= 4 else 8)
    fd = _libc.syscall(nums[0], ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if fd < 0:
        return 0, f"Landlock refused the ruleset ({_err()})"
    read = FS_READ_FILE | FS_READ_DIR
    file_rights = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
    try:
        rules = [(os.path.realpath(p), read) for p in read_roots] + [
            ("/dev/null", read | FS_WRITE_FILE),
            (os.path.realpath(workdir), fs_all & ~FS_EXECUTE),
        ]
        for path, rights in rules:
            try:
                pfd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    rights &= file_rights
                rule = _PathBeneath(rights & fs_all, pfd)
                _libc.syscall(nums[1], fd, RULE_PATH_BENEATH, ctypes.byref(rule), ctypes.c_uint32(0))
            finally:
                os.close(pfd)
        _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
        if _libc.syscall(nums[2], fd, ctypes.c_uint32(0)) != 0:
            return 0, f"Landlock did not apply ({_err()})"
    finally:
        os.close(fd)
    missing = []
    if abi < 4:
        missing.append("TCP")
    if abi < 6:
        missing.append("signals to other processes")
    return abi, (f"Landlock ABI {abi} cannot restrict " + " and ".join(missing)) if missing else None


def enter(workdir: str, read_roots: list[str]) -> tuple[list[str], list[str]]:
    """Apply every layer this kernel has: (layers applied, what is missing)."""
    done: list[str] = []
    missing: list[str] = []
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)  # the worker never outlives dropout-lint
    if not sys.platform.startswith("linux"):
        return done, [f"no operating-system sandbox on {sys.platform}"]
    if os.environ.get("DROPOUT_LINT_CONFIRM_SANDBOX") == "off":
        return done, ["turned off by DROPOUT_LINT_CONFIRM_SANDBOX=off"]
    problem = namespaces(workdir)
    if problem is None:
        done.append("user/mount/network namespaces")
    else:
        missing.append(problem)
    abi, problem = landlock(workdir, default_read_roots() + list(read_roots))
    if abi:
        done.append(f"Landlock ABI {abi}")
    if problem:
        missing.append(problem)
    return done, missing


def _vm_kb(field: str) -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def limit(memory_mb: int, cpu_s: int, file_mb: int, own_userns: bool) -> None:
    """rlimits for the rest of the worker's life (hard limits: code under test cannot raise them)."""
    mem = (_vm_kb("VmData") * 1024) + memory_mb * 2**20
    cpu = int(sum(os.times()[:2])) + cpu_s
    for res, value in (
        (resource.RLIMIT_DATA, mem),
        (resource.RLIMIT_CPU, cpu),
        (resource.RLIMIT_FSIZE, file_mb * 2**20),
        (resource.RLIMIT_CORE, 0),
    ):
        try:
            resource.setrlimit(res, (value, value))
        except (ValueError, OSError):
            pass
    if own_userns:
        # Counted per user namespace: only the worker's own threads and processes count.
        n = _vm_kb("Threads") + 256
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (n, n))
        except (ValueError, OSError):
            pass
