"""Counts c_in·kh·kw multiplications plus c_in·kh·kw - 1 additions per output element: an
operation count, not multiply-adds (each product with its addition is one multiply-add).

Hints: channels.conv2d_cost.mistake.mults_plus_adds
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(input_size), pair(kernel_size), pair(padding), pair(stride)
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    n = c_in * kh * kw
    return c_out * oh * ow * (2 * n - 1)
