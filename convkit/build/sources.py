"""Reading the question sources (``questions/<assignment>/NN-<id>.md``), the one source of truth.

See ``questions/README.md`` for the format. Parsing is strict: a missing block, an unknown
role or a question id that the assignment does not have is an error naming the file, so
a typo cannot silently drop a question from every generated artefact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from convkit.assignments import Assignment
from convkit.errors import ConvkitError
from convkit.paths import KIT_ROOT

QUESTIONS_DIR = KIT_ROOT / "questions"
ROLES = ("setup", "stub", "solution", "public", "answer")
_HEADER = re.compile(r"<!--\s*(question:\s*(?P<id>\S+)(?P<manual>\s+manual)?|(?P<intro>intro))\s*-->")
_BLOCK = re.compile(r"^```(?:python|markdown)?\s+(?P<role>\w+)\s*\n(?P<body>.*?)^```\s*$", re.S | re.M)


@dataclass
class QuestionSource:
    id: str  # question id, or "intro" for the notebook's opening
    path: Path
    prose: str
    blocks: dict[str, str] = field(default_factory=dict)
    manual: bool = False

    @property
    def is_intro(self) -> bool:
        return self.id == "intro"

    def block(self, role: str) -> str:
        return self.blocks.get(role, "")


def parse(path: Path) -> QuestionSource:
    text = path.read_text(encoding="utf-8")
    header = _HEADER.search(text)
    if not header:
        raise ConvkitError(f"{path}: missing '<!-- question: ID -->' or '<!-- intro -->' header")
    blocks = {}
    for match in _BLOCK.finditer(text):
        role = match.group("role")
        if role not in ROLES:
            raise ConvkitError(f"{path}: unknown block role {role!r} (known: {', '.join(ROLES)})")
        if role in blocks:
            raise ConvkitError(f"{path}: two '{role}' blocks")
        blocks[role] = match.group("body").rstrip() + "\n"
    prose = _BLOCK.sub("", text[:header.start()] + text[header.end():]).strip() + "\n"
    prose = re.sub(r"\n{3,}", "\n\n", prose)
    question_id = "intro" if header.group("intro") else header.group("id")
    return QuestionSource(question_id, path, prose, blocks, manual=bool(header.group("manual")))


def load_sources(assignment: Assignment) -> list[QuestionSource]:
    """The intro and every question of ``assignment``, in notebook order, checked for completeness."""
    folder = QUESTIONS_DIR / assignment.id
    sources = [parse(p) for p in sorted(folder.glob("[0-9][0-9]-*.md"))]
    by_id = {s.id: s for s in sources}
    missing = [q.id for q in assignment.questions if q.id not in by_id]
    if missing:
        raise ConvkitError(f"{folder}: no source for question(s) {', '.join(missing)}")
    known = {q.id for q in assignment.questions} | {"intro"}
    for source in sources:
        if source.id not in known:
            raise ConvkitError(f"{source.path}: {source.id!r} is not a question of {assignment.id}")
        required = ("answer",) if source.manual else ("setup",) if source.is_intro else ("stub", "solution")
        for role in required:
            if role not in source.blocks:
                raise ConvkitError(f"{source.path}: missing the '{role}' block")
    return sources
