"""Top-down: start from one output pixel and walk the layers from the last to the first.

Valid: r pixels of a layer's output come from (r - 1) * s + k pixels of its input.
"""


def receptive_field(kernel_sizes, strides=None):
    if strides is None:
        strides = (1,) * len(kernel_sizes)
    r = 1
    for k, s in reversed(list(zip(kernel_sizes, strides))):
        r = (r - 1) * s + k
    return r
