"""corr2d with as_strided windows and einsum; Conv2D stores kernel_size and builds the
output from operations on its inputs only."""
import torch
from torch import nn


def corr2d(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    X = X.contiguous()
    s0, s1 = X.stride()
    windows = X.as_strided((oh, ow, kh, kw), (s0, s1, s0, s1))
    return torch.einsum("ijkl,kl->ij", windows, K)


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.kernel_size = tuple(kernel_size)
        self.weight = nn.Parameter(torch.rand(self.kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias
