"""The top-down recurrence r = (r - 1) * s + k, but applied from the FIRST layer to the last.

Wrong: that recurrence walks from the output down to the input, so it must visit the layers
in reverse; forwards it multiplies by the strides of the later layers instead of the
earlier ones (right only when all strides are 1).

Hints: conv_layer.receptive_field.mistake.wrong_direction
"""


def receptive_field(kernel_sizes, strides=None):
    if strides is None:
        strides = [1] * len(kernel_sizes)
    r = 1
    for k, s in zip(kernel_sizes, strides):
        r = (r - 1) * s + k
    return r
