"""Bottom-up loop keeping the "jump": the distance, in input pixels, between neighbouring
pixels of the current layer's input.

Valid: layer l widens the field by (k_l - 1) jumps, and the jump grows by the layer's own
stride only AFTER the layer: r = 1 + sum((k_l - 1) * s_1 * ... * s_{l-1}).
"""


def receptive_field(kernel_sizes, strides=None):
    if strides is None:
        strides = [1] * len(kernel_sizes)
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides):
        field += (k - 1) * jump
        jump *= s
    return field
