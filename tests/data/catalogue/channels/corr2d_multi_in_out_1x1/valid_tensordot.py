"""torch.tensordot over the channel axis: (co, c) · (c, h, w) -> (co, h, w), no reshape of X."""
import torch


def corr2d_multi_in_out_1x1(X, K):
    return torch.tensordot(K.flatten(1), X, dims=1)
