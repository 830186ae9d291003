"""The d-th forward difference: taps (-1)**(d - k) * C(d, k), the last one positive, so that
corr2d (which does not flip K) gives sum_k K[k] f(x + k) = Delta^d f(x), exactly d! times
the leading coefficient on a polynomial of degree d."""
import math

import torch


def derivative_kernel(d):
    return torch.tensor([[(-1) ** (d - k) * math.comb(d, k) for k in range(d + 1)]], dtype=torch.float32)


def min_derivative_kernel_size(d):
    return d + 1
