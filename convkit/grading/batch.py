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

import hashlib
import multiprocessing
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from convkit.assignments import Assignment, get_assignment
from convkit.errors import ConvkitError
from convkit.grading.results import SubmissionResult, UnsignedResult, load_result, results_key, save_result, ungraded
from convkit.limits import Limits
from convkit.paths import GRADERS_DIR, KIT_ROOT, REFERENCE_DIR, private_paths
from convkit.submission import SUFFIXES

#: Extra seconds a worker gets beyond the submission's own limit before it is killed.
WATCHDOG_SLACK = 30.0


@dataclass
class BatchOptions:
    assignment: Assignment
    output: Path
    workers: int = 1
    limits: Limits = None
    force: bool = False
    progress: bool = True
    plan: object = None  # convkit.sandbox.isolation.Plan; decided (or refused) by the caller

    def __post_init__(self):
        self.limits = self.limits or Limits()
        if self.plan is None:
            from convkit.sandbox.isolation import decide

            self.plan = decide()


def find_submissions(folder: Path) -> list[Path]:
    """Notebooks and .py files directly in ``folder`` (hidden files and checkpoints skipped)."""
    if not folder.exists():
        raise ConvkitError(f"{folder}: no such directory")
    if not folder.is_dir():
        raise ConvkitError(f"{folder}: not a directory")
    found = [p for p in sorted(folder.iterdir())
             if p.suffix in SUFFIXES and p.is_file() and not p.name.startswith(".")]
    stems = {}
    for path in found:
        if path.stem in stems:
            raise ConvkitError(f"{folder}: {stems[path.stem].name} and {path.name} would share the result "
                               f"name {path.stem!r}; rename one")
        stems[path.stem] = path
    return found


def graders_fingerprint(assignment: Assignment) -> str:
    """Changes when the graders, the reference or the kit change: old results are then stale."""
    digest = hashlib.sha256()
    for folder in (GRADERS_DIR / assignment.package, REFERENCE_DIR, KIT_ROOT / "convkit"):
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def submission_fingerprint(path: Path, graders: str) -> str:
    return hashlib.sha256(path.read_bytes() + graders.encode()).hexdigest()[:16] if path.is_file() else graders


def result_path(output: Path, submission: Path) -> Path:
    return output / "results" / f"{submission.stem}.json"


def cached_result(output: Path, submission: Path, fingerprint: str, key: bytes) -> SubmissionResult | None:
    """A stored result this grader wrote for exactly this file and these graders, else None."""
    path = result_path(output, submission)
    try:
        result = load_result(path, key)
    except UnsignedResult as error:
        print(f"convkit: {error}; grading {submission.name} again", file=sys.stderr)
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
    from convkit.grading.runner import catalogue, grade_many

    assignment = get_assignment(assignment_id)
    connection.send(("ready", catalogue(assignment)))
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
        connection.send(("done", (current[0], result.to_dict())))

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
    """Grade every submission in ``folder``; return one result per submission, in order."""
    submissions = find_submissions(folder)
    key = results_key(options.output)
    graders = graders_fingerprint(options.assignment)
    fingerprints = [submission_fingerprint(p, graders) for p in submissions]
    results: list[SubmissionResult | None] = [None] * len(submissions)
    pending = []
    for index, (path, fingerprint) in enumerate(zip(submissions, fingerprints)):
        cached = None if options.force else cached_result(options.output, path, fingerprint, key)
        if cached is not None:
            results[index] = cached
        else:
            pending.append(index)
    progress = _Progress(len(submissions), len(submissions) - len(pending), options.progress)

    def record(index: int, result: SubmissionResult) -> None:
        result.fingerprint = fingerprints[index]
        result.file = submissions[index].name
        save_result(result, result_path(options.output, submissions[index]), key)
        results[index] = result
        progress.advance(result)

    if pending:
        _Pool(submissions, options, record, private_paths(folder, options.output)).run(pending)
    progress.finish()
    return results


class _Pool:
    """Hands submissions to warm workers; replaces a worker that dies or hangs."""

    def __init__(self, submissions, options: BatchOptions, record, private):
        self.submissions, self.options, self.record = submissions, options, record
        self.context = multiprocessing.get_context("spawn")
        self.private = tuple(private)
        self.watchdog = options.limits.submission_seconds + WATCHDOG_SLACK
        self.catalogue: list = []  # (question, test, points), as the workers collected it

    def run(self, pending) -> None:
        queue = list(pending)
        workers = [self._start() for _ in range(max(1, min(self.options.workers, len(pending))))]
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
        finally:
            for worker in workers:  # all at once: each takes a moment to wind down
                worker.ask_to_stop()
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
            self.catalogue = payload
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
        return ungraded(self.options.assignment, None, self.catalogue, "", message, limits)


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
