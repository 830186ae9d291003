"""im2col with torch.nn.functional.unfold (F.unfold only rearranges, so it is allowed),
then one matmul. F.unfold refuses integer tensors, so those go through float64 and are
rounded back. C is built row by row from K pasted into a zero image."""
import torch
import torch.nn.functional as F


def corr2d_matmul(X, K):
    kh, kw = K.shape
    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    integer = not X.is_floating_point()
    dtype = torch.float64 if integer else X.dtype
    columns = F.unfold(X[None, None].to(dtype), (kh, kw))[0]  # (kh*kw, oh*ow)
    Y = (K.reshape(1, -1).to(dtype) @ columns).reshape(oh, ow)
    return Y.round().long() if integer else Y


def kernel_matrix(K, input_shape):
    h, w = input_shape
    kh, kw = K.shape
    rows = []
    for i in range(h - kh + 1):
        for j in range(w - kw + 1):
            image = torch.zeros((h, w), dtype=K.dtype, device=K.device)
            image[i:i + kh, j:j + kw] = K
            rows.append(image.reshape(-1))
    return torch.stack(rows)


def transpose_corr2d(Y, K, input_shape):
    return (Y.reshape(1, -1) @ kernel_matrix(K, input_shape)).reshape(input_shape)
