"""The assignments and their questions, as the question sources declare them.

Each question is declared once, in ``questions/<assignment>/NN-<id>.md`` (see
``questions/README.md``): its id, title, kind and order, and, through its stub, the names a
student defines. ``convkit build`` reads those files and writes this package's
``registry.json``, which this module reads, so the installed package, an autograder zip and
the graders need no ``questions/`` folder. ``convkit build --check`` fails when the file no
longer matches the sources.

A question's *points* are not declared for auto-graded questions: they are the sum of its
grader tests' points (``autograder/graders/<package>/test_<id>.py``), so they cannot drift
from the graders. A question graded by hand declares its points in its header.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from convkit.errors import ConvkitError
from convkit.paths import GRADERS_DIR

#: Written by ``convkit build`` from ``questions/``; read here at run time.
REGISTRY = Path(__file__).with_name("registry.json")


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    names: tuple[str, ...]  # what the stub defines: a student who defines none of them has not attempted it
    kind: Literal["auto", "manual"] = "auto"  # "manual": graded by a person, no grader
    points: float | None = None  # declared for a manual question only
    stub: str | None = None  # the code students start from: a question whose names are still the stub is not attempted
    answer: str | None = None  # a manual question's placeholder text: an answer left as it is was not written
    translated: tuple | None = None  # a manual question's (lang, title, answer) in each other language

    @property
    def manual(self) -> bool:
        return self.kind == "manual"

    def written_in(self, lang: str) -> tuple[str, str]:
        """(title, placeholder answer) as the notebook in ``lang`` shows them: how its answer cell is found."""
        for other, title, answer in self.translated or ():
            if other == lang:
                return title, answer
        return self.title, self.answer or ""

    @property
    def grader_file(self) -> str:
        """The grader module's name: ``test_<id>.py``, the id exactly as written (``test_Conv2D.py``)."""
        return f"test_{self.id}.py"


def package_name(assignment_id: str) -> str:
    """An assignment's Python name, ``conv-layer`` -> ``conv_layer``: its graders' and catalogue's
    folder, its reference module."""
    return assignment_id.replace("-", "_")


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    questions: tuple[Question, ...]
    titles: tuple = ()  # (lang, title) in each other language, from the intro's translations

    def title_in(self, lang: str) -> str:
        """The assignment's title as a report in ``lang`` shows it (English where none is translated)."""
        return dict(self.titles).get(lang, self.title)

    @property
    def package(self) -> str:
        return package_name(self.id)

    @property
    def graders_dir(self) -> Path:
        return GRADERS_DIR / self.package

    @property
    def auto_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.manual)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for q in self.questions for n in q.names)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise ConvkitError(f"unknown question {question_id!r} in assignment {self.id} (known: {known})")

    def grader_paths(self, question_ids=None) -> list[str]:
        """The grader modules of these auto-graded questions (all by default); a missing one is an error."""
        chosen = self.auto_questions if question_ids is None else [self.question(q) for q in question_ids]
        paths = [self.graders_dir / q.grader_file for q in chosen if not q.manual]
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise ConvkitError(f"no grader {', '.join(map(str, missing))} for assignment {self.id}; "
                               f"`convkit build --check` lists what the kit lacks")
        return [str(p) for p in paths]

    def to_dict(self) -> dict:
        questions = [{k: v for k, v in asdict(q).items() if v is not None} for q in self.questions]
        titles = {"titles": dict(self.titles)} if self.titles else {}
        return {"id": self.id, "title": self.title, **titles, "questions": questions}

    @classmethod
    def from_dict(cls, data: dict) -> "Assignment":
        questions = tuple(Question(**{**q, "names": tuple(q["names"]),
                                      **({"translated": tuple(map(tuple, q["translated"]))} if "translated" in q else {})})
                          for q in data["questions"])
        return cls(data["id"], data["title"], questions, tuple(sorted(data.get("titles", {}).items())))


def registry_json(assignments) -> str:
    """What ``convkit build`` writes to :data:`REGISTRY`."""
    data = {"generated": "by `convkit build` from questions/; do not edit",
            "assignments": [a.to_dict() for a in assignments]}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@cache
def registry() -> dict[str, Assignment]:
    """Every assignment by id, read once from :data:`REGISTRY`."""
    try:
        data = json.loads(REGISTRY.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConvkitError(f"{REGISTRY} is missing: run `convkit build` in the kit's checkout") from None
    return {a["id"]: Assignment.from_dict(a) for a in data["assignments"]}


def __getattr__(name: str):
    """``ASSIGNMENTS`` is read on first use, so ``convkit build`` runs even where the registry is stale or missing."""
    if name == "ASSIGNMENTS":
        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_assignment(assignment_id: str) -> Assignment:
    try:
        return registry()[assignment_id]
    except KeyError:
        known = ", ".join(registry())
        raise ConvkitError(f"unknown assignment {assignment_id!r} (known: {known})") from None


def detect_assignment(defined_names) -> Assignment:
    """The assignment whose names the submission defines most (the first in the registry on a tie)."""
    defined = set(defined_names)
    return max(registry().values(), key=lambda a: sum(1 for n in a.names if n in defined))
