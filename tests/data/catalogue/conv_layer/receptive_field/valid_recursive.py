"""Recursion on the first layer: the rest of the stack sees r' pixels of the first layer's
output; those are s_1 apart in the input, and each is a k_1-wide window.

Valid: r = k_1 + s_1 * (r' - 1), with r = 1 for an empty stack.
"""


def receptive_field(kernel_sizes, strides=None):
    kernel_sizes = list(kernel_sizes)
    strides = [1] * len(kernel_sizes) if strides is None else list(strides)
    if not kernel_sizes:
        return 1
    return kernel_sizes[0] + strides[0] * (receptive_field(kernel_sizes[1:], strides[1:]) - 1)
