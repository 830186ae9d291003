"""The rule written out: (out_channels, in_channels // groups, kh, kw), with both channel
counts checked for divisibility first."""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    if in_channels % groups or out_channels % groups:
        raise ValueError(f"in_channels ({in_channels}) and out_channels ({out_channels}) "
                         f"must be divisible by groups ({groups})")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return (out_channels, in_channels // groups, kh, kw)
