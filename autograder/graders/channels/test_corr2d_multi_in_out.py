"""Hidden grader: ``corr2d_multi_in_out(X, K)``, several input and output channels:
``X (c, h, w)``, ``K (co, c, kh, kw)`` -> ``(co, h-kh+1, w-kw+1)``; output channel ``o`` is
the multi-input correlation of ``X`` with ``K[o]``.

The number of output channels differs from the number of input channels and from the
output height and width in every case (so summing over output channels, stacking along
another dimension, or swapping K's two channel axes changes the shape or the values),
and the cases include 1 input channel, 1 output channel (a ``(1, oh, ow)`` result) and a
full-size kernel. Values, integers, dtype and device earn separate points.
"""
import pytest
import torch

import reference.channels as ref
from autograder.graders.channels._helpers import (
    check_keeps_device,
    check_keeps_dtype,
    check_values,
    output_shape_hint,
)
from convkit.grading.data import random_ints, random_tensor
from convkit.messages import message

D2L_X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                      [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
D2L_K2 = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
D2L_K = torch.stack((D2L_K2, D2L_K2 + 1, D2L_K2 + 2), 0)  # d2l: K = torch.stack((K, K + 1, K + 2), 0)

CHANNEL_HINT = message("channels.corr2d_multi_in_out.rule")

# (X shape (c, h, w), co, kernel size (kh, kw)).
SHAPES = [
    ((3, 6, 8), 2, (2, 3)),
    ((1, 5, 7), 4, (3, 3)),
    ((4, 5, 6), 1, (2, 2)),
    ((6, 4, 9), 5, (3, 1)),
    ((2, 8, 3), 7, (1, 1)),
    ((5, 7, 7), 3, (7, 7)),
]


def shape_hint(x_shape, k_shape):
    return message("channels.corr2d_multi_in_out.hint.shape", co=k_shape[0],
                   shape=output_shape_hint(x_shape[1:], k_shape[2:]))


def output_mistakes(inputs: dict) -> list:
    """(mistake, what it gives) for the classic slips, on the float64 inputs."""
    X, K = inputs["X"], inputs["K"]
    Y = ref.corr2d_multi_in_out(X, K)
    found = [(message("channels.corr2d_multi_in_out.mistake.stacked_dim1"), Y.permute(1, 0, 2)),
             (message("channels.corr2d_multi_in_out.mistake.stacked_last"), Y.permute(1, 2, 0)),
             (message("channels.corr2d_multi_in_out.mistake.summed_outputs"), Y.sum(0)),
             (message("mistake.flipped_kernel"), lambda: ref.corr2d_multi_in_out(X, K.flip(-1, -2)))]
    swapped = K.transpose(0, 1)
    found.append((message("channels.corr2d_multi_in_out.mistake.kernel_axes_swapped"),
                  lambda: torch.stack([ref.corr2d_multi_in(X[:k.shape[0]], k[:X.shape[0]]) for k in swapped])))
    return found


def check_multi_in_out(student, X, K, hint=CHANNEL_HINT, reveal=False):
    return check_values(student, "corr2d_multi_in_out", ref.corr2d_multi_in_out, {"X": X, "K": K},
                        terms=K[0].numel(), shape_hint=shape_hint(X.shape, K.shape), hint=hint, reveal=reveal,
                        mistakes=output_mistakes)


@pytest.mark.points(1)
def test_d2l_example(student):
    check_multi_in_out(student, D2L_X, D2L_K, reveal=True)


@pytest.mark.points(3)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_random_shapes(student, device, case):
    x_shape, co, kernel = SHAPES[case]
    X = random_tensor(x_shape, seed=600 + case, device=device)
    K = random_tensor((co, x_shape[0], *kernel), seed=610 + case, device=device)
    check_multi_in_out(student, X, K)


@pytest.mark.points(1)
def test_integer_inputs(student):
    X = random_ints((3, 5, 4), seed=620)
    K = random_ints((2, 3, 2, 2), seed=621)
    check_multi_in_out(student, X, K, hint=message("channels.hint.integers_and", rule=CHANNEL_HINT))


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype):
    X = random_tensor((3, 5, 6), seed=630, dtype=dtype)
    K = random_tensor((2, 3, 2, 2), seed=631, dtype=dtype)
    check_keeps_dtype(student, "corr2d_multi_in_out", ref.corr2d_multi_in_out, {"X": X, "K": K}, dtype,
                      terms=K[0].numel(), shape_hint=shape_hint(X.shape, K.shape), hint=CHANNEL_HINT,
                      mistakes=output_mistakes)


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    X, K = random_tensor((3, 6, 7), seed=640), random_tensor((4, 3, 3, 2), seed=641)
    check_keeps_device(student, "corr2d_multi_in_out", {"X": X, "K": K}, safe_device, shape=(4, 4, 6),
                       shape_hint=shape_hint(X.shape, K.shape), reference=ref.corr2d_multi_in_out,
                       terms=K[0].numel(), hint=CHANNEL_HINT, mistakes=output_mistakes)
