"""Each padded row/column copies one source row/column: build the index maps with
torch.arange on X's device (clamp for replicate, remainder for circular, a double
reflection for reflect) and gather once. Zeros: a new_zeros canvas with X in the middle."""
import torch


def source(n, p, mode, device):
    i = torch.arange(-p, n + p, device=device)
    if mode == "replicate":
        return i.clamp(0, n - 1)
    if mode == "circular":
        return i % n
    return (n - 1) - ((n - 1) - i.abs()).abs()  # reflect


def pad2d(X, padding, mode="zeros"):
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    h, w = X.shape
    if mode == "zeros":
        Y = X.new_zeros((h + 2 * ph, w + 2 * pw))
        Y[ph:ph + h, pw:pw + w] = X
        return Y
    rows = source(h, ph, mode, X.device)
    cols = source(w, pw, mode, X.device)
    return X[rows[:, None], cols[None, :]]
