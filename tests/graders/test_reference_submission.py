"""The reference implementation, submitted as a student would submit a .py file, earns full marks.

This proves the graders accept a correct answer on every question. The sandbox cannot
import anything from the kit, so the submission is the reference module made
self-contained: the shared argument checks (``reference/_arguments.py``) written in
place of its import of them.
"""
import re

import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.grading.runner import grade_submission
from convkit.paths import REFERENCE_DIR

pytestmark = pytest.mark.slow

IMPORT = re.compile(r"^from reference\._arguments import [\w, ]+\n", re.M)


def self_contained(package: str) -> str:
    module = (REFERENCE_DIR / f"{package}.py").read_text()
    assert IMPORT.search(module), f"reference/{package}.py no longer imports reference._arguments as expected"
    return IMPORT.sub(lambda _: (REFERENCE_DIR / "_arguments.py").read_text() + "\n\n", module, count=1)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_reference_earns_full_marks(tmp_path, launcher, limits, assignment):
    submission = tmp_path / f"{assignment.package}.py"
    submission.write_text(self_contained(assignment.package))
    result = grade_submission(submission, assignment, launcher, limits)
    lost = [f"{t.question}/{t.name}: {t.message}" for q in result.questions for t in q.tests if not t.passed]
    assert not lost, "reference lost points:\n" + "\n".join(lost)
    assert result.total == result.possible > 0
