#!/usr/bin/env python3
"""Benchmark: convkit grade -j 2 on 200 synthetic submissions, against otter run and nbgrader autograde.

    .venv/bin/python scripts/benchmark.py [--count 200] [--otter-sample 4] [--nbgrader-sample 8]

Makes ``count`` notebooks (a mix of correct, textbook, partly done, wrong, cheating,
raising, stubs and slow ones, built from examples/conv-layer), grades them all with
``convkit grade -j 2``, grades a sample of the same files with ``otter run`` (the autograder
zip, built here from the sources) and with ``nbgrader autograde`` (the generated course, one
batch), and prints seconds per submission for each, the speed-ups, and the peak memory of
each run (resident memory of the whole process tree, read from ``/proc`` every 0.1 s). All three run in this one process, on
the same files, one after the other. Not a test: timings are reported, never asserted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def timed(command: list[str], env=None, cwd=None) -> tuple[float, int, subprocess.CompletedProcess]:
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    memory = PeakMemory(process.pid)
    output, _ = process.communicate()
    peak = memory.stop()
    return time.monotonic() - start, peak, subprocess.CompletedProcess(command, process.returncode, output)


def jupyter_env(home: Path) -> dict:
    env = dict(os.environ, PYTHONWARNINGS="ignore", PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    for name in ("IPYTHONDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
        (home / name).mkdir(parents=True, exist_ok=True)
        env[name] = str(home / name)
    return env


def bench_convkit(folder: Path, work: Path) -> tuple[float, int, int]:
    seconds, peak, run = timed([str(BIN / "convkit"), "grade", str(folder), "--assignment", ASSIGNMENT,
                                "--output", str(work / "convkit-out"), "-j", "2", "--force", "--quiet"])
    if run.returncode:
        sys.exit(f"convkit grade failed:\n{run.stdout[-3000:]}")
    return seconds, peak, len(list(folder.glob("*.ipynb")))


def build_autograder(work: Path) -> Path:
    """The assignment's otter autograder, built from the sources into ``work`` (zips are not committed)."""
    from convkit.build import otter
    from convkit.build.sources import QUESTIONS_DIR, read_assignment

    assignment, sources = read_assignment(QUESTIONS_DIR / ASSIGNMENT)
    (path, content), = otter.generate(assignment, sources).items()
    zip_path = work / Path(path).name
    zip_path.write_bytes(content)
    return zip_path


def bench_otter(sample: list[Path], work: Path) -> tuple[float, int, int] | str:
    zip_path = build_autograder(work)
    env = jupyter_env(work / "otter-home")
    total, peak = 0.0, 0
    for index, path in enumerate(sample):
        output = work / f"otter-out-{index}"
        output.mkdir()
        seconds, memory, run = timed([str(BIN / "otter"), "run", "-a", str(zip_path), "-o", str(output), str(path)],
                                     env=env)
        if run.returncode or not (output / "results.json").exists():
            return f"failed on {path.name}: {run.stdout[-800:]}"
        total, peak = total + seconds, max(peak, memory)
    return total, peak, len(sample)


def bench_nbgrader(sample: list[Path], work: Path) -> tuple[float, int, int] | str:
    course = ROOT / "autograder" / "nbgrader"
    if not (course / "nbgrader_config.py").exists():
        return "skipped: autograder/nbgrader not built"
    copy = work / "course"
    shutil.copytree(course, copy)
    env = jupyter_env(work / "nbgrader-home")
    run = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", ASSIGNMENT, "--force"], cwd=copy, env=env,
                         capture_output=True, text=True)
    if run.returncode:
        return f"skipped: generate_assignment failed: {run.stderr[-500:]}"
    for index, path in enumerate(sample):
        target = copy / "submitted" / f"student{index:03d}" / ASSIGNMENT
        target.mkdir(parents=True)
        shutil.copy(path, target / f"{ASSIGNMENT}.ipynb")
    seconds, peak, run = timed([str(BIN / "nbgrader"), "autograde", ASSIGNMENT, "--force"], env=env, cwd=copy)
    if run.returncode:
        return f"failed: {run.stdout[-800:]}"
    return seconds, peak, len(sample)


def spread(paths: list[Path], count: int) -> list[Path]:
    """A sample that keeps the batch's mix: every k-th file."""
    step = max(1, len(paths) // max(count, 1))
    return paths[::step][:count]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--otter-sample", type=int, default=4)
    parser.add_argument("--nbgrader-sample", type=int, default=8)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="convkit-bench-"))
    folder = work / "submissions"
    folder.mkdir()
    paths = make_submissions(folder, args.count)
    print(f"{len(paths)} submissions in {folder} (mix: {', '.join(f'{k} {s:.0%}' for k, s in MIX)})")
    print(f"machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")

    rows = {}
    seconds, peak, count = bench_convkit(folder, work)
    rows["convkit grade -j 2"] = (seconds, peak, count)
    print(f"convkit grade -j 2: {count} submissions in {seconds:.1f} s")
    for name, bench, size in (("otter run", bench_otter, args.otter_sample),
                              ("nbgrader autograde", bench_nbgrader, args.nbgrader_sample)):
        outcome = bench(spread(paths, size), work) if size > 0 else "skipped (sample size 0)"
        if isinstance(outcome, str):
            print(f"{name}: {outcome}")
        else:
            rows[name] = outcome
            print(f"{name}: {outcome[2]} submissions in {outcome[0]:.1f} s")

    ours = rows["convkit grade -j 2"][0] / rows["convkit grade -j 2"][2]
    print(f"\n{'tool':<22} {'subs':>5} {'s/sub':>8} {'convkit speed-up':>17} {'peak memory':>12}")
    for name, (seconds, peak, count) in rows.items():
        per = seconds / count
        print(f"{name:<22} {count:>5} {per:>8.3f} {per / ours:>16.1f}x {peak / 2**30:>10.2f} GB")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
