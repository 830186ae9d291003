"""Unpacks kernel_size as a pair: an int kernel size (a square kernel, nn.Conv2d's usual
call) raises TypeError.

Hints: hint.run_yourself
"""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    if in_channels % groups or out_channels % groups:
        raise ValueError("channels must be divisible by groups")
    return (out_channels, in_channels // groups, *kernel_size)
