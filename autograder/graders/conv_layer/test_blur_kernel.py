"""Hidden grader: ``blur_kernel(size)``, a ``size × size`` blur.

Judged by properties, each with its own point, for several sizes (odd and even): the shape;
non-negative taps; taps summing to 1; symmetry under both flips; constant images kept; the
variance of white noise lowered. A box filter, a centred Gaussian and a binomial filter all
have every property, so they all earn full credit.

Noise: for white noise of variance s**2 a kernel gives variance ``s**2 * sum(K**2)``
exactly (the taps of i.i.d. noise add their variances), which is below ``s**2`` for every
non-negative kernel summing to 1 except a single spike. The check computes that ratio
exactly, rather than estimating it on a noise sample (which would cost time on every
submission and add sampling error), and asks for a ratio below 0.98: far from the spike's 1
and from any real blur (a 3 × 3 Gaussian with sigma 1/3 gives about 0.92, a box 1/9).
"""
import pytest
import torch

from autograder.graders.conv_layer._kernels import (
    F64,
    correlate,
    fetch_kernel,
    shape_text,
)
from convkit.grading.checks import check_equal, fail, tolerance
from convkit.messages import message

SIZES = [1, 2, 3, 4, 7]
VARIANCE_RATIO = 0.98


def kernel(student, size):
    return fetch_kernel(student, "blur_kernel", size)


def rounding(K) -> float:
    """Allowed error of a sum or comparison of K's taps, at K's precision."""
    return float(tolerance(K.dtype, K.values.numel(), float(K.values.abs().max())))


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_shape(student, size):
    K = kernel(student, size)
    check_equal(K.shape, (size, size), f"{K.call}.shape", hint=message("conv_layer.blur_kernel.hint.shape"))


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_non_negative(student, size):
    K = kernel(student, size)
    negative = K.values < 0
    if bool(negative.any()):
        fail(f"{K.call}", message("conv_layer.blur_kernel.expected.non_negative"),
             message("conv_layer.blur_kernel.got.negative", count=int(negative.sum()),
                     smallest=f"{float(K.values.min()):.3g}"),
             message("conv_layer.blur_kernel.hint.non_negative"), kind="value")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_sums_to_one(student, size):
    K = kernel(student, size)
    total = float(K.values.sum())
    if abs(total - 1.0) > rounding(K):
        fail(f"{K.call}.sum()", message("conv_layer.blur_kernel.expected.sum_one"), f"{total:.6g}",
             message("conv_layer.blur_kernel.hint.sum_one"), kind="value")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_symmetric_under_flips(student, size):
    K = kernel(student, size)
    for dim in (0, 1):
        bad = (K.values - K.values.flip(dim)).abs() > rounding(K)
        if bool(bad.any()):
            fail(f"{K.call}", message(f"conv_layer.blur_kernel.expected.symmetric_{dim}"),
                 message("conv_layer.blur_kernel.got.taps_change", count=int(bad.sum()), total=bad.numel()),
                 message("conv_layer.blur_kernel.hint.centred"), kind="value")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_keeps_constant_images(student, size):
    K = kernel(student, size)
    Y, allowed = correlate(K, torch.full((size + 6, size + 6), 3.0, dtype=F64))
    bad = (Y - 3.0).abs() > allowed
    if bool(bad.any()):
        fail(message("conv_layer.blur_kernel.call.constant", call=K.call, shape=shape_text((size + 6, size + 6))),
             message("conv_layer.blur_kernel.expected.keeps_constant"),
             message("conv_layer.blur_kernel.got.constant_changed", count=int(bad.sum()), total=bad.numel(),
                     ratio=f"{float(Y[0, 0]) / 3.0:.4g}"),
             message("conv_layer.blur_kernel.hint.keeps_constant"))


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES[1:])
def test_lowers_noise_variance(student, size):
    K = kernel(student, size)
    ratio = float((K.values ** 2).sum())  # Var(corr2d(noise, K)) / Var(noise) for white noise
    if ratio < VARIANCE_RATIO:
        return
    fail(message("conv_layer.blur_kernel.call.noise", call=K.call),
         message("conv_layer.blur_kernel.expected.less_noise"), f"Y.var() / X.var() = sum(K**2) = {ratio:.3g}",
         message("conv_layer.blur_kernel.hint.spread"), kind="value")
