"""Which shard grades whom (``convkit grade --shard K/N``), and what ``convkit merge`` accepts.

Shard outputs are made here by hand (signed results and a manifest): no grading runs.
``tests/e2e/test_shards.py`` grades a real folder in shards and merges it.
"""
import json

import pytest

from convkit.errors import ConvkitError
from convkit.grading.results import SubmissionResult, results_key, save_result
from convkit.intake import Entry, Intake, NotGraded
from convkit.shards import MANIFEST, Shard, merge, parse_shard, select, shard_of, write_manifest


def test_parse_shard():
    assert parse_shard("2/5") == (2, 5)
    assert parse_shard("1/1") == (1, 1)
    for bad in ("0/3", "4/3", "2", "a/b", "1/0"):
        with pytest.raises(ConvkitError):
            parse_shard(bad)


def test_a_student_keeps_their_shard_whoever_else_submits():
    names = [f"student{i}" for i in range(400)]
    shards = {name: shard_of(name, 7) for name in names}
    assert set(shards.values()) == set(range(1, 8))  # every shard gets students
    assert all(40 <= list(shards.values()).count(k) <= 75 for k in range(1, 8))  # about a seventh each
    more = {name: shard_of(name, 7) for name in names + [f"late{i}" for i in range(100)]}
    assert all(more[name] == shards[name] for name in names)


def test_names_that_convkit_compares_equal_land_on_the_same_shard():
    assert shard_of("Alice_Liddell", 5) == shard_of("alice liddell", 5) == shard_of("ALICE-LIDDELL", 5)


def test_select_keeps_this_shards_students_and_every_file_not_graded():
    entries = [Entry(f"s{i}", key=f"s{i}") for i in range(30)]
    intake = Intake(entries, [NotGraded("notes.txt", "not a notebook, .py or .zip file")])
    parts = [select(intake, k, 3) for k in (1, 2, 3)]
    assert sorted(e.key for part, _ in parts for e in part.entries) == sorted(e.key for e in entries)
    assert all(part.not_graded == intake.not_graded for part, _ in parts)
    assert len({json.dumps(identity, sort_keys=True) for _, identity in parts}) == 1


def make_shard(folder, k, n, students, everyone=None, assignment="conv-layer"):
    """A shard's output as `convkit grade --shard` leaves it: signed results and the manifest."""
    folder.mkdir(parents=True)
    secret = results_key(folder)
    for student in students:
        save_result(SubmissionResult(file=f"{student}.ipynb", assignment=assignment, student=student),
                    folder / "results" / f"{student}.json", secret)
    _, identity = select(Intake([Entry(s, key=s) for s in everyone or students], []), k, n)
    write_manifest(folder, Shard(k, n, assignment, list(students), not_graded=[], settings={"exports": []},
                                 **identity))
    return folder


def test_merge_orders_every_student_as_one_machine_would(tmp_path):
    everyone = ["carol", "Alice", "bob", "dave"]
    shards = [make_shard(tmp_path / "a", 1, 2, ["carol", "Alice"], everyone),
              make_shard(tmp_path / "b", 2, 2, ["bob", "dave"], everyone)]
    merged = merge(shards, tmp_path / "out")
    assert [r.student for r in merged.results] == ["Alice", "bob", "carol", "dave"]
    assert merged.keys == ["Alice", "bob", "carol", "dave"]


@pytest.mark.parametrize("case, message", [
    ("missing", "2 shards expected: missing shard 2"),
    ("twice", "2 shards expected: missing shard 2; shard 1 given twice"),
    ("other folder", "differ in the students in the folder"),
    ("other assignment", "differ in assignment"),
    ("forged", "was not written by this grader"),
    ("not a shard", "not a shard's output (no shard.json)"),
])
def test_merge_refuses_what_is_not_one_complete_run(tmp_path, case, message):
    everyone = ["alice", "bob"]
    first = make_shard(tmp_path / "a", 1, 2, ["alice"], everyone)
    if case == "missing":
        folders = [first]
    elif case == "twice":
        folders = [first, make_shard(tmp_path / "b", 1, 2, ["alice"], everyone)]
    elif case == "other folder":
        folders = [first, make_shard(tmp_path / "b", 2, 2, ["bob"], everyone + ["carol"])]
    elif case == "other assignment":
        folders = [first, make_shard(tmp_path / "b", 2, 2, ["bob"], everyone, assignment="channels")]
    elif case == "forged":
        second = make_shard(tmp_path / "b", 2, 2, ["bob"], everyone)
        path = second / "results" / "bob.json"
        data = json.loads(path.read_text())
        data["questions"] = [{"id": "corr2d", "points": 7, "max_points": 7, "status": "passed", "tests": []}]
        path.write_text(json.dumps(data))
        folders = [first, second]
    else:
        (tmp_path / "b").mkdir()
        folders = [first, tmp_path / "b"]
    with pytest.raises(ConvkitError, match=message.replace("(", r"\(").replace(")", r"\)")):
        merge(folders, tmp_path / "out")


def test_merge_refuses_to_write_into_a_shard(tmp_path):
    first = make_shard(tmp_path / "a", 1, 1, ["alice"])
    with pytest.raises(ConvkitError, match="a folder of its own"):
        merge([first], first)
    assert (first / MANIFEST).exists()
