"""Right shapes, but no check: for channels that groups do not divide it returns a
truncated shape instead of raising ValueError as nn.Conv2d does.

Hints: channels.conv_weight_shape.hint.divisible
"""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (out_channels, in_channels // groups, kh, kw)
