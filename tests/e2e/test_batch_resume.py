"""A batch killed halfway and started again ends with the same grades as an uninterrupted one.

Results are written per submission, atomically, as they are known; a second run re-grades
only what is missing. The batch runs as ``convkit grade`` in its own process group, which
the test kills with SIGKILL (no chance to clean up) once a few results exist.
"""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from convkit.paths import KIT_ROOT

pytestmark = pytest.mark.slow

EXAMPLES = KIT_ROOT / "examples" / "channels"
CHOSEN = ["full_marks", "textbook_device_dtype", "stubs_only", "partly_done", "raising_cell",
          "syntax_error", "not_a_notebook", "renamed_without_init_cell"]


def grade_command(folder: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "convkit.cli", "grade", str(folder), "--assignment", "channels",
            "--output", str(output), "-j", "1", "--quiet"]


def results_written(output: Path) -> int:
    folder = output / "results"
    return len(list(folder.glob("*.json"))) if folder.exists() else 0


def test_killed_batch_resumes_to_the_same_grades(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    for name in CHOSEN:
        shutil.copy(EXAMPLES / f"{name}.ipynb", folder / f"{name}.ipynb")

    reference_output = tmp_path / "uninterrupted"
    subprocess.run(grade_command(folder, reference_output), check=True, capture_output=True, timeout=600)

    output = tmp_path / "interrupted"
    batch = subprocess.Popen(grade_command(folder, output), start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while results_written(output) < 3 and time.monotonic() < deadline and batch.poll() is None:
        time.sleep(0.05)
    os.killpg(batch.pid, signal.SIGKILL)
    batch.wait()
    done_before = results_written(output)
    assert 3 <= done_before < len(CHOSEN), f"the kill came too late to test resuming ({done_before} done)"
    assert not (output / "final_grades.csv").exists()

    rerun = subprocess.run(grade_command(folder, output), check=True, capture_output=True, text=True, timeout=600)
    assert f"{done_before} of {len(CHOSEN)} submissions already graded" in rerun.stderr
    assert (output / "final_grades.csv").read_text() == (reference_output / "final_grades.csv").read_text()
