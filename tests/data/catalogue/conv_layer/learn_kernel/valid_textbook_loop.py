"""d2l's training loop adapted to the hand-made Conv2D: zero_grad, summed squared
error, backward, then weight.data[:] -= lr * grad for weight AND bias (d2l's nn.Conv2d had
bias=False, so the bias update must be added)."""
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
        net.bias.data[:] -= lr * net.bias.grad
        if (i + 1) % 2 == 0:
            print(f'epoch {i + 1}, loss {l.sum():.3f}')
    return net
