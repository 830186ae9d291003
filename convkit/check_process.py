"""``convkit check`` in a child process, as the otter plugin runs it.

A plugin runs inside another tool's grading process (otter's), which must never hold student
code: so the submission is graded by ``python -m convkit.cli check`` in a child process, with
the full sandbox or a refusal (``--require-isolation``), in a session of its own so that a
timeout kills it and everything it started. It grades directly (``--direct``): no warm
checker is left behind in a grading container. The result comes back as the JSON
file ``--json`` writes; a run that writes none gives the reason from convkit's own
``convkit: <problem>`` line.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from convkit.grading.results import SubmissionResult


@dataclass
class CheckOutcome:
    """What convkit said about one submission: a result (and the report it printed), or why there is none."""

    result: SubmissionResult | None
    report: str = ""
    error: str = ""
    seconds: float = 0.0


def check_command(submission: Path, assignment: str, json_path: Path, trust: bool = False) -> list[str]:
    """``convkit check`` as a grader runs it: the full sandbox or a refusal (unless ``trust``)."""
    return [sys.executable, "-m", "convkit.cli", "check", str(submission), "--assignment", assignment,
            "--json", str(json_path), "--require-isolation", "--direct", *(["--trust-submissions"] if trust else [])]


def run_check(submission, assignment: str, timeout: float, trust: bool = False, cwd=None,
              env: dict | None = None) -> CheckOutcome:
    """Grade ``submission`` with ``convkit check`` in a child process; never raises for a bad submission.

    ``cwd`` and ``env`` are the child's (``env`` adds to this process's environment).
    """
    return start_check(submission, assignment, timeout, trust, cwd, env).wait()


class PendingCheck:
    """A ``convkit check`` running in a child process: the caller does other work, then :meth:`wait` for it.

    Its output goes to files (a pipe nobody reads could fill and stall it); its time limit
    counts from the start. Folders handed to :meth:`keep` are removed once it is done.
    """

    def __init__(self, submission: Path, assignment: str, timeout: float, trust: bool, cwd, env: dict | None):
        self.submission, self.timeout = submission, timeout
        self.started = time.monotonic()
        self._cleanup = contextlib.ExitStack()
        folder = Path(self._cleanup.enter_context(tempfile.TemporaryDirectory(prefix="convkit-check-")))
        self.json_path = folder / "result.json"
        self._stdout = self._cleanup.enter_context(open(folder / "stdout", "w+", encoding="utf-8"))
        self._stderr = self._cleanup.enter_context(open(folder / "stderr", "w+", encoding="utf-8"))
        environment = dict(os.environ, PYTHONWARNINGS="ignore", **(env or {}))
        self.process = subprocess.Popen(check_command(submission, assignment, self.json_path, trust),
                                        cwd=cwd or folder, env=environment, stdin=subprocess.DEVNULL,
                                        stdout=self._stdout, stderr=self._stderr, start_new_session=True)

    def keep(self, folder) -> None:
        """Remove ``folder`` (a temporary directory object) once the check is done."""
        self._cleanup.enter_context(folder)

    def wait(self) -> CheckOutcome:
        try:
            return self._outcome()
        finally:
            self._cleanup.close()

    def _outcome(self) -> CheckOutcome:
        try:
            self.process.wait(timeout=max(0.0, self.timeout - (time.monotonic() - self.started)))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # its session: everything it started
            self.process.wait()
            return CheckOutcome(None, error=f"convkit did not finish grading within {self.timeout:g} s",
                                seconds=time.monotonic() - self.started)
        seconds = time.monotonic() - self.started
        stdout, stderr = (_read(stream) for stream in (self._stdout, self._stderr))
        result = read_result(self.json_path) if self.process.returncode in (0, 1) else None
        if result is None:
            return CheckOutcome(None, error=failure_reason(self.process.returncode, stderr, self.submission),
                                seconds=seconds)
        return CheckOutcome(result, report=stdout, seconds=seconds)


def _read(stream) -> str:
    stream.seek(0)
    return stream.read()


def start_check(submission, assignment: str, timeout: float, trust: bool = False, cwd=None,
                env: dict | None = None) -> PendingCheck:
    """Start grading ``submission`` with ``convkit check`` in a child process (see :func:`run_check`)."""
    return PendingCheck(Path(submission), assignment, timeout, trust, cwd, env)


def read_result(json_path: Path) -> SubmissionResult | None:
    try:
        return SubmissionResult.from_dict(json.loads(json_path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def failure_reason(returncode: int, stderr: str, submission: Path) -> str:
    """One line for the student: convkit's own ``convkit: <problem>`` line when there is one."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    reason = next((line[len("convkit: "):] for line in reversed(lines) if line.startswith("convkit: ")), None)
    if reason is None:
        return f"convkit's grader failed (exit status {returncode}); please tell your instructor"
    return reason.replace(str(submission), submission.name)
