"""d2l's loop copied literally: only the weight is updated (d2l's nn.Conv2d had
bias=False), so the bias of the hand-made Conv2D stays at its initial value.

Hints: conv_layer.learn_kernel.hint.not_converged, conv_layer.learn_kernel.mistake.bias_not_updated
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
    for i in range(steps):
        Y_hat = net(X)
        l = (Y_hat - Y) ** 2
        net.zero_grad()
        l.sum().backward()
        net.weight.data[:] -= lr * net.weight.grad
    return net
