"""Adds the kernel sizes.

Wrong: neighbouring windows overlap, so two 3x3 layers see 5 pixels, not 6 (and d2l's
two 2x2 layers see 3, not 4); strides are ignored too.

Hints: conv_layer.receptive_field.mistake.sum_of_kernels
"""


def receptive_field(kernel_sizes, strides=None):
    return sum(kernel_sizes)
