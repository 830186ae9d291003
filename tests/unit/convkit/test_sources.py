"""Generated artefacts are up to date with the question sources, and the sources are sound."""
import pytest

from convkit.assignments import ASSIGNMENTS
from convkit.build import differences, generate_all
from convkit.build.sources import load_sources, parse
from convkit.errors import ConvkitError


def test_committed_generated_files_are_up_to_date():
    problems = differences(generate_all())
    assert not problems, "run `convkit build` and commit:\n" + "\n".join(problems)


def test_generation_is_deterministic():
    assert generate_all() == generate_all()


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS.values()), ids=lambda a: a.id)
def test_every_question_has_a_source_with_public_checks(assignment):
    sources = {s.id: s for s in load_sources(assignment)}
    for question in assignment.auto_questions:
        assert sources[question.id].block("public"), f"{question.id} has no public checks"


@pytest.mark.parametrize("text, problem", [
    ("no header\n```python stub\nx = 1\n```\n", "missing '<!-- question: ID -->'"),
    ("<!-- question: q -->\n```python stubb\nx = 1\n```\n", "unknown block role 'stubb'"),
    ("<!-- question: q -->\n```python stub\nx\n```\n```python stub\ny\n```\n", "two 'stub' blocks"),
])
def test_malformed_sources_name_the_file_and_problem(tmp_path, text, problem):
    path = tmp_path / "01-q.md"
    path.write_text(text)
    with pytest.raises(ConvkitError, match=problem):
        parse(path)
