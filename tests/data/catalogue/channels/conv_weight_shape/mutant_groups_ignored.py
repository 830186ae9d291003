"""Ignores groups in the shape: every kernel would see all in_channels; with groups > 1
each sees only in_channels // groups (the divisibility check is there).

Hints: channels.conv_weight_shape.mistake.groups_ignored
"""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    if in_channels % groups or out_channels % groups:
        raise ValueError("channels must be divisible by groups")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (out_channels, in_channels, kh, kw)
