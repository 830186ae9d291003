"""A student's candidate files, and the rule that picks the one to grade.

A *candidate* is a notebook, a ``.py`` file or a zip (standing for the notebook or ``.py``
file chosen inside it by this same rule). When a student has several, :func:`choose`
applies, in order:

1. **named for the assignment**: if some candidates are (``conv-layer.ipynb``,
   ``conv-layer_<timestamp>.zip``, ``Conv_Layer-1.ipynb``, ``bob_conv-layer.py``, or a zip
   whose chosen file is), only those count;
2. **readable**: a candidate that cannot be read (a broken or refused zip, a file too
   large) counts only when nothing else is left, and then its reason is the row's status;
3. **notebooks first**: when a notebook is left, ``.py`` files are set aside;
4. **identical content counts once** (a notebook and the otter export of it);
5. **the latest otter export**: of several ``<name>_<timestamp>.zip`` exports, the one
   with the latest timestamp;
6. if more than one is still left, nothing is guessed: the student's row scores 0 and its
   status names the conflicting files.

Every candidate set aside is reported with its reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from convkit.intake.archives import (MAX_FILE_BYTES, Member, ZipRefused, digest, ignored_member, list_members,
                                     read_member)
from convkit.intake.names import names_assignment, otter_timestamp

GRADABLE = (".ipynb", ".py")
CANDIDATE_SUFFIXES = (*GRADABLE, ".zip")


@dataclass
class Candidate:
    shown: str                 # what the TA sees: "alice/conv-layer.ipynb", "bob.zip:conv-layer.ipynb"
    source: Path               # the file on disk (the zip, for a member)
    names: tuple[str, ...]     # names the assignment rule looks at (original file name; member name)
    member: Member | None = None
    digest: str | None = None  # of the content that would be graded
    problem: str | None = None
    timestamp: str | None = None
    set_aside: list[tuple[str, str]] = field(default_factory=list)  # zip members not chosen: (shown, reason)
    is_zip: bool = False       # a whole zip (its chosen member in ``member``), not a member listed alone

    @property
    def graded_file(self) -> str:
        """What the grades name as graded: ``bob.zip:conv-layer.ipynb`` for a zip."""
        return f"{self.shown}:{self.member.name}" if self.is_zip and self.member else self.shown

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.member.name if self.member else self.source.name).suffix.lower()

    def named_for(self, assignment_ids) -> bool:
        return any(names_assignment(name, a) for name in self.names for a in assignment_ids)

    def read(self) -> bytes:
        """The content to grade (raises :class:`ZipRefused` or ``OSError``)."""
        return read_member(self.source, self.member) if self.member else self.source.read_bytes()


@dataclass
class Choice:
    chosen: Candidate | None
    problem: str | None = None                                 # the row's status when nothing is chosen
    set_aside: list[tuple[str, str]] = field(default_factory=list)  # (shown, reason), for "not graded"
    file: str = ""                                             # the row's file: the chosen one, or the one that failed


def file_candidate(path: Path, shown: str, original_name: str) -> Candidate:
    """A loose notebook or .py file (``original_name``: its name before a platform prefixed it)."""
    candidate = Candidate(shown, path, (original_name,))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            candidate.problem = f"too large to grade ({size / 2**20:.0f} MiB; at most {MAX_FILE_BYTES // 2**20} MiB)"
        else:
            candidate.digest = digest(path.read_bytes())
    except OSError as error:
        candidate.problem = f"cannot be read ({error.strerror or error})"
    return candidate


def zip_candidate(path: Path, shown: str, original_name: str, assignment_ids) -> Candidate:
    """A zip, standing for the notebook or .py file chosen inside it; never extracted here."""
    candidate = Candidate(shown, path, (original_name,), timestamp=otter_timestamp(original_name), is_zip=True)
    try:
        members = list_members(path)
    except ZipRefused as refused:
        candidate.problem = str(refused)
        return candidate
    inner = [Candidate(f"{shown}:{m.name}", path, (m.name,), member=m) for m in members
             if PurePosixPath(m.name).suffix.lower() in GRADABLE and not ignored_member(m.name)]
    if not inner:
        nested = any(m.name.lower().endswith(".zip") for m in members)
        candidate.problem = "no notebook or .py file inside" + (" (zips inside a zip are not opened)" if nested else "")
        return candidate
    for member in inner:
        try:
            member.digest = digest(member.read())
        except ZipRefused as refused:
            member.problem = str(refused)
    choice = choose(inner, assignment_ids)
    candidate.set_aside = choice.set_aside
    if choice.chosen is None:
        candidate.problem = choice.problem
        return candidate
    candidate.member, candidate.digest = choice.chosen.member, choice.chosen.digest
    candidate.names = (original_name, choice.chosen.member.name)
    return candidate


def choose(candidates: list[Candidate], assignment_ids) -> Choice:
    """Apply the rule of the module docstring to one student's candidates."""
    assignment_ids = list(assignment_ids)
    left = sorted(candidates, key=lambda c: (len(c.shown), c.shown))
    set_aside: list[tuple[str, str]] = []

    def keep(kept: list[Candidate], reason) -> list[Candidate]:
        for candidate in left:
            if candidate not in kept:
                set_aside.append((candidate.shown, reason(candidate)))
        return kept

    named = [c for c in left if c.named_for(assignment_ids)]
    if named:
        what = " or ".join(assignment_ids)
        left = keep(named, lambda c: f"not named for {what}")
    readable = [c for c in left if c.problem is None]
    if not readable:
        if len(left) == 1:
            return Choice(None, left[0].problem, set_aside + [(left[0].shown, left[0].problem)], left[0].shown)
        problem = "; ".join(f"{c.shown}: {c.problem}" for c in left)
        return Choice(None, problem, set_aside + [(c.shown, c.problem) for c in left])
    left = keep(readable, lambda c: c.problem)
    notebooks = [c for c in left if c.suffix == ".ipynb"]
    if notebooks:
        left = keep(notebooks, lambda c: f"a notebook was submitted too ({_names(notebooks)}): .py files count only without one")
    first_of = {}
    for candidate in left:
        first_of.setdefault(candidate.digest, candidate)
    left = keep(list(first_of.values()), lambda c: f"same content as {first_of[c.digest].graded_file}")
    exports = [c for c in left if c.timestamp]
    if len(exports) > 1:
        latest = max(exports, key=lambda c: c.timestamp)
        left = keep([c for c in left if c is latest or not c.timestamp], lambda c: f"an older otter export than {latest.shown}")
    if len(left) == 1:
        return Choice(left[0], None, set_aside, left[0].graded_file)
    problem = f"conflict: {len(left)} candidate files ({_names(left)}); remove all but one and grade again"
    return Choice(None, problem, set_aside + [(c.shown, "conflicting candidate (see the student's row)") for c in left])


def _names(candidates) -> str:
    return ", ".join(c.graded_file for c in candidates)
