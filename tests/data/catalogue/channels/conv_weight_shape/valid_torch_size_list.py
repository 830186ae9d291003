"""Returns a list (any sequence of the four sizes is the shape) built with divmod checks."""


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    per_group, rest_in = divmod(in_channels, groups)
    _, rest_out = divmod(out_channels, groups)
    if rest_in or rest_out:
        raise ValueError("channel counts must be divisible by groups")
    size = list(kernel_size) if isinstance(kernel_size, (tuple, list)) else [kernel_size, kernel_size]
    return [out_channels, per_group] + size
