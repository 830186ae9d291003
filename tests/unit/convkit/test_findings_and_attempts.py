"""One finding per mistake (the folding of failed tests), and whether a question was attempted,
read from the submission's source: the parts of feedback that need no sandbox."""
import pytest

from convkit.grading.failures import Failure
from convkit.grading.findings import findings, hint_keys, points_text
from convkit.grading.results import QuestionResult, TestResult
from convkit.grading.source import attempt, facts, written_answer
from convkit.messages import message

STUB = '''def corr2d(X, K):
    """Cross-correlation."""
    # YOUR CODE HERE
    raise NotImplementedError
'''


def failing(name, failure, points=1.0):
    return TestResult("q", name, 0.0, points, False, failure.text(), failure.to_dict())


def values(*mistakes, hint="conv_layer.corr2d.rule"):
    return Failure("corr2d(X, K)", "expected", "got", message(hint), [message(m) for m in mistakes])


def question(*tests, status="partial"):
    return QuestionResult("q", 0.0, float(len(tests)), status, list(tests))


# ------------------------------------------------------------------ folding
def test_the_cases_of_one_test_function_fold_into_one_finding_with_readable_points():
    found = findings(question(*[failing(f"test_random_shapes[{i}]", values(), 3 / 7) for i in range(6)],
                              TestResult("q", "test_random_shapes[6]", 3 / 7, 3 / 7, True)))
    assert len(found) == 1
    assert found[0].heading() == "random_shapes (6 of 7 cases): -2.57 points"
    assert [points_text(v) for v in (2.571428, 0.5, 3.0, 1 / 3, 0.0)] == ["2.57", "0.5", "3", "0.33", "0"]


def test_the_mistake_named_is_the_one_that_explains_the_most_failures():
    """With a 1×1 kernel a flipped kernel and a transposed one agree; over all the cases only one
    explains every failure, and that one is named everywhere, across test functions."""
    found = findings(question(failing("test_a[0]", values("mistake.flipped_kernel", "mistake.transposed_kernel")),
                              failing("test_a[1]", values("mistake.transposed_kernel", "mistake.flipped_kernel")),
                              failing("test_b", values("mistake.flipped_kernel"))))
    assert [(f.heading(), f.hint.key) for f in found] == [("a (2 of 2 cases), b: -3 points", "mistake.flipped_kernel")]


def test_failures_without_a_known_mistake_keep_their_rule_per_test_function():
    found = findings(question(failing("test_a", values()), failing("test_b", values())))
    assert [f.heading() for f in found] == ["a: -1 points", "b: -1 points"]
    assert hint_keys(question(failing("test_a", values()))) == {"conv_layer.corr2d.rule"}


def test_a_function_left_as_its_stub_and_a_call_that_hung_are_one_finding_each():
    stub = Failure("kernel_matrix(K, (3, 3))", got=message("failure.not_implemented", name="kernel_matrix"),
                   hint=message("hint.not_implemented"), kind="not_implemented", function="kernel_matrix")
    hung = Failure("corr2d(X, K)", got=message("failure.timeout", seconds="10"), kind="timeout", function="corr2d")
    skipped = Failure("corr2d(X, K)", got=message("failure.skipped", reason="..."), kind="skipped", function="corr2d")
    found = findings(question(failing("test_m[0]", stub), failing("test_n", stub), failing("test_c[0]", hung),
                              failing("test_c[1]", skipped), failing("test_d", skipped)))
    assert [f.heading() for f in found] == ["m, n: -2 points", "c (2 of 2 cases), d: -3 points"]


def test_a_question_not_attempted_has_no_findings():
    assert findings(question(failing("test_a", Failure(kind="not_attempted")), status="not attempted")) == []


# ------------------------------------------------------------------ attempted or not, from the source
@pytest.mark.parametrize("code", [
    STUB,
    STUB.replace('"""Cross-correlation."""', '"""Another docstring, as a translation would have."""'),
    "def corr2d(X, K):\n    raise NotImplementedError('todo')\n",
    "def corr2d(X, K):\n    pass\n    raise NotImplementedError\n",
], ids=["unchanged", "docstring changed", "raises with a message", "pass then raise"])
def test_a_stub_is_not_attempted(code):
    tried = attempt([("code cell 1", code)], ("corr2d",), STUB)
    assert not tried.attempted and tried.stubs == ("corr2d",)


def test_a_module_whose_methods_all_raise_is_a_stub_and_one_written_method_is_an_attempt():
    stub = ("class Conv2D(nn.Module):\n    def __init__(self, k):\n        super().__init__()\n"
            "        raise NotImplementedError\n\n    def forward(self, x):\n        raise NotImplementedError\n")
    assert not attempt([("c", stub)], ("Conv2D",), "").attempted
    written = stub.replace("        super().__init__()\n        raise NotImplementedError",
                           "        super().__init__()\n        self.k = k")
    assert attempt([("c", written)], ("Conv2D",), "").written == ("Conv2D",)


def test_written_missing_and_broken_names():
    cells = [("code cell 1", STUB), ("code cell 2", "def corr2d(X, K):\n    return X\n"),
             ("code cell 3", "def pad2d(:\n    pass\n")]
    tried = attempt(cells, ("corr2d", "pad2d", "other"), STUB)
    assert tried.written == ("corr2d",) and tried.missing == ("other",)
    assert tried.broken == (("pad2d", "code cell 3"),)  # a syntax error is work, not "not attempted"
    assert attempt(cells[2:], ("pad2d",)).attempted


def test_factory_calls_are_read_with_where_they_are_and_what_they_pass():
    code = ("def corr2d(X, K):\n    Y = torch.zeros((2, 2))\n    Z = torch.zeros(3, device=X.device)\n"
            "    w = nn.Parameter(torch.rand(2))\n    return helper(Y)\n\n\ndef helper(Y):\n    return torch.ones(2, dtype=Y.dtype)\n")
    calls = facts([("code cell 4", code)], ["corr2d"]).factory_calls
    assert [(c.name, c.where, c.device, c.dtype) for c in calls] == [
        ("zeros", "code cell 4, line 2", False, False), ("zeros", "code cell 4, line 3", True, False),
        ("ones", "code cell 4, line 9", False, True)]  # the parameter's torch.rand is moved by .to(): not listed


def test_written_answers_are_told_from_the_placeholder():
    placeholder = "**1. What happened:** _replace this text_\n\n**2. Why:** _replace this text_\n"
    assert written_answer(["# Title", placeholder], placeholder) == "placeholder"
    assert written_answer(["**1. What happened:** it worked\n\n**2. Why:** autograd"], placeholder) == "answered"
    assert written_answer(["## 15. Autograd", "My own words."], placeholder, "Autograd") == "answered"
    assert written_answer(["# Title"], placeholder, "Autograd") == "not found"


def test_a_syntax_error_in_a_questions_own_answer_cell_is_an_attempt_even_if_it_names_nothing():
    cells = [("code cell 1", "import torch"), ("code cell 2", "def broken(:\n    pass\n")]
    assert attempt(cells, ["Conv2D"]).missing == ("Conv2D",)  # no answer cell known: nothing says it is Conv2D's
    tried = attempt(cells, ["Conv2D"], answer_cell="code cell 2")
    assert tried.attempted and tried.broken == (("Conv2D", "code cell 2"),)
    assert attempt(cells, ["Conv2D"], answer_cell="code cell 1").missing == ("Conv2D",)  # that cell parses


def test_a_notebook_knows_each_questions_answer_cell_by_its_id(tmp_path):
    import json

    from convkit.submission import load_submission

    cells = [{"cell_type": "code", "id": "Conv2D-code", "source": "x = 1", "metadata": {}, "outputs": [],
              "execution_count": None},
             {"cell_type": "code", "source": "y = 2", "metadata": {}, "outputs": [], "execution_count": 3}]
    path = tmp_path / "a.ipynb"
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}))
    submission = load_submission(path)
    assert submission.answer_cell("Conv2D") == "code cell 1"
    assert submission.answer_cell("corr2d") == ""
