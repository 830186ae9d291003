"""Does the kit agree with itself? What ``convkit build`` and ``convkit build --check`` report.

A question is declared once, in its source; four more places must exist for it, and each is
checked here by reading files (nothing is imported or run):

- its grader, ``autograder/graders/<package>/test_<id>.py`` (none for a question graded by
  hand), and no grader that names no question;
- its reference: every name its stub defines, defined and exported (``__all__``) by
  ``reference/<package>.py``;
- its catalogue, ``tests/data/catalogue/<package>/<id>/``: at least :data:`MIN_MUTANTS`
  mutants and :data:`MIN_VALID` valid variant (only listed, never read: the catalogue is
  the graders' test data, and nothing the build makes comes from it);
- public checks for the notebook (a ``public`` block), and names no other question defines;
- its messages: every key the public checks use, with the placeholders they pass, and a
  name for every check (:mod:`convkit.build.check_messages`);
- its translation into each language (``NN-<id>.zh.md`` beside ``NN-<id>.md``): present, with
  the same stub up to docstrings and comments, an answer placeholder if the question is
  written, and every message with the same placeholders. So no question, text or message
  exists in one language only.

Each problem is one line naming the file to create or fix.
"""
from __future__ import annotations

import ast
from pathlib import Path

from convkit.assignments import Assignment
from convkit.build import check_messages
from convkit.build.sources import translation_path
from convkit.grading.source import top_level_definitions
from convkit.languages import DEFAULT, LANGUAGES, NAMES
from convkit.paths import KIT_ROOT

MIN_MUTANTS, MIN_VALID = 3, 1
CATALOGUE = Path("tests") / "data" / "catalogue"


def problems(kit, root: Path = KIT_ROOT) -> list[str]:
    """Every disagreement in ``kit`` (``[(assignment, sources), ...]``), one line each."""
    found = []
    for assignment, sources in kit:
        questions = {s.id: s for s in sources if not s.is_intro}
        found += _graders(assignment, root)
        found += _reference(assignment, questions.values(), root)
        found += _catalogue(assignment, root)
        found += _sources(assignment, questions.values(), root)
        found += _messages(questions.values(), root)
        found += _translations(sources, root)
    found += _unknown_packages(kit, root / "autograder" / "graders", "graders", root)
    found += _unknown_packages(kit, root / CATALOGUE, "catalogue", root)
    return found


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _graders(assignment: Assignment, root: Path) -> list[str]:
    folder = root / "autograder" / "graders" / assignment.package
    found = []
    for question in assignment.questions:
        path = folder / question.grader_file
        if question.manual and path.exists():
            found.append(f"{_relative(path, root)}: {assignment.id}/{question.id} is graded by hand, so this grader "
                         f"never runs; remove it, or drop 'manual' from the question's header")
        elif not question.manual and not path.is_file():
            found.append(f"{assignment.id}/{question.id}: no grader; write {_relative(path, root)}")
    known = {q.id for q in assignment.questions}
    for path in sorted(folder.glob("test_*.py")):
        question_id = path.stem.removeprefix("test_")
        if question_id not in known:
            alike = [q for q in known if q.lower() == question_id.lower()]
            hint = f"; the file name is the id exactly: test_{alike[0]}.py" if alike else ""
            found.append(f"{_relative(path, root)}: names no question of {assignment.id} ({question_id!r}){hint}")
    return found


def _reference(assignment: Assignment, questions, root: Path) -> list[str]:
    path = root / "reference" / f"{assignment.package}.py"
    if not path.is_file():
        return [f"{assignment.id}: no reference; write {_relative(path, root)}"]
    defined, exported = _module_names(path)
    found = []
    for source in questions:
        for name in source.names:
            where = f"(the stub of {assignment.id}/{source.id} defines it)"
            if name not in defined:
                found.append(f"{_relative(path, root)}: no '{name}' {where}")
            elif name not in exported:
                found.append(f"{_relative(path, root)}: '{name}' is not in __all__ {where}")
    return found


def _module_names(path: Path) -> tuple[set[str], set[str]]:
    """Top-level names a module binds, and those its ``__all__`` lists."""
    text = path.read_text(encoding="utf-8")
    definitions = top_level_definitions([(path.name, text)])
    listed = getattr(definitions.get("__all__"), "value", None)
    if not isinstance(listed, (ast.List, ast.Tuple)):
        return set(definitions), set()
    return set(definitions), {e.value for e in listed.elts if isinstance(e, ast.Constant)}


def _catalogue(assignment: Assignment, root: Path) -> list[str]:
    found = []
    for question in assignment.auto_questions:
        folder = root / CATALOGUE / assignment.package / question.id
        mutants, valid = len(list(folder.glob("mutant_*.py"))), len(list(folder.glob("valid_*.py")))
        if mutants < MIN_MUTANTS or valid < MIN_VALID:
            found.append(f"{_relative(folder, root)}: {mutants} mutants and {valid} valid variants; a question needs "
                         f"at least {MIN_MUTANTS} mutants (mutant_*.py) and {MIN_VALID} valid variant (valid_*.py)")
    known = {q.id for q in assignment.auto_questions}
    folder = root / CATALOGUE / assignment.package
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.is_dir() and entry.name not in known and entry.name != "__pycache__":
            found.append(f"{_relative(entry, root)}: names no auto-graded question of {assignment.id}")
    return found


def _sources(assignment: Assignment, questions, root: Path) -> list[str]:
    found, owner = [], {}
    for source in questions:
        if not source.manual and not source.block("public"):
            found.append(f"{_relative(source.path, root)}: no 'public' block (the notebook's check cell and the "
                         f"nbgrader test cell run its public checks)")
        for name in source.names:
            if name in owner:
                found.append(f"{assignment.id}: '{name}' is defined by the stubs of both {owner[name]} and {source.id}")
            owner.setdefault(name, source.id)
    return found


def _unknown_packages(kit, folder: Path, what: str, root: Path) -> list[str]:
    """Folders of ``folder`` (graders, catalogue) named for no assignment's package."""
    packages = {a.package for a, _ in kit}
    entries = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return [f"{_relative(entry, root)}: the {what} of no assignment (packages: {', '.join(sorted(packages))})"
            for entry in entries if entry.name not in packages and entry.name != "__pycache__"]


def _messages(questions, root: Path) -> list[str]:
    found = []
    for source in questions:
        public = source.block("public")
        if public or source.messages:
            found += check_messages.problems(public, source.messages, _relative(source.path, root))
    return found


def _translations(sources, root: Path) -> list[str]:
    """Every source translated into every language, with the same code and the same message keys."""
    found = []
    for source in sources:
        for lang in (lang for lang in LANGUAGES if lang != DEFAULT):
            translation = source.translations.get(lang)
            if translation is None:
                found.append(f"{_relative(source.path, root)}: no {NAMES[lang]} translation; write "
                             f"{_relative(translation_path(source.path, lang), root)}")
                continue
            where = _relative(translation.path, root)
            found += _same_stub(source, translation, where)
            if source.manual and "answer" not in translation.blocks:
                found.append(f"{where}: no 'answer' block (the placeholder students replace, in their language)")
            found += check_messages.translation_problems(source.messages, translation.messages, where,
                                                         source.path.name)
    return found


def _same_stub(source, translation, where: str) -> list[str]:
    stub, translated = source.block("stub"), translation.block("stub")
    if not stub and not translated:
        return []
    if not translated:
        return [f"{where}: no 'stub' block (the stub of {source.path.name}, its docstrings and comments translated)"]
    if not stub:
        return [f"{where}: a 'stub' block, but {source.path.name} has none"]
    try:
        same = _code_only(stub) == _code_only(translated)
    except SyntaxError as error:
        return [f"{where}: the stub is not valid Python (line {error.lineno}: {error.msg})"]
    if not same:
        return [f"{where}: its stub's code differs from {source.path.name}'s (only docstrings and comments may be "
                f"translated: the same names, signatures and statements)"]
    return []


def _code_only(code: str) -> str:
    """``code``'s syntax tree without docstrings (comments are not in it): what two translations share."""
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and ast.get_docstring(node, clean=False) is not None:
            node.body = node.body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False)
