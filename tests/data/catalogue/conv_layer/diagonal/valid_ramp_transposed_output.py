"""A float64 ramp X[i, j] = j - i as the image, and the transpose_K answer computed as
corr2d(X.T, K).T, which equals corr2d(X, K.T) for every X (transposing both the input and
the output of a cross-correlation is the same as transposing the kernel)."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    return sum(K[a, b] * X[a:a + oh, b:b + ow] for a in range(kh) for b in range(kw))


def diagonal_image(n):
    idx = torch.arange(n, dtype=torch.float64)
    return idx[None, :] - idx[:, None]


def diagonal_responses():
    X = torch.eye(8)
    K = torch.tensor([[1.0, -1.0]])
    return {"K": corr2d(X, K), "transpose_X": corr2d(X.T, K), "transpose_K": corr2d(X.T, K).T}
