"""What code inside a sandbox can see and do, asked from inside, in the strongest mode this machine allows.

Each probe runs as student code would (``Sandbox.run``) and reports facts; the assertions
are about those facts. The hostile corpus (``tests/data/hostile``) attacks the same walls end
to end, in every mode; these tests say which wall is missing when one falls.
"""
import os
import sys
from pathlib import Path

import pytest

from convkit.limits import Limits
from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow

PROBE = r'''
import ctypes, errno, os, socket
libc = ctypes.CDLL(None, use_errno=True)
facts = {}
def attempt(name, thunk):
    try:
        thunk()
        facts[name] = "allowed"
    except OSError as error:
        facts[name] = errno.errorcode.get(error.errno, str(error.errno))
def call(name, result):
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))
import sys
facts["private_modules"] = sorted(m for m in sys.modules if m.split(".")[0] in ("reference", "autograder", "solutions"))
facts["pid"] = os.getpid()
facts["cwd"] = os.getcwd()
facts["proc"] = os.path.exists("/proc/self")
def listing(path):
    try:
        return sorted(os.listdir(path))
    except OSError as error:
        return [errno.errorcode.get(error.errno, "error")]
facts["kit"] = listing(KIT)
facts["root_entries"] = listing("/")
attempt("write_root", lambda: open("/convkit-probe", "w").close())
attempt("write_tmp", lambda: open(os.path.join(os.environ["TMPDIR"], "probe"), "w").close())
attempt("unshare", lambda: call("unshare", libc.unshare(0x00020000)))
attempt("mount", lambda: call("mount", libc.mount(b"tmpfs", b"/tmp", b"tmpfs", 0, None)))
attempt("umount", lambda: call("umount2", libc.umount2(b"/tmp", 2)))
attempt("socket", lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).close())
attempt("unix_socket", lambda: socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close())
attempt("open_by_handle_at", lambda: call("open_by_handle_at", libc.syscall(304, -100, None, 0)))
attempt("ptrace", lambda: call("ptrace", libc.ptrace(16, 1, None, None)))
header = (ctypes.c_uint32 * 2)(0x20080522, 0)
data = (ctypes.c_uint32 * 6)()
libc.capget(header, data)
facts["capabilities"] = [data[0], data[1], data[3], data[4]]
facts["kill_minus_one"] = "n/a"
result = facts
'''


@pytest.fixture
def sandbox(launcher):
    box = launcher.spawn(Limits(call_seconds=20))
    box.load([("cell 1", "x = 1")])
    yield box
    box.close()


@pytest.fixture
def facts(sandbox):
    return sandbox.run(PROBE, KIT=str(KIT_ROOT))


def test_sandbox_sees_no_private_kit_files(facts):
    """At most the folders the runtime lives in (the venv, convkit's package) appear in the kit root."""
    private = {"autograder", "reference", "solutions", "tests", "examples", "questions", ".git", "assignments"}
    assert not private & set(facts["kit"]), facts["kit"]


def test_no_answer_key_in_the_sandbox_memory(facts):
    """The zygote never imported the reference or the graders, so no sandbox inherits them."""
    assert facts["private_modules"] == []


def test_sandbox_cannot_escape_or_regain_privileges(facts, launcher):
    for name in ("unshare", "mount", "umount", "open_by_handle_at", "ptrace", "socket", "unix_socket"):
        assert facts[name] == "EPERM", f"{name}: {facts[name]}"
    read_search = 1 << 2  # CAP_DAC_READ_SEARCH, kept only where the runtime lives where only root can read
    expected = read_search if launcher.plan.keep_read_search else 0
    assert facts["capabilities"] == [expected, expected, 0, 0]


def test_sandbox_writes_only_its_own_scratch(facts):
    assert facts["write_tmp"] == "allowed"
    assert facts["write_root"] != "allowed"


def test_namespaces_mode_world(facts, launcher):
    if launcher.plan.mode != "namespaces":
        pytest.skip(f"this machine gives the {launcher.plan.mode} mode: {launcher.plan.weaknesses}")
    assert facts["pid"] == 1, "the sandbox is process 1 of its own PID namespace"
    assert facts["proc"] is False
    assert facts["cwd"] == "/home/student"
    system = {"bin", "dev", "etc", "home", "lib", "lib32", "lib64", "proc", "root", "sbin", "tmp", "usr", "var",
              ".runtime", "opt"}
    assert set(facts["root_entries"]) <= system | _runtime_tops(), facts["root_entries"]


def _runtime_tops():
    """The top folders the runtime lives under (the kit, the venv, the interpreter), wherever it is checked out."""
    places = (KIT_ROOT, sys.prefix, sys.base_prefix, sys.exec_prefix)
    return {Path(place).resolve().parts[1] for place in places if len(Path(place).resolve().parts) > 1}


def test_each_sandbox_gets_a_fresh_tmp(launcher):
    first = launcher.spawn(Limits())
    first.load([("cell 1", "open('/tmp/left-behind', 'w').write('x')")])
    first.close()
    second = launcher.spawn(Limits())
    try:
        second.load([("cell 1", "import os")])
        found = second.run("result = os.path.exists('/tmp/left-behind')")
    finally:
        second.close()
    if launcher.plan.mode == "namespaces":
        assert found is False
    else:
        assert not os.path.exists("/tmp/left-behind")
