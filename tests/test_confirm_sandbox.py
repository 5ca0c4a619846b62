"""Containment of ``--confirm`` against real TensorFlow: every escape tried from inside the build.

Each escape sits in a helper the model builder calls and in a custom layer's ``call`` (code
written directly in the builder or at module level is sliced out and never runs). The run is a
separate ``confirm_findings`` process, so that the worker's parent is that process, as it is in
a real run. The test then checks that nothing escaped: the files outside the work directory do
not exist, the victim file kept its mode, the loopback listeners got nothing, no verdict says
``ESCAPED`` or shows a line of /etc/passwd, and every finding has a verdict.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.tensorflow  # skipped with a reason without TensorFlow; .ci/run fails then

from dropout_lint.confirm import sandbox  # noqa: E402

LIBC = "__import__('ctypes').CDLL(None)"

# name -> code run inside the build (OUT: a folder outside the work directory; TCP/UDP: ports of
# listeners this test holds). Reaching ``raise RuntimeError("ESCAPED ...")`` means the action worked.
ESCAPES = {
    "open": "open(OUT + '/open.txt', 'w').write('x')",
    "open-bytes": "open(os.fsencode(OUT + '/bytes.txt'), 'wb').write(b'x')",
    "os-open": "os.close(os.open(OUT + '/os_open.txt', os.O_WRONLY | os.O_CREAT))",
    "pathlib": "__import__('pathlib').Path(OUT, 'pathlib.txt').write_text('x')",
    "shutil": "__import__('shutil').copyfile(__file__, OUT + '/shutil.txt')",
    "numpy": "__import__('numpy').save(OUT + '/numpy.npy', __import__('numpy').zeros(2))",
    "ctypes-open": f"assert {LIBC}.open(os.fsencode(OUT + '/ctypes.txt'), 0o101, 0o644) >= 0",
    "subprocess": "assert subprocess.run(['touch', OUT + '/subprocess.txt']).returncode == 0",
    "os-system": "assert os.system('touch ' + OUT + '/system.txt') == 0",
    "posix-spawn": "os.waitpid(os.posix_spawn('/usr/bin/touch', ['touch', OUT + '/spawn.txt'], {}), 0)",
    "posixsubprocess": """
        import _posixsubprocess
        r, w = os.pipe()
        a = ([b'/usr/bin/touch', os.fsencode(OUT + '/posixsub.txt')], [b'/usr/bin/touch'], True, (w,),
             None, None, -1, -1, -1, -1, -1, -1, r, w, True, False, -1, None, None, None, -1, None)
        try:
            pid = _posixsubprocess.fork_exec(*a)
        except TypeError:
            pid = _posixsubprocess.fork_exec(*a, False)
        os.close(w)
        assert not os.read(r, 100), 'exec failed'
        os.waitpid(pid, 0)
    """,
    "ctypes-system": f"assert {LIBC}.system(os.fsencode('touch ' + OUT + '/csystem.txt')) == 0",
    "rename": "open('mine.txt', 'w').close(); os.rename('mine.txt', OUT + '/rename.txt')",
    "symlink": "os.symlink('/etc/passwd', OUT + '/symlink.txt')",
    "link": "open('mine2.txt', 'w').close(); os.link('mine2.txt', OUT + '/link.txt')",
    "chmod": "os.chmod(OUT + '/victim.txt', 0o777)",
    "ctypes-chmod": f"assert {LIBC}.chmod(os.fsencode(OUT + '/victim.txt'), 0o777) == 0",
    "tcp": "socket.create_connection(('127.0.0.1', TCP), timeout=2).sendall(b'ESCAPED')",
    "udp": "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'ESCAPED', ('127.0.0.1', UDP))",
    "kill-parent": "os.kill(os.getppid(), signal.SIGTERM)",
    "ctypes-kill-parent": f"assert {LIBC}.kill(os.getppid(), signal.SIGKILL) == 0",
    "gc-disarm": """
        for o in __import__('gc').get_objects():
            if isinstance(o, dict) and o.get('armed') is True:
                o['armed'] = False
        open(OUT + '/disarmed.txt', 'w').write('x')
    """,
    "thread-after": """
        def later():
            import time
            for _ in range(40):
                time.sleep(0.1)
                try:
                    open(OUT + '/thread.txt', 'w').write('x')
                except OSError:
                    pass
        __import__('threading').Thread(target=later, daemon=True).start()
        raise LookupError('started')  # the thread itself is no escape: what it does later would be
    """,
    "passwd": "raise ValueError(open('/etc/passwd').read())",
    "passwd-ctypes": f"""
        buf = __import__('ctypes').create_string_buffer(200)
        n = {LIBC}.read({LIBC}.open(b'/etc/passwd', 0), buf, 200)
        raise ValueError(buf.raw[:max(n, 0)].decode() or 'nothing read')
    """,
    "env-set": f"os.environ['DL_LEAK'] = '1'; {LIBC}.setenv(b'DL_LEAK_C', b'1', 1); raise KeyError('set')",
    "env-read": f"assert os.environ.get('DL_LEAK') is None and not {LIBC}.getenv(b'DL_LEAK_C'), 'leaked'; raise LookupError('clean')",
    "shadow": "import wave; assert wave.__file__.startswith(os.path.dirname(os.__file__)); raise LookupError('stdlib')",
    "memory": "hog = [bytearray(2 ** 27) for _ in range(200)]",
    "segfault": "__import__('ctypes').string_at(0)",
    "hang": "while True: pass",
}

HEADER = """\
import os, signal, socket, subprocess
import keras
from keras import layers

OUT, TCP, UDP = {out!r}, {tcp}, {udp}
"""

HELPER = (
    HEADER
    + """
def helper(n):
{body}
    raise RuntimeError("ESCAPED {name}")


def build():
    return keras.Sequential([layers.Input((8,)), layers.Dense(helper(4)), layers.Dropout(0.95)])
"""
)

LAYER = (
    HEADER
    + """
class Hostile(layers.Layer):
    def call(self, x):
{body}
        raise RuntimeError("ESCAPED {name}")


def build():
    return keras.Sequential([layers.Input((8,)), Hostile(), layers.Dense(4), layers.Dropout(0.95)])
"""
)

DRIVER = """
import json, sys
from dropout_lint.confirm import confirm_findings
from dropout_lint.finding import Finding, Pos
specs = json.load(sys.stdin)
# DL101 (the Dropout is the output layer): a build that raises is unbuildable with the reason.
findings = [Finding("DL101", "t", "warning", "t", p, Pos(r, c), Pos(r, c)) for p, r, c in specs]
confirm_findings(findings, timeout=float(sys.argv[1]))
print(json.dumps([[f.confirmation.status, f.confirmation.detail] if f.confirmation else None for f in findings]))
"""


def _indent(code: str, n: int) -> str:
    return textwrap.indent(textwrap.dedent(code).strip("\n"), " " * n)


def _position(path: Path) -> list:
    lines = path.read_text().splitlines()
    row = next(i for i, ln in enumerate(lines) if "layers.Dropout(0.95)" in ln)
    return [str(path), row + 1, lines[row].index("layers.Dropout(0.95)") + 1]


def _run(specs, tmp: Path, timeout: float, env_extra=None):
    tmpdir = tmp / "tmp"
    tmpdir.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(tmpdir), DROPOUT_LINT_CONFIRM_MEMORY_MB="1024", **(env_extra or {}))
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(timeout)],
        input=json.dumps(specs),
        text=True,
        capture_output=True,
        env=env,
        timeout=900,
    )
    return proc, tmpdir


@pytest.fixture(scope="module")
def escaped(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sandbox")
    proj, out = tmp / "proj", tmp / "outside"
    proj.mkdir()
    out.mkdir()
    victim = out / "victim.txt"
    victim.write_text("keep")
    victim.chmod(0o600)
    (proj / "wave.py").write_text("raise RuntimeError('ESCAPED shadowed the standard library')\n")
    tcp = socket.socket()
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(8)
    tcp.setblocking(False)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    udp.setblocking(False)
    names, specs = [], []
    for where, template, indent in (("helper", HELPER, 4), ("layer", LAYER, 8)):
        for name, code in ESCAPES.items():
            path = proj / f"{where}_{name.replace('-', '_')}.py"
            path.write_text(
                template.format(
                    out=str(out),
                    tcp=tcp.getsockname()[1],
                    udp=udp.getsockname()[1],
                    body=_indent(code, indent),
                    name=name,
                )
            )
            names.append(f"{where}:{name}")
            specs.append(_position(path))
    proc, tmpdir = _run(specs, tmp, timeout=15)
    got = []
    for sock in (tcp, udp):
        try:
            got.append(sock.accept()[0].recv(100) if sock is tcp else sock.recvfrom(100)[0])
        except (BlockingIOError, OSError):
            pass
    tcp.close()
    udp.close()
    return {"proc": proc, "names": names, "out": out, "victim": victim, "got": got, "tmpdir": tmpdir}


needs_kernel = pytest.mark.skipif(
    not sys.platform.startswith("linux") or sandbox.landlock_abi() < 6,
    reason="the operating-system boundary needs Linux with Landlock ABI 6 (signal scoping)",
)


def _verdicts(escaped) -> dict:
    proc = escaped["proc"]
    assert proc.returncode == 0, proc.stderr[-2000:]
    verdicts = json.loads(proc.stdout.strip().splitlines()[-1])
    return dict(zip(escaped["names"], verdicts))


@needs_kernel
def test_the_run_survives_and_every_finding_has_a_verdict(escaped):
    verdicts = _verdicts(escaped)
    assert len(verdicts) == 2 * len(ESCAPES)
    assert all(
        v is not None and v[0] in ("confirmed", "refuted", "unbuildable", "not-applicable") for v in verdicts.values()
    )
    # The sandbox was there: no "audit-hook guards only" line.
    assert "sandbox" not in escaped["proc"].stderr


@needs_kernel
def test_no_escape_succeeded(escaped):
    verdicts = _verdicts(escaped)
    leaked = {k: v for k, v in verdicts.items() if "ESCAPED" in v[1] or "leaked" in v[1]}
    assert not leaked
    assert sorted(p.name for p in escaped["out"].iterdir()) == ["victim.txt"]
    assert stat.S_IMODE(escaped["victim"].stat().st_mode) == 0o600
    assert escaped["got"] == []


@needs_kernel
def test_no_file_content_from_outside_in_a_verdict(escaped):
    verdicts = _verdicts(escaped)
    first = Path("/etc/passwd").read_text().splitlines()[0]
    assert all(first not in v[1] and "root:" not in v[1] for v in verdicts.values())
    assert verdicts["helper:passwd-ctypes"] == ["unbuildable", "ValueError: nothing read"]


@needs_kernel
def test_hang_memory_and_segfault_end_in_verdicts(escaped):
    verdicts = _verdicts(escaped)
    for where in ("helper", "layer"):
        assert verdicts[f"{where}:hang"] == ["unbuildable", "timed out after 15s"]
        assert verdicts[f"{where}:memory"][0] == "unbuildable" and "MemoryError" in verdicts[f"{where}:memory"][1]
        status, detail = verdicts[f"{where}:segfault"]
        assert status == "unbuildable" and detail.startswith("the build killed the worker (SIGSEGV) at a peak of"), (
            detail
        )
        assert "MB of memory (limit: 1024 MB above its start" in detail, detail
        # The builds after a killed worker still ran in a fresh one.
        assert verdicts[f"{where}:hang"][0] == "unbuildable"


@needs_kernel
def test_the_temporary_directory_is_removed(escaped):
    _verdicts(escaped)
    assert list(escaped["tmpdir"].iterdir()) == []


def test_without_the_sandbox_it_says_so_once(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    specs = []
    for i in range(2):
        path = proj / f"m{i}.py"
        path.write_text(
            "import keras\nfrom keras import layers\n\n"
            "model = keras.Sequential([layers.Input((8,)), layers.Dense(4), layers.Dropout(0.95)])\n"
        )
        specs.append(_position(path))
    # The audit hooks alone still keep files outside the project out of the verdict.
    path = proj / "passwd.py"
    path.write_text(HELPER.format(out=str(tmp_path), tcp=0, udp=0, body=_indent(ESCAPES["passwd"], 4), name="passwd"))
    specs.append(_position(path))
    proc, _ = _run(specs, tmp_path, timeout=60, env_extra={"DROPOUT_LINT_CONFIRM_SANDBOX": "off"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if "--confirm sandbox" in ln]
    assert len(lines) == 1 and "audit-hook guards only" in lines[0], proc.stderr[-2000:]
    verdicts = json.loads(proc.stdout.strip().splitlines()[-1])
    assert [v[0] for v in verdicts[:2]] == ["confirmed", "confirmed"]
    assert verdicts[2] == ["unbuildable", "Blocked: --confirm does not read files outside the project: /etc/passwd"]
