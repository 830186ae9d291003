"""Treats the kernel as kh × kw only: forgets that every output element also sums over
the c_in input channels.

Hints: channels.conv2d_cost.mistake.forgets_c_in
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(input_size), pair(kernel_size), pair(padding), pair(stride)
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    return c_out * oh * ow * kh * kw
