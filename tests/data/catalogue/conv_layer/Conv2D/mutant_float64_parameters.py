"""Conv2D whose parameters are created in float64: a float32 input then meets float64
parameters (a real finding: its hint suggested a kernel-shaped bias).

Hints: conv_layer.mistake.parameter_dtype
"""
import torch
from torch import nn


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size, dtype=torch.float64))
        self.bias = nn.Parameter(torch.zeros(1, dtype=torch.float64))

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias
