"""Creates the weight with shape (kernel_size[1], kernel_size[0]) (width, height swapped)
and transposes it back in forward: the values are right, but the parameter has the wrong
shape, so anyone loading a (kh, kw) kernel into net.weight gets it wrong.

Hints: conv_layer.mistake.weight_transposed, mistake.transposed_kernel
"""
import torch
from torch import nn


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        kh, kw = kernel_size
        self.weight = nn.Parameter(torch.rand(kw, kh))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return corr2d(x, self.weight.T) + self.bias
