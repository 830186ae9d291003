"""Normalises v to unit length and uses backward differences (X[i, j] - X[i+1, j] and
X[i, j] - X[i, j+1]) for both components: c = -1 / |v|, negative but the same for every
ramp, in float64."""
import math

import torch


def directional_edge_kernel(v):
    v1, v2 = v
    n = math.hypot(v1, v2)
    u1, u2 = v1 / n, v2 / n
    return torch.tensor([[u1 + u2, -u2], [-u1, 0.0]], dtype=torch.float64)
