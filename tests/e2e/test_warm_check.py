"""The warm checker (``convkit/warm_check.py``): later ``convkit check`` runs go through a per-user server.

Each test runs the ``convkit`` command as a learner does, in a runtime folder of its own
(``XDG_RUNTIME_DIR``), and stops every warm checker it started. What is checked: the warm
checker gives exactly the direct run's output, exit status and result; it is reused; it stops
when asked, when idle, and when the kit changes (a new one takes over); it refuses exactly as
the direct run does when no sandbox can be built, starting nothing; its folder and socket are
the user's only. Timings are the benchmark's business (``scripts/benchmark.py``), not these tests'.
"""
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow

CONVKIT = Path(sys.executable).parent / "convkit"
EXAMPLES = KIT_ROOT / "examples"
DENY = KIT_ROOT / "tests" / "tools" / "deny_namespaces.py"


class Learner:
    """Runs ``convkit check`` with a runtime folder of its own; knows where its warm checkers listen."""

    def __init__(self, root: Path, **env):
        self.runtime = Path(tempfile.mkdtemp(prefix="ck-", dir="/tmp"))  # a socket's path has at most 107 bytes
        os.chmod(self.runtime, 0o700)
        self.env = dict(os.environ, XDG_RUNTIME_DIR=str(self.runtime), CONVKIT_CHECK_WARM="1",
                        **{"CONVKIT_CHECK_IDLE": "120", **env})
        self.env.pop("CONVKIT_TIMINGS", None)

    def check(self, *args, prefix=()) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, str(CONVKIT), "check", *map(str, args)], env=self.env, capture_output=True,
                              text=True, timeout=600, stdin=subprocess.DEVNULL)

    def sockets(self) -> list[Path]:
        folder = self.runtime / "convkit"
        return sorted(folder.glob("check-*.sock")) if folder.is_dir() else []

    def server_pid(self) -> int:
        (address,) = self.sockets()
        return peer_pid(address)

    def stop(self) -> subprocess.CompletedProcess:
        return self.check("--stop")


def peer_pid(address: Path) -> int:
    """The pid of the process listening on ``address`` (it sees an empty request and carries on)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.connect(str(address))
        return struct.unpack("3i", probe.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))[0]


def gone(pid: int, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def learner(tmp_path):
    person = Learner(tmp_path)
    yield person
    pids = [peer_pid(address) for address in person.sockets()]
    person.stop()
    shutil.rmtree(person.runtime, ignore_errors=True)
    assert all(gone(pid) for pid in pids)


def without_timing(path: Path) -> dict:
    data = json.loads(path.read_text())
    data.pop("seconds")
    return data


CASES = {
    "full marks": [EXAMPLES / "conv-layer" / "full_marks.ipynb"],
    "partly done": [EXAMPLES / "conv-layer" / "partly_done.ipynb"],
    "one question of the other assignment": [EXAMPLES / "channels" / "textbook_device_dtype.ipynb", "--question",
                                             "corr2d_strided", "--show-passing"],
    "syntax error": [EXAMPLES / "conv-layer" / "syntax_error.ipynb"],
}


def test_the_warm_checker_gives_exactly_the_direct_result_and_is_reused(learner, tmp_path):
    server = None
    for name, args in CASES.items():
        direct = learner.check(*args, "--direct", "--json", tmp_path / "direct.json")
        for attempt in ("first", "again"):
            warm = learner.check(*args, "--json", tmp_path / "warm.json")
            assert (warm.returncode, warm.stdout) == (direct.returncode, direct.stdout), (name, attempt, warm.stderr)
            assert "checking directly" not in warm.stderr, (name, attempt, warm.stderr)
            assert without_timing(tmp_path / "warm.json") == without_timing(tmp_path / "direct.json"), name
            server = server or learner.server_pid()
            assert learner.server_pid() == server, "one warm checker serves every check"


def test_stop_ends_it_and_the_next_check_starts_a_new_one(learner):
    path = EXAMPLES / "conv-layer" / "full_marks.ipynb"
    assert learner.check(path).returncode == 0
    first = learner.server_pid()
    stopped = learner.stop()
    assert stopped.returncode == 0 and "stopped 1 warm checker" in stopped.stdout
    assert learner.sockets() == [] and gone(first)
    assert learner.stop().stdout.strip() == "convkit: no warm checker was running"
    assert learner.check(path).returncode == 0
    assert learner.server_pid() != first


def test_it_stops_when_idle(tmp_path):
    learner = Learner(tmp_path, CONVKIT_CHECK_IDLE="2")
    assert learner.check(EXAMPLES / "conv-layer" / "full_marks.ipynb").returncode == 0
    pid = learner.server_pid()
    assert gone(pid, 30.0) and learner.sockets() == []
    shutil.rmtree(learner.runtime, ignore_errors=True)


def test_a_changed_grader_means_a_new_warm_checker(tmp_path):
    """A copy of the kit (``CONVKIT_ROOT``): after one of its graders changes, a new server grades with it."""
    kit = tmp_path / "kit"
    for folder in ("convkit", "autograder/graders", "reference"):
        shutil.copytree(KIT_ROOT / folder, kit / folder, ignore=shutil.ignore_patterns("__pycache__"))
    learner = Learner(tmp_path, CONVKIT_ROOT=str(kit))
    path = EXAMPLES / "conv-layer" / "partly_done.ipynb"
    try:
        before = learner.check(path)
        (old,) = learner.sockets()
        old_pid = peer_pid(old)
        grader = kit / "autograder" / "graders" / "conv_layer" / "test_corr2d.py"
        grader.write_text(grader.read_text() + "\n# changed by the TA\n")
        after = learner.check(path)
        (new,) = learner.sockets()
        assert new != old and gone(old_pid), "the old warm checker stops, a new one takes over"
        assert (after.returncode, after.stdout) == (before.returncode, before.stdout)
        assert "checking directly" not in after.stderr
    finally:
        learner.stop()
        shutil.rmtree(learner.runtime, ignore_errors=True)


def test_it_refuses_exactly_as_the_direct_run_and_starts_nothing(learner):
    """No namespaces and no Landlock: ``--require-isolation`` (the plugins' setting) refuses, warm or not."""
    prefix = (sys.executable, DENY, "--no-landlock")
    path = EXAMPLES / "conv-layer" / "full_marks.ipynb"
    warm = learner.check(path, "--require-isolation", prefix=prefix)
    direct = learner.check(path, "--require-isolation", "--direct", prefix=prefix)
    assert warm.returncode == direct.returncode == 2
    assert warm.stderr == direct.stderr and "refusing to grade: cannot build the sandbox" in warm.stderr
    assert learner.sockets() == []


def test_its_folder_and_socket_are_the_users_only(learner, tmp_path):
    assert learner.check(EXAMPLES / "conv-layer" / "full_marks.ipynb").returncode == 0
    (address,) = learner.sockets()
    assert address.parent.stat().st_mode & 0o777 == 0o700
    assert address.stat().st_mode & 0o777 == 0o600
    if os.geteuid() == 0:  # another user cannot even reach the socket
        code = subprocess.run([sys.executable, "-c", CONNECT_AS_NOBODY, str(address)], capture_output=True,
                              text=True, timeout=60)
        assert code.stdout.strip() == "PermissionError", code.stdout + code.stderr


CONNECT_AS_NOBODY = """
import os, socket, sys
os.setgid(65534); os.setuid(65534)
try:
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect(sys.argv[1])
    print("connected")
except OSError as error:
    print(type(error).__name__)
"""


def test_a_folder_open_to_others_is_never_used(tmp_path):
    learner = Learner(tmp_path)
    (learner.runtime / "convkit").mkdir(mode=0o755)
    os.chmod(learner.runtime / "convkit", 0o755)
    done = learner.check(EXAMPLES / "conv-layer" / "full_marks.ipynb")
    assert done.returncode == 0
    assert "checking directly" in done.stderr and "only you can open" in done.stderr
    assert learner.sockets() == []
    shutil.rmtree(learner.runtime, ignore_errors=True)
