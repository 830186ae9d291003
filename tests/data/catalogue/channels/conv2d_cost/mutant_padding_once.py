"""Adds the padding once (h + p) instead of on both sides (h + 2p).

Hints: channels.conv2d_cost.mistake.padding_once
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(input_size), pair(kernel_size), pair(padding), pair(stride)
    oh, ow = (h + ph - kh) // sh + 1, (w + pw - kw) // sw + 1
    return c_out * oh * ow * c_in * kh * kw
