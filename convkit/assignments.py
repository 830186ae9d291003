"""The assignments and their questions, as fixed by SPEC.md.

A question's *points* are not written here: they are the sum of its grader tests' points
(``autograder/graders/<package>/test_<id>.py``), so they cannot drift from the graders.
Here live only what the graders cannot say: which names a student defines for each
question (to report "not attempted"), and which questions are graded by hand.
"""
from __future__ import annotations

from dataclasses import dataclass

from convkit.errors import ConvkitError
from convkit.paths import GRADERS_DIR


@dataclass(frozen=True)
class Question:
    id: str
    names: tuple[str, ...]
    title: str
    manual: bool = False  # graded by a person; no auto points

    @property
    def grader_file(self) -> str:
        return f"test_{self.id.lower()}.py"


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    package: str
    questions: tuple[Question, ...]

    @property
    def graders_dir(self):
        return GRADERS_DIR / self.package

    @property
    def auto_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.manual)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        known = ", ".join(q.id for q in self.questions)
        raise ConvkitError(f"unknown question {question_id!r} in assignment {self.id} (known: {known})")

    def grader_paths(self, question_ids=None) -> list[str]:
        chosen = self.auto_questions if question_ids is None else [self.question(q) for q in question_ids]
        paths = [self.graders_dir / q.grader_file for q in chosen if not q.manual]
        return [str(p) for p in paths if p.exists()]


def _q(id, names, title, manual=False):
    return Question(id, tuple(names), title, manual)


CONV_LAYER = Assignment(
    "conv-layer",
    "Convolutions for Images",
    "conv_layer",
    (
        _q("corr2d", ["corr2d"], "Cross-correlation"),
        _q("Conv2D", ["Conv2D"], "A convolutional layer"),
        _q("learn_kernel", ["learn_kernel"], "Learning a kernel"),
        _q("convolve2d", ["convolve2d"], "True convolution"),
        _q("diagonal", ["diagonal_image", "diagonal_responses"], "Diagonal edges (exercise 1)"),
        _q("diagonal_edge_kernel", ["diagonal_edge_kernel"], "A diagonal edge detector"),
        _q("directional_edge_kernel", ["directional_edge_kernel"], "Edges in any direction"),
        _q("second_derivative_kernel", ["second_derivative_kernel"], "Second derivative"),
        _q("laplacian_kernel", ["laplacian_kernel"], "Laplacian"),
        _q("blur_kernel", ["blur_kernel"], "Blur"),
        _q("derivative_kernel", ["derivative_kernel", "min_derivative_kernel_size"], "Derivatives of any order"),
        _q("corr2d_matmul", ["corr2d_matmul", "kernel_matrix", "transpose_corr2d"], "Cross-correlation as a matrix multiplication"),
        _q("output_shape", ["conv2d_output_shape", "same_padding", "conv_transpose2d_output_shape"], "Output shapes"),
        _q("receptive_field", ["receptive_field"], "Receptive field"),
        _q("autograd_note", [], "Autograd through Conv2D (written answer)", manual=True),
    ),
)

CHANNELS = Assignment(
    "channels",
    "Padding, Stride and Channels",
    "channels",
    (
        _q("pad2d", ["pad2d"], "Padding"),
        _q("corr2d_strided", ["corr2d_strided"], "Padding and stride"),
        _q("corr2d_multi_in", ["corr2d_multi_in"], "Multiple input channels"),
        _q("corr2d_multi_in_out", ["corr2d_multi_in_out"], "Multiple output channels"),
        _q("corr2d_multi_in_out_1x1", ["corr2d_multi_in_out_1x1"], "1x1 convolution as a matmul"),
        _q("conv_weight_shape", ["conv_weight_shape"], "Weight shapes and groups"),
        _q("conv2d_cost", ["conv2d_cost"], "Computational cost"),
    ),
)

ASSIGNMENTS = {a.id: a for a in (CONV_LAYER, CHANNELS)}


def get_assignment(assignment_id: str) -> Assignment:
    try:
        return ASSIGNMENTS[assignment_id]
    except KeyError:
        known = ", ".join(ASSIGNMENTS)
        raise ConvkitError(f"unknown assignment {assignment_id!r} (known: {known})") from None


def detect_assignment(defined_names) -> Assignment:
    """The assignment whose names the submission defines most (conv-layer on a tie)."""
    defined = set(defined_names)
    return max(
        ASSIGNMENTS.values(),
        key=lambda a: sum(1 for q in a.questions for n in q.names if n in defined),
    )
