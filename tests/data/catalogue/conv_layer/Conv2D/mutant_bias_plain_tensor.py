"""The bias is a plain tensor, not an nn.Parameter: it is not registered (net.parameters()
misses it), gets no gradient, and .double() / .to(device) leave it behind.

Hints: conv_layer.Conv2D.mistake.not_registered, conv_layer.mistake.plain_tensor_not_converted
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
        self.bias = torch.zeros(1)

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias
