"""The box filter: every tap 1 / size**2 (torch.full)."""
import torch


def blur_kernel(size):
    return torch.full((size, size), 1.0 / size**2)
