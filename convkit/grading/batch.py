"""Grading a folder of submissions with warm worker processes.

Each worker is a fresh interpreter (``spawn``, never a fork of this process) that imports
torch, pytest and the graders once and starts its own sandbox zygote; every submission
then costs one fork and the tests themselves. Results are written one file per
submission, atomically, as soon as they are known; a batch started again skips every
submission whose file and graders are unchanged, so an interrupted batch resumes where
it stopped. A worker that dies or overruns its watchdog costs only the submission it was
grading, which gets a row saying so.
"""
from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from convkit.assignments import Assignment, get_assignment
from convkit.errors import ConvkitError
from convkit.grading.results import SubmissionResult, UnsignedResult, load_result, results_key, save_result, ungraded
from convkit.intake import Entry, Intake, collect
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
    return collect(folder, [options.assignment.id], options.roster, staging, exclude=[options.output])


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
def _worker_main(connection, assignment_id: str, limits: Limits, plan: dict, private: tuple) -> None:
    """Runs in a spawned process: warm up once, then grade what the parent sends, in one pytest session.

    The zygote is forked from this process right after torch is imported and warmed up,
    *before* the graders and the reference are imported (sandboxes must never inherit
    them); that saves the zygote an interpreter start and a second ``import torch``.
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

    assignment = get_assignment(assignment_id)
    connection.send(("ready", grader_tests(assignment)))
    current = []

    def tasks():
        while True:
            try:
                task = connection.recv()
            except EOFError:
                return
            if task is None:
                return
            current[:] = [task[0]]
            yield task[1]

    def deliver(result):
        with CLOCK.phase("hand-over"):
            connection.send(("done", (current[0], result.to_dict())))
        CLOCK.record(file=result.file)

    try:
        grade_many(tasks(), assignment, launcher, limits, deliver)
    finally:
        launcher.close()


class _Worker:
    def __init__(self, context, options: BatchOptions, private: tuple):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=_worker_main,
            args=(theirs, options.assignment.id, options.limits, options.plan.to_dict(), private),
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.ready = False
        self.task = None  # (index, path, started)

    def send(self, index: int, path: Path) -> None:
        self.task = (index, path, time.monotonic())
        self.connection.send((index, str(path)))

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
        _Pool([e.path for e in gradable], options, record, private).run(pending)
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


class _Pool:
    """Hands submissions to warm workers; replaces a worker that dies or hangs."""

    def __init__(self, submissions, options: BatchOptions, record, private):
        self.submissions, self.options, self.record = submissions, options, record
        self.context = multiprocessing.get_context("spawn")
        self.private = tuple(private)
        self.watchdog = options.limits.submission_seconds + options.limits.worker_slack_seconds
        self.grader_tests: list = []  # (question, test, points), as the workers collected them

    def run(self, pending) -> None:
        queue = list(pending)
        workers = [self._start() for _ in range(max(1, min(self.options.workers, len(pending))))]
        finished = False
        try:
            while queue or any(w.task for w in workers):
                for worker in workers:
                    if worker.ready and worker.task is None and queue:
                        index = queue.pop(0)
                        worker.send(index, self.submissions[index])
                ready = wait([w.connection for w in workers] + [w.process.sentinel for w in workers], timeout=1.0)
                for position, worker in enumerate(workers):
                    alive = self._receive(worker) if worker.connection in ready else worker.process.is_alive()
                    if not alive or self._overdue(worker):
                        workers[position] = self._replace(worker)
            finished = True
        finally:
            for worker in workers:  # all at once: each takes a moment to wind down
                worker.ask_to_stop()
            if finished:  # let them wind down while the reports are written (joined before this process exits)
                _wind_down(workers)
            else:
                for worker in workers:
                    worker.stop()

    def _start(self) -> _Worker:
        return _Worker(self.context, self.options, self.private)

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
            raise ConvkitError(f"refusing to grade: {payload}")
        index, data = payload
        worker.task = None
        self.record(index, SubmissionResult.from_dict(data))
        return True

    def _overdue(self, worker: _Worker) -> bool:
        return worker.task is not None and time.monotonic() - worker.task[2] > self.watchdog

    def _replace(self, worker: _Worker) -> _Worker:
        """A worker died or hung: its submission gets a row saying so, and a new worker starts."""
        overdue = self._overdue(worker)
        worker.process.kill()
        worker.process.join()
        if worker.task is not None:
            reason = (f"grading stopped after {self.watchdog:g} s (watchdog)" if overdue
                      else f"the grading worker died (exit code {worker.process.exitcode})")
            self.record(worker.task[0], self._failed(reason, ["time"] if overdue else ["crash"]))
        elif not worker.ready:
            raise ConvkitError(f"a grading worker failed to start (exit code {worker.process.exitcode})")
        return self._start()

    def _failed(self, message: str, limits=()) -> SubmissionResult:
        """A row with zero points on every test, and the reason as its status."""
        return ungraded(self.options.assignment, None, self.grader_tests, "", message, limits)


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
