"""Hostile submissions earn nothing they did not solve, in every way the kit is run (issue 8).

The corpus is ``tests/data/hostile/`` (see its README). In each mode the whole corpus is graded
in ONE ``convkit grade -j 2`` batch beside two honest notebooks, through the real CLI in a
subprocess, after the two honest notebooks were graded alone in the same mode (the clean
run):

``root``           ``python -m convkit.cli grade ...`` as root;
``user``           as an ordinary user (``convkit-hostile``, created if missing) with its
                   own venv, through ``runuser`` (tests/tools/hostile_user.py);
``no-namespaces``  as root under a seccomp filter refusing unshare, setns, mount and
                   umount2 (tests/tools/deny_namespaces.py): an unprivileged container.

Every command runs under tests/tools/orphan_reaper.py, a child subreaper, so whatever a
submission leaves running is found when the harness asks. In every mode: each attack earns
exactly what its header declares; the honest notebooks keep their clean-run scores; no
hidden source or secret reaches any output; feedback messages are capped; nothing is left
in the host's temporary folders or process table; the grade sheet stays what the batch
wrote. Only in ``no-namespaces`` may the kit refuse instead (exit 2, one ``convkit:`` line).

Needs root (CI runs as root). ``-m "not slow"`` leaves it out; ``-m hostile`` runs it alone.
A summary per mode goes to ``out/hostile-modes/<mode>.md``, the outputs beside it.
"""
from __future__ import annotations

import ast
import csv
import fcntl
import hashlib
import io
import json
import os
import pwd
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.tools import hostile_corpus as corpus
from tests.tools import hostile_user
from tests.tools.orphan_reaper import descendants

pytestmark = [pytest.mark.slow, pytest.mark.hostile]

KIT_ROOT = corpus.KIT_ROOT
TOOLS = KIT_ROOT / "tests" / "tools"
MODES = ("root", "user", "no-namespaces")
#: Modes in which the kit may refuse to grade (exit 2 and one line saying what is missing).
MAY_REFUSE = {"no-namespaces"}
#: Longest feedback message allowed (a test's message, a cell's error). The kit is to cap the
#: student's own text in a message (an exception's text) at a few hundred characters; the
#: rest is the grader's own words: what was called, what was expected and came back, a hint.
#: Those take up to 540 characters today (a meta-device failure of Conv2D), so 1000 leaves
#: room for about 450 characters of student text, and no more.
MAX_MESSAGE_CHARS = 1000
#: Seconds between the grading command's exit and the second look at its outputs and at the
#: process table: the window in which a daemon that outlived the batch would forge.
SETTLE_SECONDS = 6
CLEAN_RUN_SECONDS, BATCH_SECONDS = 300, 900
WORK_BASE = Path("/var/lib/convkit-hostile")
TEMP_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")
SUMMARIES = KIT_ROOT / "out" / "hostile-modes"
#: What the harness's Unix socket hands to anyone who connects (unix_socket.py looks for it).
SERVED_SOURCE = """
def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))
"""


# ====================================================================== the host's side
@dataclass
class World:
    """What the harness sets up on the host for every mode."""

    run_dir: Path
    secret: str
    secret_path: Path
    socket_path: Path
    hidden_lines: set[str]


class SourceServer:
    """A Unix socket in the host's /tmp, mode 0777, that hands out a correct corr2d."""

    def __init__(self, path: Path):
        self.path = path
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(path))
        os.chmod(path, 0o777)
        self.listener.listen(16)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            with connection:
                try:
                    connection.sendall(SERVED_SOURCE.encode())
                except OSError:
                    pass

    def close(self) -> None:
        self.listener.close()
        self.path.unlink(missing_ok=True)


def hidden_source_lines() -> set[str]:
    """Lines of the hidden graders and the reference that no feedback has a reason to quote.

    Code and docstrings, 30 characters or more. String literals other than docstrings are
    left out: hints and messages are grader text shown to students on purpose. Lines that a
    submission of the batch also contains are left out too (feedback quotes a student's line).
    """
    lines = set()
    for path in [*(KIT_ROOT / "autograder" / "graders").rglob("*.py"), *(KIT_ROOT / "reference").glob("*.py")]:
        text = path.read_text()
        shown = _literal_lines(ast.parse(text))
        lines |= {line.strip() for number, line in enumerate(text.splitlines(), 1)
                  if number not in shown and len(line.strip()) >= 30}
    for source in [*map(corpus.render, corpus.attacks()), *map(notebook_code, corpus.HONEST_NOTEBOOKS.values())]:
        lines -= {line.strip() for line in source.splitlines()}
    return lines


def notebook_code(path: Path) -> str:
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def _literal_lines(tree: ast.AST) -> set[int]:
    bodies = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, bodies) and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return {number for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            for number in range(node.lineno, node.end_lineno + 1)}


def left_files() -> list[str]:
    """Files and folders in the host's temporary folders named as attacks name what they leave.

    (In the user mode, run_grade also counts whatever the user's batch left there: any new
    entry that user owns.)
    """
    found = []
    for top in TEMP_FOLDERS:
        for folder, subfolders, files in os.walk(top):
            if folder.count("/") - top.count("/") >= 3:
                subfolders[:] = []
            found += [os.path.join(folder, n) for n in subfolders + files if corpus.LEFT_MARK in n]
    return sorted(found)


def owned_entries(uid: int | None) -> set[str]:
    """Entries of the host's temporary folders owned by ``uid`` (none asked: none)."""
    found = set()
    for top in TEMP_FOLDERS if uid is not None else ():
        for name in os.listdir(top):
            path = os.path.join(top, name)
            try:
                if os.lstat(path).st_uid == uid:
                    found.add(path)
            except OSError:
                pass
    return found


def remove(paths) -> None:
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def marked_processes(uid: int | None = None) -> list[dict]:
    """Running processes named as attacks name theirs, and (given ``uid``) every process of that uid."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            owner = os.stat(f"/proc/{name}").st_uid
            with open(f"/proc/{name}/comm") as handle:
                comm = handle.read().strip()
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open(f"/proc/{name}/stat") as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and (comm.startswith(corpus.PROCESS_NAME_MARK) or corpus.SLEEP_MARK in cmdline
                             or owner == uid):
            found.append({"pid": int(name), "uid": owner, "name": comm, "cmdline": cmdline[:300]})
    return found


def end_processes(found: list[dict]) -> None:
    for process in found:
        try:
            os.kill(process["pid"], signal.SIGKILL)
        except OSError:
            pass


@pytest.fixture(scope="module")
def world():
    if os.geteuid() != 0:
        pytest.skip("the hostile modes need root (they create a user, run runuser and seccomp as root); CI runs as root")
    WORK_BASE.mkdir(mode=0o755, parents=True, exist_ok=True)
    with open(WORK_BASE / ".lock", "w") as lock:  # one harness at a time on this machine
        fcntl.flock(lock, fcntl.LOCK_EX)
        run_dir = Path(tempfile.mkdtemp(prefix=corpus.RUN_MARK + "-", dir=WORK_BASE))
        run_dir.chmod(0o755)
        token = secrets.token_hex(8)
        secret = f"CONVKIT-HOSTILE-SECRET-{token}"
        secret_path = Path("/tmp") / f"convkit-hostile-secret-{token}"
        secret_path.write_text(secret + "\n")
        secret_path.chmod(0o644)
        server = SourceServer(Path("/tmp") / f"convkit-hostile-socket-{token}")
        remove(left_files())
        end_processes(marked_processes())
        try:
            yield World(run_dir, secret, secret_path, server.path, hidden_source_lines())
        finally:
            server.close()
            secret_path.unlink(missing_ok=True)
            remove(left_files())
            remove(owned_entries(hostile_user_uid()))
            shutil.rmtree(run_dir, ignore_errors=True)


def hostile_user_uid() -> int | None:
    try:
        return pwd.getpwnam(hostile_user.USER).pw_uid
    except KeyError:
        return None


# ====================================================================== one run of the CLI
@dataclass
class Run:
    """One ``convkit grade`` command and what it left."""

    exit: int
    stdout: str
    stderr: str
    at_exit: dict[str, bytes]  # output files right after the command exited
    settled: dict[str, bytes]  # the same files SETTLE_SECONDS later (or after a refusal, at once)
    leftovers: list[dict]  # processes still running then (killed since)
    left_files: list[str]
    seconds: float

    @property
    def refusal(self) -> str | None:
        """The kit's one-line refusal: exit 2, one ``convkit: ...`` line, and nothing graded."""
        lines = self.stderr.strip().splitlines()
        graded = any(n.startswith("results/") or n == "final_grades.csv" for n in self.settled)
        refused = self.exit == 2 and len(lines) == 1 and lines[0].startswith("convkit: ") and not graded
        return lines[0] if refused else None

    def result(self, stem: str):
        """The parsed results/<stem>.json, or the reason there is none."""
        raw = self.settled.get(f"results/{stem}.json")
        if raw is None:
            return "no results file"
        try:
            return json.loads(raw)
        except ValueError:
            return f"results file is not JSON: {raw[:60]!r}"

    def sheet(self) -> dict[str, dict] | None:
        raw = self.settled.get("final_grades.csv")
        if raw is None:
            return None
        return {row["file"]: row for row in csv.DictReader(io.StringIO(raw.decode(errors="replace")))}

    def texts(self) -> dict[str, str]:
        """Every text the TA or a student gets: output files (not images) and the command's output."""
        found = {name: raw.decode(errors="replace") for name, raw in self.settled.items() if not name.endswith(".png")}
        found.update({"(stdout)": self.stdout, "(stderr)": self.stderr})
        return found


def read_tree(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _read_line(stream, seconds: float) -> str | None:
    if select.select([stream], [], [], seconds)[0]:
        return stream.readline()
    return None


def run_grade(prefix: list[str], folder: Path, output: Path, logs: Path, seconds: float, uid: int | None) -> Run:
    """Grade ``folder`` under the orphan reaper; look again SETTLE_SECONDS after the exit."""
    logs.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(TOOLS / "orphan_reaper.py"), "--stdout", str(logs / "stdout"),
               "--stderr", str(logs / "stderr"), "--", *prefix, "grade", str(folder), "--output", str(output),
               *corpus.GRADE_OPTIONS]
    before = owned_entries(uid)
    started = time.monotonic()
    reaper = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=folder.parent,
                              start_new_session=True)
    status = wait_for_exit(reaper, seconds)
    elapsed = time.monotonic() - started
    at_exit = read_tree(output)
    if status != 2 or any(n.startswith("results/") for n in at_exit):  # no wait after a refusal
        time.sleep(SETTLE_SECONDS)
    settled = read_tree(output)
    leftovers = collect_leftovers(reaper, uid)
    found = sorted(set(left_files()) | (owned_entries(uid) - before))
    remove(left_files())
    return Run(status, (logs / "stdout").read_text(errors="replace"), (logs / "stderr").read_text(errors="replace"),
               at_exit, settled, leftovers, found, round(elapsed, 1))


def wait_for_exit(reaper: subprocess.Popen, seconds: float) -> int:
    """The command's exit status; past ``seconds`` the command is killed (what it wrote is kept)."""
    line = _read_line(reaper.stdout, seconds)
    if line is None:
        for pid in descendants(reaper.pid):
            os.kill(pid, signal.SIGKILL)
        line = reaper.stdout.readline()
    return json.loads(line)["exit"]


def collect_leftovers(reaper: subprocess.Popen, uid: int | None) -> list[dict]:
    """What still runs: below the reaper, marked anywhere, or (given ``uid``) that user's; all ended."""
    running = marked_processes(uid)
    reaper.stdin.write("collect\n")
    reaper.stdin.flush()
    leftovers = json.loads(reaper.stdout.readline())["leftovers"]
    reaper.wait()
    known = {p["pid"] for p in leftovers} | {reaper.pid}
    leftovers += [p for p in running if p["pid"] not in known]
    end_processes(leftovers)
    return leftovers


# ====================================================================== the three modes
@dataclass
class Mode:
    name: str
    prefix: list[str]  # the command that runs convkit
    kit: Path  # the checkout it grades with
    account: pwd.struct_passwd | None = None  # who grades, when not root

    @property
    def uid(self) -> int | None:
        return self.account.pw_uid if self.account else None

    def prepare(self, folder: Path) -> None:
        """Hand a folder to whoever grades (the user owns its submissions and outputs)."""
        if self.account is not None:
            subprocess.run(["chown", "-R", f"{self.account.pw_uid}:{self.account.pw_gid}", str(folder)], check=True)


def make_mode(name: str, world: World) -> Mode:
    here = [sys.executable, "-m", "convkit.cli"]
    if name == "root":
        return Mode(name, here, KIT_ROOT)
    if name == "no-namespaces":
        return Mode(name, [sys.executable, str(TOOLS / "deny_namespaces.py"), *here], KIT_ROOT)
    account = hostile_user.ensure_user()
    python = hostile_user.ensure_venv(account)
    kit = hostile_user.readable_kit(account, world.run_dir / "kit")
    return Mode(name, hostile_user.runuser_prefix(account, python, kit), kit, account)


def kit_digest(kit: Path) -> str:
    digest = hashlib.sha256()
    for folder in ("autograder", "reference", "convkit", "solutions", "examples"):
        for path in sorted((kit / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(kit)).encode() + path.read_bytes())
    return digest.hexdigest()


def fill(folder: Path, attacks: bool) -> None:
    folder.mkdir(parents=True)
    for name, source in corpus.HONEST_NOTEBOOKS.items():
        shutil.copy(source, folder / name)
    for path in corpus.attacks() if attacks else []:
        (folder / path.name).write_text(corpus.render(path))


@dataclass
class Graded:
    """A mode's clean run and hostile batch."""

    mode: Mode
    world: World
    clean: Run
    batch: Run | None = None
    digests: tuple[str, str] = ("", "")
    maxima: dict[str, float] = field(default_factory=dict)
    expectations: dict[str, corpus.Expectation] = field(default_factory=dict)

    @property
    def refused(self) -> str | None:
        return self.clean.refusal or (self.batch.refusal if self.batch else None)

    def require_batch(self) -> Run:
        if self.refused and self.mode.name in MAY_REFUSE:
            pytest.skip(f"the kit refused to grade in mode {self.mode.name} (allowed here): {self.refused}")
        if self.batch is None:
            pytest.fail(f"mode {self.mode.name}: the clean run did not grade (exit {self.clean.exit}): "
                        f"{self.clean.stderr[-400:]}")
        return self.batch


def grade_mode(name: str, world: World) -> Graded:
    mode = make_mode(name, world)
    base = world.run_dir / name
    for kind, attacks in (("clean", False), ("batch", True)):
        fill(base / kind / "submissions", attacks)
    mode.prepare(base)
    clean = run_grade(mode.prefix, base / "clean" / "submissions", base / "clean" / "output", base / "logs" / "clean",
                      CLEAN_RUN_SECONDS, mode.uid)
    graded = Graded(mode, world, clean)
    if clean.exit != 0:
        return graded
    first = clean.result(Path(next(iter(corpus.HONEST_NOTEBOOKS))).stem)
    if isinstance(first, str):
        raise RuntimeError(f"mode {name}: the clean run graded but {first}")
    graded.maxima = {q["id"]: q["max_points"] for q in first["questions"]}
    graded.expectations = {p.name: corpus.parse_header(p, graded.maxima) for p in corpus.attacks()}
    before = kit_digest(mode.kit)
    graded.batch = run_grade(mode.prefix, base / "batch" / "submissions", base / "batch" / "output",
                             base / "logs" / "batch", BATCH_SECONDS, mode.uid)
    graded.digests = (before, kit_digest(mode.kit))
    return graded


@pytest.fixture(scope="module", params=MODES)
def graded(request, world):
    result = grade_mode(request.param, world)
    write_summary(result)
    return result


# ====================================================================== what is checked
def attack_problems(graded: Graded, name: str) -> list[str]:
    """Everything wrong with one attack's row (results JSON and grade sheet)."""
    batch, expectation = graded.batch, graded.expectations[name]
    result = batch.result(Path(name).stem)
    if isinstance(result, str):
        return [result]
    points = {q["id"]: q["points"] for q in result.get("questions", [])}
    problems = corpus.judge_points(expectation, points, graded.maxima)
    problems += corpus.judge_limits(expectation, result.get("limits_hit", []), result.get("cells", []))
    sheet = batch.sheet()
    row = sheet.get(name) if sheet is not None else None
    if sheet is not None and row is None:
        problems.append("no row in final_grades.csv")
    elif row is not None:
        problems += [f"{q}: final_grades.csv says {row.get(q)}, results say {points.get(q):g}"
                     for q in graded.maxima if q in points and abs(float(row.get(q) or "nan") - points[q]) > 1e-6]
    return problems


def hostile_log(run: Run, name: str) -> str:
    """The attack's own account of what happened (its last cell raises 'hostile-log: ...')."""
    result = run.result(Path(name).stem)
    if isinstance(result, str):
        return ""
    for cell in result.get("cells", []):
        text = str(cell.get("error", ""))
        if "hostile-log: " in text:
            return text.split("hostile-log: ", 1)[1].split(" (at ")[0]
    return ""


def leaks(run: Run, world: World) -> list[str]:
    """Outputs that carry the secret or a line of hidden source."""
    found = []
    for name, text in run.texts().items():
        if world.secret in text:
            found.append(f"{name}: the secret from {world.secret_path}")
        lines = {line.strip().strip("`-").strip() for line in text.replace("\\n", "\n").splitlines()}
        for line in lines:
            for prefix in ("", "RuntimeError: "):
                candidate = line[len(prefix):] if line.startswith(prefix) else None
                if candidate and candidate in world.hidden_lines:
                    found.append(f"{name}: hidden source line {candidate[:70]!r}")
                    break
    return found


def long_messages(run: Run) -> list[str]:
    found = []
    for name in sorted(n for n in run.settled if n.startswith("results/")):
        result = run.result(Path(name).stem)
        if isinstance(result, str):
            continue
        messages = [(t["name"], t.get("message", "")) for q in result.get("questions", []) for t in q.get("tests", [])]
        messages += [(f"cell {c.get('label')}", str(c.get("error", ""))) for c in result.get("cells", [])]
        found += [f"{name} {where}: {len(text)} characters" for where, text in messages
                  if len(text) > MAX_MESSAGE_CHARS]
    return found


def test_mode_grades_or_refuses(graded):
    """root and user modes must grade (exit 0); no-namespaces may instead refuse in one clear line."""
    mode, clean, batch = graded.mode.name, graded.clean, graded.batch
    if graded.refused:
        assert mode in MAY_REFUSE, f"the kit refused to grade as {mode}: {graded.refused}"
        assert clean.refusal, f"the kit graded the honest notebooks alone, then refused the batch: {graded.refused}"
        return
    assert clean.exit == 0, f"clean run as {mode}: exit {clean.exit}: {clean.stderr[-600:]}"
    assert batch is not None and batch.exit == 0, f"hostile batch as {mode}: exit {batch.exit}: {batch.stderr[-600:]}"


def test_every_submission_has_a_row(graded):
    batch = graded.require_batch()
    names = sorted([*corpus.HONEST_NOTEBOOKS, *(p.name for p in corpus.attacks())])
    sheet = batch.sheet() or {}
    missing = {"final_grades.csv": [n for n in names if n not in sheet],
               "results": [n for n in names if f"results/{Path(n).stem}.json" not in batch.settled],
               "feedback": [n for n in names if f"feedback/{Path(n).stem}.md" not in batch.settled]}
    assert not any(missing.values()), f"as {graded.mode.name}, missing: {missing}"


@pytest.mark.parametrize("attack", [p.name for p in corpus.attacks()])
def test_attack_earns_only_what_it_solved(graded, attack):
    batch = graded.require_batch()
    problems = attack_problems(graded, attack)
    note = hostile_log(batch, attack)
    assert not problems, f"{attack} as {graded.mode.name}: {'; '.join(problems)}" + (f" [its log: {note}]" if note else "")


@pytest.mark.parametrize("notebook", sorted(corpus.HONEST_NOTEBOOKS))
def test_honest_notebook_keeps_its_clean_run_scores(graded, notebook):
    batch, stem = graded.require_batch(), Path(notebook).stem
    clean, beside = graded.clean.result(stem), batch.result(stem)
    assert not isinstance(beside, str), f"{notebook} as {graded.mode.name}: {beside}"
    expected = {q["id"]: q["points"] for q in clean["questions"]}
    got = {q["id"]: q["points"] for q in beside["questions"]}
    differ = {q: (expected[q], got.get(q)) for q in expected if got.get(q) != expected[q]}
    assert not differ, f"{notebook} as {graded.mode.name}, (clean run, beside the attacks): {differ}"
    assert beside["status"] == "graded" and not beside["limits_hit"], (beside["status"], beside["limits_hit"])
    row = (batch.sheet() or {}).get(notebook)
    assert row is not None and float(row["total"]) == pytest.approx(clean["total"]), f"grade sheet row: {row}"


def test_grade_sheet_stays_as_the_batch_wrote_it(graded):
    """Re-read SETTLE_SECONDS after the command exited: the same grade sheet and results."""
    batch = graded.require_batch()
    changed = sorted(n for n in set(batch.at_exit) | set(batch.settled)
                     if (n == "final_grades.csv" or n.startswith("results/")) and batch.at_exit.get(n) != batch.settled.get(n))
    assert not changed, f"as {graded.mode.name}, changed after the batch ended: {changed}"


def test_no_hidden_source_or_secret_in_any_output(graded):
    batch = graded.require_batch()
    assert not leaks(graded.clean, graded.world), "the check itself misfires: it finds leaks in the clean run"
    found = leaks(batch, graded.world)
    assert not found, f"as {graded.mode.name}: {found[:8]} ({len(found)} in all)"


def test_feedback_messages_are_capped(graded):
    found = long_messages(graded.require_batch())
    assert not found, f"as {graded.mode.name}, over {MAX_MESSAGE_CHARS} characters: {found[:8]} ({len(found)} in all)"


def test_nothing_left_in_host_temporary_folders(graded):
    batch = graded.require_batch()
    assert not batch.left_files, f"as {graded.mode.name}: {batch.left_files}"


def test_no_process_left(graded):
    batch = graded.require_batch()
    described = [f"{p['pid']} {p['name']} (uid {p['uid']}): {p['cmdline'][:80]}" for p in batch.leftovers]
    assert not described, f"as {graded.mode.name}, still running {SETTLE_SECONDS} s after the batch: {described}"


def test_kit_files_untouched(graded):
    graded.require_batch()
    assert graded.digests[0] == graded.digests[1], f"as {graded.mode.name}: the kit's files changed during the batch"


# ====================================================================== the summary
def write_summary(graded: Graded) -> None:
    """out/hostile-modes/<mode>.md: what each attack got, for people (the tests assert)."""
    SUMMARIES.mkdir(parents=True, exist_ok=True)
    mode, batch = graded.mode.name, graded.batch
    lines = [f"# Hostile batch as {mode}", "",
             f"clean run: exit {graded.clean.exit}, {graded.clean.seconds} s"]
    if graded.refused or batch is None:
        lines += [f"refused / not graded: {graded.refused or graded.clean.stderr[-300:]}"]
    else:
        lines += [f"batch: exit {batch.exit}, {batch.seconds} s", "", "| attack | expected | earned | verdict | its log |",
                  "|---|---|---|---|---|"]
        for name, expectation in graded.expectations.items():
            result = batch.result(Path(name).stem)
            earned = result if isinstance(result, str) else ", ".join(
                f"{q['id']} {q['points']:g}" for q in result["questions"] if q["points"]) or "0"
            wanted = ", ".join(f"{q} {corpus.describe_expected(expectation, q)}" for q in graded.maxima
                               if corpus.describe_expected(expectation, q) != "0") or "0"
            problems = attack_problems(graded, name)
            lines.append(f"| {name} | {wanted} | {earned} | {'ok' if not problems else 'FAIL: ' + '; '.join(problems)} "
                         f"| {hostile_log(batch, name).replace('|', '/')} |")
        lines += ["", f"leaks: {leaks(batch, graded.world)[:6]}", f"long messages: {long_messages(batch)[:6]}",
                  f"left files: {batch.left_files}",
                  f"leftover processes: {[(p['name'], p['cmdline'][:50]) for p in batch.leftovers]}",
                  f"kit untouched: {graded.digests[0] == graded.digests[1]}"]
    (SUMMARIES / f"{mode}.md").write_text("\n".join(lines) + "\n")
    kept = SUMMARIES / mode
    shutil.rmtree(kept, ignore_errors=True)
    for kind in ("clean", "batch"):
        folder = graded.world.run_dir / mode / kind / "output"
        if folder.is_dir():
            shutil.copytree(folder, kept / kind)
