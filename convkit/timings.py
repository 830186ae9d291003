"""Where a submission's grading time goes, measured for the benchmark (never for a score).

With ``CONVKIT_TIMINGS=FOLDER`` in the environment, every grading process appends one JSON
line per submission to ``FOLDER/timings-<pid>.jsonl``: wall-clock seconds in each phase
below, as the grader saw them. ``scripts/benchmark.py`` sets it and prints the breakdown.
Without it nothing is written, and the cost is a few clock reads per sandbox request.

Phases of one submission, in the grading worker:

``sandbox start``   fork from the zygote, namespaces, mounts, limits, Landlock, seccomp: until
                    the sandbox reports that it is ready to run the first cell
``notebook cells``  the submission's own cells, from the first to the last
``grader calls``    every request to the sandbox while the tests run (the student's
                    functions, the grader's probes, the round trips that carry them)
``grader work``     the tests themselves in the grader: inputs, references, comparisons,
                    feedback text, pytest's bookkeeping
``sandbox end``     killing the sandbox and cleaning up after it
``hand-over``       sending the result to the batch's main process

and in the batch's main process, ``result writing``: the signed results file and the
progress line. The clock is per process and not thread-safe: grading is single-threaded.
"""
from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

ENVIRONMENT = "CONVKIT_TIMINGS"
PHASES = ("sandbox start", "notebook cells", "grader calls", "grader work", "sandbox end", "hand-over",
          "result writing")


class Clock:
    """Seconds per phase for the submission being graded, and the number of grader calls."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(PHASES, 0.0)
        self.calls = 0

    def add(self, phase: str, seconds: float) -> None:
        self.seconds[phase] += seconds

    @contextmanager
    def phase(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def record(self, **extra) -> None:
        """Append this submission's phases to the timings file (when asked for), then start afresh."""
        folder = os.environ.get(ENVIRONMENT)
        if folder:
            line = json.dumps({"pid": os.getpid(), "at": time.time(), **extra, "calls": self.calls,
                               **{k: round(v, 6) for k, v in self.seconds.items() if v}})
            with open(os.path.join(folder, f"timings-{os.getpid()}.jsonl"), "a", encoding="utf-8") as stream:
                stream.write(line + "\n")
        self.reset()


#: The clock of this process.
CLOCK = Clock()


def read_folder(folder) -> list[dict]:
    """Every line written under ``folder`` (by all processes of a run)."""
    records = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("timings-") and name.endswith(".jsonl"):
            with open(os.path.join(folder, name), encoding="utf-8") as stream:
                records += [json.loads(line) for line in stream if line.strip()]
    return records
