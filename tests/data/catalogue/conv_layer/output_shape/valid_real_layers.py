"""Ask PyTorch itself: build the layer, run a zero tensor through it, read the shape.

Valid: this is the definition of "as nn.Conv2d computes it". PyTorch's RuntimeError for a
refused configuration becomes the ValueError the question asks for; the shape is returned as
the torch.Size PyTorch gives (a tuple subclass). same_padding returns a
pair for every kernel (a pair is a valid nn.Conv2d padding, so it keeps the size too).
"""
import torch
from torch import nn


def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def _run(layer_class, input_size, **layer_args):
    h, w = _pair(input_size)
    try:
        layer = layer_class(1, 1, **layer_args)
        with torch.no_grad():
            out = layer(torch.zeros(1, 1, h, w))
    except RuntimeError as error:
        raise ValueError(str(error)) from None
    return out.shape[-2:]  # a torch.Size, which is a tuple of ints


def conv2d_output_shape(input_size, kernel_size, padding=0, stride=1, dilation=1):
    return _run(nn.Conv2d, input_size, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)


def same_padding(kernel_size):
    kh, kw = _pair(kernel_size)
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError("even kernels cannot keep the size with equal padding on both sides")
    return (kh // 2, kw // 2)


def conv_transpose2d_output_shape(input_size, kernel_size, padding=0, stride=1, output_padding=0, dilation=1):
    return _run(nn.ConvTranspose2d, input_size, kernel_size=kernel_size, padding=padding, stride=stride,
                output_padding=output_padding, dilation=dilation)
