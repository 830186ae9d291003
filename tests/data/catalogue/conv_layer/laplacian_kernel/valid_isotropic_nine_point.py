"""The isotropic 9-point stencil [[1, 4, 1], [4, -20, 4], [1, 4, 1]] / 6 (a blend of the two
classic stencils): exact on quadratics as well, in float64."""
import torch


def laplacian_kernel():
    return torch.tensor([[1.0, 4.0, 1.0], [4.0, -20.0, 4.0], [1.0, 4.0, 1.0]], dtype=torch.float64) / 6
