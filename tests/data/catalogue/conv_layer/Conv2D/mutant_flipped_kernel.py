"""forward flips the weight (true convolution): values and the weight's gradient are those
of a flipped kernel, not of corr2d(x, weight).

Hints: mistake.flipped_kernel
"""
import torch
from torch import nn


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return corr2d(x, torch.flip(self.weight, (0, 1))) + self.bias
