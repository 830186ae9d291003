"""Answers "transposing K changes nothing either" (confusing it with transposing the
symmetric X): transpose_K = corr2d(X, K), 8 × 7 instead of 7 × 8.

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
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X, K)}
