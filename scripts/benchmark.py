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
  ``convkit build`` writes) and without them (nbgrader's own: each notebook run in a kernel);
- ``otter run`` on a smaller sample, with the kit's autograder and with the same autograder
  minus the plugin (plain otter);
- ``convkit check`` on a full notebook: the first check (the warm checker starting) and the
  repeated ones, and a direct check (``--direct``) for comparison.

It prints seconds per submission, each kit door against its plain tool, and peak memory
(resident memory summed over the process tree, read from ``/proc`` every 0.1 s: shared torch
pages count once per process), with the load average before and after each door (this machine
is shared). ``--markdown FILE`` also writes the tables the README shows. Not a test: timings
are reported, never asserted; the grades are checked (every row graded, none lost to a worker).
"""
from __future__ import annotations

import argparse
import csv
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
EXAMPLES = ROOT / "examples" / "conv-layer"
ASSIGNMENT = "conv-layer"
#: (example notebook, share of the batch); "slow" adds a one-second cell to a correct notebook.
MIX = [("full_marks", 0.30), ("textbook_device_dtype", 0.15), ("partly_done", 0.15), ("cheater", 0.05),
       ("syntax_error", 0.05), ("raising_cell", 0.10), ("stubs_only", 0.10), ("slow", 0.05),
       ("reordered_cells_markdown_deleted", 0.05)]
SLOW_CELL = '{"cell_type": "code", "execution_count": null, "id": "slow", "metadata": {}, "outputs": [], ' \
            '"source": ["import time\\n", "time.sleep(1.0)"]}'


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


# ------------------------------------------------------------------ measuring
class PeakMemory:
    """Peak resident memory of a process and all its descendants (Linux: read from ``/proc``)."""

    def __init__(self, pid: int):
        self.root, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.root)))
            time.sleep(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


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
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1]) * 1024


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
        self.peak = memory.stop()
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


class Row:
    def __init__(self, door: str, count: int, seconds: float, peak: int, loads: str, plain: "Row | None" = None,
                 per: float | None = None):
        self.door, self.count, self.seconds, self.peak, self.loads, self.plain = door, count, seconds, peak, loads, plain
        self.per = per if per is not None else seconds / max(count, 1)


# ------------------------------------------------------------------ convkit grade
def grade(folder: Path, work: Path, jobs: int, name: str) -> tuple[Run, list[dict]]:
    timings = work / f"timings-{name}"
    timings.mkdir()
    env = dict(os.environ, CONVKIT_TIMINGS=str(timings), CONVKIT_CHECK_WARM="0")
    run = Run([BIN / "convkit", "grade", folder, "--assignment", ASSIGNMENT, "--output", work / f"{name}-out",
               "-j", jobs, "--force", "--quiet"], env=env)
    if run.returncode:
        sys.exit(f"convkit grade -j {jobs} failed:\n{run.output[-3000:]}")
    _check_rows(work / f"{name}-out" / "final_grades.csv", len(list(folder.glob("*.ipynb"))))
    from convkit.timings import read_folder

    return run, read_folder(timings)


def _check_rows(sheet: Path, count: int) -> None:
    """Every submission graded: a faster batch that lost rows to a worker would not count."""
    with open(sheet, newline="") as stream:
        rows = list(csv.DictReader(stream))
    bad = [row for row in rows if not row["status"].startswith("graded")]
    if len(rows) != count or bad:
        sys.exit(f"{sheet}: {len(rows)} rows for {count} submissions; not graded: "
                 f"{[(r['student'], r['status']) for r in bad][:5]}")


PHASE_NAMES = {"sandbox start": "fork and sandbox set-up (namespaces, mounts, limits, Landlock, seccomp)",
               "notebook cells": "the notebook's cells (the student's code; 5 % sleep 1 s)",
               "grader calls": "grader calls into the sandbox (student functions and their round trips)",
               "grader work": "the grader's own work (inputs, references, comparisons, feedback)",
               "sandbox end": "ending the sandbox (kill, clean-up)",
               "hand-over": "handing the result to the main process",
               "result writing": "writing the signed result (main process, alongside)"}


def breakdown(run: Run, records: list[dict], jobs: int) -> list[str]:
    """Per submission, where a worker's time went; and the batch's start-up, grading and reports."""
    from convkit.timings import PHASES

    workers = [r for r in records if r.get("side") != "main"]
    main = [r for r in records if r.get("side") == "main"]
    count = len(workers) or 1
    lines = [f"{'phase (per submission, one worker)':<78} {'ms':>7}"]
    total = 0.0
    for phase in PHASES:
        rows = main if phase == "result writing" else workers
        value = sum(r.get(phase, 0.0) for r in rows) / count
        total += value if phase != "result writing" else 0.0
        lines.append(f"{PHASE_NAMES[phase]:<78} {value * 1000:>7.1f}")
    lines.append(f"{'worker total (' + str(jobs) + ' workers share the submissions)':<78} {total * 1000:>7.1f}")
    calls = sum(r.get("calls", 0) for r in workers) / count
    lines.append(f"{'grader calls per submission':<78} {calls:>7.0f}")
    stamps = sorted(r["at"] for r in main if "at" in r)
    if stamps:
        lines += ["", f"batch: start-up to the first result {stamps[0] - run.started:.1f} s, grading "
                      f"{stamps[-1] - stamps[0]:.1f} s, reports and exit {run.ended - stamps[-1]:.1f} s "
                      f"(total {run.seconds:.1f} s)"]
    return lines


def scaling(j1: Run, j1_records: list[dict], j2: Run, j2_records: list[dict], count: int) -> list[str]:
    """Measured -j 1 and -j 2, and a projection for 16 and 64 cores from them (said to be one)."""
    def parts(run, records):
        stamps = sorted(r["at"] for r in records if r.get("side") == "main" and "at" in r)
        return stamps[0] - run.started, stamps[-1] - stamps[0], run.ended - stamps[-1]

    start1, grading1, end1 = parts(j1, j1_records)
    start2, grading2, end2 = parts(j2, j2_records)
    per_worker = grading1 / count  # one worker, one core: seconds per submission
    efficiency = grading1 / (2 * grading2)  # how much of a second core the second worker got
    memory_per_worker = max(j2.peak - j1.peak, 0)
    lines = [f"{'workers':>8} {'cores':>6} {'seconds':>8} {'s/sub':>7} {'peak memory':>12}  ",
             f"{1:>8} {2:>6} {j1.seconds:>8.1f} {j1.seconds / count:>7.3f} {j1.peak / 2**30:>9.2f} GB  measured",
             f"{2:>8} {2:>6} {j2.seconds:>8.1f} {j2.seconds / count:>7.3f} {j2.peak / 2**30:>9.2f} GB  measured"]
    for cores in (16, 64):
        seconds = start2 + end2 + count * per_worker / (cores * efficiency)
        peak = j1.peak + (cores - 1) * memory_per_worker
        lines.append(f"{cores:>8} {cores:>6} {seconds:>8.1f} {seconds / count:>7.3f} {peak / 2**30:>9.1f} GB  "
                     f"projected")
    lines += ["", f"Projection, not a measurement: start-up ({start2:.1f} s) and reports ({end2:.1f} s) as measured "
                  f"at -j 2, each worker grading at its -j 1 pace ({per_worker * 1000:.0f} ms a submission) times the "
                  f"share of a core the second worker got here ({efficiency:.0%}), one worker per core; memory "
                  f"grows by the -j 2 minus -j 1 peak per worker (shared pages counted in every process). A batch "
                  f"of {count} is mostly start-up on 16 or more cores: use a batch per machine "
                  f"(`--shard`) for big courses."]
    return lines


# ------------------------------------------------------------------ nbgrader
def nbgrader(sample: list[Path], work: Path, plain: bool) -> Run | str:
    course = ROOT / "autograder" / "nbgrader"
    if not (course / "nbgrader_config.py").exists():
        return "skipped: autograder/nbgrader not built"
    name = "plain" if plain else "kit"
    copy = work / f"course-{name}"
    shutil.copytree(course, copy, ignore=shutil.ignore_patterns("release", "submitted", "autograded", "feedback",
                                                                "gradebook.db", "__pycache__"))
    if plain:  # nbgrader's own autograde: every notebook run in a Jupyter kernel, no convkit
        with open(copy / "nbgrader_config.py", "a") as config:
            config.write("\n# benchmark: plain nbgrader, without convkit's preprocessors (nbgrader 0.9.6's defaults)\n"
                         "c.Autograde.autograde_preprocessors = [Execute, IgnorePattern, ClearMetadataPreprocessor, "
                         "LimitOutput, SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]\n")
    env = jupyter_env(work / f"nbgrader-home-{name}")
    done = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"], cwd=copy, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        return f"skipped: generate_assignment failed: {done.stderr[-500:]}"
    for index, path in enumerate(sample):
        target = copy / "submitted" / f"student{index:03d}" / ASSIGNMENT
        target.mkdir(parents=True)
        shutil.copy(path, target / f"{ASSIGNMENT}.ipynb")
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


def otter(sample: list[Path], work: Path, zip_path: Path, name: str) -> Row | str:
    env = jupyter_env(work / f"otter-home-{name}")
    total, peak, loads = 0.0, 0, []
    for index, path in enumerate(sample):
        output = work / f"otter-{name}-{index}"
        output.mkdir()
        run = Run([BIN / "otter", "run", "-a", zip_path, "-o", output, path], env=env)
        if run.returncode or not (output / "results.json").exists():
            return f"failed on {path.name}: {run.output[-800:]}"
        total, peak = total + run.seconds, max(peak, run.peak)
        loads += [run.load_before, run.load_after]
    return Row("", len(sample), total, peak, f"{loads[0]} -> {loads[-1]}")


# ------------------------------------------------------------------ convkit check
def checks(paths: list[Path], repeats: int, work: Path) -> tuple[Run, list[Run], Run]:
    """The warm checker's first check, ``repeats`` later ones (on other files of the batch), a direct one."""
    runtime = Path(tempfile.mkdtemp(prefix="ckb-", dir="/tmp"))  # a socket's path is at most 107 bytes
    os.chmod(runtime, 0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), CONVKIT_CHECK_WARM="1", CONVKIT_CHECK_IDLE="120")
    env.pop("CONVKIT_TIMINGS", None)
    try:
        first = Run([BIN / "convkit", "check", paths[0]], env=env)
        later = [Run([BIN / "convkit", "check", path], env=env) for path in (paths[1:] + paths)[:repeats]]
        for run in [first, *later]:
            if "checking directly" in run.output:
                sys.exit(f"the warm checker was not used:\n{run.output[-2000:]}")
        direct = Run([BIN / "convkit", "check", "--direct", paths[0]], env=env)
    finally:
        subprocess.run([str(BIN / "convkit"), "check", "--stop"], env=env, capture_output=True)
        shutil.rmtree(runtime, ignore_errors=True)
    return first, later, direct


def spread(paths: list[Path], count: int) -> list[Path]:
    """A sample that keeps the batch's mix: every k-th file."""
    step = max(1, len(paths) // max(count, 1))
    return paths[::step][:count]


# ------------------------------------------------------------------ the report
def table(rows: list[Row]) -> list[str]:
    lines = [f"{'door':<36} {'subs':>5} {'s/sub':>8} {'vs plain tool':>14} {'peak memory':>12}  load (1, 5, 15 min)"]
    for row in rows:
        versus = f"{row.plain.per / row.per:>13.1f}x" if row.plain else f"{'':>14}"
        lines.append(f"{row.door:<36} {row.count:>5} {row.per:>8.3f} {versus} {row.peak / 2**30:>9.2f} GB  {row.loads}")
    return lines


def markdown(sections: list[tuple[str, list[str]]]) -> str:
    out = []
    for title, lines in sections:
        out += [f"### {title}", "", "```", *lines, "```", ""]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--otter-sample", type=int, default=4)
    parser.add_argument("--nbgrader-sample", type=int, default=8)
    parser.add_argument("--check-repeats", type=int, default=5)
    parser.add_argument("--scaling", action="store_true", help="also grade with -j 1, and project 16 and 64 cores")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the tables as Markdown")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="convkit-bench-"))
    folder = work / "submissions"
    folder.mkdir()
    paths = make_submissions(folder, args.count)
    machine = (f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
               f"load at start {load()}")
    print(f"{len(paths)} submissions (mix: {', '.join(f'{k} {s:.0%}' for k, s in MIX)})\nmachine: {machine}",
          flush=True)
    sections, rows = [], []
    try:
        run, records = grade(folder, work, 2, "j2")
        rows.append(Row("convkit grade -j 2", len(paths), run.seconds, run.peak, f"{run.load_before} -> {run.load_after}"))
        print(f"convkit grade -j 2: {len(paths)} submissions in {run.seconds:.1f} s", flush=True)
        sections.append((f"Where a submission's time goes (convkit grade -j 2, {len(paths)} submissions)",
                         breakdown(run, records, 2)))
        if args.scaling:
            run1, records1 = grade(folder, work, 1, "j1")
            print(f"convkit grade -j 1: {len(paths)} submissions in {run1.seconds:.1f} s", flush=True)
            rows.insert(0, Row("convkit grade -j 1", len(paths), run1.seconds, run1.peak,
                               f"{run1.load_before} -> {run1.load_after}"))
            sections.append(("Scaling (convkit grade; 16 and 64 cores projected)",
                             scaling(run1, records1, run, records, len(paths))))
        if args.nbgrader_sample > 0:
            sample = spread(paths, args.nbgrader_sample)
            outcomes = {plain: nbgrader(sample, work, plain) for plain in (False, True)}
            if all(isinstance(o, Run) for o in outcomes.values()):
                plain = Row("nbgrader autograde (plain)", len(sample), outcomes[True].seconds, outcomes[True].peak,
                            f"{outcomes[True].load_before} -> {outcomes[True].load_after}")
                kit = outcomes[False]
                rows += [Row("nbgrader autograde + convkit", len(sample), kit.seconds, kit.peak,
                             f"{kit.load_before} -> {kit.load_after}", plain), plain]
            else:
                print(f"nbgrader: {outcomes}", flush=True)
        if args.otter_sample > 0:
            sample = spread(paths, args.otter_sample)
            kit_zip, plain_zip = otter_zips(work)
            kit, plain = otter(sample, work, kit_zip, "kit"), otter(sample, work, plain_zip, "plain")
            if isinstance(kit, Row) and isinstance(plain, Row):
                kit.door, plain.door, kit.plain = "otter run + convkit", "otter run (plain)", plain
                rows += [kit, plain]
            else:
                print(f"otter: kit {kit if isinstance(kit, str) else 'ok'}; plain {plain if isinstance(plain, str) else 'ok'}",
                      flush=True)
        if args.check_repeats > 0:
            full = [p for p in paths if p.name.endswith("_full_marks.ipynb")] or paths
            first, later, direct = checks(full, args.check_repeats, work)
            times = sorted(run.seconds for run in later)
            rows += [Row("convkit check, first (warm checker starts)", 1, first.seconds, first.peak,
                         f"{first.load_before} -> {first.load_after}"),
                     Row(f"convkit check, repeated (median of {len(later)})", len(later), sum(times),
                         max(run.peak for run in later), f"{later[0].load_before} -> {later[-1].load_after}",
                         per=statistics.median(times)),
                     Row("convkit check --direct", 1, direct.seconds, direct.peak,
                         f"{direct.load_before} -> {direct.load_after}")]
            print(f"convkit check: first {first.seconds:.2f} s, repeated {', '.join(f'{t:.2f}' for t in times)} s, "
                  f"direct {direct.seconds:.2f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sections.insert(0, (f"Every door on the same submissions ({machine}; load at end {load()})", table(rows)))
    for title, lines in sections:
        print(f"\n{title}\n" + "\n".join(lines))
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(markdown(sections))
        print(f"\nwritten: {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
