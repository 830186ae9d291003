"""torch.ones(size, size): a box that forgets to divide, so it sums to size**2 and brightens
every image."""
import torch


def blur_kernel(size):
    return torch.ones(size, size)
