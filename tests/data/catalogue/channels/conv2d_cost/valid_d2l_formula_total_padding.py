"""d2l's form of the output size, floor((n - k + p_total + s) / s) with p_total = 2p (d2l
writes the padding as the total rows added), times the kernel volume and c_out."""
import math


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    size = [input_size] * 2 if isinstance(input_size, int) else list(input_size)
    kernel = [kernel_size] * 2 if isinstance(kernel_size, int) else list(kernel_size)
    pad = [padding] * 2 if isinstance(padding, int) else list(padding)
    step = [stride] * 2 if isinstance(stride, int) else list(stride)
    out = [math.floor((n - k + 2 * p + s) / s) for n, k, p, s in zip(size, kernel, pad, step)]
    return c_out * out[0] * out[1] * c_in * kernel[0] * kernel[1]
