"""The 8-neighbour stencil divided by 3: every row and column holds a second difference (each
third of the weight), and the corners cancel the mixed i*j term, so it is exact too. Its
taps (1/3) are not exact in float32, which the tolerance allows for."""
import torch


def laplacian_kernel():
    K = torch.ones(3, 3)
    K[1, 1] = -8.0
    return K / 3
