"""Intake without grading: names, zips, symlinks, the candidate rule, result names.

Every case here is a folder a TA could really be handed; none needs a grader, so all of
it runs in a fraction of a second.
"""
import json
import os
import pickle
import zipfile
from pathlib import Path

import pytest

from convkit.intake import collect, open_zip, safe_name
from convkit.intake.archives import MAX_RATIO, MAX_UNPACKED_BYTES, ZipRefused, list_members, unsafe_name
from convkit.intake.names import (base_name, canvas_name_key, names_assignment, otter_timestamp, parse_file_name,
                                  parse_folder_name, student_from_loose_name)
from convkit.errors import ConvkitError

A = ["conv-layer"]
STAMP = "2026_11_30T10_00_00_123456"


def notebook_bytes(source="x = 1") -> bytes:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                       "cells": [{"cell_type": "code", "source": source, "metadata": {}, "outputs": []}]}).encode()


def otter_export(path: Path, notebook: bytes, name="conv-layer.ipynb") -> Path:
    """What ``grader.export()`` writes: the notebook, a pickled ``.OTTER_LOG``, ``__zip_filename__``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, notebook)
        archive.writestr(".OTTER_LOG", pickle.dumps({"log": "entries"}))
        archive.writestr("__zip_filename__", path.name)
    return path


def write(path: Path, data=b"x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def rows(intake):
    return {e.student: e for e in intake.entries}


def reasons(intake):
    return {n.path: n.reason for n in intake.not_graded}


# ---------------------------------------------------------------- names
@pytest.mark.parametrize("name, student, platform, user, late, original", [
    ("smithjohn_12345_678901_conv-layer.ipynb", "smithjohn", "canvas", "12345", False, "conv-layer.ipynb"),
    ("smithjohn_LATE_12345_678901_conv-layer-1.ipynb", "smithjohn", "canvas", "12345", True, "conv-layer-1.ipynb"),
    ("smith_jonesanna_77_88_hw.py", "smith_jonesanna", "canvas", "77", False, "hw.py"),
    ("anon_Xy12z_678901_conv-layer.ipynb", "anon_Xy12z", "canvas", "anon_Xy12z", False, "conv-layer.ipynb"),
    ("LATE_anon_Xy12z_678901_conv-layer.ipynb", "anon_Xy12z", "canvas", "anon_Xy12z", True, "conv-layer.ipynb"),
    (f"smithjohn_12345_678901_conv-layer_{STAMP}.zip", "smithjohn", "canvas", "12345", False, f"conv-layer_{STAMP}.zip"),
    ("John Smith_4242_assignsubmission_file_conv-layer.ipynb", "John Smith", "moodle", "4242", False, "conv-layer.ipynb"),
    ("Participant_4242_assignsubmission_file_conv-layer.ipynb", "Participant 4242", "moodle", "4242", False,
     "conv-layer.ipynb"),
    (f"conv-layer_{STAMP}.zip", None, None, None, False, f"conv-layer_{STAMP}.zip"),  # not Canvas's 2026_11_…
    ("alice.ipynb", None, None, None, False, "alice.ipynb"),
])
def test_platform_file_names(name, student, platform, user, late, original):
    origin = parse_file_name(name)
    assert (origin.student, origin.platform, origin.user_id, origin.late, origin.file_name) == \
        (student, platform, user, late, original)


def test_platform_folder_names():
    moodle = parse_folder_name("José Núñez_31_assignsubmission_file_")
    assert (moodle.student, moodle.platform, moodle.user_id) == ("José Núñez", "moodle", "31")
    assert parse_folder_name("Participant_31_assignsubmission_file_").student == "Participant 31"
    assert parse_folder_name("alice").student == "alice" and parse_folder_name("alice").platform is None


@pytest.mark.parametrize("name, student", [
    (f"bob_conv-layer_{STAMP}.zip", "bob"),
    ("bob_conv-layer_2026_11_30T10_00_00.zip", "bob"),
    ("conv-layer-bob.py", "bob"),
    ("Conv_Layer bob.ipynb", "bob"),
    ("alice.ipynb", "alice"),
    ("conv-layer.ipynb", "conv-layer"),
    (f"conv-layer_{STAMP}.zip", "conv-layer"),
    ("conv-layers.ipynb", "conv-layers"),
    ("conv-layer.zh.ipynb", "conv-layer"),
    (f"bob_conv-layer.zh_{STAMP}.zip", "bob"),
])
def test_student_from_a_loose_name(name, student):
    assert student_from_loose_name(name, A) == student


def test_assignment_names_and_timestamps():
    for name in ("conv-layer.ipynb", "Conv_Layer.ipynb", "conv-layer-1.ipynb", f"conv-layer_{STAMP}.zip",
                 "bob_conv-layer.py", "sub/conv-layer.ipynb"):
        assert names_assignment(name, "conv-layer"), name
    for name in ("channels.ipynb", "conv-layers.ipynb", "helpers.py", "layer.ipynb"):
        assert not names_assignment(name, "conv-layer"), name
    assert base_name(f"Conv_Layer-2_{STAMP}.zip") == "conv-layer"
    for name in ("conv-layer.zh.ipynb", f"conv-layer.zh_{STAMP}.zip", f"bob_conv-layer.zh_{STAMP}.zip"):
        assert names_assignment(name, "conv-layer"), name  # the Chinese notebook, and otter's export of it
    assert base_name(f"conv-layer.zh_{STAMP}.zip") == "conv-layer"
    assert otter_timestamp(f"x_{STAMP}.zip") == STAMP and otter_timestamp("x.zip") is None
    assert canvas_name_key("Smith, John") == canvas_name_key("smith_john") == "smithjohn"


# ---------------------------------------------------------------- zips
@pytest.mark.parametrize("entry", ["../conv-layer.ipynb", "a/../../conv-layer.ipynb", "/etc/conv-layer.ipynb",
                                   "C:/conv-layer.ipynb", "..\\conv-layer.ipynb"])
def test_zip_with_an_entry_outside_its_folder_is_refused(tmp_path, entry):
    assert unsafe_name(entry)
    folder = tmp_path / "subs"
    with zipfile.ZipFile(write(folder / "evil.zip", b""), "w") as archive:
        archive.writestr(entry, notebook_bytes())
    intake = collect(folder, A, staging=tmp_path / "staging")
    assert rows(intake)["evil"].status == f"zip refused: entry {entry!r} points outside the archive's folder"
    assert "zip refused" in reasons(intake)["evil.zip"]
    assert not (tmp_path / "staging").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["subs"]


def test_zip_with_a_symlink_entry_is_refused(tmp_path):
    info = zipfile.ZipInfo("conv-layer.ipynb")
    info.create_system, info.external_attr = 3, (0o120777 << 16)
    with zipfile.ZipFile(tmp_path / "link.zip", "w") as archive:
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(ZipRefused, match="is a symbolic link"):
        list_members(tmp_path / "link.zip")


def test_zip_bombs_are_refused_before_unpacking(tmp_path):
    ratio_bomb = tmp_path / "ratio_conv-layer.zip"
    with zipfile.ZipFile(ratio_bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conv-layer.ipynb", b"\0" * (4 * 2**20))  # 4 MiB of zeros: ~1000 to 1
    size_bomb = tmp_path / "size_conv-layer.zip"
    with zipfile.ZipFile(size_bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("conv-layer.ipynb", notebook_bytes())
        for index in range(MAX_UNPACKED_BYTES // (16 * 2**20) + 1):
            archive.writestr(f"padding/{index}.bin", b"\0" * (16 * 2**20))
    intake = collect(tmp_path, A, staging=tmp_path / "staging")
    statuses = {e.file: e.status for e in intake.entries}
    assert f"at most {MAX_RATIO} to 1" in statuses["ratio_conv-layer.zip"] and "zip bomb" in statuses["ratio_conv-layer.zip"]
    assert "would unpack to" in statuses["size_conv-layer.zip"] and "zip bomb" in statuses["size_conv-layer.zip"]


def test_broken_empty_and_nested_zips_get_rows_with_reasons(tmp_path):
    write(tmp_path / "broken.zip", b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("README.txt", "hello")
    with zipfile.ZipFile(tmp_path / "nested.zip", "w") as archive:
        archive.writestr("inner.zip", b"PK")
    intake = collect(tmp_path, A)
    statuses = {e.student: e.status for e in intake.entries}
    assert statuses["broken"].startswith("not a readable zip")
    assert statuses["empty"] == "no notebook or .py file inside"
    assert statuses["nested"] == "no notebook or .py file inside (zips inside a zip are not opened)"
    assert set(reasons(intake)) == {"broken.zip", "empty.zip", "nested.zip"}


def test_otter_export_stages_only_the_notebook(tmp_path):
    folder = tmp_path / "subs"
    export = otter_export(write(folder / f"bob_conv-layer_{STAMP}.zip", b""), notebook_bytes("y = 2"))
    before = export.read_bytes()
    intake = collect(folder, A, staging=tmp_path / "staging")
    bob = rows(intake)["bob"]
    assert bob.file == f"bob_conv-layer_{STAMP}.zip:conv-layer.ipynb" and bob.status is None
    assert bob.path == tmp_path / "staging" / "bob" / "conv-layer.ipynb"
    assert bob.path.read_bytes() == notebook_bytes("y = 2")
    assert [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*")) if p.is_file()] == \
        [f"staging/bob/conv-layer.ipynb", f"subs/bob_conv-layer_{STAMP}.zip"]
    assert export.read_bytes() == before and intake.not_graded == []


def test_zip_of_a_folder_grades_the_notebook_inside(tmp_path):
    with zipfile.ZipFile(tmp_path / "carol.zip", "w") as archive:
        archive.writestr("carol/conv-layer.ipynb", notebook_bytes())
        archive.writestr("carol/scratch.ipynb", notebook_bytes("scratch"))
        archive.writestr("__MACOSX/carol/._conv-layer.ipynb", b"\0\5\26\7")
        archive.writestr("carol/.ipynb_checkpoints/conv-layer-checkpoint.ipynb", notebook_bytes("old"))
    intake = collect(tmp_path, A, staging=tmp_path / "staging")
    assert rows(intake)["carol"].file == "carol.zip:carol/conv-layer.ipynb"
    assert reasons(intake) == {"carol.zip:carol/scratch.ipynb": "not named for conv-layer"}


def test_check_given_a_zip_picks_the_same_file(tmp_path):
    export = otter_export(tmp_path / f"conv-layer_{STAMP}.zip", notebook_bytes("z = 3"))
    staging = tmp_path / "staging"
    staging.mkdir()
    path, shown = open_zip(export, ["conv-layer", "channels"], staging)
    assert path.read_bytes() == notebook_bytes("z = 3") and shown == f"conv-layer_{STAMP}.zip:conv-layer.ipynb"
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as archive:
        archive.writestr("a.ipynb", notebook_bytes("a"))
        archive.writestr("b.ipynb", notebook_bytes("b"))
    with pytest.raises(ConvkitError, match=r"conflict: 2 candidate files \(two.zip:a.ipynb, two.zip:b.ipynb\)"):
        open_zip(tmp_path / "two.zip", ["conv-layer"], staging)


# ---------------------------------------------------------------- folders, links, special files
def test_symlinks_are_followed_only_to_files_inside(tmp_path):
    folder, outside = tmp_path / "subs", write(tmp_path / "secret.ipynb", notebook_bytes())
    write(folder / "alice.ipynb", notebook_bytes())
    (folder / "stolen.ipynb").symlink_to(outside)
    (folder / "alias.ipynb").symlink_to(folder / "alice.ipynb")
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    write(folder / "bob" / "conv-layer.ipynb", notebook_bytes("b"))
    (folder / "bob" / "linked").symlink_to(folder / "bob", target_is_directory=True)
    (folder / "bob" / "out.ipynb").symlink_to(outside)
    intake = collect(folder, A)
    assert reasons(intake) == {
        "stolen.ipynb": "symbolic link to outside the folder; not followed",
        "elsewhere/": "symbolic link to outside the folder; not followed",
        "bob/linked/": "symbolic link to a folder; not followed",
        "bob/out.ipynb": "symbolic link to outside the folder; not followed",
    }
    assert rows(intake)["alias"].path == folder / "alias.ipynb"  # a link inside the folder is a file like any


def test_special_files_and_hidden_ones_are_listed_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.ipynb")  # opening it would block forever
    write(tmp_path / ".DS_Store")
    write(tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb")
    write(tmp_path / "__MACOSX" / "._a.ipynb")
    write(tmp_path / "notes.txt")
    intake = collect(tmp_path, A)
    assert intake.entries == []
    assert reasons(intake) == {"pipe.ipynb": "not a regular file", ".DS_Store": "hidden or cache file",
                               ".ipynb_checkpoints/": "Jupyter's autosave folder", "__MACOSX/": "macOS metadata",
                               "notes.txt": "not a notebook, .py or .zip file"}


def test_student_folders_and_the_output_folder(tmp_path):
    write(tmp_path / "alice" / "work" / "conv-layer.ipynb", notebook_bytes())
    write(tmp_path / "alice" / "report.pdf", b"%PDF")
    write(tmp_path / "dave" / "report.pdf", b"%PDF")
    (tmp_path / "erin").mkdir()
    write(tmp_path / "grades" / "results" / "alice.json", b"{}")  # the batch's own output
    intake = collect(tmp_path, A, exclude=[tmp_path / "grades"])
    by_student = rows(intake)
    assert sorted(by_student) == ["alice", "dave", "erin"]
    assert by_student["alice"].file == "alice/work/conv-layer.ipynb"
    assert by_student["dave"].status == "no notebook, .py or .zip file in dave/"
    assert by_student["erin"].status == "no notebook, .py or .zip file in erin/"
    assert reasons(intake) == {"alice/report.pdf": "not a notebook, .py or .zip file",
                               "dave/report.pdf": "not a notebook, .py or .zip file"}


# ---------------------------------------------------------------- the candidate rule
def test_candidate_rule(tmp_path):
    same = notebook_bytes("same")
    write(tmp_path / "alice" / "conv-layer.ipynb", same)                        # 4: identical content once
    otter_export(tmp_path / "alice" / f"conv-layer_{STAMP}.zip", same)
    write(tmp_path / "alice" / "helpers.py")                                   # 1: not named
    write(tmp_path / "bob" / "conv-layer.ipynb", notebook_bytes("nb"))          # 3: notebook over .py
    write(tmp_path / "bob" / "conv-layer.py")
    otter_export(tmp_path / "carol" / "conv-layer_2026_11_29T10_00_00_000001.zip", notebook_bytes("old"))
    otter_export(tmp_path / "carol" / f"conv-layer_{STAMP}.zip", notebook_bytes("new"))  # 5: latest export
    write(tmp_path / "dave" / "conv-layer.ipynb", notebook_bytes("one"))         # 6: conflict
    write(tmp_path / "dave" / "Conv_Layer-1.ipynb", notebook_bytes("two"))
    write(tmp_path / "erin" / "conv-layer_2026_11_29T10_00_00.zip", b"junk")     # 2: unreadable set aside
    write(tmp_path / "erin" / "conv-layer.py")
    write(tmp_path / "frank.ipynb", notebook_bytes("f"))                         # duplicate stems
    write(tmp_path / "frank.py")
    intake = collect(tmp_path, A)
    by_student = rows(intake)
    assert by_student["alice"].file == "alice/conv-layer.ipynb"
    assert by_student["bob"].file == "bob/conv-layer.ipynb"
    assert by_student["carol"].file == f"carol/conv-layer_{STAMP}.zip:conv-layer.ipynb"
    assert by_student["dave"].status == ("conflict: 2 candidate files (dave/conv-layer.ipynb, dave/Conv_Layer-1.ipynb); "
                                        "remove all but one and grade again")
    assert by_student["dave"].path is None and by_student["dave"].file == ""
    assert by_student["erin"].file == "erin/conv-layer.py"
    assert by_student["frank"].file == "frank.ipynb"
    assert reasons(intake) == {
        f"alice/conv-layer_{STAMP}.zip": "alice: same content as alice/conv-layer.ipynb",
        "alice/helpers.py": "alice: not named for conv-layer",
        "bob/conv-layer.py": "bob: a notebook was submitted too (bob/conv-layer.ipynb): .py files count only without one",
        "carol/conv-layer_2026_11_29T10_00_00_000001.zip": f"carol: an older otter export than carol/conv-layer_{STAMP}.zip",
        "dave/Conv_Layer-1.ipynb": "dave: conflicting candidate (see the student's row)",
        "dave/conv-layer.ipynb": "dave: conflicting candidate (see the student's row)",
        "erin/conv-layer_2026_11_29T10_00_00.zip": "erin: not a readable zip (File is not a zip file)",
        "frank.py": "frank: a notebook was submitted too (frank.ipynb): .py files count only without one",
    }


def test_one_student_across_a_folder_and_loose_files(tmp_path):
    write(tmp_path / "Alice" / "conv-layer.ipynb", notebook_bytes("a"))
    otter_export(tmp_path / f"alice_conv-layer_{STAMP}.zip", notebook_bytes("a"))
    intake = collect(tmp_path, A)
    assert [(e.student, e.file) for e in intake.entries] == [("Alice", "Alice/conv-layer.ipynb")]


def test_result_names_are_unique_and_safe(tmp_path):
    for folder in ("John Smith_11_assignsubmission_file_", "John Smith_12_assignsubmission_file_", "张三", "a b", "a_b"):
        write(tmp_path / folder / "conv-layer.ipynb", notebook_bytes(folder))
    entries = collect(tmp_path, A).entries
    keys = sorted(e.key for e in entries)
    assert [e.student for e in entries].count("John Smith") == 2  # two Moodle participants of one name
    assert len(keys) == len(set(keys)) == 4  # "a b" and "a_b" are one student (spacing ignored)
    assert keys[0].startswith("John_Smith-") and keys[1].startswith("John_Smith-") and keys[2:] == ["a_b", "张三"]
    assert safe_name("../../etc/passwd") == "etc_passwd" and safe_name("...") == "student"


def test_a_folder_that_cannot_be_listed_is_listed_not_skipped(tmp_path, monkeypatch):
    write(tmp_path / "alice" / "conv-layer.ipynb", notebook_bytes())
    write(tmp_path / "alice" / "locked" / "conv-layer.ipynb", notebook_bytes("locked"))
    real_scandir = os.scandir

    def scandir(path="."):  # as an unreadable folder behaves for a user who is not root
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    intake = collect(tmp_path, A)
    assert reasons(intake) == {"alice/locked/": "cannot be read (Permission denied)"}
    assert rows(intake)["alice"].file == "alice/conv-layer.ipynb"
    def nothing_readable(path="."):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", nothing_readable)
    with pytest.raises(ConvkitError, match="cannot be listed"):
        collect(tmp_path, A)
