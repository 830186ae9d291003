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
    check_equal(K.shape, (size, size), f"{K.call}.shape",
                hint="blur_kernel(size) is a square kernel: size × size")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_non_negative(student, size):
    K = kernel(student, size)
    negative = K.values < 0
    if bool(negative.any()):
        fail(f"{K.call}", "every tap >= 0",
             f"{int(negative.sum())} negative taps (the smallest is {float(K.values.min()):.3g})",
             "a blur averages neighbours with non-negative weights; negative taps sharpen instead")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_sums_to_one(student, size):
    K = kernel(student, size)
    total = float(K.values.sum())
    if abs(total - 1.0) > rounding(K):
        fail(f"{K.call}.sum()", "1 (the taps are the weights of an average)", f"{total:.6g}",
             "divide the taps by their sum (a box of size × size has taps 1 / size**2)")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_symmetric_under_flips(student, size):
    K = kernel(student, size)
    for dim, name in ((0, "upside down (K.flip(0))"), (1, "left to right (K.flip(1))")):
        bad = (K.values - K.values.flip(dim)).abs() > rounding(K)
        if bool(bad.any()):
            fail(f"{K.call}", f"a kernel that is unchanged when flipped {name}",
                 f"{int(bad.sum())} of {bad.numel()} taps change",
                 "centre the weights: for a Gaussian, measure distances from (size - 1) / 2, "
                 "which is between two pixels when size is even")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES)
def test_keeps_constant_images(student, size):
    K = kernel(student, size)
    Y, allowed = correlate(K, torch.full((size + 6, size + 6), 3.0, dtype=F64))
    bad = (Y - 3.0).abs() > allowed
    if bool(bad.any()):
        fail(f"K = {K.call}; Y = corr2d(X, K) on a constant image X ({shape_text((size + 6, size + 6))})",
             "Y equal to the image's constant value everywhere",
             f"{int(bad.sum())} of {bad.numel()} values differ "
             f"(Y[0, 0] is {float(Y[0, 0]) / 3.0:.4g} times the constant)",
             "a blur must not brighten or darken a flat image: its taps must sum to 1")


@pytest.mark.points(1)
@pytest.mark.parametrize("size", SIZES[1:])
def test_lowers_noise_variance(student, size):
    K = kernel(student, size)
    ratio = float((K.values ** 2).sum())  # Var(corr2d(noise, K)) / Var(noise) for white noise
    if ratio < VARIANCE_RATIO:
        return
    fail(f"K = {K.call}; Y = corr2d(X, K) on white noise X",
         "Y.var() clearly below X.var() (blurring averages the noise away)",
         f"Y.var() / X.var() = sum(K**2) = {ratio:.3g}",
         "spread the weight over several taps (all of K's weight on one tap only shifts the image)")
