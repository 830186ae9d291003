"""learn_kernel that calls optimizer.zero_grad() between loss.backward() and optimizer.step():
every update uses a zero gradient, nothing is learned (a real finding: its hints were about
range(1, steps) and in-place updates, which the code already gets right).

Hints: conv_layer.learn_kernel.mistake.zero_grad_after_backward
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
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    for _ in range(steps):
        loss = ((net(X) - Y) ** 2).sum()
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
    return net
