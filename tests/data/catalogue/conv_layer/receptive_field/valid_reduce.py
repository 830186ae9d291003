"""functools.reduce over the layers, carrying (field, jump).

Valid: the same recurrence as the loop, written as a fold; strides default to 1.
"""
from functools import reduce


def receptive_field(kernel_sizes, strides=None):
    strides = strides if strides is not None else [1] * len(kernel_sizes)

    def step(state, layer):
        field, jump = state
        k, s = layer
        return field + (k - 1) * jump, jump * s

    return reduce(step, zip(kernel_sizes, strides), (1, 1))[0]
