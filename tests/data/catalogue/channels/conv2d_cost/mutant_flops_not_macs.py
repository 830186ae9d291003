"""Counts a multiplication and an addition separately: 2 × the multiply-adds (the FLOP
count torch's flop counter reports). The question asks for multiply-adds, one per product.

Hints: channels.conv2d_cost.mistake.flops
"""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(input_size), pair(kernel_size), pair(padding), pair(stride)
    oh, ow = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    return 2 * c_out * oh * ow * c_in * kh * kw
