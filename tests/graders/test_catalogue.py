"""Every mutant in the catalogue loses points on its question and gets exactly the hints its
``Hints:`` line declares; every valid variant earns full marks (so no mistake is named for it);
d2l's textbook code (a question's ``textbook`` block) loses only dtype and device points.

The catalogue lives in ``tests/data/catalogue/<assignment package>/<question>/``; see its README.
A failure names the entry, so a grader regression points straight at the case it broke.
That every question has enough entries is the consistency check's business
(``convkit build --check``, ``tests/unit/convkit/test_consistency.py``).
"""
import ast

import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.build.sources import load_sources
from convkit.grading.findings import findings, hint_keys
from convkit.grading.runner import grade_submission
from tests.helpers import CATALOGUE

pytestmark = pytest.mark.slow

_PACKAGES = {a.package: a for a in ASSIGNMENTS.values()}


def entries(kind: str):
    for path in sorted(CATALOGUE.glob(f"*/*/{kind}_*.py")):
        assignment = _PACKAGES[path.parent.parent.name]
        yield pytest.param(assignment, path.parent.name, path, id=f"{assignment.id}/{path.parent.name}/{path.stem}")


#: How graders name the tests of dtype and device (``keeps_dtype``, ``device_safe``, Conv2D's ``double``).
DTYPE_OR_DEVICE = ("dtype", "device", "double")


def textbook_entries():
    for assignment in ASSIGNMENTS.values():
        for source in load_sources(assignment):
            if source.block("textbook"):
                yield pytest.param(assignment, source.id, source.block("textbook"),
                                   id=f"{assignment.id}/{source.id}/textbook")


def question_result(launcher, limits, assignment, question_id, path):
    result = grade_submission(path, assignment, launcher, limits, question_ids=[question_id])
    assert result.status == "graded", f"{path.name} was not graded: {result.status}"
    (question,) = result.questions
    return question


def failures(question) -> str:
    return "\n".join(f"{t.name}: {t.message}" for t in question.tests if not t.passed)


def declared_hints(path) -> set[str]:
    """The keys of a mutant's ``Hints:`` line (in its docstring): every hint it must get, and no other."""
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    lines = [line for line in docstring.splitlines() if line.startswith("Hints:")]
    assert len(lines) == 1, f"{path.name}: its docstring needs one 'Hints: key, key' line"
    return {key.strip() for key in lines[0].removeprefix("Hints:").split(",") if key.strip()}


def shown(question) -> str:
    return "\n".join(f"{f.heading()}\n  " + "\n  ".join(f.lines()) for f in findings(question))


@pytest.mark.parametrize("assignment, question_id, path", list(entries("mutant")))
def test_mutant_loses_points(launcher, limits, assignment, question_id, path):
    question = question_result(launcher, limits, assignment, question_id, path)
    assert question.max_points > 0
    assert question.points < question.max_points, (
        f"mutant {path.name} earned full marks ({question.points}/{question.max_points}) on {question_id}")
    messages = [t.message for t in question.tests if not t.passed]
    assert all(messages), "every failing test must explain itself"
    assert not [t for t in question.tests if t.detail.get("kind") == "grader_error"], failures(question)


@pytest.mark.parametrize("assignment, question_id, path", list(entries("mutant")))
def test_mutant_gets_the_hints_it_declares(launcher, limits, assignment, question_id, path):
    """The hints a student reads for this mistake are exactly those its file declares (each checked,
    when it was written, to be true of this code): no other hint, and none missing."""
    question = question_result(launcher, limits, assignment, question_id, path)
    assert hint_keys(question) == declared_hints(path), f"{path.name} was told:\n{shown(question)}"


@pytest.mark.parametrize("assignment, question_id, path", list(entries("valid")))
def test_valid_variant_earns_full_marks(launcher, limits, assignment, question_id, path):
    question = question_result(launcher, limits, assignment, question_id, path)
    assert question.max_points > 0
    assert question.points == question.max_points, (
        f"valid variant {path.name} got {question.points}/{question.max_points} on {question_id}:\n{failures(question)}")
    assert findings(question) == []


@pytest.mark.parametrize("assignment, question_id, code", list(textbook_entries()))
def test_textbook_code_loses_only_dtype_and_device_points(tmp_path, launcher, limits, assignment, question_id, code):
    """d2l's code as printed allocates with ``torch.zeros`` on the CPU in float32: right values, so it
    keeps every value point and loses only tests about dtype or device, each with its lesson."""
    path = tmp_path / "textbook.py"
    path.write_text(code)
    question = question_result(launcher, limits, assignment, question_id, path)
    lost = [t for t in question.tests if not t.passed]
    assert 0 < question.points < question.max_points, failures(question)
    assert all(any(word in t.name for word in DTYPE_OR_DEVICE) for t in lost), failures(question)
    assert all(t.message for t in lost)
