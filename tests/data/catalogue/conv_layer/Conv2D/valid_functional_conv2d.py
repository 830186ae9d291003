"""forward through torch.nn.functional.conv2d (which is a cross-correlation too): the same
values and gradients as corr2d(x, weight) + bias, on every device and dtype."""
import torch
import torch.nn.functional as F
from torch import nn


def corr2d(X, K):
    return F.conv2d(X[None, None], K[None, None])[0, 0]


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return F.conv2d(x[None, None], self.weight[None, None], self.bias)[0, 0]
