#!/usr/bin/env python3
"""Benchmark: every door of the kit against the tool it replaces, on the same submissions, in one run.

    .venv/bin/python scripts/benchmark.py [--count 200] [--otter-sample 4] [--nbgrader-sample 8]
                                          [--check-repeats 5] [--scaling] [--markdown FILE]

Makes ``count`` notebooks (a mix of correct, textbook, partly done, wrong, cheating, raising,
stubs and slow ones, built from examples/conv-layer) and measures, one after the other:

- ``convkit grade -j 2`` on all of them, with where each submission's time goes (the phases of
  :mod:`convkit.timings`: sandbox set-up, the notebook's cells, grader calls, the grader's
  own work, ending the sandbox, writing the result) and the batch's start-up and reports;
- with ``--scaling``, ``convkit grade -j 1`` on all of them too, and a projection for 16 and
  64 cores (a projection, not a measurement: said so where it is printed);
- ``nbgrader autograde`` of a sample in one batch, with the kit's preprocessors (the course
  ``convkit build`` writes) and without them (nbgrader's own: each notebook run in a kernel).
  Both grade the same notebooks: each sampled submission's answers in nbgrader's released
  notebook, so that plain nbgrader finds its test cells and runs them;
- ``otter run`` on a smaller sample, with the kit's autograder and with the same autograder
  minus the plugin (plain otter), one ``otter run`` per notebook as a TA runs it;
- ``convkit check`` on a full notebook: the first check (the warm checker starting) and the
  repeated ones, and a direct check (``--direct``) for comparison.

It prints seconds per submission, each kit door against its plain tool, and peak memory of
each process tree, read from ``/proc`` every 0.1 s: the resident memory summed over the
processes (shared torch pages counted once per process, as earlier runs reported it) and
the proportional set size (shared pages split between the processes that share them: what
the tree really holds). The load average is printed before and after each door (this
machine is shared), and the issue's targets against what was measured. ``--markdown FILE``
also writes the tables the README shows. Not a test: timings are reported, never asserted;
the grades are checked (every row graded, none lost to a worker).
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
EXAMPLES = ROOT / "examples" / "conv-layer"
NBGRADER_COURSE = ROOT / "autograder" / "nbgrader"
ASSIGNMENT = "conv-layer"
GB = 2 ** 30
#: (example notebook, share of the batch); "slow" adds a one-second cell to a correct notebook.
MIX = [("full_marks", 0.30), ("textbook_device_dtype", 0.15), ("partly_done", 0.15), ("cheater", 0.05),
       ("syntax_error", 0.05), ("raising_cell", 0.10), ("stubs_only", 0.10), ("slow", 0.05),
       ("reordered_cells_markdown_deleted", 0.05)]
SLOW_CELL = '{"cell_type": "code", "execution_count": null, "id": "slow", "metadata": {}, "outputs": [], ' \
            '"source": ["import time\\n", "time.sleep(1.0)"]}'
#: The issue's targets on this machine (issue 12): (what, limit, unit).
TARGETS = {"grade": ("200 submissions, convkit grade -j 2", 25.0, "s"),
           "memory": ("peak memory of convkit grade -j 2", 2.5, "GB"),
           "nbgrader": ("nbgrader + convkit per notebook, at most plain nbgrader's", None, "s"),
           "first check": ("convkit check, first", 5.0, "s"),
           "repeated check": ("convkit check, repeated (median)", 1.5, "s")}


def make_submissions(folder: Path, count: int) -> list[Path]:
    kinds = [kind for kind, share in MIX for _ in range(round(share * count))][:count]
    kinds += ["full_marks"] * (count - len(kinds))
    paths = []
    for index, kind in enumerate(kinds):
        source = EXAMPLES / f"{'full_marks' if kind == 'slow' else kind}.ipynb"
        text = source.read_text()
        if kind == "slow":
            text = text.replace('"cells": [', '"cells": [' + SLOW_CELL + ",", 1)
        path = folder / f"s{index:03d}_{kind}.ipynb"
        path.write_text(text)
        paths.append(path)
    return paths


def spread(paths: list[Path], count: int) -> list[Path]:
    """A sample that keeps the batch's mix: every k-th file."""
    step = max(1, len(paths) // max(count, 1))
    return paths[::step][:count]


def missing_tools(args) -> list[str]:
    """What the doors asked for need and this environment lacks, each with what to do about it."""
    problems = []
    if not (BIN / "convkit").exists():
        problems.append(f"convkit is not installed in {BIN.parent} (run this script with the kit's environment: "
                        f"`.venv/bin/python scripts/benchmark.py`, after `python3 dev.py test` has made it)")
    for tool, flag, sample in (("nbgrader", "--nbgrader-sample", args.nbgrader_sample),
                               ("otter", "--otter-sample", args.otter_sample)):
        if sample > 0 and not (BIN / tool).exists():
            problems.append(f"{tool} is not installed in {BIN.parent} (install requirements-dev.txt into it, "
                            f"or pass {flag} 0 to leave that door out)")
    missing = [kind for kind, _ in MIX if kind != "slow" and not (EXAMPLES / f"{kind}.ipynb").exists()]
    if missing:
        problems.append(f"the example submissions {', '.join(missing)} are not in {EXAMPLES.relative_to(ROOT)} "
                        f"(run `convkit build`)")
    if args.nbgrader_sample > 0 and not (NBGRADER_COURSE / "nbgrader_config.py").exists():
        problems.append(f"{NBGRADER_COURSE.relative_to(ROOT)} is not built (run `convkit build`, or pass "
                        f"--nbgrader-sample 0)")
    return problems


# ------------------------------------------------------------------ measuring
class PeakMemory:
    """Peak memory of a process and all its descendants (Linux: read from ``/proc``): the resident
    memory summed over the processes, every 0.1 s, and their proportional set size (shared pages
    split), every second: reading ``smaps_rollup`` of a torch process takes milliseconds, and at
    every sample it would take a tenth of a core from the grading it measures."""

    PSS_EVERY = 10  # samples

    def __init__(self, pid: int):
        self.root, self.rss, self.pss, self._stop = pid, 0, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self):
        count = 0
        while not self._stop.is_set():
            tree = _tree(self.root)
            self.rss = max(self.rss, sum(_rss(pid) for pid in tree))
            if count % self.PSS_EVERY == 0:
                self.pss = max(self.pss, sum(_pss(pid) for pid in tree))
            count += 1
            self._stop.wait(0.1)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.rss, self.pss


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (those still running)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in _listdir(f"/proc/{current}/task"):
            try:
                pending += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
            except OSError:
                pass
    return found


def _listdir(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _rss(pid: int) -> int:
    """Resident memory of ``pid`` in bytes, 0 once it is gone."""
    return _proc_kilobytes(pid, "status", "VmRSS:") * 1024


def _pss(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes; where the kernel does not show it (another user's
    sandbox), its resident memory; 0 once it is gone."""
    try:
        return _kilobytes(Path(f"/proc/{pid}/smaps_rollup").read_text(), ("Pss:",))[0] * 1024
    except OSError:
        return _rss(pid)


def _proc_kilobytes(pid: int, name: str, key: str) -> int:
    try:
        return _kilobytes(Path(f"/proc/{pid}/{name}").read_text(), (key,))[0]
    except OSError:
        return 0


def _kilobytes(text: str, keys: tuple[str, ...]) -> list[int]:
    values = {line.split()[0]: int(line.split()[1]) for line in text.splitlines()
              if line.split() and line.split()[0] in keys}
    return [values.get(key, 0) for key in keys]


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class Run:
    """One command: wall-clock seconds, peak memory of its process tree, its output, the load around it."""

    def __init__(self, command: list, env=None, cwd=None):
        self.load_before = load()
        self.started = time.time()
        process = subprocess.Popen([str(c) for c in command], env=env, cwd=cwd, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
        memory = PeakMemory(process.pid)
        self.output, _ = process.communicate()
        self.rss, self.pss = memory.stop()
        self.ended = time.time()
        self.seconds = self.ended - self.started
        self.returncode = process.returncode
        self.load_after = load()


def jupyter_env(home: Path, **extra) -> dict:
    env = dict(os.environ, PYTHONWARNINGS="ignore", PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", **extra)
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        (home / name).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / name)
    env.pop("CONVKIT_TIMINGS", None)
    return env


@contextlib.contextmanager
def own_warm_checker(env: dict):
    """``env`` with a runtime folder of its own, so that ``convkit check`` (called directly or by
    otter's plugin) starts and reuses a warm checker of this benchmark's, stopped at the end."""
    runtime = Path(tempfile.mkdtemp(prefix="ckb-", dir="/tmp"))  # a socket's path is at most 107 bytes
    os.chmod(runtime, 0o700)
    env = dict(env, XDG_RUNTIME_DIR=str(runtime), CONVKIT_CHECK_IDLE="120")
    env.pop("CONVKIT_TIMINGS", None)
    try:
        yield env
    finally:
        subprocess.run([str(BIN / "convkit"), "check", "--stop"], env=env, capture_output=True)
        shutil.rmtree(runtime, ignore_errors=True)


@dataclass
class Row:
    """One door's measurement: ``per`` seconds a submission (the mean unless given)."""
    door: str
    count: int
    seconds: float
    rss: int
    pss: int
    loads: str
    plain: "Row | None" = None
    per: float | None = None

    def __post_init__(self):
        if self.per is None:
            self.per = self.seconds / max(self.count, 1)


@dataclass
class Table:
    """A titled table, printed as aligned text and written as Markdown; ``notes`` follow it."""
    title: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        widths = [max(len(str(cell)) for cell in column) for column in zip(self.header, *self.rows)]
        lines = ["  ".join(_pad(cell, width, index) for index, (cell, width) in enumerate(zip(line, widths)))
                 for line in [self.header, *self.rows]]
        return "\n".join([self.title, *(line.rstrip() for line in lines), *self.notes])

    def markdown(self) -> str:
        align = ["---" if index == 0 else "---:" for index in range(len(self.header))]
        lines = [f"| {' | '.join(str(cell).replace('|', '/') for cell in line)} |"
                 for line in [self.header, align, *self.rows]]
        return "\n".join([f"### {self.title}", "", *lines, *(["", *self.notes] if self.notes else [])])


def _pad(cell, width: int, index: int) -> str:
    return str(cell).ljust(width) if index == 0 else str(cell).rjust(width)


# ------------------------------------------------------------------ the tables (pure: unit-tested)
def door_table(rows: list[Row], title: str) -> Table:
    """Every door: seconds a submission, the plain tool's, how many times faster the kit is, peak memory."""
    lines = []
    for row in rows:
        versus = f"{row.plain.per / row.per:.2f}× plain" if row.plain else ""
        lines.append([row.door, str(row.count), f"{row.per:.3f}", versus, f"{row.rss / GB:.2f}",
                      f"{row.pss / GB:.2f}", row.loads])
    return Table(title, ["door", "subs", "s/sub", "kit vs plain", "peak RSS sum GB", "peak PSS GB",
                         "load (1, 5, 15 min) before → after"], lines)


PHASE_NAMES = {"sandbox start": "fork and sandbox set-up (namespaces, mounts, limits, Landlock, seccomp)",
               "notebook cells": "the notebook's cells (the student's own code; 5 % sleep 1 s)",
               "grader calls": "grader calls into the sandbox (student functions and their round trips)",
               "grader work": "the grader's own work (inputs, references, comparisons, feedback)",
               "sandbox end": "ending the sandbox (kill, clean-up)",
               "hand-over": "handing the result to the main process",
               "result writing": "writing the signed result (main process, alongside the workers)"}


def breakdown_table(records: list[dict], started: float, ended: float, jobs: int) -> Table:
    """Per submission, where a worker's time went; and the batch's start-up, grading and reports.

    ``records`` are the lines of :mod:`convkit.timings` (workers' and the main process's);
    ``started`` and ``ended`` the batch's wall clock (``time.time()``).
    """
    from convkit.timings import PHASES

    workers = [r for r in records if r.get("side") != "main"]
    main = [r for r in records if r.get("side") == "main"]
    count = len(workers) or 1
    per_phase = {phase: sum(r.get(phase, 0.0) for r in (main if phase == "result writing" else workers)) / count
                 for phase in PHASES}
    total = sum(value for phase, value in per_phase.items() if phase != "result writing")
    rows = [[PHASE_NAMES[phase], f"{value * 1000:.1f}", f"{value / total:.0%}" if phase != "result writing" else ""]
            for phase, value in per_phase.items()]
    rows.append([f"worker total per submission ({jobs} workers share the submissions)", f"{total * 1000:.1f}", "100%"])
    calls = sum(r.get("calls", 0) for r in workers) / count
    notes = [f"Grader calls per submission: {calls:.0f} "
             f"({per_phase['grader calls'] / max(calls, 1) * 1e6:.0f} µs each, round trip included)."]
    start, grading, end = batch_parts(records, started, ended)
    if grading is not None:
        notes.append(f"The batch: start-up to the first result {start:.1f} s, grading {grading:.1f} s, reports and "
                     f"exit {end:.1f} s (total {ended - started:.1f} s).")
    return Table(f"Where a submission's time goes (convkit grade -j {jobs}, {len(workers)} submissions)",
                 ["phase", "ms", "share"], rows, notes)


def batch_parts(records: list[dict], started: float, ended: float) -> tuple[float, float | None, float]:
    """Start-up (to the first result written), grading (first to last result), reports and exit, in seconds."""
    stamps = sorted(r["at"] for r in records if r.get("side") == "main" and "at" in r)
    if not stamps:
        return ended - started, None, 0.0
    return stamps[0] - started, stamps[-1] - stamps[0], ended - stamps[-1]


def scaling_table(one: dict, two: dict, count: int) -> Table:
    """Measured ``-j 1`` and ``-j 2``, and a projection for 16 and 64 cores from them (said to be one).

    ``one`` and ``two`` hold a run's ``seconds``, ``rss`` and ``pss`` (bytes), ``start``, ``grading``
    and ``end`` (seconds, from :func:`batch_parts`).
    """
    per_worker = one["grading"] / count  # one worker, one core: seconds per submission
    efficiency = min(one["grading"] / (2 * two["grading"]), 1.0)  # how much of a second core the second worker got
    pss_per_worker = max(two["pss"] - one["pss"], 0)
    rows = [[str(jobs), "2", f"{run['seconds']:.1f}", f"{run['seconds'] / count:.3f}", f"{run['rss'] / GB:.2f}",
             f"{run['pss'] / GB:.2f}", "measured"] for jobs, run in ((1, one), (2, two))]
    for cores in (16, 64):
        seconds = two["start"] + two["end"] + count * per_worker / (cores * efficiency)
        rows.append([str(cores), str(cores), f"{seconds:.1f}", f"{seconds / count:.3f}", "",
                     f"{(one['pss'] + (cores - 1) * pss_per_worker) / GB:.1f}", "projected"])
    notes = [f"Projected, not measured: start-up ({two['start']:.1f} s) and reports ({two['end']:.1f} s) as at "
             f"-j 2 here, each worker grading at its -j 1 pace ({per_worker * 1000:.0f} ms a submission) divided "
             f"by the share of a core the second worker got here ({efficiency:.0%}), one worker per core; memory "
             f"(proportional set size) grows by the -j 2 minus -j 1 peak per worker "
             f"({pss_per_worker / GB:.2f} GB). With {count} submissions, 16 or more cores spend most of the time "
             f"starting: give each machine a shard of a big course (`--shard K/N`)."]
    return Table(f"Scaling (convkit grade, {count} submissions; 16 and 64 cores projected)",
                 ["workers", "cores", "seconds", "s/sub", "peak RSS sum GB", "peak PSS GB", ""], rows, notes)


def targets_table(measured: dict) -> Table:
    """The issue's targets beside what was measured (``measured``: key of :data:`TARGETS` → value;
    for ``nbgrader`` a pair (kit, plain) of seconds a notebook)."""
    rows = []
    for key, (what, limit, unit) in TARGETS.items():
        if key not in measured:
            continue
        value = measured[key]
        if key == "nbgrader":
            kit, plain = value
            rows.append([what, f"≤ {plain:.2f} {unit}", f"{kit:.2f} {unit}", "met" if kit <= plain else "missed"])
        else:
            rows.append([what, f"≤ {limit:g} {unit}", f"{value:.2f} {unit}", "met" if value <= limit else "missed"])
    return Table("Targets (issue 12) against this run", ["target", "limit", "measured", ""], rows)


# ------------------------------------------------------------------ convkit grade
def grade(folder: Path, work: Path, jobs: int, name: str) -> tuple[Run, list[dict]]:
    timings = work / f"timings-{name}"
    timings.mkdir()
    env = dict(os.environ, CONVKIT_TIMINGS=str(timings), CONVKIT_CHECK_WARM="0")
    run = Run([BIN / "convkit", "grade", folder, "--assignment", ASSIGNMENT, "--output", work / f"{name}-out",
               "-j", jobs, "--force", "--quiet"], env=env)
    if run.returncode:
        sys.exit(f"benchmark: convkit grade -j {jobs} failed:\n{run.output[-3000:]}")
    _check_rows(work / f"{name}-out" / "final_grades.csv", len(list(folder.glob("*.ipynb"))))
    from convkit.timings import read_folder

    return run, read_folder(timings)


def _check_rows(sheet: Path, count: int) -> None:
    """Every submission graded: a faster batch that lost rows to a worker would not count."""
    with open(sheet, newline="") as stream:
        rows = list(csv.DictReader(stream))
    bad = [row for row in rows if not row["status"].startswith("graded")]
    if len(rows) != count or bad:
        sys.exit(f"benchmark: {sheet}: {len(rows)} rows for {count} submissions; not graded: "
                 f"{[(r['student'], r['status']) for r in bad][:5]}")


def run_summary(run: Run, records: list[dict]) -> dict:
    start, grading, end = batch_parts(records, run.started, run.ended)
    return {"seconds": run.seconds, "rss": run.rss, "pss": run.pss, "start": start, "grading": grading or run.seconds, "end": end}


# ------------------------------------------------------------------ nbgrader
def nbgrader_submission(release: dict, submission: dict) -> dict:
    """``submission``'s answers in nbgrader's released notebook (both as JSON): each released cell
    whose id ends in ``-code`` or ``-answer`` takes the submission's cell of that id, and cells
    only the student wrote (a cheat, a slow cell) follow the set-up cell, in their order."""
    theirs = {cell.get("id"): cell for cell in submission["cells"]}
    known = {cell.get("id") for cell in release["cells"]}
    extra = [cell for cell in submission["cells"] if cell.get("id") not in known and cell.get("cell_type") == "code"
             and not str(cell.get("id")).startswith(("otter", "submit")) and not str(cell.get("id")).endswith("-check")]
    cells = []
    for cell in release["cells"]:
        answer = str(cell.get("id")).endswith(("-code", "-answer")) and cell.get("id") in theirs
        cells.append(dict(cell, source=theirs[cell["id"]]["source"]) if answer else cell)
        if cell.get("id") == "intro-setup":
            cells += extra
    return dict(release, cells=cells)


def nbgrader(sample: list[Path], work: Path, plain: bool) -> Run | str:
    name = "plain" if plain else "kit"
    copy = work / f"course-{name}"
    shutil.copytree(NBGRADER_COURSE, copy, ignore=shutil.ignore_patterns(
        "release", "submitted", "autograded", "feedback", "gradebook.db", "__pycache__"))
    if plain:  # nbgrader's own autograde: every notebook run in a Jupyter kernel, no convkit
        with open(copy / "nbgrader_config.py", "a") as config:
            config.write("\n# benchmark: plain nbgrader, without convkit's preprocessors (nbgrader 0.9.6's defaults)\n"
                         "c.Autograde.autograde_preprocessors = [Execute, IgnorePattern, ClearMetadataPreprocessor, "
                         "LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]\n")
    env = jupyter_env(work / f"nbgrader-home-{name}")
    done = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"], cwd=copy, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        return f"generate_assignment failed: {done.stderr[-500:]}"
    release = json.loads((copy / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    for index, path in enumerate(sample):
        target = copy / "submitted" / f"student{index:03d}" / ASSIGNMENT
        target.mkdir(parents=True)
        notebook = nbgrader_submission(release, json.loads(path.read_text()))
        (target / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(notebook))
    run = Run([BIN / "nbgrader", "autograde", ASSIGNMENT, "--force"], env=env, cwd=copy)
    graded = list((copy / "autograded").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"))
    if run.returncode or len(graded) != len(sample):
        return f"failed ({len(graded)} of {len(sample)} notebooks autograded): {run.output[-800:]}"
    return run


# ------------------------------------------------------------------ otter
def otter_zips(work: Path) -> tuple[Path, Path]:
    """The assignment's otter autograder as `convkit build` makes it, and the same zip without the plugin."""
    from convkit.build import otter
    from convkit.build.sources import QUESTIONS_DIR, read_assignment

    assignment, sources = read_assignment(QUESTIONS_DIR / ASSIGNMENT)
    (path, content), = otter.generate(assignment, sources).items()
    kit = work / Path(path).name
    kit.write_bytes(content)
    plain = work / f"plain-{Path(path).name}"
    with zipfile.ZipFile(kit) as source, zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "otter_config.json":
                config = json.loads(data)
                config.pop("plugins", None)
                data = json.dumps(config).encode()
            target.writestr(item, data)
    return kit, plain


def otter(sample: list[Path], work: Path, zip_path: Path, name: str) -> list[Run] | str:
    """One ``otter run`` a notebook, as a TA runs it on one machine (the kit's plugin may reuse its
    warm checker from one notebook to the next, as it would there)."""
    runs = []
    with own_warm_checker(jupyter_env(work / f"otter-home-{name}")) as env:
        for index, path in enumerate(sample):
            output = work / f"otter-{name}-{index}"
            output.mkdir()
            run = Run([BIN / "otter", "run", "-a", zip_path, "-o", output, path], env=env)
            if run.returncode or not (output / "results.json").exists():
                return f"failed on {path.name}: {run.output[-800:]}"
            runs.append(run)
    return runs


# ------------------------------------------------------------------ convkit check
def checks(paths: list[Path], repeats: int) -> tuple[Run, list[Run], Run]:
    """The warm checker's first check, ``repeats`` later ones (on other files of the batch), a direct one."""
    with own_warm_checker(dict(os.environ, CONVKIT_CHECK_WARM="1")) as env:
        first = Run([BIN / "convkit", "check", paths[0]], env=env)
        later = [Run([BIN / "convkit", "check", path], env=env) for path in (paths[1:] + paths)[:repeats]]
        for run in [first, *later]:
            if "checking directly" in run.output:
                sys.exit(f"benchmark: the warm checker was not used:\n{run.output[-2000:]}")
        direct = Run([BIN / "convkit", "check", "--direct", paths[0]], env=env)
    return first, later, direct


# ------------------------------------------------------------------ the run
class Report:
    """What the doors measured: rows of the door table, further tables, target figures, failures."""

    def __init__(self):
        self.rows: list[Row] = []
        self.tables: list[Table] = []
        self.measured: dict = {}
        self.problems: list[str] = []

    def say(self, line: str) -> None:
        print(line, flush=True)


def measure_grade(report: Report, folder: Path, work: Path, count: int, scaling: bool) -> None:
    run, records = grade(folder, work, 2, "j2")
    report.say(f"convkit grade -j 2: {count} submissions in {run.seconds:.1f} s")
    report.rows.append(row_of("convkit grade -j 2", [run], count=count))
    report.measured["memory"] = run.rss / GB
    if count == 200:  # the target is for the batch; start-up does not scale with the count
        report.measured["grade"] = run.seconds
    report.tables.append(breakdown_table(records, run.started, run.ended, 2))
    if scaling:
        run1, records1 = grade(folder, work, 1, "j1")
        report.say(f"convkit grade -j 1: {count} submissions in {run1.seconds:.1f} s")
        report.rows.insert(0, row_of("convkit grade -j 1", [run1], count=count))
        report.tables.append(scaling_table(run_summary(run1, records1), run_summary(run, records), count))


def measure_nbgrader(report: Report, sample: list[Path], work: Path) -> None:
    kit, plain = nbgrader(sample, work, plain=False), nbgrader(sample, work, plain=True)
    for name, outcome in (("with convkit", kit), ("plain", plain)):
        if isinstance(outcome, str):
            report.problems.append(f"nbgrader autograde ({name}): {outcome}")
    if isinstance(kit, Run) and isinstance(plain, Run):
        plain_row = row_of(f"nbgrader autograde (plain), batch of {len(sample)}", [plain], count=len(sample))
        kit_row = row_of(f"nbgrader autograde + convkit, batch of {len(sample)}", [kit], count=len(sample))
        kit_row.plain = plain_row
        report.rows += [kit_row, plain_row]
        report.measured["nbgrader"] = (kit.seconds / len(sample), plain.seconds / len(sample))
        report.say(f"nbgrader autograde of {len(sample)}: with convkit {kit.seconds:.1f} s, plain {plain.seconds:.1f} s")


def measure_otter(report: Report, sample: list[Path], work: Path) -> None:
    kit_zip, plain_zip = otter_zips(work)
    kit, plain = otter(sample, work, kit_zip, "kit"), otter(sample, work, plain_zip, "plain")
    for name, outcome in (("with convkit", kit), ("plain", plain)):
        if isinstance(outcome, str):
            report.problems.append(f"otter run ({name}): {outcome}")
    if isinstance(kit, list) and isinstance(plain, list):
        rows = [row_of(f"otter run {name}, one a notebook", runs) for name, runs in (("+ convkit", kit),
                                                                                        ("(plain)", plain))]
        rows[0].plain = rows[1]
        report.rows += rows
        report.say(f"otter run: with convkit {', '.join(f'{r.seconds:.1f}' for r in kit)} s; plain "
                   f"{', '.join(f'{r.seconds:.1f}' for r in plain)} s")


def row_of(door: str, runs: list[Run], count: int | None = None, per: float | None = None) -> Row:
    """A row for ``runs`` of one door: one batch of ``count`` submissions, or one run a submission."""
    return Row(door, count or len(runs), sum(r.seconds for r in runs), max(r.rss for r in runs),
               max(r.pss for r in runs), f"{runs[0].load_before} → {runs[-1].load_after}", per=per)


def measure_checks(report: Report, paths: list[Path], repeats: int) -> None:
    full = [p for p in paths if p.name.endswith("_full_marks.ipynb")] or paths
    first, later, direct = checks(full, repeats)
    median = statistics.median(run.seconds for run in later)
    report.rows += [row_of("convkit check, first (warm checker starts)", [first]),
                    row_of(f"convkit check, repeated (median of {len(later)})", later, per=median),
                    row_of("convkit check --direct (no warm checker)", [direct])]
    report.measured.update({"first check": first.seconds, "repeated check": median})
    report.say(f"convkit check: first {first.seconds:.2f} s, repeated "
               f"{', '.join(f'{run.seconds:.2f}' for run in later)} s, direct {direct.seconds:.2f} s")


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / GB
    return f"{os.cpu_count()} cores, {memory:.0f} GiB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--otter-sample", type=int, default=4)
    parser.add_argument("--nbgrader-sample", type=int, default=8)
    parser.add_argument("--check-repeats", type=int, default=5)
    parser.add_argument("--scaling", action="store_true", help="also grade with -j 1, and project 16 and 64 cores")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the tables as Markdown")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    problems = missing_tools(args)
    if problems:
        print("benchmark: cannot measure every door asked for:\n" + "\n".join(f"- {p}" for p in problems),
              file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="convkit-bench-"))
    report = Report()
    try:
        folder = work / "submissions"
        folder.mkdir()
        paths = make_submissions(folder, args.count)
        started, load_at_start = datetime.datetime.now(datetime.timezone.utc), load()
        print(f"{len(paths)} submissions (mix: {', '.join(f'{k} {s:.0%}' for k, s in MIX)})\n"
              f"machine: {machine()}; load at start {load_at_start}", flush=True)
        measure_grade(report, folder, work, len(paths), args.scaling)
        if args.nbgrader_sample > 0:
            measure_nbgrader(report, spread(paths, args.nbgrader_sample), work)
        if args.otter_sample > 0:
            measure_otter(report, spread(paths, args.otter_sample), work)
        if args.check_repeats > 0:
            measure_checks(report, paths, args.check_repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    title = (f"Every door on the same submissions ({started:%Y-%m-%d %H:%M} UTC, {machine()}, load at start "
             f"{load_at_start}, at end {load()})")
    tables = [door_table(report.rows, title), targets_table(report.measured), *report.tables]
    print("\n" + "\n\n".join(table.text() for table in tables))
    for problem in report.problems:
        print(f"\nbenchmark: {problem}", file=sys.stderr)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text("\n\n".join(table.markdown() for table in tables) + "\n")
        print(f"\nwritten: {args.markdown}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
