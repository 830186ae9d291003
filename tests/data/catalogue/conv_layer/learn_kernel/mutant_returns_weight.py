"""Trains correctly but returns the learned weight tensor instead of the module.

Hints: conv_layer.mistake.returned_weight
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
        return corr2d(x, self.weight) + self.bias



def learn_kernel(X, Y, kernel_size, lr=0.01, steps=20):
    net = Conv2D(kernel_size)
    for _ in range(steps):
        net.zero_grad()
        loss = ((net(X) - Y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= lr * p.grad
    return net.weight.detach()
