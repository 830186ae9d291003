"""Always d2l's [[1, -1]]: an edge detector, but for one direction only, whatever v is."""
import torch


def directional_edge_kernel(v):
    return torch.tensor([[1.0, -1.0]])
