"""An integer image |j - i| (a valley along the diagonal) and integer answers: eye(8) and
K as int64 give exact int64 results, and integer results are allowed."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Y = torch.zeros(X.shape[0] - kh + 1, X.shape[1] - kw + 1, dtype=X.dtype, device=X.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + kh, j:j + kw] * K).sum()
    return Y


def diagonal_image(n):
    i = torch.arange(n).reshape(-1, 1)
    j = torch.arange(n).reshape(1, -1)
    return (j - i).abs()


def diagonal_responses():
    X = torch.eye(8, dtype=torch.int64)
    K = torch.tensor([[1, -1]])
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X, K.T)}
