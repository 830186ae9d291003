"""d2l's textbook corr2d (Python loops, torch.zeros on the CPU: fine for CPU float32 data),
a Conv2D initialised with randn instead of rand, and a manual update loop that zeroes the
gradients in place. Any initialisation is valid: the graders never depend on it."""
import torch
from torch import nn


def corr2d(X, K):
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(kernel_size))
        self.bias = nn.Parameter(torch.randn(1))

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias


def learn_kernel(X, Y, kernel_size, lr=0.01, steps=20):
    torch.manual_seed(0)
    net = Conv2D(kernel_size)
    for _ in range(steps):
        loss = ((net(X) - Y) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            net.weight -= lr * net.weight.grad
            net.bias -= lr * net.bias.grad
            net.weight.grad.zero_()
            net.bias.grad.zero_()
    return net
