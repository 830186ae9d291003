"""corr2d whose result is float32 whatever the input (loops into a float32 canvas on X's device)."""
import torch


def corr2d(X, K):
    kh, kw = K.shape
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1), device=X.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = (X[i:i + kh, j:j + kw].float() * K.float()).sum()
    return Y
