"""[[1, -1], [-1, 1]]: the difference along the width of the difference down the height
(the discrete f_xy). Rows and columns sum to zero, so straight edges and flat regions
cancel exactly; a diagonal step does not."""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[1.0, -1.0], [-1.0, 1.0]])
