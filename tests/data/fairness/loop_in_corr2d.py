"""corr2d never returns; every other function is right and none uses corr2d (Conv2D is built on
F.conv2d): the case of issue 10, where one endless loop used to cost every other question."""
import torch
import torch.nn.functional as F
from torch import nn


def corr2d(X, K):
    while True:
        pass


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return F.conv2d(x[None, None], self.weight[None, None])[0, 0] + self.bias


def diagonal_edge_kernel():
    return torch.tensor([[1.0, -1.0], [-1.0, 1.0]])
