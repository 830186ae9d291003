"""Hidden grader: ``corr2d_multi_in(X, K)``, cross-correlation with several input
channels: ``X (c, h, w)``, ``K (c, kh, kw)`` -> ``(h-kh+1, w-kw+1)``, the sum over channels
of the per-channel correlations.

Every shape has a channel count different from the height and the width (so an
accumulator sized with ``X.shape[0]`` where the height belongs cannot pass by accident),
and the set covers 1 channel, many channels (16 > h), a full-size and a 1×1 kernel.
Values, integers, dtype and device earn separate points.
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
D2L_K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])

SUM_HINT = message("channels.corr2d_multi_in.rule")

# (X shape (c, h, w), kernel size (kh, kw)); c differs from h and w everywhere.
SHAPES = [
    ((3, 6, 8), (2, 3)),
    ((1, 5, 7), (3, 3)),
    ((16, 4, 5), (2, 2)),
    ((5, 9, 4), (4, 1)),
    ((2, 7, 6), (7, 6)),
    ((4, 6, 3), (1, 1)),
    ((7, 3, 10), (3, 4)),
]


def shape_hint(x_shape, k_shape):
    c, h, w = x_shape
    return message("channels.corr2d_multi_in.hint.shape", shape=output_shape_hint((h, w), k_shape[-2:]))


def channel_mistakes(inputs: dict) -> list:
    """(mistake, what it gives) for the classic slips, on the float64 inputs."""
    X, K = inputs["X"], inputs["K"]
    per_channel = [ref.corr2d_strided(x, k) for x, k in zip(X, K)]
    return [(message("channels.corr2d_multi_in.mistake.first_channel_only"), per_channel[0]),
            (message("channels.corr2d_multi_in.mistake.mean"), sum(per_channel) / len(per_channel)),
            (message("channels.corr2d_multi_in.mistake.stacked"), torch.stack(per_channel)),
            (message("mistake.flipped_kernel"), lambda: ref.corr2d_multi_in(X, K.flip(-1, -2)))]


def size_mistakes(x_shape, k_shape) -> list:
    (c, h, w), (kh, kw) = x_shape, k_shape[-2:]
    return [(message("channels.corr2d_multi_in.mistake.channels_as_height"), (c - kh + 1, w - kw + 1))]


def check_multi_in(student, X, K, hint=SUM_HINT, reveal=False):
    return check_values(student, "corr2d_multi_in", ref.corr2d_multi_in, {"X": X, "K": K}, terms=K.numel(),
                        shape_hint=shape_hint(X.shape, K.shape), hint=hint, reveal=reveal,
                        mistakes=channel_mistakes, shape_mistakes=size_mistakes(X.shape, K.shape))


@pytest.mark.points(1)
def test_d2l_example(student):
    check_multi_in(student, D2L_X, D2L_K, reveal=True)


@pytest.mark.points(3)
@pytest.mark.parametrize("case", range(len(SHAPES)))
def test_random_shapes(student, device, case):
    x_shape, kernel = SHAPES[case]
    X = random_tensor(x_shape, seed=500 + case, device=device)
    K = random_tensor((x_shape[0], *kernel), seed=510 + case, device=device)
    check_multi_in(student, X, K)


@pytest.mark.points(1)
def test_integer_inputs(student):
    X = random_ints((3, 4, 6), seed=520)
    K = random_ints((3, 2, 3), seed=521)
    check_multi_in(student, X, K, hint=message("channels.hint.integers_and", rule=SUM_HINT))


@pytest.mark.points(1)
@pytest.mark.parametrize("dtype", [torch.float64, torch.float16])
def test_keeps_dtype(student, dtype):
    X = random_tensor((3, 5, 6), seed=530, dtype=dtype)
    K = random_tensor((3, 2, 2), seed=531, dtype=dtype)
    check_keeps_dtype(student, "corr2d_multi_in", ref.corr2d_multi_in, {"X": X, "K": K}, dtype,
                      terms=K.numel(), shape_hint=shape_hint(X.shape, K.shape), hint=SUM_HINT,
                      mistakes=channel_mistakes, shape_mistakes=size_mistakes(X.shape, K.shape))


@pytest.mark.points(1)
def test_keeps_device(student, safe_device):
    X, K = random_tensor((3, 6, 7), seed=540), random_tensor((3, 3, 2), seed=541)
    check_keeps_device(student, "corr2d_multi_in", {"X": X, "K": K}, safe_device, shape=(4, 6),
                       shape_hint=shape_hint(X.shape, K.shape), reference=ref.corr2d_multi_in, terms=K.numel(),
                       hint=SUM_HINT, mistakes=channel_mistakes, shape_mistakes=size_mistakes(X.shape, K.shape))
