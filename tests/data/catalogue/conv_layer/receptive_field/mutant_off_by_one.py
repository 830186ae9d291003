"""Forgets the starting pixel: sum((k - 1) * jump) without the 1.

Wrong: one output pixel of a 1x1 convolution sees 1 input pixel, not 0; each layer then
ADDS (k - 1) jumps to that.

Hints: conv_layer.receptive_field.mistake.off_by_one
"""


def receptive_field(kernel_sizes, strides=None):
    if strides is None:
        strides = [1] * len(kernel_sizes)
    field, jump = 0, 1
    for k, s in zip(kernel_sizes, strides):
        field += (k - 1) * jump
        jump *= s
    return field
