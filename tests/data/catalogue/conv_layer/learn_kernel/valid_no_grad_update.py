"""Updates every parameter under torch.no_grad() and clears the gradient
by setting it to None (what zero_grad does by default)."""
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
    net = Conv2D(kernel_size).to(X.device)
    for _ in range(steps):
        loss = ((net(X) - Y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= lr * p.grad
                p.grad = None
    return net
