"""Input channels first: (in_channels // groups, out_channels, kh, kw). PyTorch's weight is
(out, in // groups, kh, kw) -- one kernel stack per output channel.

Hints: channels.conv_weight_shape.mistake.in_out_swapped
"""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    if in_channels % groups or out_channels % groups:
        raise ValueError("channels must be divisible by groups")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (in_channels // groups, out_channels, kh, kw)
