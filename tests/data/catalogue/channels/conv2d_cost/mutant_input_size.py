"""Multiplies by the input size h × w instead of the output size: the kernel is applied
once per output position, and padding/stride change how many there are.

Hints: channels.conv2d_cost.mistake.input_size
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw) = pair(input_size), pair(kernel_size)
    return c_out * h * w * c_in * kh * kw
