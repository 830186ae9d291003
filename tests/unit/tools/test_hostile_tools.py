"""The hostile harness's own parts: corpus headers, the namespace-refusing wrapper, the reaper.

Fast checks (seconds), so a broken harness shows before the slow batches of
tests/e2e/test_hostile_modes.py run.
"""
import errno
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from convkit.assignments import get_assignment
from tests.tools import hostile_corpus as corpus

TOOLS = Path(__file__).resolve().parents[2] / "tools"
QUESTION_IDS = [q.id for q in get_assignment("conv-layer").auto_questions]


@pytest.mark.parametrize("attack", corpus.attacks(), ids=lambda p: p.name)
def test_attack_has_a_valid_header_and_renders_to_python(attack):
    expectation = corpus.parse_header(attack, QUESTION_IDS)
    assert expectation.solves <= set(QUESTION_IDS)
    rendered = corpus.render(attack)
    compile(rendered, attack.name, "exec")
    assert not corpus.TOOLKIT_IMPORT.search(rendered)
    assert rendered.splitlines()[0] == attack.read_text().splitlines()[0]


def test_header_format_is_strict(tmp_path):
    good = tmp_path / "good.py"
    good.write_text("# solves: corr2d\n# expect: corr2d_matmul > 0 < max\n# expect: limit time\n# expect: cell crashed\nx = 1\n")
    parsed = corpus.parse_header(good, QUESTION_IDS)
    assert parsed.solves == {"corr2d"} and parsed.bounds == {"corr2d_matmul": [(">", "0"), ("<", "max")]}
    assert parsed.limits == {"time"} and parsed.cells == {"crashed"}
    for header in ("x = 1\n", "# solves: nonsense\n", "# solves:\n# expect: corr2d about 3\n",
                   "# solves: corr2d\n# expect: corr2d < max\n", "# solves:\n# expect: cell exploded\n"):
        bad = tmp_path / "bad.py"
        bad.write_text(header)
        with pytest.raises(corpus.HeaderError):
            corpus.parse_header(bad, QUESTION_IDS)


def test_judging_follows_the_header():
    expectation = corpus.Expectation(frozenset({"corr2d"}), {"corr2d_matmul": [(">", "0"), ("<", "max")]})
    maxima = {"corr2d": 7.0, "corr2d_matmul": 8.0, "Conv2D": 9.0}
    assert corpus.judge_points(expectation, {"corr2d": 7, "corr2d_matmul": 6, "Conv2D": 0}, maxima) == []
    problems = corpus.judge_points(expectation, {"corr2d": 5, "corr2d_matmul": 8, "Conv2D": 1}, maxima)
    assert [p.split(":")[0] for p in problems] == ["corr2d", "corr2d_matmul", "Conv2D"]


def test_attacks_sized_by_a_limit_use_the_harness_limit():
    source = (corpus.CORPUS / "memory_fork.py").read_text()
    assert re.search(rf"^LIMIT_MB = {corpus.MEMORY_MB}$", source, re.M), "memory_fork.py's LIMIT_MB != the harness's --memory-mb"


def test_toolkit_marks_match_the_harness():
    toolkit = corpus.TOOLKIT.read_text()
    for name in ("RUN_MARK", "LEFT_MARK"):
        assert f'{name} = "{getattr(corpus, name)}"' in toolkit


PROBE = textwrap.dedent("""
    import ctypes, json, os, subprocess, threading
    libc = ctypes.CDLL(None, use_errno=True)
    refused = {}
    for name, call in (("unshare", lambda: libc.unshare(0x00020000)), ("setns", lambda: libc.setns(-1, 0)),
                       ("mount", lambda: libc.mount(b"none", b"/nonexistent", b"tmpfs", 0, None)),
                       ("umount2", lambda: libc.umount2(b"/nonexistent", 2))):
        refused[name] = (call(), ctypes.get_errno())
    worked = [subprocess.run(["true"]).returncode == 0]
    thread = threading.Thread(target=worked.append, args=(True,)); thread.start(); thread.join()
    child = os.fork()
    if child == 0:
        os._exit(7)
    worked.append(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 7)
    print(json.dumps({"refused": refused, "worked": worked}))
""")


def test_deny_namespaces_refuses_namespaces_and_mounts_and_allows_the_rest():
    pytest.importorskip("pyseccomp")
    done = subprocess.run([sys.executable, str(TOOLS / "deny_namespaces.py"), sys.executable, "-c", PROBE],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["refused"] == {name: [-1, errno.EPERM] for name in ("unshare", "setns", "mount", "umount2")}
    assert outcome["worked"] == [True, True, True], "subprocess, thread and fork must still work"


def test_without_the_wrapper_unshare_is_not_refused_by_seccomp():
    """The control: the EPERM above comes from the filter, not from this machine."""
    code = "import ctypes; l = ctypes.CDLL(None, use_errno=True); r = l.unshare(0x00020000); print(r, ctypes.get_errno())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    result, error = map(int, done.stdout.split())
    if result != 0 and error == errno.EPERM:
        pytest.skip("this machine refuses unshare(CLONE_NEWNS) to this user anyway")
    assert result == 0


def test_orphan_reaper_names_and_ends_what_a_command_leaves_running(tmp_path):
    command = [sys.executable, str(TOOLS / "orphan_reaper.py"), "--stdout", str(tmp_path / "out"), "--stderr",
               str(tmp_path / "err"), "--", "sh", "-c", "(setsid sleep 60.98765 &); sleep 61.98765 & sleep 0.5; echo done"]
    reaper = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert json.loads(reaper.stdout.readline()) == {"exit": 0}
    reaper.stdin.write("collect\n")
    reaper.stdin.flush()
    leftovers = json.loads(reaper.stdout.readline())["leftovers"]
    assert reaper.wait(timeout=30) == 0
    assert sorted(p["cmdline"] for p in leftovers) == ["sleep 60.98765", "sleep 61.98765"]
    assert (tmp_path / "out").read_text() == "done\n"
    assert not any(Path(f"/proc/{p['pid']}").exists() for p in leftovers), "the reaper must end and reap them"
