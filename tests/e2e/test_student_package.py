"""What a TA hands out (``assignments/<assignment>/``): complete, free of answers and instructor tools.

How it behaves in a kernel and in JupyterLab is tested in test_notebooks_e2e.py and
test_browser.py; here, what the folder holds and what it tells students.
"""
from pathlib import Path

import pytest
from otter.test_files.exception_test import ExceptionTestFile

from convkit.assignments import ASSIGNMENTS
from convkit.build.pins import pinned
from convkit.build.sources import load_sources
from convkit.languages import LANGUAGES, tag
from convkit.paths import KIT_ROOT
from student_environment import closure, extensions_students_lack, requirement_names

ASSIGNMENT_IDS = list(ASSIGNMENTS)
#: What each language's README calls the export and the last step.
README_WORDS = {"en": ("<date and time>", "Submit"), "zh": ("<日期和时间>", "提交")}


def folder(assignment_id: str) -> Path:
    return KIT_ROOT / "assignments" / assignment_id


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_folder_holds_what_students_need_and_nothing_else(assignment_id):
    files = sorted(p.relative_to(folder(assignment_id)).as_posix() for p in folder(assignment_id).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)
    questions = [q.id for q in ASSIGNMENTS[assignment_id].auto_questions]
    per_language = [name for lang in LANGUAGES for name in (f"{assignment_id}{tag(lang)}.ipynb", f"README{tag(lang)}.md")]
    assert files == sorted([*per_language, "convkit_student.py", "requirements-student.txt",
                            *(f"tests/{q}.py" for q in questions)])


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_no_solution_reaches_students(assignment_id):
    handed_out = "\n".join(p.read_text() for p in folder(assignment_id).rglob("*") if p.is_file())
    for source in load_sources(ASSIGNMENTS[assignment_id]):
        solution = source.block("solution")
        body = [line for line in solution.splitlines() if line.strip() and line not in source.block("stub")]
        assert not body or "\n".join(body) not in handed_out, f"{source.id}'s solution is in the student folder"


@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_requirements_are_the_notebooks_needs_at_the_kits_pins(assignment_id):
    requirements = folder(assignment_id) / "requirements-student.txt"
    listed = [line for line in requirements.read_text().splitlines() if line and not line.startswith("#")]
    assert sorted(listed) == sorted(pinned("jupyterlab", "otter-grader", "torch").values())
    students = closure(requirement_names(requirements))
    assert {"ipylab", "ipykernel", "otter-grader", "torch"} <= students  # what the notebook uses
    assert "nbgrader" not in students
    assert "@jupyter/nbgrader" in extensions_students_lack(requirements)  # installed here for instructors only


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("assignment_id", ASSIGNMENT_IDS)
def test_readme_walks_a_student_from_install_to_submission(assignment_id, lang):
    readme = (folder(assignment_id) / f"README{tag(lang)}.md").read_text()
    notebook = f"{assignment_id}{tag(lang)}.ipynb"
    date, submit = README_WORDS[lang]
    for step in ("pip install -r requirements-student.txt", f"jupyter lab {notebook}", 'grader.check("…")',
                 "grader.export(...)", f"{assignment_id}{tag(lang)}_{date}.zip", submit):
        assert step in readme, step
    for other in LANGUAGES:  # each guide names the notebooks in the other languages, and their guides
        if other != lang:
            assert f"`{assignment_id}{tag(other)}.ipynb`" in readme and f"`README{tag(other)}.md`" in readme


def test_student_texts_mention_only_commands_students_have():
    for path in (KIT_ROOT / "assignments").rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert "convkit check" not in text and "convkit grade" not in text, path


def test_public_tests_load_in_plain_otter_without_the_helper():
    """Without convkit_student.py beside the notebook, otter still runs the checks (with its own output)."""
    path = folder("conv-layer") / "tests" / "corr2d.py"
    test_file = ExceptionTestFile.from_file(str(path))
    assert [case.name for case in test_file.test_cases] == ["d2l example", "non square shapes", "keeps float64",
                                                            "meta device"]
    test_file.run({})  # nothing defined: every case fails, reported by otter
    assert not test_file.passed_all and "corr2d results" in test_file.summary()


def test_the_helper_shipped_is_the_kits():
    source = (KIT_ROOT / "convkit" / "student" / "convkit_student.py").read_bytes()
    for assignment_id in ASSIGNMENT_IDS:
        for root in ("assignments", "solutions"):
            assert (KIT_ROOT / root / assignment_id / "convkit_student.py").read_bytes() == source
