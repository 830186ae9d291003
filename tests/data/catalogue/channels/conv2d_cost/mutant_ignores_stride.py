"""Output size without the stride: (n + 2p - k) + 1 windows, as if stride were 1.

Hints: channels.conv2d_cost.mistake.ignores_stride
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw) = pair(input_size), pair(kernel_size), pair(padding)
    return c_out * (h + 2 * ph - kh + 1) * (w + 2 * pw - kw + 1) * c_in * kh * kw
