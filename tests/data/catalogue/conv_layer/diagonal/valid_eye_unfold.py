"""torch.eye(n) as the image (d2l's own) and the three answers computed with an unfold-based
corr2d: every property holds, every answer is the computed tensor."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    return (X.unfold(0, kh, 1).unfold(1, kw, 1) * K).sum((-1, -2))


def diagonal_image(n):
    return torch.eye(n)


def diagonal_responses():
    X = torch.eye(8)
    K = torch.tensor([[1.0, -1.0]])
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X, K.T)}
