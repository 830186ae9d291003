"""forward uses self.weight.data: the values are right, but .data cuts the autograd graph,
so the weight never gets a gradient and could not be learned.

Hints: conv_layer.Conv2D.mistake.graph_cut
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
        return corr2d(x, self.weight.data) + self.bias
