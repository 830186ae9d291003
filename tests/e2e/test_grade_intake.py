"""``convkit grade`` on a folder as a TA collects it: every student a row, every other file a reason.

One batch (the module's fixture) grades a folder mixing loose files, per-student folders,
an otter export zip, Canvas and Moodle download names, a conflict, a refused zip, stray
files and a symbolic link, against a roster with a missing student; the tests read what it
wrote. The same notebook is graded loose, inside an otter export and inside a student
folder, and must score the same. Resuming and re-grading must leave the platform files
byte for byte as the first run wrote them.
"""
import csv
import hashlib
import io
import pickle
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from convkit.paths import KIT_ROOT
from tests.helpers import canvas_header_accepted

pytestmark = pytest.mark.slow

EXAMPLES = KIT_ROOT / "examples" / "conv-layer"
STAMP = "2026_11_30T10_00_00_123456"
SAME = EXAMPLES / "partly_done.ipynb"  # graded three ways: loose, in an otter export, in a folder
ROSTER = ("student,name,id,identifier,email\n"
          "alice,,,,alice@uni.edu\nbob,,,,\ncarol,,,,\ndave,,,,\nerin,,,,\n"
          "jane,\"Smith, Jane\",12345,,\nfrank,Frank Moore,,Participant 4242,frank@uni.edu\ngina,,,,\n")
STUDENTS = ["alice", "bob", "carol", "dave", "erin", "evil", "frank", "gina", "jane", "zed"]


class _Unpickled:
    """Pickles to a call that leaves a marker: what a forged ``.OTTER_LOG`` does when unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "the otter log was unpickled"))


def otter_export(path: Path, notebook: Path, marker: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conv-layer.ipynb", notebook.read_bytes())
        archive.writestr(".OTTER_LOG", pickle.dumps(_Unpickled(marker)))
        archive.writestr("__zip_filename__", path.name)


def make_folder(root: Path) -> tuple[Path, Path]:
    folder, marker = root / "submissions", root / "unpickled-marker"
    for relative, source in [("carol.ipynb", SAME), ("erin/conv-layer.ipynb", SAME),
                             ("alice/conv-layer.ipynb", EXAMPLES / "textbook_device_dtype.ipynb"),
                             ("bob/conv-layer.ipynb", EXAMPLES / "stubs_only.ipynb"),
                             ("smithjane_LATE_12345_678901_conv-layer.ipynb", EXAMPLES / "stubs_only.ipynb"),
                             ("Frank Moore_4242_assignsubmission_file_/conv-layer.ipynb", EXAMPLES / "full_marks.ipynb"),
                             ("zed.ipynb", EXAMPLES / "raising_cell.ipynb")]:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / relative)
    otter_export(folder / f"dave_conv-layer_{STAMP}.zip", SAME, marker)
    otter_export(folder / "bob" / f"conv-layer_{STAMP}.zip", EXAMPLES / "full_marks.ipynb", marker)
    (folder / "alice" / "helpers.py").write_text("def helper(): pass\n")
    (folder / "erin" / "notes.md").write_text("my notes\n")
    (folder / "notes.txt").write_text("grading notes\n")
    with zipfile.ZipFile(folder / "evil.zip", "w") as archive:
        archive.writestr("../../conv-layer.ipynb", SAME.read_bytes())
    (folder / "outside.ipynb").symlink_to(EXAMPLES / "full_marks.ipynb")
    return folder, marker


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path).encode() + (path.read_bytes() if path.is_file() and not path.is_symlink() else b""))
    return digest.hexdigest()


def convkit(*argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "convkit.cli", *map(str, argv)], capture_output=True, text=True,
                          timeout=600)


def grade(folder, output, roster) -> subprocess.CompletedProcess:
    return convkit("grade", folder, "--assignment", "conv-layer", "--output", output, "--roster", roster,
                   "--export", "canvas", "--export", "moodle", "--canvas-assignment", "Conv Layer (9876)",
                   "--quiet", "-j", "2", "--call-timeout", "5")


PLATFORM_FILES = ("final_grades.csv", "canvas_grades.csv", "moodle_grades.csv")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("intake")
    folder, marker = make_folder(root)
    roster = root / "roster.csv"
    roster.write_text(ROSTER)
    before = tree_digest(folder)
    output = root / "grades"
    run = grade(folder, output, roster)
    first = {name: (output / name).read_bytes() for name in PLATFORM_FILES}
    resumed = grade(folder, output, roster)
    after_resume = {name: (output / name).read_bytes() for name in PLATFORM_FILES}
    (output / "results" / "carol.json").unlink()  # one student re-graded
    (output / "results" / "alice.json").write_text("{ truncated")  # one result damaged
    regraded = grade(folder, output, roster)
    after_regrade = {name: (output / name).read_bytes() for name in PLATFORM_FILES}
    return dict(root=root, folder=folder, output=output, marker=marker, run=run, first=first, resumed=resumed,
                after_resume=after_resume, regraded=regraded, after_regrade=after_regrade,
                untouched=tree_digest(folder) == before,
                rows={r["student"]: r for r in csv.DictReader(io.StringIO(first["final_grades.csv"].decode()))})


def test_one_row_per_student_roster_included(batch):
    assert batch["run"].returncode == 0, batch["run"].stderr
    assert sorted(batch["rows"]) == STUDENTS
    rows = batch["rows"]
    assert rows["gina"]["status"] == "missing" and rows["gina"]["total"] == "0" and rows["gina"]["file"] == ""
    assert rows["bob"]["status"].startswith(f"conflict: 2 candidate files (bob/conv-layer.ipynb, "
                                            f"bob/conv-layer_{STAMP}.zip:conv-layer.ipynb)")
    assert rows["bob"]["total"] == "0"
    assert rows["evil"]["status"] == ("zip refused: entry '../../conv-layer.ipynb' points outside the archive's "
                                      "folder; not on the roster")
    assert rows["zed"]["status"] == "graded; not on the roster"
    assert rows["jane"]["status"] == "graded; nothing attempted (every question is still its stub); late (Canvas)"
    assert rows["jane"]["file"] == "smithjane_LATE_12345_678901_conv-layer.ipynb"
    assert rows["frank"]["file"] == "Frank Moore_4242_assignsubmission_file_/conv-layer.ipynb"
    assert float(rows["frank"]["total"]) == float(rows["frank"]["possible"]) > 0
    assert rows["alice"]["file"] == "alice/conv-layer.ipynb"


def test_the_same_notebook_scores_the_same_however_it_arrives(batch):
    rows = batch["rows"]
    assert rows["carol"]["file"] == "carol.ipynb"
    assert rows["dave"]["file"] == f"dave_conv-layer_{STAMP}.zip:conv-layer.ipynb"
    assert rows["erin"]["file"] == "erin/conv-layer.ipynb"
    scores = [{k: v for k, v in rows[s].items() if k not in ("student", "file", "status")}
              for s in ("carol", "dave", "erin")]
    assert scores[0] == scores[1] == scores[2] and 0 < float(scores[0]["total"]) < float(scores[0]["possible"])
    assert not batch["marker"].exists()  # the export's .OTTER_LOG was never unpickled


NOT_GRADED = [
    "alice/helpers.py: alice: not named for conv-layer",
    f"bob/conv-layer.ipynb: bob: conflicting candidate (see the student's row)",
    f"bob/conv-layer_{STAMP}.zip: bob: conflicting candidate (see the student's row)",
    "erin/notes.md: not a notebook, .py or .zip file",
    "evil.zip: evil: zip refused: entry '../../conv-layer.ipynb' points outside the archive's folder",
    "notes.txt: not a notebook, .py or .zip file",
    "outside.ipynb: symbolic link to outside the folder; not followed",
]


def test_every_file_not_graded_is_listed_with_its_reason(batch):
    out = batch["run"].stdout
    assert f"not graded ({len(NOT_GRADED)}):" in out
    for line in NOT_GRADED:
        assert f"  {line}\n" in out
    assert "missing (1): gina" in out and "not on the roster (2): evil, zed" in out
    assert "10 students: 7 graded, 2 could not be graded, 1 missing" in out
    report = (batch["output"] / "report.md").read_text()
    for line in NOT_GRADED:
        path, reason = line.split(": ", 1)
        assert f"- `{path}`: {reason}" in report
    assert "## Missing (on the roster, no submission)\n\n- gina" in report
    assert "## Not on the roster\n\n- evil (`evil.zip`)\n- zed (`zed.ipynb`)" in report


def test_platform_files_follow_the_platforms_columns(batch):
    canvas = list(csv.reader(io.StringIO(batch["first"]["canvas_grades.csv"].decode())))
    assert canvas_header_accepted(canvas[0]) and canvas[0][5] == "Conv Layer (9876)"
    assert canvas[1][0] == "Points Possible" and canvas[1][5] == batch["rows"]["alice"]["possible"]
    by_name = {row[0]: row for row in canvas[2:]}
    assert len(canvas) - 2 == len(STUDENTS)
    assert by_name["Smith, Jane"][1] == "12345" and by_name["Smith, Jane"][5] == batch["rows"]["jane"]["total"]
    assert by_name["gina"][5] == "0"
    moodle = list(csv.DictReader(io.StringIO(batch["first"]["moodle_grades.csv"].decode())))
    frank = next(row for row in moodle if row["Full name"] == "Frank Moore")
    assert frank["Identifier"] == "Participant 4242" and frank["Email address"] == "frank@uni.edu"
    assert frank["Grade"] == batch["rows"]["frank"]["total"] == frank["Maximum Grade"]


def test_resuming_and_regrading_write_the_same_files(batch):
    resumed, regraded = batch["resumed"], batch["regraded"]
    assert resumed.returncode == 0 and "7 of 7 submissions already graded (unchanged); resuming" in resumed.stderr
    assert batch["after_resume"] == batch["first"]
    assert regraded.returncode == 0 and "5 of 7 submissions already graded" in regraded.stderr
    assert batch["after_regrade"] == batch["first"]


def test_nothing_written_beside_the_submissions(batch):
    assert batch["untouched"]
    assert not (batch["output"] / ".staging").exists()
    assert sorted(p.name for p in batch["root"].iterdir()) == ["grades", "roster.csv", "submissions"]
    feedback = sorted(p.name for p in (batch["output"] / "feedback").iterdir())
    assert feedback == [f"{s}.md" for s in STUDENTS]
    assert "No submission from you was found" in (batch["output"] / "feedback" / "gina.md").read_text()


def test_check_grades_the_notebook_inside_an_export_the_same_way(batch):
    export = batch["folder"] / f"dave_conv-layer_{STAMP}.zip"
    run = convkit("check", export, "--assignment", "conv-layer", "--call-timeout", "5")
    assert run.returncode == 0, run.stderr  # dave's questions are either right or not attempted
    assert run.stdout.startswith(f"{export}:conv-layer.ipynb — assignment conv-layer")
    row = batch["rows"]["dave"]
    assert f"{row['total']} / {row['possible']}" in run.stdout.splitlines()[-1]
    assert not batch["marker"].exists()
