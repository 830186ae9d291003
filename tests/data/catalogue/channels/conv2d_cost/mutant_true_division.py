"""Output size with true division (n + 2p - k) / s + 1: a fractional number of windows
whenever s does not divide n + 2p - k; windows come in whole numbers (floor).

Hints: channels.conv2d_cost.mistake.true_division
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(input_size), pair(kernel_size), pair(padding), pair(stride)
    oh, ow = (h + 2 * ph - kh) / sh + 1, (w + 2 * pw - kw) / sw + 1
    return c_out * oh * ow * c_in * kh * kw
