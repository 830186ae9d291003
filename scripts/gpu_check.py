#!/usr/bin/env python3
"""The GPU half of "graded on CPU and GPU": every grader on ``cuda``, through the real sandbox.

    .venv/bin/python scripts/gpu_check.py                      # on a machine with an NVIDIA GPU
    .venv/bin/python scripts/gpu_check.py --question corr2d    # one question (repeatable)
    .venv/bin/python scripts/gpu_check.py --cpu-rehearsal      # the same run without CUDA (not the GPU check)

It installs nothing: run it in the kit's environment after installing a CUDA build of torch
(README, "GPU machines"). Steps, each reported:

1. torch sees CUDA (asked in a separate interpreter: this process must not initialise CUDA
   before the sandbox zygote starts). Without a GPU it says why and exits with status 3.
2. A sandbox, forked as for any submission, sees CUDA too and has TF32 off; where it does not,
   it says what the sandbox lacks (device nodes, ``/proc/driver/nvidia``, ``/sys``, the memory
   limit's kind) and exits with status 4.
3. The whole catalogue (``tests/data/catalogue``) is graded, each entry on its question, with
   the graders parametrised over ``cpu`` and ``cuda``: every mutant must lose points, every
   valid variant keep full marks; then the reference, made a self-contained submission, must
   score full marks on every question. TF32 must be off in this (the grader's) process.

It prints one row per question (tests on cuda, mutants that lost, valid variants and the
reference at full marks) and a one-line verdict;
exit status 0 only when every check held.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CATALOGUE = ROOT / "tests" / "data" / "catalogue"
NO_GPU, SANDBOX_WITHOUT_CUDA, FAILED = 3, 4, 1

CUDA_FACTS = """
import json, torch
facts = {"torch": torch.__version__, "built_with_cuda": torch.version.cuda, "available": False}
try:
    facts["available"] = torch.cuda.is_available()
    if facts["available"]:
        facts["devices"] = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
        facts["capability"] = list(torch.cuda.get_device_capability(0))
except Exception as error:
    facts["error"] = f"{type(error).__name__}: {error}"
print(json.dumps(facts))
"""

#: Run in a sandbox as a grader probe: what CUDA looks like from there.
SANDBOX_PROBE = """
import os
facts = {"tf32_matmul": torch.backends.cuda.matmul.allow_tf32, "tf32_cudnn": torch.backends.cudnn.allow_tf32,
         "precision": torch.get_float32_matmul_precision(),
         "dev": sorted(n for n in os.listdir("/dev") if n.startswith("nvidia")),
         "proc_driver_nvidia": os.path.exists("/proc/driver/nvidia"), "sys": os.path.isdir("/sys/bus/pci"),
         "available": False, "error": ""}
if want_cuda:
    try:
        facts["available"] = torch.cuda.is_available()
        torch.cuda.init()
        x = torch.ones(64, 64, device="cuda")
        facts["matmul_ok"] = bool(((x @ x) == 64).all().item())
        facts["device"] = torch.cuda.get_device_name(0)
    except Exception as error:
        facts["error"] = f"{type(error).__name__}: {str(error)[:300]}"
result = facts
"""


def tf32_off(matmul, cudnn, precision) -> bool:
    """TF32 is off when neither cuBLAS nor cuDNN may use it and float32 matmuls run at full precision."""
    return matmul is False and cudnn is False and precision == "highest"


def say(text: str = "") -> None:
    print(text, flush=True)


# ------------------------------------------------------------------ step 1: does torch see CUDA?
def cuda_facts() -> dict:
    done = subprocess.run([sys.executable, "-c", CUDA_FACTS], capture_output=True, text=True, timeout=300)
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"available": False, "error": (done.stderr or done.stdout)[-500:]}


def explain_no_gpu(facts: dict) -> str:
    if not facts.get("built_with_cuda"):
        return (f"torch {facts.get('torch', '?')} is a CPU-only build: install a CUDA build of torch in this "
                f"environment (README, 'GPU machines'), then run this again")
    nodes = sorted(n for n in os.listdir("/dev") if n.startswith("nvidia")) if os.path.isdir("/dev") else []
    where = f"device nodes: {', '.join(nodes)}" if nodes else "no /dev/nvidia* device nodes: no NVIDIA driver here"
    return (f"torch {facts.get('torch')} (CUDA {facts.get('built_with_cuda')}) sees no GPU ({where}"
            + (f"; {facts['error']}" if facts.get("error") else "") + ")")


# ------------------------------------------------------------------ step 2: CUDA in the sandbox
def sandbox_facts(launcher, want_cuda: bool) -> dict:
    from convkit.limits import Limits

    box = launcher.spawn(Limits(call_seconds=120, cell_seconds=120))
    try:
        box.load([("probe", "import torch")])
        return box.run(SANDBOX_PROBE, timeout=120, want_cuda=want_cuda)
    finally:
        box.close()


def diagnose_sandbox(facts: dict, plan) -> list[str]:
    """Why CUDA works in the grader but not in the sandbox: what the sandbox lacks."""
    host = sorted(n for n in os.listdir("/dev") if n.startswith("nvidia"))
    lines = [f"CUDA in the sandbox: {facts.get('error') or 'torch.cuda.is_available() is False'}"]
    missing = sorted(set(host) - set(facts.get("dev", [])))
    lines.append(f"  /dev: the host has {', '.join(host) or 'no nvidia nodes'}; the sandbox sees "
                 f"{', '.join(facts.get('dev', [])) or 'none'}" + (f" (missing: {', '.join(missing)})" if missing else ""))
    if os.path.isdir("/dev/nvidia-caps"):
        lines.append("  /dev/nvidia-caps/ (MIG) exists on the host and is not bound (convkit/sandbox/world.py binds "
                     "device files, not folders)")
    if not facts.get("proc_driver_nvidia"):
        lines.append("  /proc/driver/nvidia is not visible in the sandbox (the namespaces mode has no /proc); "
                     "the driver reads it for device permissions and capabilities")
    if not facts.get("sys"):
        lines.append("  /sys is not visible in the sandbox; CUDA reads /sys/bus/pci for device topology (NUMA, P2P)")
    if not plan.cgroups:
        lines.append("  no control group: the memory limit is RLIMIT_AS, and CUDA reserves far more address space "
                     "than any such limit allows (run as root, or where convkit can create cgroups)")
    lines.append("  where to change it: convkit/sandbox/world.py (gpu_devices, build_root) and "
                 "convkit/sandbox/isolation.py (_narrow_namespaces: Landlock's writable list, the seccomp filter)")
    return lines


# ------------------------------------------------------------------ step 3: the catalogue and the reference
def catalogue(questions: set[str]) -> dict[tuple[str, str], dict[str, list[Path]]]:
    """(assignment id, question) -> {"mutant": [...], "valid": [...]}."""
    from convkit.assignments import ASSIGNMENTS

    packages = {a.package: a.id for a in ASSIGNMENTS.values()}
    found: dict = defaultdict(lambda: {"mutant": [], "valid": []})
    for path in sorted(CATALOGUE.glob("*/*/*.py")):
        kind = path.stem.split("_", 1)[0]
        question = path.parent.name
        if kind in ("mutant", "valid") and (not questions or question in questions):
            found[(packages[path.parent.parent.name], question)][kind].append(path)
    return found


def grade_entries(launcher, limits, assignment, question: str, paths) -> list:
    from convkit.grading.runner import grade_many

    results = []
    grade_many(paths, assignment, launcher, limits, results.append, question_ids=[question])
    return results


def reference_results(launcher, limits, folder: Path, questions: set[str]) -> dict:
    from convkit.assignments import ASSIGNMENTS
    from convkit.grading.runner import grade_submission
    from tests.graders.test_reference_submission import self_contained

    results = {}
    for assignment in ASSIGNMENTS.values():
        chosen = [q.id for q in assignment.auto_questions if not questions or q.id in questions]
        if not chosen:
            continue
        path = folder / f"{assignment.package}.py"
        path.write_text(self_contained(assignment.package))
        result = grade_submission(path, assignment, launcher, limits, question_ids=chosen)
        if result.status != "graded":
            print(f"  the reference of {assignment.id} was not graded: {result.status}", flush=True)
        for question in result.questions:
            results[(assignment.id, question.id)] = question
    return results


class Row:
    def __init__(self, assignment: str, question: str):
        self.assignment, self.question = assignment, question
        self.cuda_tests = 0  # tests parametrised on the device checked (on cuda, or cpu in a rehearsal)
        self.cpu_tests = 0
        self.mutants = self.mutants_lost = self.valid = self.valid_full = 0
        self.reference_full = None
        self.problems: list[str] = []

    def add_mutant(self, path: Path, question) -> None:
        self.mutants += 1
        if question.points < question.max_points:
            self.mutants_lost += 1
        else:
            self.problems.append(f"mutant {path.name} earned full marks")

    def count_devices(self, question, device: str) -> None:
        self.cuda_tests = max(self.cuda_tests, sum(f"{device}" in t.name for t in question.tests))
        self.cpu_tests = max(self.cpu_tests, sum("cpu" in t.name for t in question.tests))

    @property
    def untested(self) -> bool:
        """It has tests on the CPU but none on the device checked."""
        return self.cpu_tests > 0 and self.cuda_tests == 0

    def add_valid(self, path: Path, question, device: str) -> None:
        self.valid += 1
        self.count_devices(question, device)
        if question.points == question.max_points:
            self.valid_full += 1
        else:
            lost = [t for t in question.tests if not t.passed]
            self.problems.append(f"valid {path.name} lost {', '.join(t.name for t in lost[:4])}: "
                                 f"{lost[0].message.splitlines()[0][:160]}")

    def add_reference(self, question, device: str) -> None:
        self.count_devices(question, device)
        self.reference_full = question.points == question.max_points
        if not self.reference_full:
            lost = [t for t in question.tests if not t.passed]
            self.problems.append(f"the reference lost {', '.join(t.name for t in lost[:4])}: "
                                 f"{lost[0].message.splitlines()[0][:160]}")


def print_table(rows: list[Row], device: str) -> None:
    width = max([len("question"), *(len(f"{row.assignment}/{row.question}") for row in rows)])
    say(f"\n{'question':<{width}} {'tests on ' + device:>13} {'mutants lost':>13} {'valid full':>11} {'reference':>10}")
    for row in rows:
        reference = "-" if row.reference_full is None else ("full" if row.reference_full else "LOST")
        tests = row.cuda_tests if row.cpu_tests else "-"  # "-": no test of the question takes a device
        say(f"{row.assignment + '/' + row.question:<{width}} {tests:>13} {f'{row.mutants_lost}/{row.mutants}':>13} "
            f"{f'{row.valid_full}/{row.valid}':>11} {reference:>10}")
    for row in rows:
        for problem in row.problems:
            say(f"  {row.question}: {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--question", action="append", default=[], help="only this question (repeatable)")
    parser.add_argument("--cpu-rehearsal", action="store_true",
                        help="run every step without CUDA, to try the script on a machine without a GPU (this is "
                             "not the GPU check: its verdict says so)")
    args = parser.parse_args()
    device = "cpu" if args.cpu_rehearsal else "cuda"
    started = time.monotonic()

    facts = cuda_facts()
    say(f"torch {facts.get('torch', '?')}, built with CUDA {facts.get('built_with_cuda')}; "
        f"CUDA available: {facts.get('available')}" + (f" ({', '.join(facts['devices'])}, compute capability "
                                                         f"{'.'.join(map(str, facts['capability']))})"
                                                         if facts.get("devices") else ""))
    if not facts.get("available") and not args.cpu_rehearsal:
        say(f"NO GPU: {explain_no_gpu(facts)}")
        say("verdict: not run — this machine has no usable NVIDIA GPU (status 3)")
        return NO_GPU

    from convkit.limits import Limits
    from convkit.sandbox.client import SandboxLauncher
    from convkit.sandbox.isolation import decide

    plan = decide(require=True)
    say(plan.summary())
    launcher = SandboxLauncher(plan)  # a zygote of its own interpreter: this process will use CUDA
    launcher.start()
    try:
        inside = sandbox_facts(launcher, want_cuda=not args.cpu_rehearsal)
        tf32_sandbox = tf32_off(inside["tf32_matmul"], inside["tf32_cudnn"], inside["precision"])
        say(f"sandbox: TF32 {'off' if tf32_sandbox else 'ON'} (matmul {inside['tf32_matmul']}, cuDNN "
            f"{inside['tf32_cudnn']}, float32 matmul precision {inside['precision']}); CUDA " + ("not asked (rehearsal)" if args.cpu_rehearsal else
                                                 f"{'works' if inside.get('matmul_ok') else 'FAILS'}"
                                                 + (f" on {inside['device']}" if inside.get("device") else "")))
        if not args.cpu_rehearsal and not inside.get("matmul_ok"):
            for line in diagnose_sandbox(inside, plan):
                say(line)
            say("verdict: FAILED — CUDA works for the grader but not inside the sandbox (status 4)")
            return SANDBOX_WITHOUT_CUDA

        limits = Limits(call_seconds=60, cell_seconds=60, submission_seconds=600)
        questions = set(args.question)
        rows: dict[tuple[str, str], Row] = {}
        from convkit.assignments import get_assignment

        for (assignment_id, question), kinds in catalogue(questions).items():
            row = rows.setdefault((assignment_id, question), Row(assignment_id, question))
            assignment = get_assignment(assignment_id)
            for kind in ("mutant", "valid"):
                for path, result in zip(kinds[kind], grade_entries(launcher, limits, assignment, question, kinds[kind])):
                    if result.status != "graded":
                        row.problems.append(f"{path.name} was not graded: {result.status}")
                    (graded,) = result.questions
                    (row.add_mutant(path, graded) if kind == "mutant" else row.add_valid(path, graded, device))
            say(f"  graded {question}: {len(kinds['mutant'])} mutants, {len(kinds['valid'])} valid variants "
                f"({time.monotonic() - started:.0f} s)")
        import tempfile

        with tempfile.TemporaryDirectory(prefix="convkit-gpu-check-") as folder:
            for key, graded in reference_results(launcher, limits, Path(folder), questions).items():
                rows.setdefault(key, Row(*key)).add_reference(graded, device)
    finally:
        launcher.close()

    import torch

    flags = (torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32, torch.get_float32_matmul_precision())
    tf32_grader = tf32_off(*flags)
    say(f"grader: TF32 {'off' if tf32_grader else 'ON'} (matmul {flags[0]}, cuDNN {flags[1]}, float32 matmul "
        f"precision {flags[2]})")
    ordered = [rows[key] for key in sorted(rows)]
    print_table(ordered, device)
    problems = sum(len(row.problems) for row in ordered)
    untested = [row.question for row in ordered if row.untested]
    totals = (sum(r.mutants_lost for r in ordered), sum(r.mutants for r in ordered),
              sum(r.valid_full for r in ordered), sum(r.valid for r in ordered),
              sum(bool(r.reference_full) for r in ordered), sum(r.reference_full is not None for r in ordered))
    ok = not problems and tf32_grader and tf32_sandbox and totals[1] and totals[3]
    summary = (f"{totals[0]}/{totals[1]} mutants lost points, {totals[2]}/{totals[3]} valid variants and "
               f"{totals[4]}/{totals[5]} reference questions kept full marks, TF32 off in grader and sandbox: "
               f"{'yes' if tf32_grader and tf32_sandbox else 'NO'}; {time.monotonic() - started:.0f} s")
    if untested:
        summary += f"; no tests on {device} for {', '.join(untested)}"
    if args.cpu_rehearsal:
        say(f"verdict: rehearsal on CPU {'passed' if ok else 'FAILED'} (not the GPU check) — {summary}")
    else:
        say(f"verdict: GPU check {'PASSED' if ok and not untested else 'FAILED'} — {summary}")
    return 0 if ok and not untested else FAILED


if __name__ == "__main__":
    sys.exit(main())
