"""Limits for one submission. Kept free of torch so the batch's main process never imports it."""
from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass
class Limits:
    """Every limit a submission runs under (seconds, bytes, counts), in one place.

    ``memory_bytes`` and ``processes`` hold for the whole sandbox (its control group) where
    the grader can create one, else per process (see ``convkit.sandbox.isolation``).
    """

    call_seconds: float = 10.0  # one call into student code
    cell_seconds: float = 10.0  # one notebook cell (or top-level statement of a .py)
    question_seconds: float = 30.0  # one question's tests (a question that hangs keeps the others' time)
    submission_seconds: float = 120.0  # the whole submission, every question included
    memory_bytes: int = 2048 * MIB  # beyond what torch itself maps
    processes: int = 64  # processes and threads (torch starts a few)
    output_bytes: int = 64 * 1024  # what the grader keeps of the submission's printing
    file_bytes: int = 64 * MIB  # largest file it may write
    scratch_bytes: int = 64 * MIB  # each of its /tmp, /var/tmp, /dev/shm and working directory
    restarts: int = 5  # fresh starts after a cell hangs or crashes (each skipping the cells that did)
    worker_slack_seconds: float = 30.0  # a batch worker's grace beyond submission_seconds, then it is killed
    check_seconds: float = 600.0  # a whole `convkit check` run started by the otter or nbgrader plugin
