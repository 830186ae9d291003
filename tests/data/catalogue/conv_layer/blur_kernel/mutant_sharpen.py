"""2 * identity - box: sums to 1 and is symmetric, but it sharpens (negative taps) and raises
the noise.

Hints: conv_layer.blur_kernel.hint.non_negative, conv_layer.blur_kernel.hint.spread
"""
import torch


def blur_kernel(size):
    K = -torch.full((size, size), 1.0 / size**2)
    c = size // 2
    K[c, c] += 2.0
    if size % 2 == 0:
        K = (K + K.flip(0) + K.flip(1) + K.flip(0, 1)) / 4
    return K
