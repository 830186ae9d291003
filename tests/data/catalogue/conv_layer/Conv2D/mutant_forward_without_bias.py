"""Registers a bias but forgets to add it in forward: values are wrong for a nonzero bias
and the bias never gets a gradient.

Hints: conv_layer.Conv2D.mistake.bias_not_added
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
        return corr2d(x, self.weight)
