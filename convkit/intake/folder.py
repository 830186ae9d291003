"""From a folder a TA collected to one row per student, and a reason for every file not graded.

Accepted layouts, mixed freely:

- notebooks, ``.py`` files and zips directly in the folder: the student is named by the
  file (``alice.ipynb`` → alice; ``bob_conv-layer_<timestamp>.zip`` → bob; Canvas's and
  Moodle's download names → the name they carry; see :mod:`convkit.intake.names`);
- one level of per-student folders (``alice/conv-layer.ipynb``; Moodle's
  ``Full Name_123_assignsubmission_file_/``): the folder names the student, and every
  notebook, ``.py`` file and zip in it, at any depth, is a candidate;
- zips (otter's export, a zipped folder): the notebook or ``.py`` file inside is graded,
  read as bytes into a private staging folder (nothing else in the zip is ever opened).

A student with several candidates gets one by the rule of :mod:`convkit.intake.candidates`.
Symbolic links are followed only to files inside the folder; hidden files, Jupyter's
checkpoints and macOS's ``__MACOSX`` are never graded. All of these are listed as not
graded, with their reason.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from convkit.errors import ConvkitError
from convkit.intake.archives import IGNORED_FOLDERS, ZipRefused
from convkit.intake.candidates import (CANDIDATE_SUFFIXES, Candidate, Choice, choose, file_candidate,
                                       zip_candidate)
from convkit.intake.names import Origin, normalise, parse_file_name, parse_folder_name, student_from_loose_name

NOT_A_SUBMISSION = "not a notebook, .py or .zip file"
MISSING = "missing"
NOT_ON_ROSTER = "not on the roster"


@dataclass
class Entry:
    """One row of the grades: a student, what is graded for them, or why nothing is."""

    student: str
    file: str = ""                 # what is graded, as the TA sees it ("" when nothing is)
    path: Path | None = None       # the file the grader reads (a staged copy for a zip member)
    status: str | None = None      # the row's status when nothing is graded: "missing", a conflict, ...
    origin: Origin | None = None
    roster: object = None          # the RosterStudent matched, if a roster was given
    flags: list[str] = field(default_factory=list)  # "late (Canvas)", "not on the roster"
    key: str = ""                  # name of results/<key>.json and feedback/<key>.md
    candidate: Candidate | None = None

    @property
    def ids(self) -> dict[str, str]:
        """What platforms know this student by: the roster's columns, and ids from file names."""
        ids = dict(self.roster.ids()) if self.roster is not None else {}
        if self.origin is not None and self.origin.user_id and not self.origin.user_id.startswith("anon_"):
            field_name = {"canvas": "canvas_id", "moodle": "participant"}[self.origin.platform]
            ids.setdefault(field_name, self.origin.user_id)
        return ids


@dataclass(frozen=True)
class NotGraded:
    path: str      # relative to the folder, "/" after a folder, "zip:member" inside a zip
    reason: str


@dataclass
class Intake:
    entries: list[Entry]
    not_graded: list[NotGraded]
    folder: Path | None = None  # what was collected (private to sandboxes, like the output)


@dataclass
class _Student:
    student: str
    origin: Origin | None
    roster: object = None
    roster_note: str | None = None
    candidates: list[tuple[Candidate, Origin]] = field(default_factory=list)
    empty_reason: str | None = None  # a student folder with nothing to grade in it


def collect(folder: Path, assignment_ids, roster=None, staging: Path | None = None, exclude=()) -> Intake:
    """Find every submission in ``folder``; zip members chosen are copied into ``staging``."""
    collector = _Collector(_root(folder), list(assignment_ids), roster)
    excluded = {Path(p).resolve() for p in exclude}
    try:
        items = sorted(os.scandir(collector.root), key=lambda e: e.name)
    except OSError as error:
        raise ConvkitError(f"{folder}: cannot be listed ({error.strerror or error})") from None
    for item in items:
        if Path(item.path).resolve() not in excluded:
            collector.add(Path(item.path))
    entries = collector.entries()
    assign_keys(entries)
    if staging is not None:
        stage(entries, staging, collector.not_graded)
    entries.sort(key=lambda e: (e.student.casefold(), e.key))
    return Intake(entries, sorted(collector.not_graded, key=lambda n: n.path), Path(folder))


class _Collector:
    """Students found so far (grouped by roster row, platform id or name) and files not graded."""

    def __init__(self, root: Path, assignment_ids: list[str], roster):
        self.root, self.assignment_ids, self.roster = root, assignment_ids, roster
        self.students: dict[tuple, _Student] = {}
        self.not_graded: list[NotGraded] = []

    def add(self, path: Path) -> None:
        """One entry of the folder's top level: a student folder, a candidate file, or a reason."""
        reason = _skip_reason(path, self.root, path.name)
        if reason:
            self.not_graded.append(NotGraded(path.name + ("/" if path.is_dir() else ""), reason))
        elif _is_dir(path):
            origin = parse_folder_name(path.name)
            owner = self.student_for(origin.student, origin)
            found = _folder_candidates(path, path.name, self.root, self.assignment_ids, self.not_graded)
            owner.candidates += [(c, parse_file_name(c.source.name)) for c in found]
            if not found:
                owner.empty_reason = f"no notebook, .py or .zip file in {path.name}/"
        elif path.suffix.lower() in CANDIDATE_SUFFIXES:
            origin = parse_file_name(path.name)
            name = origin.student or student_from_loose_name(origin.file_name, self.assignment_ids)
            candidate = _candidate(path, path.name, origin.file_name, self.assignment_ids)
            self.student_for(name, origin).candidates.append((candidate, origin))
        else:
            self.not_graded.append(NotGraded(path.name, NOT_A_SUBMISSION))

    def student_for(self, name: str, origin: Origin) -> _Student:
        match, note = self.roster.match(name, origin) if self.roster is not None else (None, None)
        key = ("roster", match.student) if match else origin.platform_key or ("name", normalise(name))
        if key not in self.students:
            self.students[key] = _Student(match.student if match else name, origin, match, note)
        return self.students[key]

    def entries(self) -> list[Entry]:
        """One entry per student found, then one per roster student not found (``missing``)."""
        entries = [_entry(s, self.assignment_ids, self.roster, self.not_graded) for s in self.students.values()]
        if self.roster is not None:
            matched = {s.roster.student for s in self.students.values() if s.roster is not None}
            entries += [Entry(r.student, status=MISSING, roster=r) for r in self.roster.students
                        if r.student not in matched]
        return entries


def _root(folder: Path) -> Path:
    folder = Path(folder)
    if not folder.exists():
        raise ConvkitError(f"{folder}: no such directory")
    if not folder.is_dir():
        raise ConvkitError(f"{folder}: not a directory")
    return folder.resolve()


def _is_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _skip_reason(path: Path, root: Path, name: str) -> str | None:
    """Why a folder entry is never a submission (or a student folder), if it is not."""
    if name.startswith(".") or name in IGNORED_FOLDERS:
        return "Jupyter's autosave folder" if name == ".ipynb_checkpoints" else \
            "macOS metadata" if name == "__MACOSX" else "hidden or cache file"
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            return "symbolic link to outside the folder; not followed"
        if target.is_dir():
            return "symbolic link to a folder; not followed"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a regular file"
    return None


def _folder_candidates(folder: Path, shown: str, root: Path, assignment_ids, not_graded) -> list[Candidate]:
    """Every candidate in a student's folder, at any depth; the rest is listed as not graded."""
    found = []

    def unreadable(error: OSError) -> None:  # os.walk would skip a folder it cannot list without a word
        where = Path(error.filename).relative_to(folder).as_posix() if error.filename else "."
        shown_path = shown if where == "." else f"{shown}/{where}"
        not_graded.append(NotGraded(f"{shown_path}/", f"cannot be read ({error.strerror or error})"))

    for directory, subfolders, files in os.walk(folder, onerror=unreadable):
        here = Path(directory)
        relative = here.relative_to(folder).as_posix()
        prefix = shown if relative == "." else f"{shown}/{relative}"
        for name in sorted(subfolders):
            reason = _skip_reason(here / name, root, name)
            if reason or (here / name).is_symlink():  # os.walk does not follow links; say so
                not_graded.append(NotGraded(f"{prefix}/{name}/", reason or "symbolic link to a folder; not followed"))
                subfolders.remove(name)
        for name in sorted(files):
            path = here / name
            reason = _skip_reason(path, root, name)
            if reason:
                not_graded.append(NotGraded(f"{prefix}/{name}", reason))
            elif path.suffix.lower() in CANDIDATE_SUFFIXES:
                found.append(_candidate(path, f"{prefix}/{name}", parse_file_name(name).file_name, assignment_ids))
            else:
                not_graded.append(NotGraded(f"{prefix}/{name}", NOT_A_SUBMISSION))
    return found


def _candidate(path: Path, shown: str, original_name: str, assignment_ids) -> Candidate:
    if path.suffix.lower() == ".zip":
        return zip_candidate(path, shown, original_name, assignment_ids)
    return file_candidate(path, shown, original_name)


def _entry(owner: _Student, assignment_ids, roster, not_graded) -> Entry:
    entry = Entry(owner.student, origin=owner.origin, roster=owner.roster)
    candidates = [c for c, _ in owner.candidates]
    for candidate in candidates:
        not_graded += [NotGraded(shown, reason) for shown, reason in candidate.set_aside]
    if not candidates:
        entry.status = owner.empty_reason
    else:
        choice: Choice = choose(candidates, assignment_ids)
        not_graded += [NotGraded(shown, f"{owner.student}: {reason}") for shown, reason in choice.set_aside]
        entry.file, entry.status, entry.candidate = choice.file, choice.problem, choice.chosen
        if choice.chosen is not None:
            origin = next(o for c, o in owner.candidates if c is choice.chosen)
            entry.origin = origin if origin.platform else owner.origin
            if choice.chosen.member is None:
                entry.path = choice.chosen.source
    if entry.origin is not None and entry.origin.late:
        entry.flags.append(f"late ({entry.origin.platform.capitalize()})")
    if roster is not None and owner.roster is None:
        entry.flags.append(NOT_ON_ROSTER + (f": {owner.roster_note}" if owner.roster_note else ""))
    return entry


# ------------------------------------------------------------------ names of results
def safe_name(student: str) -> str:
    """A file name for a student's results: letters (any script), digits, ``.``, ``_``, ``-``."""
    name = re.sub(r"[^\w.\-]+", "_", student, flags=re.UNICODE).strip("._") or "student"
    return name[:80]


def assign_keys(entries: list[Entry]) -> None:
    """Unique, safe result names; students whose names collide (ignoring case) get a short hash each."""
    by_name: dict[str, list[Entry]] = {}
    for entry in entries:
        by_name.setdefault(safe_name(entry.student).casefold(), []).append(entry)
    for group in by_name.values():
        for entry in group:
            entry.key = safe_name(entry.student)
            if len(group) > 1:
                identity = f"{entry.student}\0{entry.ids}\0{entry.file}"
                entry.key += "-" + hashlib.sha256(identity.encode()).hexdigest()[:8]


# ------------------------------------------------------------------ staging
def stage(entries: list[Entry], staging: Path, not_graded) -> None:
    """Copy each chosen zip member to ``staging/<key>/`` (a fresh private folder) for the grader to read."""
    for entry in entries:
        candidate = entry.candidate
        if candidate is None or candidate.member is None:
            continue
        target = staging / entry.key / safe_name(candidate.member.name.replace("\\", "/").rsplit("/", 1)[-1])
        try:
            data = candidate.read()
        except (ZipRefused, OSError) as error:  # the zip changed since it was listed
            entry.status, entry.candidate = str(error), None
            not_graded.append(NotGraded(entry.file, str(error)))
            continue
        target.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        target.write_bytes(data)
        entry.path = target
