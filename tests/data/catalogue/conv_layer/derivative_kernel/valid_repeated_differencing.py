"""Starts from [[1]] and applies the first difference d times: the taps of Delta(g) are
K_new[k] = K[k - 1] - K[k] (pad one zero on each side in turn), giving the forward-difference
taps of order d without binomial coefficients."""
import torch
import torch.nn.functional as F


def derivative_kernel(d):
    K = torch.ones(1, 1)
    for _ in range(d):
        K = F.pad(K, (1, 0)) - F.pad(K, (0, 1))
    return K


def min_derivative_kernel_size(d):
    return int(d) + 1
