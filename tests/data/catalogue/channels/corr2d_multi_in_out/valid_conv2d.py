"""F.conv2d with a batch of one: K is already nn.Conv2d's (out, in, kh, kw) weight layout."""
import torch.nn.functional as F


def corr2d_multi_in_out(X, K):
    return F.conv2d(X[None], K)[0]
