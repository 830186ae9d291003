"""v1 * (forward difference down the height) + v2 * (forward difference along the width),
written into one 2×2 kernel: on a ramp a*i + b*j it gives a*v1 + b*v2 (c = 1)."""
import torch


def directional_edge_kernel(v):
    v1, v2 = v
    return torch.tensor([[-(v1 + v2), v2], [v1, 0.0]])
