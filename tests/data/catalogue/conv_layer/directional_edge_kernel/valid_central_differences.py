"""Central differences in a 3×3 kernel, halved: (X[i+2, j+1] - X[i, j+1]) / 2 down the height
and (X[i+1, j+2] - X[i+1, j]) / 2 along the width, weighted by v1 and v2 (c = 1)."""
import torch


def directional_edge_kernel(v):
    v1, v2 = float(v[0]), float(v[1])
    K = torch.zeros(3, 3)
    K[0, 1], K[2, 1] = -v1 / 2, v1 / 2
    K[1, 0], K[1, 2] = -v2 / 2, v2 / 2
    return K
