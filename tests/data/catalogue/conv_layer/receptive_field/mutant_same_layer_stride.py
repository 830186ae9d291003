"""Multiplies each layer's (k - 1) by the product of the strides up to and INCLUDING its own.

Wrong: a layer's own stride spaces its OUTPUTS; its kernel taps are spaced by the strides of
the layers before it only (a single layer sees exactly k pixels, whatever its stride).

Hints: conv_layer.receptive_field.mistake.own_stride
"""


def receptive_field(kernel_sizes, strides=None):
    if strides is None:
        strides = [1] * len(kernel_sizes)
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        jump *= s
        field += (k - 1) * jump
    return field
