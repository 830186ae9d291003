"""The image is the anti-diagonal torch.eye(n).flip(1): its value depends on i + j, not on
j - i, so it is constant along the wrong diagonals (the answers are right).

Hints: conv_layer.diagonal.mistake.anti_diagonal
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def diagonal_image(n):
    return torch.eye(n).flip(1)


def diagonal_responses():
    X, K = torch.eye(8), torch.tensor([[1.0, -1.0]])
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X, K.T)}
