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
- public checks for the notebook (a ``public`` block), and names no other question defines.

Each problem is one line naming the file to create or fix.
"""
from __future__ import annotations

import ast
from pathlib import Path

from convkit.assignments import Assignment
from convkit.grading.source import top_level_definitions
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
