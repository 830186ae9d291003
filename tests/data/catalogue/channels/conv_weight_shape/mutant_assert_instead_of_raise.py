"""Validates with assert: that raises AssertionError (and nothing under python -O), not
the ValueError the question and nn.Conv2d use.

Hints: channels.conv_weight_shape.hint.divisible
"""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    assert in_channels % groups == 0 and out_channels % groups == 0, "channels must divide by groups"
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (out_channels, in_channels // groups, kh, kw)
