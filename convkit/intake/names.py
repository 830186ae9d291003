"""What a file or folder name says about who submitted it, as learning platforms write them.

Parsing only: nothing here touches the file system. The patterns come from the platforms'
own code, so they hold for every "download all submissions" archive:

Canvas (``lib/content_zipper.rb``)
    ``<name>[_LATE]_<user id>_<attachment id>_<file name>``, where ``<name>`` is the
    student's sortable name ("Smith, John") lower-cased with every character that is not a
    letter, digit or ``_`` removed (``smithjohn``), and ``<user id>`` is
    ``anon_<anonymous id>`` (with no name) when the assignment is graded anonymously.
    Canvas appends ``-1``, ``-2`` to a file uploaded again under the same name.
Moodle (``mod/assign/locallib.php``, *download submissions in folders*, the default)
    a folder ``<Full Name>_<participant id>_assignsubmission_file_`` per student, holding
    the files as uploaded; without folders each file is
    ``<Full Name>_<participant id>_assignsubmission_file_<file name>``. Under blind marking
    the name is "Participant" and the student is known as ``Participant <id>``.
otter (``Notebook.export``)
    ``<notebook stem>_<YYYY_MM_DDTHH_MM_SS_ffffff>.zip``, the notebook and ``.OTTER_LOG``
    inside.
convkit (``convkit build``)
    a notebook in another language than English carries its language before the suffix,
    ``conv-layer.zh.ipynb`` (exported as ``conv-layer.zh_<timestamp>.zip``): the tag is not
    part of the name that says which assignment it is, nor of the student's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from convkit.languages import split_tag

_OTTER_TIMESTAMP = re.compile(r"_(\d{4}_\d{2}_\d{2}T\d{2}_\d{2}_\d{2}(?:_\d{1,6})?)$")
_CANVAS_ANONYMOUS = re.compile(r"^(?:(?P<late>LATE)_)?(?P<user>anon_[A-Za-z0-9]+)_(?P<attachment>\d+)_(?P<file>.+)$")
_CANVAS = re.compile(r"^(?P<name>\w+?)(?P<late>_LATE)?_(?P<user>\d+)_(?P<attachment>\d+)_(?P<file>.+)$")
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<user>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>.*)$")
_CANVAS_RESUBMITTED = re.compile(r"-\d+$")
#: Moodle's English "Participant" (get_string('participant', 'assign')), the name under blind marking.
MOODLE_BLIND_NAME = "Participant"


@dataclass(frozen=True)
class Origin:
    """Who a name says submitted a file, and what the file was called before the platform renamed it.

    ``student`` is None when the name says nothing about the student (a plain
    ``conv-layer.ipynb``). ``user_id`` is the platform's id: Canvas's user id (or
    ``anon_…``), Moodle's participant number.
    """

    file_name: str
    student: str | None = None
    platform: str | None = None
    user_id: str | None = None
    late: bool = False

    @property
    def platform_key(self) -> tuple[str, str] | None:
        return (self.platform, self.user_id) if self.platform and self.user_id else None


def parse_file_name(name: str) -> Origin:
    """A top-level file's name: a Canvas or Moodle download's, or a name as a student chose it."""
    moodle = _MOODLE.match(name)
    if moodle and moodle["file"]:
        return Origin(moodle["file"], _moodle_student(moodle), "moodle", moodle["user"])
    stem, suffix = _split_suffix(name)
    timestamp = _OTTER_TIMESTAMP.search(stem)
    bare = (stem[:timestamp.start()] if timestamp else stem) + suffix
    canvas = _CANVAS_ANONYMOUS.match(bare) or _CANVAS.match(bare)
    if canvas:
        original = canvas["file"]
        if timestamp:  # an otter export renamed by Canvas: keep its timestamp in the original name
            original_stem, original_suffix = _split_suffix(original)
            original = original_stem + timestamp.group(0) + original_suffix
        student = canvas.groupdict().get("name") or canvas["user"]  # anonymous grading: anon_<id>
        return Origin(original, student, "canvas", canvas["user"], bool(canvas["late"]))
    return Origin(name)


def parse_folder_name(name: str) -> Origin:
    """A per-student folder's name: Moodle's ``Full Name_123_assignsubmission_file_``, or the student itself."""
    moodle = _MOODLE.match(name)
    if moodle and not moodle["file"]:
        return Origin("", _moodle_student(moodle), "moodle", moodle["user"])
    return Origin("", name)


def _moodle_student(match) -> str:
    name = match["name"]
    return f"{name} {match['user']}" if name == MOODLE_BLIND_NAME else name


def _split_suffix(name: str) -> tuple[str, str]:
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if dot > 0 else (name, "")


def otter_timestamp(file_name: str) -> str | None:
    """``2026_11_30T10_00_00_123456`` for an otter export's name (sortable as text), else None."""
    stem, _ = _split_suffix(file_name)
    found = _OTTER_TIMESTAMP.search(stem)
    return found.group(1) if found else None


def normalise(text: str) -> str:
    """Case, spaces, underscores and hyphens ignored: ``Conv_Layer`` and ``conv-layer`` compare equal."""
    return re.sub(r"[\s_\-]+", "-", text.strip().casefold()).strip("-")


def base_name(file_name: str) -> str:
    """The part of a file name that says which assignment it is: no suffix, export timestamp, ``-1`` or
    language tag (``.zh``)."""
    stem, _ = _split_suffix(file_name.rsplit("/", 1)[-1])
    found = _OTTER_TIMESTAMP.search(stem)
    if found:
        stem = stem[:found.start()]
    return normalise(split_tag(_CANVAS_RESUBMITTED.sub("", stem))[0])


def names_assignment(file_name: str, assignment_id: str) -> bool:
    """Whether ``file_name`` is named for the assignment: ``conv-layer.ipynb``, ``Conv_Layer-1.ipynb``,
    ``bob_conv-layer_<timestamp>.zip``, ``conv-layer-bob.py``."""
    base, wanted = base_name(file_name), normalise(assignment_id)
    return base == wanted or base.startswith(wanted + "-") or base.endswith("-" + wanted)


def student_from_loose_name(file_name: str, assignment_ids) -> str:
    """The student a loose file's own name gives: its stem without export timestamp or assignment name.

    ``bob_conv-layer_2026_11_30T10_00_00.zip`` is bob's; ``alice.ipynb`` is alice's; a name
    that is only the assignment's (``conv-layer.ipynb``) stands for itself.
    """
    stem, _ = _split_suffix(file_name)
    found = _OTTER_TIMESTAMP.search(stem)
    if found:
        stem = stem[:found.start()]
    stem = split_tag(stem)[0]
    for assignment_id in assignment_ids:
        pattern = re.compile(r"(^|[\s_\-]+)" + r"[\s_\-]+".join(map(re.escape, re.split(r"[\s_\-]+", assignment_id)))
                             + r"(?:-\d+)?($|[\s_\-]+)", re.IGNORECASE)
        match = pattern.search(stem)
        if match and (match.start() == 0 or match.end() == len(stem)):
            rest = (stem[:match.start()] + stem[match.end():]).strip(" _-")
            if rest:
                return rest
    return stem or file_name


def canvas_name_key(name: str) -> str:
    """A name as Canvas writes it into file names: lower case, letters and digits only ("Smith, John" → "smithjohn")."""
    return re.sub(r"[\W_]+", "", name.casefold())
