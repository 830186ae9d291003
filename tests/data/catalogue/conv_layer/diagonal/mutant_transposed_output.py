"""Answers "transposing X transposes the output": transpose_X = corr2d(X, K).T (7 × 8). But
eye(8) is symmetric, so corr2d(X.T, K) is the first answer itself.

Hints: conv_layer.diagonal.mistake.other_answer
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def diagonal_image(n):
    return torch.eye(n)


def diagonal_responses():
    X, K = torch.eye(8), torch.tensor([[1.0, -1.0]])
    return {"K": corr2d(X, K), "transpose_X": corr2d(X, K).T, "transpose_K": corr2d(X, K.T)}
