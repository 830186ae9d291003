"""The image X[i, j] = i changes down the height only: horizontal edges, not diagonal ones.

Hints: conv_layer.diagonal.hint.j_minus_i
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def diagonal_image(n):
    return torch.arange(n, dtype=torch.float32)[:, None].repeat(1, n)


def diagonal_responses():
    X, K = torch.eye(8), torch.tensor([[1.0, -1.0]])
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X, K.T)}
