"""PyTorch's own layer function: add batch and channel dimensions, call F.conv2d (which is
a cross-correlation), drop them again. F.conv2d takes int-or-pair padding and stride."""
import torch.nn.functional as F


def corr2d_strided(X, K, padding=0, stride=1):
    return F.conv2d(X[None, None], K[None, None], padding=padding, stride=stride)[0, 0]
