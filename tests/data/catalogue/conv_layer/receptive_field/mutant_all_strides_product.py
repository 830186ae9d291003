"""Scales the whole stride-1 field by the product of all strides: 1 + sum(k - 1) * prod(s).

Wrong: each layer's kernel is spread only by the strides of the layers below it; the first
layer's taps are always 1 pixel apart.

Hints: conv_layer.receptive_field.mistake.all_strides
"""
import math


def receptive_field(kernel_sizes, strides=None):
    scale = 1 if strides is None else math.prod(strides)
    return 1 + sum(k - 1 for k in kernel_sizes) * scale
