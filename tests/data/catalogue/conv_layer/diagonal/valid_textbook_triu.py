"""d2l's textbook corr2d (double loop, torch.zeros on the CPU in float32) and an upper
triangular image (a step in j - i). The textbook corr2d is right for these float32 CPU
inputs, and a step along the diagonal is as diagonal an edge as eye's line."""
import torch


def corr2d(X, K):
    """Compute 2D cross-correlation."""
    h, w = K.shape
    Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    return Y


def diagonal_image(n):
    return torch.triu(torch.ones(n, n))


def diagonal_responses():
    X = torch.eye(8)
    K = torch.tensor([[1.0, -1.0]])
    answers = {}
    answers["K"] = corr2d(X, K)
    answers["transpose_X"] = corr2d(X.T, K)
    answers["transpose_K"] = corr2d(X, K.T)
    return answers
