"""Reading the question sources (``questions/<assignment>/NN-<id>.md``), the one source of truth.

See ``questions/README.md`` for the format. Everything else about a question is derived
from its file: its order (the ``NN`` prefix), its names (the stub's top-level ``def`` and
``class`` statements), its title (its heading), and the assignment it belongs to (the
folder, whose ``00-intro.md`` declares the assignment). Parsing is strict: a missing
block, an unknown role, a header that disagrees with its file name is an error naming the
file, so a typo cannot silently drop a question from every generated artefact.

Each file has a translation beside it, ``NN-<id>.zh.md``: the same question's prose and the
texts students read (the stub with its docstrings, the written answer's placeholder, the
public checks' messages) in Simplified Chinese. Code is written once, in the English file;
:meth:`QuestionSource.localised` is the question in one language, the translation's texts
with the original's code. The consistency check (:mod:`convkit.build.consistency`) pairs
each file with its translation.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from convkit.assignments import Assignment, Question
from convkit.build.check_messages import parse_messages
from convkit.build.texts import text as fixed_text
from convkit.errors import ConvkitError
from convkit.languages import DEFAULT, LANGUAGES, tag
from convkit.paths import KIT_ROOT

QUESTIONS_DIR = KIT_ROOT / "questions"
ROLES = ("setup", "stub", "solution", "public", "answer", "textbook", "messages")
#: What a translation holds besides its prose: the blocks students read. Code is written once.
TRANSLATED_ROLES = ("stub", "answer", "messages")
#: Where an intro lists the assignment's questions (a table made from their headers).
QUESTION_TABLE = "<!-- questions -->"
_HEADER = re.compile(r"<!--\s*(?P<what>question|assignment):\s*(?P<id>[\w-]+)(?P<options>[^>]*?)\s*-->")
_BLOCK = re.compile(r"^```(?:python|markdown|text)?\s+(?P<role>\w+)\s*\n(?P<body>.*?)^```\s*$", re.S | re.M)
_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+(?P<title>.+?)[ \t]*$", re.M)
_FILE = re.compile(r"^(?P<order>\d\d)-(?P<id>[\w-]+)(?:\.(?P<lang>[a-z]{2}))?\.md$")


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
    lang: str = DEFAULT
    messages: dict[str, str] = field(default_factory=dict)  # the public checks' messages, by key
    translations: dict[str, "QuestionSource"] = field(default_factory=dict)  # by language, beside the original

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
        """The question as grading reads it; a written answer keeps each translation's title and placeholder,
        which find its answer cell in a notebook of that language."""
        translated = tuple((lang, t.title, t.block("answer")) for lang, t in sorted(self.translations.items())
                           if t.block("answer")) if self.manual else ()
        return Question(self.id, self.title, self.names, "manual" if self.manual else "auto", self.points,
                        stub=self.block("stub") or None, answer=self.block("answer") or None,
                        translated=translated or None)

    @property
    def catalogue(self) -> dict[str, dict[str, str]]:
        """The public checks' messages in every language: ``{lang: {key: template}}``."""
        return {self.lang: self.messages, **{lang: t.messages for lang, t in sorted(self.translations.items())}}

    def localised(self, lang: str) -> "QuestionSource":
        """The question as a notebook in ``lang`` shows it: the translation's prose, title, stub, answer and
        messages, the original's code; the solution's docstrings that repeat the stub's become the translated
        stub's. (Its :attr:`catalogue` holds ``lang`` only: the public test files take the original's.)"""
        if lang == self.lang:
            return self
        translation = self.translations.get(lang)
        if translation is None:
            raise ConvkitError(f"{self.path}: no {lang} translation ({translation_path(self.path, lang).name})")
        blocks = dict(self.blocks)
        for role in ("stub", "answer"):
            if role in translation.blocks:
                blocks[role] = translation.blocks[role]
        if "solution" in blocks and "stub" in translation.blocks:
            blocks["solution"] = translate_docstrings(blocks["solution"], self.block("stub"), translation.block("stub"))
        return replace(self, prose=translation.prose, title=translation.title, lang=lang, blocks=blocks,
                       messages=translation.messages, translations={})


def defined_names(code: str, path: Path) -> tuple[str, ...]:
    """Top-level ``def`` and ``class`` names of ``code``."""
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise ConvkitError(f"{path}: the stub is not valid Python (line {error.lineno}: {error.msg})") from None
    return tuple(node.name for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))


def language_of(path: Path) -> str:
    """The language a source file is written in, from its name: ``01-corr2d.zh.md`` is Chinese."""
    match = _FILE.match(path.name)
    lang = match.group("lang") if match else None
    if lang is None:
        return DEFAULT
    if lang not in LANGUAGES or lang == DEFAULT:
        raise ConvkitError(f"{path}: unknown language {lang!r} in the file name (translations: "
                           f"{', '.join(tag(l) + '.md' for l in LANGUAGES if l != DEFAULT)})")
    return lang


def translation_path(path: Path, lang: str) -> Path:
    """``01-corr2d.md`` -> ``01-corr2d.zh.md``: where a source's translation into ``lang`` is."""
    return path.with_name(path.name.removesuffix(".md") + tag(lang) + ".md")


def original_path(path: Path, lang: str) -> Path:
    """``01-corr2d.zh.md`` -> ``01-corr2d.md``: the source a translation into ``lang`` translates."""
    return path.with_name(path.name.removesuffix(tag(lang) + ".md") + ".md")


def parse(path: Path) -> QuestionSource:
    """One file; its header must match its name (``07-<id>.md`` declares ``<id>``)."""
    lang = language_of(path)
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
        if lang != DEFAULT and role not in TRANSLATED_ROLES:
            raise ConvkitError(f"{path}: a translation holds no '{role}' block (code is written once, in "
                               f"{original_path(path, lang).name}); it may hold "
                               f"{', '.join(TRANSLATED_ROLES)}")
        blocks[role] = match.group("body").rstrip() + "\n"
    prose = _BLOCK.sub("", text[:header.start()] + text[header.end():]).strip() + "\n"
    prose = re.sub(r"\n{3,}", "\n\n", prose)
    heading = _HEADING.search(prose)
    if not heading:
        raise ConvkitError(f"{path}: no heading (its title, e.g. '## Cross-correlation')")
    source = QuestionSource(header.group("id"), path, prose, blocks, title=heading.group("title"), lang=lang,
                            messages=parse_messages(blocks.get("messages", ""), path))
    if header.group("what") == "assignment":
        source.kind = "intro"
        _no_options(path, header.group("options"))
    elif lang != DEFAULT:
        _no_options(path, header.group("options"), "in a translation's header: kind and points are declared "
                                                   "once, in the original")
    else:
        source.kind, source.points = _question_options(path, header.group("options"))
    if lang == DEFAULT:
        _check_blocks(source)
    return source


def _no_options(path: Path, options: str, why: str = "in the assignment header") -> None:
    if options.strip():
        raise ConvkitError(f"{path}: unexpected {options.strip()!r} {why}")


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
    the student writes; the intro's :data:`QUESTION_TABLE` becomes the table of questions. So
    are the translations', in their language; each is attached to its original
    (:attr:`QuestionSource.translations`). A translation without an original is an error; an
    original without its translations is the consistency check's to report.
    """
    paths = sorted(p for p in folder.glob("*.md"))
    for path in paths:
        if not _FILE.match(path.name):
            raise ConvkitError(f"{path}: a question source is named NN-<id>.md (NN orders the notebook)")
    parsed = [parse(p) for p in paths]
    sources = [s for s in parsed if s.lang == DEFAULT]
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
        _check_declared_id(source)
        if source.id in seen:
            raise ConvkitError(f"{source.path}: question {source.id!r} is also {seen[source.id]}")
        seen[source.id] = source.path
    _attach_translations(sources, [s for s in parsed if s.lang != DEFAULT])
    for lang in LANGUAGES:
        _number(intro, questions, lang)
    titles = tuple(sorted((lang, text.title) for lang, text in intro.translations.items()))
    assignment = Assignment(intro.id, intro.title, tuple(s.question() for s in questions), titles)
    return assignment, sources


def _check_declared_id(source: QuestionSource) -> None:
    declared = _FILE.match(source.path.name).group("id")
    if source.id != declared:
        raise ConvkitError(f"{source.path}: declares question {source.id!r} but is named for {declared!r}")


def _attach_translations(sources: list[QuestionSource], translations: list[QuestionSource]) -> None:
    """Each translation to the source of the same file name, which lends it its kind and points."""
    by_path = {source.path: source for source in sources}
    for translation in translations:
        translated = original_path(translation.path, translation.lang)
        original = by_path.get(translated)
        if original is None:
            raise ConvkitError(f"{translation.path}: translates {translated.name}, which does not exist (a "
                               f"question's code is written once, in its English source)")
        if translation.is_intro != original.is_intro or translation.id != original.id:
            raise ConvkitError(f"{translation.path}: declares {translation.id!r}, but {original.path.name} declares "
                               f"{original.id!r}; a translation's header is its original's")
        translation.kind, translation.points = original.kind, original.points
        original.translations[translation.lang] = translation


def _number(intro: QuestionSource, questions: list[QuestionSource], lang: str) -> None:
    """Number the headings of ``lang``'s texts and fill in its intro's table of questions."""
    texts = [(s if lang == DEFAULT else s.translations.get(lang)) for s in questions]
    local_intro = intro if lang == DEFAULT else intro.translations.get(lang)
    for number, (source, local) in enumerate(zip(questions, texts), 1):
        if local is not None:
            local.prose = _numbered(local, number, source.names)
    if local_intro is not None and all(local is not None for local in texts):
        local_intro.prose = local_intro.prose.replace(QUESTION_TABLE, question_table(texts, questions).rstrip("\n"))


def _numbered(source: QuestionSource, number: int, names) -> str:
    """'## Cross-correlation' -> '## 1. Cross-correlation: `corr2d`' (the title as the notebook shows it)."""
    heading = _HEADING.search(source.prose)
    shown = f"{heading.group('level')} {number}. {display_title(source, names)}"
    return source.prose[:heading.start()] + shown + source.prose[heading.end():]


def display_title(source: QuestionSource, names=None) -> str:
    names = source.names if names is None else names
    if source.manual:
        return fixed_text(source.lang, "manual_title", title=source.title, points=f"{source.points:g}")
    shown = fixed_text(source.lang, "name_separator").join(f"`{name}`" for name in names)
    return fixed_text(source.lang, "auto_title", title=source.title, names=shown)


def question_table(questions: list[QuestionSource], originals: list[QuestionSource] | None = None) -> str:
    """The intro's table: number, title, what the student writes (names from the originals' stubs)."""
    originals = questions if originals is None else originals
    lang = questions[0].lang if questions else DEFAULT
    lines = [fixed_text(lang, "table_head")]
    for number, (source, original) in enumerate(zip(questions, originals), 1):
        if source.manual:
            title = fixed_text(lang, "table_manual", title=source.title, points=f"{source.points:g}")
            lines.append(f"| {number} | {title} | {fixed_text(lang, 'table_manual_writes')} |")
        else:
            names = fixed_text(lang, "name_separator").join(f"`{name}`" for name in original.names)
            lines.append(f"| {number} | {source.title} | {names} |")
    return "\n".join(lines) + "\n"


def translate_docstrings(code: str, stub: str, translated_stub: str) -> str:
    """``code`` with each docstring that repeats ``stub``'s (same function or class, same text) replaced by
    ``translated_stub``'s, as written there: a solution shows the docstrings of its notebook's language."""
    wanted = {name: docstring for name, docstring, _ in _docstrings(stub)}
    given = {name: node for name, _, node in _docstrings(translated_stub)}
    lines = code.splitlines(True)
    # From the last docstring up, so the positions of those above stay valid.
    for name, docstring, node in sorted(_docstrings(code), key=lambda d: (d[2].lineno, d[2].col_offset), reverse=True):
        if wanted.get(name) == docstring and name in given:
            new = ast.get_source_segment(translated_stub, given[name])
            start = _index(lines, node.lineno, node.col_offset)
            end = _index(lines, node.end_lineno, node.end_col_offset)
            joined = "".join(lines)
            lines = (joined[:start] + new + joined[end:]).splitlines(True)
    return "".join(lines)


def _index(lines: list[str], lineno: int, byte_offset: int) -> int:
    """The character index of ast's (line, UTF-8 byte column) position in ``"".join(lines)``."""
    column = len(lines[lineno - 1].encode("utf-8")[:byte_offset].decode("utf-8"))
    return sum(len(previous) for previous in lines[:lineno - 1]) + column


def _docstrings(code: str):
    """(qualified name, docstring, its string node) for each documented def and class, methods included."""
    def walk(body, prefix):
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + node.name
                docstring = ast.get_docstring(node, clean=False)
                if docstring is not None:
                    yield name, docstring, node.body[0].value
                if isinstance(node, ast.ClassDef):
                    yield from walk(node.body, name + ".")
    return list(walk(ast.parse(code).body, ""))


def read_all(questions_dir: Path = QUESTIONS_DIR) -> list[tuple[Assignment, list[QuestionSource]]]:
    """Every assignment under ``questions_dir`` (one folder each), in the order of their ids."""
    folders = sorted(p for p in questions_dir.iterdir() if p.is_dir())
    if not folders:
        raise ConvkitError(f"{questions_dir}: no assignment folders")
    return [read_assignment(folder) for folder in folders]


def load_sources(assignment: Assignment) -> list[QuestionSource]:
    """The sources of ``assignment`` (the intro first)."""
    return read_assignment(QUESTIONS_DIR / assignment.id)[1]
