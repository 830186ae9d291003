"""Measures instead of deriving: runs F.conv2d on meta tensors (shapes only) under
PyTorch's FlopCounterMode, which counts a multiply-add as 2 FLOPs, and halves it."""
import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_cost(c_in, c_out, input_size, kernel_size, padding=0, stride=1):
    X = torch.empty((1, c_in, *pair(input_size)), device="meta")
    K = torch.empty((c_out, c_in, *pair(kernel_size)), device="meta")
    counter = FlopCounterMode(display=False)
    with counter:
        F.conv2d(X, K, padding=pair(padding), stride=pair(stride))
    return counter.get_total_flops() // 2
