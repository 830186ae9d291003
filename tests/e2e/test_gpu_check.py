"""``scripts/gpu_check.py``: without a GPU it says so and fails; its CPU rehearsal runs every step.

The GPU check itself needs an NVIDIA GPU (none here): README, "GPU machines", says whether it
has run on one.
"""
import subprocess
import sys

import pytest

from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow

SCRIPT = KIT_ROOT / "scripts" / "gpu_check.py"


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=900)


def test_without_a_gpu_it_says_so_and_fails():
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    done = run()
    assert done.returncode == 3
    assert "NO GPU: " in done.stdout
    assert done.stdout.strip().endswith("verdict: not run — this machine has no usable NVIDIA GPU (status 3)")


def test_the_cpu_rehearsal_grades_the_catalogue_and_the_reference_through_the_sandbox():
    done = run("--cpu-rehearsal", "--question", "corr2d", "--question", "conv2d_cost")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert "sandbox: TF32 off" in done.stdout and "grader: TF32 off" in done.stdout
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.startswith(("conv-layer/", "channels/"))}
    assert set(rows) == {"conv-layer/corr2d", "channels/conv2d_cost"}
    assert int(rows["conv-layer/corr2d"][0]) > 0  # value tests run on the device checked
    assert rows["channels/conv2d_cost"][0] == "-"  # a formula: no test takes a device
    for _, mutants, valid, reference in rows.values():
        lost, total = mutants.split("/")
        full, variants = valid.split("/")
        assert lost == total != "0" and full == variants != "0" and reference == "full"
    assert lines[-1].startswith("verdict: rehearsal on CPU passed (not the GPU check)")
