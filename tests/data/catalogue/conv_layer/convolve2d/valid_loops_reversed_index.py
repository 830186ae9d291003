"""d2l-style loops over the output with the kernel indexed backwards, allocation on X's
device and dtype (integer inputs: int64, so no overflow in small integer types)."""
import torch


def convolve2d(X, K):
    kh, kw = K.shape
    dtype = torch.promote_types(X.dtype, K.dtype)
    Y = torch.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1), dtype=dtype, device=X.device)
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            total = torch.zeros((), dtype=dtype, device=X.device)
            for a in range(kh):
                for b in range(kw):
                    total = total + X[i + a, j + b] * K[kh - 1 - a, kw - 1 - b]
            Y[i, j] = total
    return Y
