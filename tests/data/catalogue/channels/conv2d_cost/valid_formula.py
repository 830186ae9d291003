"""The count written out: output size by d2l's formula, then one multiply-add per product
term of every output element of every output channel."""


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    (h, w), (kh, kw), (ph, pw), (sh, sw) = pair(input_size), pair(kernel_size), pair(padding), pair(stride)
    oh = (h + 2 * ph - kh) // sh + 1
    ow = (w + 2 * pw - kw) // sw + 1
    return c_out * oh * ow * c_in * kh * kw
