"""Grading a folder of submissions with warm worker processes.

Each worker is a fresh interpreter (``python -m convkit.grading.worker``, never a fork of
this process) that imports torch, pytest and the graders once and starts its own sandbox zygote; every submission
then costs one fork and the tests themselves. Results are written one file per
submission, atomically, as soon as they are known; a batch started again skips every
submission whose file and graders are unchanged, so an interrupted batch resumes where
it stopped. A worker that dies or overruns its watchdog costs only the submission it was
grading, which gets a row saying so.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from convkit.assignments import Assignment, get_assignment
from convkit.errors import ConvkitError
from convkit.grading.results import SubmissionResult, UnsignedResult, load_result, results_key, save_result, ungraded
from convkit.intake import Entry, Intake, collect, stage
from convkit.limits import Limits
from convkit.paths import GRADERS_DIR, KIT_ROOT, REFERENCE_DIR, private_paths
from convkit.timings import CLOCK

#: Where notebooks taken out of zips wait to be graded: inside the output folder, which
#: sandboxes never see, and removed when the batch ends.
STAGING = ".staging"


@dataclass
class BatchOptions:
    assignment: Assignment
    output: Path
    workers: int = 1
    limits: Limits = None
    force: bool = False
    progress: bool = True
    roster: object = None  # a convkit.roster.Roster: every student on it gets a row
    plan: object = None  # convkit.sandbox.isolation.Plan; decided (or refused) by the caller
    shard: tuple[int, int] | None = None  # (K, N): grade only the students of shard K of N (convkit.shards)
    folder_identity: dict | None = None  # with a shard: what identifies the whole folder, set by find_submissions

    def __post_init__(self):
        self.assignment.grader_paths()  # a missing grader stops the batch here, not in every worker
        self.limits = self.limits or Limits()
        if self.plan is None:
            from convkit.sandbox.isolation import decide

            self.plan = decide()


def find_submissions(folder: Path, options: BatchOptions) -> Intake:
    """One entry per student in ``folder`` (and per roster student), and every file not graded with why.

    Notebooks chosen inside zips are copied to ``OUTPUT/.staging``; the output folder itself,
    when it lies inside ``folder``, is not a submission.
    """
    if Path(folder).resolve() == options.output.resolve():
        raise ConvkitError(f"{folder}: the output folder must not be the submissions folder itself; "
                           "choose another --output")
    options.output.mkdir(parents=True, exist_ok=True)  # exists before any sandbox hides it
    staging = options.output / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # left by a batch that was killed
    staging.mkdir(mode=0o700)
    if options.shard is None:
        return collect(folder, [options.assignment.id], options.roster, staging, exclude=[options.output])
    from convkit.shards import select

    intake = collect(folder, [options.assignment.id], options.roster, None, exclude=[options.output])
    intake, options.folder_identity = select(intake, *options.shard)
    stage(intake.entries, staging, intake.not_graded)  # only this shard's zips are opened
    return intake


def graders_fingerprint(assignment: Assignment) -> str:
    """Changes when the graders, the reference or the kit change: old results are then stale."""
    digest = hashlib.sha256()
    for folder in (GRADERS_DIR / assignment.package, REFERENCE_DIR, KIT_ROOT / "convkit"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def entry_fingerprint(entry: Entry, graders: str) -> str:
    """Changes when what is graded (its content, or which file it is) or the graders change."""
    content = entry.candidate.digest if entry.candidate is not None else ""
    return hashlib.sha256(f"{content}\0{entry.file}\0{graders}".encode()).hexdigest()[:16]


def result_path(output: Path, key: str) -> Path:
    return output / "results" / f"{key}.json"


def cached_result(output: Path, key: str, fingerprint: str, secret: bytes) -> SubmissionResult | None:
    """A stored result this grader wrote for exactly this entry and these graders, else None."""
    path = result_path(output, key)
    try:
        result = load_result(path, secret)
    except UnsignedResult as error:
        print(f"convkit: {error}; grading it again", file=sys.stderr)
        return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return result if result.fingerprint == fingerprint else None


# ------------------------------------------------------------------ worker side
def serve_worker(connection, assignment_id: str, limits: Limits, plan: dict, private: tuple,
                 collect: bool = True) -> None:
    """Runs in a worker process: warm up once, then grade what the parent sends.

    The zygote is forked from this process right after torch is imported and warmed up,
    *before* the graders and the reference are imported (sandboxes must never inherit
    them); that saves the zygote an interpreter start and a second ``import torch``.

    A task is ``(index, path)``, graded as ``assignment_id`` under ``limits``, or
    ``(index, path, session)`` with a :class:`Session` of its own. Consecutive tasks of one
    session share one pytest session (the graders collected once); another session starts a
    new one, with the same warm process and zygote. ``collect``: say which tests
    ``assignment_id`` has when ready (a batch needs them for the rows of submissions it fails
    to grade); a warm grader collects only what it is asked to grade.
    """
    from convkit.sandbox.client import SandboxLauncher, SandboxUnavailable
    from convkit.sandbox.isolation import Plan
    from convkit.sandbox.zygote import warm_up

    warm_up()  # before the fork: this process and its zygote both need it
    launcher = SandboxLauncher(Plan.from_dict(plan), private, fork=True)
    try:
        launcher.start()
    except SandboxUnavailable as error:
        connection.send(("failed", str(error)))
        return
    from convkit.grading.runner import grade_many, grader_tests

    connection.send(("ready", grader_tests(get_assignment(assignment_id)) if collect else []))
    default = Session(assignment_id, None, limits)
    inbox, taken = [], []  # a task read ahead (it opens the next session); indices taken, in order

    def receive():
        if inbox:
            return inbox.pop()
        try:
            return connection.recv()
        except EOFError:
            return None

    def tasks(session):
        while True:
            task = receive()
            if task is None or Session.of(task, default) != session:
                inbox.append(task)
                return
            taken.append(task[0])
            yield task[1]

    def deliver(result):
        with CLOCK.phase("hand-over"):
            connection.send(("done", (taken.pop(0), result.to_dict())))
        CLOCK.record(file=result.file)

    try:
        while (task := receive()) is not None:
            inbox.append(task)
            session = Session.of(task, default)
            try:
                assignment = session.resolve()
            except ConvkitError as error:  # checked by whoever sent it; never stop the worker for it
                receive()
                connection.send(("error", (task[0], str(error))))
                continue
            grade_many(tasks(session), assignment, launcher, session.limits, deliver, question_ids=session.questions)
    finally:
        launcher.close()


@dataclass(frozen=True)
class Session:
    """What a worker grades a submission against: an assignment, some of its questions (None: all), limits."""

    assignment: str
    questions: tuple | None
    limits: Limits

    @classmethod
    def of(cls, task, default: "Session") -> "Session":
        if len(task) < 3 or task[2] is None:
            return default
        data = task[2]
        questions = tuple(data["questions"]) if data.get("questions") else None
        return cls(data["assignment"], questions, Limits(**data["limits"]) if data.get("limits") else default.limits)

    def to_wire(self) -> dict:
        from dataclasses import asdict

        return {"assignment": self.assignment, "questions": list(self.questions or ()), "limits": asdict(self.limits)}

    def resolve(self) -> Assignment:
        assignment = get_assignment(self.assignment)
        for question in self.questions or ():
            assignment.question(question)
        return assignment


class _WorkerProcess:
    """A worker's interpreter, as the pool watches it (the little of ``multiprocessing.Process`` it needs).

    Workers are started as ``python -m convkit.grading.worker``, not with multiprocessing's
    ``spawn``, which would run the parent's main script again in each (``nbgrader``'s costs
    seconds of imports there); they die with the process that started them.
    """

    def __init__(self, popen: subprocess.Popen):
        self.popen = popen
        self.sentinel = os.pidfd_open(popen.pid)  # readable once the worker has ended

    def is_alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self) -> None:
        self.popen.kill()

    def join(self, timeout=None) -> None:
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            return
        if self.sentinel is not None:
            os.close(self.sentinel)
            self.sentinel = None

    @property
    def exitcode(self):
        return self.popen.returncode


class _Worker:
    def __init__(self, assignment_id: str, limits: Limits, plan, private: tuple, collect: bool = True):
        from dataclasses import asdict
        from multiprocessing.connection import Connection

        from convkit.sandbox.client import _zygote_environment

        ours, theirs = socket.socketpair()
        config = {"assignment": assignment_id, "limits": asdict(limits), "plan": plan.to_dict(), "private": list(private),
                  "collect": collect}
        popen = subprocess.Popen([sys.executable, "-m", "convkit.grading.worker", str(theirs.fileno()), json.dumps(config)],
                                 pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=_zygote_environment())
        theirs.close()
        self.connection = Connection(ours.detach())
        self.process = _WorkerProcess(popen)
        self.ready = False
        self.task = None  # (index, path, started, watchdog seconds)

    def send(self, index: int, path: Path, session: Session | None, watchdog: float) -> None:
        self.task = (index, path, time.monotonic(), watchdog)
        self.connection.send((index, str(path)) if session is None else (index, str(path), session.to_wire()))

    def ask_to_stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass

    def stop(self) -> None:
        self.ask_to_stop()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


# ------------------------------------------------------------------ parent side
def grade_folder(folder: Path, options: BatchOptions) -> list[SubmissionResult]:
    """Grade every submission in ``folder``; return one result per student, in order."""
    return grade_intake(find_submissions(folder, options), options)


def grade_intake(intake: Intake, options: BatchOptions) -> list[SubmissionResult]:
    """One result per entry: graded (or taken from an earlier run), or a row saying why not."""
    try:
        return _grade_entries(intake, options)
    finally:
        shutil.rmtree(options.output / STAGING, ignore_errors=True)


def _grade_entries(intake: Intake, options: BatchOptions) -> list[SubmissionResult]:
    entries = intake.entries
    secret = results_key(options.output)
    gradable = [e for e in entries if e.status is None]
    graders = graders_fingerprint(options.assignment)
    fingerprints = [entry_fingerprint(e, graders) for e in gradable]
    results: dict[str, SubmissionResult] = {}
    pending = []
    for index, (entry, fingerprint) in enumerate(zip(gradable, fingerprints)):
        cached = None if options.force else cached_result(options.output, entry.key, fingerprint, secret)
        if cached is not None:
            results[entry.key] = cached
        else:
            pending.append(index)
    progress = _Progress(len(gradable), len(gradable) - len(pending), options.progress)

    def record(index: int, result: SubmissionResult) -> None:
        entry = gradable[index]
        with CLOCK.phase("result writing"):
            result.fingerprint = fingerprints[index]
            result.status = result.status.replace(str(entry.path), entry.file)
            _label(result, entry)
            save_result(result, result_path(options.output, entry.key), secret)
            results[entry.key] = result
            progress.advance(result)
        CLOCK.record(file=entry.file, side="main")

    if pending:
        private = private_paths(intake.folder, options.output)
        pool = _Pool(options.assignment, options.limits, options.plan, options.workers, record, private)
        pool.run([(index, gradable[index].path) for index in pending])
        pool.close(background=True)  # the workers wind down while the reports are written
    progress.finish()
    tests = _grader_tests(options.assignment, results.values()) if len(results) < len(entries) else []
    for entry in entries:
        if entry.key not in results:  # nothing to grade: missing, a conflict, a refused zip
            results[entry.key] = ungraded(options.assignment, None, tests, "", entry.status)
        if _label(results[entry.key], entry):  # new, or kept from an earlier run under other names
            save_result(results[entry.key], result_path(options.output, entry.key), secret)
    return [results[e.key] for e in entries]


def _label(result: SubmissionResult, entry: Entry) -> bool:
    """Give ``result`` its entry's file, student, ids and flags; True if any of them changed."""
    labels = (entry.file, entry.student, entry.ids, entry.flags)
    changed = (result.file, result.student, result.student_ids, result.flags) != labels
    result.file, result.student, result.student_ids, result.flags = labels
    return changed


def _grader_tests(assignment: Assignment, results) -> list[tuple[str, str, float]]:
    """(question, test, points) of every grader test, from a graded row (every row lists them all).

    Only when no row was graded at all are the graders collected here, at the cost of
    importing them (and torch) in this process.
    """
    for result in results:
        tests = [(t.question, t.name, t.max_points) for q in result.questions for t in q.tests]
        if tests:
            return tests
    from convkit.grading.runner import grader_tests

    return grader_tests(assignment)


class WorkerRefused(ConvkitError):
    """A worker cannot build the sandbox world: nothing is graded, unprotected or not."""

    def __init__(self, reason: str):
        super().__init__(f"refusing to grade: {reason}")
        self.reason = reason


class _Pool:
    """Hands submissions to warm workers; replaces a worker that dies or hangs. Workers stay until :meth:`close`."""

    def __init__(self, assignment: Assignment, limits: Limits, plan, workers: int, record, private,
                 collect: bool = True, fail=None):
        self.assignment, self.limits, self.plan, self.record = assignment, limits, plan, record
        self.fail = fail  # (index, reason, limits): a submission that could not be graded; else a zero row
        self.collect = collect
        self.size = max(1, workers)
        self.private = tuple(private)
        self.workers: list[_Worker] = []
        self.grader_tests: list = []  # (question, test, points), as the workers collected them

    def watchdog(self, limits: Limits) -> float:
        return limits.submission_seconds + limits.worker_slack_seconds

    def run(self, pending, deadline: tuple[float, str] | None = None) -> None:
        """Grade ``pending``: ``(index, path)`` or ``(index, path, session)`` tasks. Returns when all are recorded.

        ``deadline``: ``(time.monotonic() value, reason)``; what is not graded by then fails with the reason
        (a worker still warming up is kept for the next call).
        """
        queue = [task if len(task) == 3 else (*task, None) for task in pending]
        while len(self.workers) < min(self.size, len(queue)):
            self.workers.append(self._start())
        workers = self.workers
        try:
            while queue or any(w.task for w in workers):
                for worker in workers:
                    if worker.ready and worker.task is None and queue:
                        index, path, session = queue.pop(0)
                        worker.send(index, path, session, self.watchdog(session.limits if session else self.limits))
                timeout = 1.0 if deadline is None else max(0.0, min(1.0, deadline[0] - time.monotonic()))
                ready = wait([w.connection for w in workers] + [w.process.sentinel for w in workers], timeout=timeout)
                for position, worker in enumerate(workers):
                    alive = self._receive(worker) if worker.connection in ready else worker.process.is_alive()
                    if not alive or self._overdue(worker):
                        workers[position] = self._replace(worker)
                if deadline is not None and time.monotonic() >= deadline[0]:
                    self._give_up(queue, deadline[1])
        except BaseException:
            self.close()
            raise

    def _give_up(self, queue: list, reason: str) -> None:
        """Fail every task not graded yet with ``reason``; workers busy with one are replaced."""
        for position, worker in enumerate(self.workers):
            if worker.task is not None:
                self.workers[position] = self._restart(worker, reason, ["time"])
        for index, _, _ in queue:
            self.failed(index, reason, ["time"])
        queue.clear()

    def close(self, background: bool = False) -> None:
        """Stop every worker (all at once: each takes a moment to wind down); ``background``: without waiting
        here (joined before this process exits)."""
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.ask_to_stop()
        if background:
            _wind_down(workers)
        else:
            for worker in workers:
                worker.stop()

    def _start(self) -> _Worker:
        return _Worker(self.assignment.id, self.limits, self.plan, self.private, self.collect)

    def _receive(self, worker: _Worker) -> bool:
        """Handle one message; False when the worker is gone."""
        try:
            kind, payload = worker.connection.recv()
        except (EOFError, OSError):
            return False
        if kind == "ready":
            worker.ready = True
            self.grader_tests = payload
            return True
        if kind == "failed":  # the sandbox world cannot be built: stop, never grade unprotected
            raise WorkerRefused(payload)
        worker.task = None
        if kind == "error":
            self.failed(*payload)
        else:
            index, data = payload
            self.record(index, SubmissionResult.from_dict(data))
        return True

    def _overdue(self, worker: _Worker) -> bool:
        return worker.task is not None and time.monotonic() - worker.task[2] > worker.task[3]

    def _replace(self, worker: _Worker) -> _Worker:
        """A worker died or hung: its submission gets a row saying so, and a new worker starts."""
        overdue = self._overdue(worker)
        worker.process.kill()
        worker.process.join()  # its exit code is known from here on
        if worker.task is None and not worker.ready:
            raise ConvkitError(f"a grading worker failed to start (exit code {worker.process.exitcode})")
        reason = (f"grading stopped after {worker.task[3]:g} s (watchdog)" if overdue
                  else f"the grading worker died (exit code {worker.process.exitcode})")
        return self._restart(worker, reason, ["time"] if overdue else ["crash"])

    def _restart(self, worker: _Worker, reason: str, limits: list) -> _Worker:
        """End ``worker`` (its submission, if any, fails with ``reason``) and start a new one."""
        worker.process.kill()  # a no-op for a worker already ended
        worker.process.join()
        if worker.task is not None:
            index, worker.task = worker.task[0], None
            self.failed(index, reason, limits)
        worker.connection.close()
        return self._start()

    def failed(self, index: int, message: str, limits=()) -> None:
        """The submission could not be graded: a row with zero points on every test, the reason as its status
        (or what the pool's owner does with such a submission, ``fail``)."""
        if self.fail is not None:
            self.fail(index, message, limits)
        else:
            self.record(index, ungraded(self.assignment, None, self.grader_tests, "", message, limits))


class WarmGrader:
    """Grades one submission at a time with a warm worker kept between calls.

    For graders that get submissions one by one (nbgrader's preprocessor, the warm
    ``convkit check``): ``import torch``, the zygote and the graders are paid once, each
    submission then costs a sandbox and its tests. The worker is the batch's, so a
    submission gets exactly the result ``convkit grade`` gives it.
    """

    def __init__(self, assignment: Assignment, limits: Limits, plan, private):
        self.limits = limits
        self._outcomes: dict[int, object] = {}
        self._pool = _Pool(assignment, limits, plan, 1, self._outcomes.__setitem__, private, collect=False,
                           fail=lambda index, message, limits: self._outcomes.__setitem__(index, message))
        self._count = 0

    def start(self) -> None:
        """Start the worker now (it warms up while the caller does other things)."""
        if not self._pool.workers:
            self._pool.workers.append(self._pool._start())

    def grade(self, path, assignment_id: str | None = None, questions=None, limits: Limits | None = None,
              timeout: float | None = None) -> SubmissionResult:
        """Grade ``path``; :class:`WorkerRefused` where the sandbox cannot be built, :class:`GradingFailed`
        when the worker died or hung, or ``timeout`` seconds passed (it is replaced for the next call)."""
        self._count += 1
        session = None
        if assignment_id or questions or limits:
            session = Session(assignment_id or self._pool.assignment.id, tuple(questions) if questions else None,
                              limits or self.limits)
        deadline = None
        if timeout is not None:
            deadline = (time.monotonic() + timeout, f"convkit did not finish grading within {timeout:g} s")
        self._pool.run([(self._count, Path(path), session)], deadline)
        outcome = self._outcomes.pop(self._count)
        if isinstance(outcome, str):
            raise GradingFailed(outcome)
        return outcome

    def close(self) -> None:
        self._pool.close()


class GradingFailed(ConvkitError):
    """The worker died or overran its watchdog while grading a submission."""


_WINDING_DOWN: list[threading.Thread] = []


def _wind_down(workers) -> None:
    """Stop ``workers`` in a background thread; :func:`wait_for_workers` (at exit at the latest) joins it."""
    if not _WINDING_DOWN:
        atexit.register(wait_for_workers)
    thread = threading.Thread(target=lambda: [w.stop() for w in workers], name="convkit-wind-down", daemon=True)
    thread.start()
    _WINDING_DOWN.append(thread)


def wait_for_workers() -> None:
    """Wait until every worker of a finished batch has stopped (its sandboxes and control groups gone)."""
    while _WINDING_DOWN:
        _WINDING_DOWN.pop().join()


class _Progress:
    """A one-line progress bar on stderr (only when it is a terminal, or when asked)."""

    def __init__(self, total: int, done: int, enabled: bool):
        self.total, self.done, self.enabled = total, done, enabled
        self.started = time.monotonic()
        self.is_tty = sys.stderr.isatty()
        if done:  # said even with --quiet: it explains why the batch is quick
            print(f"convkit: {done} of {total} submissions already graded (unchanged); resuming", file=sys.stderr)

    def advance(self, result: SubmissionResult) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        elapsed = time.monotonic() - self.started
        line = (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                f"{elapsed:5.1f}s  {result.file}: {result.total:g}/{result.possible:g}")
        if self.is_tty:
            print("\r" + line[:110].ljust(110), end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def finish(self) -> None:
        if self.enabled and self.is_tty:
            print(file=sys.stderr)
