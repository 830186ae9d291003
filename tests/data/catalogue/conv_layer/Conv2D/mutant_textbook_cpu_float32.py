"""d2l's textbook Conv2D and corr2d, verbatim. corr2d allocates its result with
torch.zeros(...) on the CPU in float32, so the layer gives the right values and gradients
on the CPU in float32, but after net.double() it computes in float32 precision and after
net.to('meta') (or a GPU) it breaks: it loses the .double() and device points only."""
import torch
from torch import nn


def corr2d(X, K):
    """Compute 2D cross-correlation."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


class Conv2D(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.weight = nn.Parameter(torch.rand(kernel_size))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return corr2d(x, self.weight) + self.bias
