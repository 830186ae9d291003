"""Right tensors under the wrong keys ("X_T", "K_T"): graders read the documented keys.

Hints: conv_layer.diagonal.hint.keys
"""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def diagonal_image(n):
    return torch.eye(n)


def diagonal_responses():
    X, K = torch.eye(8), torch.tensor([[1.0, -1.0]])
    return {"K": corr2d(X, K), "X_T": corr2d(X.T, K), "K_T": corr2d(X, K.T)}
