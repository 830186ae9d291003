"""-2 * [[1, -1], [-1, 1]] as an int64 tensor: any nonzero scaling (sign included) of a
valid kernel is valid, and an integer kernel is a kernel too."""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[-2, 2], [2, -2]])
