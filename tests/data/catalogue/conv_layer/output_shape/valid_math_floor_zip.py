"""Functional style: math.floor of a true division, zip over (h, w) components.

Valid: for these small integers the float division is exact enough, and math.floor rounds
down (unlike int(), which rounds toward zero), so a negative numerator still gives a size
below 1, which is refused. Validation is done up front with all().
"""
import math


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def _valid(args, minima):
    return all(x >= m for a, m in zip(args, minima) for x in a)


def conv2d_output_shape(input_size, kernel_size, padding=0, stride=1, dilation=1):
    args = [_pair(a) for a in (input_size, kernel_size, padding, stride, dilation)]
    if not _valid(args, (1, 1, 0, 1, 1)):
        raise ValueError(f"invalid arguments {args}")
    out = tuple(math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1 for n, k, p, s, d in zip(*args))
    if min(out) <= 0:
        raise ValueError(f"empty output {out}")
    return out


def same_padding(kernel_size):
    if isinstance(kernel_size, (tuple, list)):
        return tuple(same_padding(k) for k in kernel_size)
    if kernel_size < 1 or kernel_size % 2 == 0:
        raise ValueError("kernel_size must be a positive odd number")
    return kernel_size // 2


def conv_transpose2d_output_shape(input_size, kernel_size, padding=0, stride=1, output_padding=0, dilation=1):
    args = [_pair(a) for a in (input_size, kernel_size, padding, stride, output_padding, dilation)]
    if not _valid(args, (1, 1, 0, 1, 0, 1)):
        raise ValueError(f"invalid arguments {args}")
    out = []
    for n, k, p, s, op, d in zip(*args):
        if op >= max(s, d):
            raise ValueError("output_padding must be smaller than either stride or dilation")
        out.append((n - 1) * s - 2 * p + d * (k - 1) + op + 1)
    if min(out) <= 0:
        raise ValueError(f"empty output {out}")
    return tuple(out)
