"""A forward difference down the height, but an un-halved central difference along the width
(X[i, j+2] - X[i, j]): the width part counts the slope twice, so the scale c differs.

Hints: conv_layer.directional_edge_kernel.hint.one_scale, conv_layer.directional_edge_kernel.hint.silent_across
"""
import torch


def directional_edge_kernel(v):
    v1, v2 = v
    K = torch.zeros(2, 3)
    K[0, 0] += -v1
    K[1, 0] += v1
    K[0, 0] += -v2
    K[0, 2] += v2
    return K
