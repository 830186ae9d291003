"""The +45° line-detection mask of image-processing textbooks, [[-1, -1, 2], [-1, 2, -1],
[2, -1, -1]]: every row and column sums to zero (silent on flat regions and straight edges)
and it lights up along diagonal lines and steps."""
import torch


def diagonal_edge_kernel():
    return torch.tensor([[-1.0, -1.0, 2.0], [-1.0, 2.0, -1.0], [2.0, -1.0, -1.0]])
