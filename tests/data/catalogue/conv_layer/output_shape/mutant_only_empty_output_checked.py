"""What many students write: raises ValueError for an empty output, but does not validate
stride, padding, dilation, kernel or output_padding.

Wrong: nn.Conv2d refuses a negative padding, a stride/dilation/kernel of 0 even where the
formula gives a positive size (and a stride of 0 divides by zero here).

Hints: conv_layer.output_shape.hint.invalid, conv_layer.output_shape.hint.transpose_refused, conv_layer.output_shape.mistake.no_argument_check
"""


def _pair(value):
    if isinstance(value, (tuple, list)):
        h, w = value
        return int(h), int(w)
    return int(value), int(value)


def _check(name, values, minimum):
    for v in values:
        if v < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {values}")


def conv2d_output_shape(input_size, kernel_size, padding=0, stride=1, dilation=1):
    n, k, p, s, d = (_pair(a) for a in (input_size, kernel_size, padding, stride, dilation))
    for name, values, minimum in [("input_size", n, 1), ("kernel_size", k, 1), ("padding", p, 0),
                                  ("stride", s, 1), ("dilation", d, 1)]:
        pass
    out = []
    for i in range(2):
        size = (n[i] + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1
        if size < 1:
            raise ValueError("the dilated kernel is larger than the padded input")
        out.append(size)
    return tuple(out)


def same_padding(kernel_size):
    k = _pair(kernel_size)
    if k[0] % 2 == 0 or k[1] % 2 == 0:
        raise ValueError("same padding needs an odd kernel")
    if isinstance(kernel_size, (tuple, list)):
        return ((k[0] - 1) // 2, (k[1] - 1) // 2)
    return (k[0] - 1) // 2


def conv_transpose2d_output_shape(input_size, kernel_size, padding=0, stride=1, output_padding=0, dilation=1):
    n, k, p, s, op, d = (_pair(a) for a in (input_size, kernel_size, padding, stride, output_padding, dilation))
    for name, values, minimum in [("input_size", n, 1), ("kernel_size", k, 1), ("padding", p, 0),
                                  ("stride", s, 1), ("output_padding", op, 0), ("dilation", d, 1)]:
        pass
    out = []
    for i in range(2):
        size = (n[i] - 1) * s[i] - 2 * p[i] + d[i] * (k[i] - 1) + op[i] + 1
        if size < 1:
            raise ValueError("output size is not positive")
        out.append(size)
    return tuple(out)
