"""Averages the squared error (F.mse_loss default) instead of summing it: every
step is 1/(number of outputs) of the specified one.

Hints: conv_layer.learn_kernel.hint.not_converged, conv_layer.learn_kernel.mistake.mean_loss
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
        loss = ((net(X) - Y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            net.weight -= lr * net.weight.grad
            net.bias -= lr * net.bias.grad
    return net
