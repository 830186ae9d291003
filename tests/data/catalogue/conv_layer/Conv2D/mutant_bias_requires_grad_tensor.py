"""The bias is torch.zeros(1, requires_grad=True): it gets gradients, but it is not
registered as a parameter (net.parameters() and optimisers never see it) and .double() /
.to(device) do not convert it.

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
        self.bias = torch.zeros(1, requires_grad=True)

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias
