"""The 4-neighbour Laplacian [[0, 1, 0], [1, -4, 1], [0, 1, 0]]: the second difference along
the width plus the one down the height, exact f_xx + f_yy on quadratics."""
import torch


def laplacian_kernel():
    return torch.tensor([[0.0, 1.0, 0.0], [1.0, -4.0, 1.0], [0.0, 1.0, 0.0]])
