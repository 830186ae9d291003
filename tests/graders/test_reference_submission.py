"""The reference implementation, submitted as a student would submit a .py file, earns full marks.

This proves the graders accept a correct answer on every question (and that the reference
is self-contained: the sandbox cannot import anything from the kit).
"""
import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.grading.runner import grade_submission
from convkit.paths import REFERENCE_DIR

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_reference_earns_full_marks(launcher, limits, assignment):
    result = grade_submission(REFERENCE_DIR / f"{assignment.package}.py", assignment, launcher, limits)
    lost = [f"{t.question}/{t.name}: {t.message}" for q in result.questions for t in q.tests if not t.passed]
    assert not lost, "reference lost points:\n" + "\n".join(lost)
    assert result.total == result.possible > 0
