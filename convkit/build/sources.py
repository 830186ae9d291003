"""Reading the question sources (``questions/<assignment>/NN-<id>.md``), the one source of truth.

See ``questions/README.md`` for the format. Everything else about a question is derived
from its file: its order (the ``NN`` prefix), its names (the stub's top-level ``def`` and
``class`` statements), its title (its heading), and the assignment it belongs to (the
folder, whose ``00-intro.md`` declares the assignment). Parsing is strict: a missing
block, an unknown role, a header that disagrees with its file name is an error naming the
file, so a typo cannot silently drop a question from every generated artefact.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from convkit.assignments import Assignment, Question
from convkit.errors import ConvkitError
from convkit.paths import KIT_ROOT

QUESTIONS_DIR = KIT_ROOT / "questions"
ROLES = ("setup", "stub", "solution", "public", "answer", "textbook")
#: Where an intro lists the assignment's questions (a table made from their headers).
QUESTION_TABLE = "<!-- questions -->"
_HEADER = re.compile(r"<!--\s*(?P<what>question|assignment):\s*(?P<id>[\w-]+)(?P<options>[^>]*?)\s*-->")
_BLOCK = re.compile(r"^```(?:python|markdown)?\s+(?P<role>\w+)\s*\n(?P<body>.*?)^```\s*$", re.S | re.M)
_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<title>.+?)[ \t]*$", re.M)
_FILE = re.compile(r"^(?P<order>\d\d)-(?P<id>[\w-]+)\.md$")


@dataclass
class QuestionSource:
    """One parsed file: the intro (``kind == "intro"``) or a question."""

    id: str  # question id, or the assignment id for the intro
    path: Path
    prose: str  # Markdown outside the blocks, heading numbered (see :func:`read_assignment`)
    blocks: dict[str, str] = field(default_factory=dict)
    kind: str = "auto"  # "auto", "manual" or "intro"
    points: float | None = None  # a manual question's points
    title: str = ""

    @property
    def is_intro(self) -> bool:
        return self.kind == "intro"

    @property
    def manual(self) -> bool:
        return self.kind == "manual"

    def block(self, role: str) -> str:
        return self.blocks.get(role, "")

    @property
    def names(self) -> tuple[str, ...]:
        """The names the stub defines at top level, in order: what a student must define."""
        return defined_names(self.block("stub"), self.path)

    def question(self) -> Question:
        return Question(self.id, self.title, self.names, "manual" if self.manual else "auto", self.points,
                        stub=self.block("stub") or None, answer=self.block("answer") or None)


def defined_names(code: str, path: Path) -> tuple[str, ...]:
    """Top-level ``def`` and ``class`` names of ``code``."""
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise ConvkitError(f"{path}: the stub is not valid Python (line {error.lineno}: {error.msg})") from None
    return tuple(node.name for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))


def parse(path: Path) -> QuestionSource:
    """One file; its header must match its name (``07-<id>.md`` declares ``<id>``)."""
    text = path.read_text(encoding="utf-8")
    header = _HEADER.search(text)
    if not header:
        raise ConvkitError(f"{path}: missing '<!-- question: ID -->' or '<!-- assignment: ID -->' header")
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
    heading = _HEADING.search(prose)
    if not heading:
        raise ConvkitError(f"{path}: no heading (its title, e.g. '## Cross-correlation')")
    source = QuestionSource(header.group("id"), path, prose, blocks, title=heading.group("title"))
    if header.group("what") == "assignment":
        source.kind = "intro"
        _no_options(path, header.group("options"))
    else:
        source.kind, source.points = _question_options(path, header.group("options"))
    _check_blocks(source)
    return source


def _no_options(path: Path, options: str) -> None:
    if options.strip():
        raise ConvkitError(f"{path}: unexpected {options.strip()!r} in the assignment header")


def _question_options(path: Path, options: str) -> tuple[str, float | None]:
    """``manual points=3`` -> ("manual", 3.0); nothing -> ("auto", None)."""
    words = options.split()
    manual = "manual" in words
    points = None
    for word in words:
        if word == "manual":
            continue
        name, _, value = word.partition("=")
        if name != "points" or not value:
            raise ConvkitError(f"{path}: unknown {word!r} in the question header (known: manual, points=N)")
        try:
            points = float(value)
        except ValueError:
            raise ConvkitError(f"{path}: points={value!r} is not a number") from None
        points = int(points) if points.is_integer() else points
    if manual and not (points and points > 0):
        raise ConvkitError(f"{path}: a question graded by hand declares its points: "
                           f"'<!-- question: ID manual points=3 -->'")
    if not manual and points is not None:
        raise ConvkitError(f"{path}: an auto-graded question's points are its graders' points; remove points=")
    return ("manual" if manual else "auto"), points


def _check_blocks(source: QuestionSource) -> None:
    required = {"intro": ("setup",), "manual": ("answer",), "auto": ("stub", "solution")}[source.kind]
    for role in required:
        if role not in source.blocks:
            raise ConvkitError(f"{source.path}: missing the '{role}' block")
    if source.kind == "auto" and not source.names:
        raise ConvkitError(f"{source.path}: the stub defines no function or class (its top-level names are "
                           f"what students write)")


def read_assignment(folder: Path) -> tuple[Assignment, list[QuestionSource]]:
    """The assignment declared in ``folder`` and its sources, intro first, questions in ``NN`` order.

    Each question's heading is numbered and, for auto-graded questions, followed by the names
    the student writes; the intro's :data:`QUESTION_TABLE` becomes the table of questions.
    """
    paths = sorted(p for p in folder.glob("*.md"))
    for path in paths:
        if not _FILE.match(path.name):
            raise ConvkitError(f"{path}: a question source is named NN-<id>.md (NN orders the notebook)")
    sources = [parse(p) for p in paths]
    if not sources or not sources[0].is_intro:
        raise ConvkitError(f"{folder}: the first file must be the intro, with '<!-- assignment: {folder.name} -->'")
    intro, questions = sources[0], sources[1:]
    if intro.id != folder.name:
        raise ConvkitError(f"{intro.path}: declares assignment {intro.id!r} in folder {folder.name!r}; "
                           f"the folder is named for the assignment")
    seen: dict[str, Path] = {}
    for source in questions:
        if source.is_intro:
            raise ConvkitError(f"{source.path}: a second intro (only {intro.path.name} declares the assignment)")
        declared = _FILE.match(source.path.name).group("id")
        if source.id != declared:
            raise ConvkitError(f"{source.path}: declares question {source.id!r} but is named for {declared!r}")
        if source.id in seen:
            raise ConvkitError(f"{source.path}: question {source.id!r} is also {seen[source.id]}")
        seen[source.id] = source.path
    for number, source in enumerate(questions, 1):
        source.prose = _numbered(source, number)
    intro.prose = intro.prose.replace(QUESTION_TABLE, question_table(questions).rstrip("\n"))
    assignment = Assignment(intro.id, intro.title, tuple(s.question() for s in questions))
    return assignment, sources


def _numbered(source: QuestionSource, number: int) -> str:
    """'## Cross-correlation' -> '## 1. Cross-correlation: `corr2d`' (the title as the notebook shows it)."""
    heading = _HEADING.search(source.prose)
    shown = f"{heading.group('level')} {number}. {display_title(source)}"
    return source.prose[:heading.start()] + shown + source.prose[heading.end():]


def display_title(source: QuestionSource) -> str:
    if source.manual:
        return f"{source.title} (written answer, graded by hand: {source.points:g} points)"
    return f"{source.title}: " + ", ".join(f"`{name}`" for name in source.names)


def question_table(questions: list[QuestionSource]) -> str:
    """The intro's table: number, title, what the student writes."""
    lines = ["| # | Question | You write |", "|---|---|---|"]
    for number, source in enumerate(questions, 1):
        if source.manual:
            lines.append(f"| {number} | {source.title} (graded by hand, {source.points:g} points) | a short text |")
        else:
            lines.append(f"| {number} | {source.title} | {', '.join(f'`{n}`' for n in source.names)} |")
    return "\n".join(lines) + "\n"


def read_all(questions_dir: Path = QUESTIONS_DIR) -> list[tuple[Assignment, list[QuestionSource]]]:
    """Every assignment under ``questions_dir`` (one folder each), in the order of their ids."""
    folders = sorted(p for p in questions_dir.iterdir() if p.is_dir())
    if not folders:
        raise ConvkitError(f"{questions_dir}: no assignment folders")
    return [read_assignment(folder) for folder in folders]


def load_sources(assignment: Assignment) -> list[QuestionSource]:
    """The sources of ``assignment`` (the intro first)."""
    return read_assignment(QUESTIONS_DIR / assignment.id)[1]
