"""F.conv2d with a batch of one and one output channel: exactly the multi-input case."""
import torch.nn.functional as F


def corr2d_multi_in(X, K):
    return F.conv2d(X[None], K[None])[0, 0]
