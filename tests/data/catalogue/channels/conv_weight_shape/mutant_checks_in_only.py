"""Checks only in_channels against groups; out_channels must divide by groups too (each
group produces out_channels // groups of the outputs).

Hints: channels.conv_weight_shape.mistake.in_only
"""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    if in_channels % groups:
        raise ValueError("in_channels must be divisible by groups")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (out_channels, in_channels // groups, kh, kw)
