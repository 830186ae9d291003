"""Asks PyTorch: build the layer on the meta device (no memory) and read its weight's
shape; nn.Conv2d itself raises ValueError for channel counts that groups do not divide."""
from torch import nn


def conv_weight_shape(in_channels, out_channels, kernel_size, groups=1):
    return nn.Conv2d(in_channels, out_channels, kernel_size, groups=groups, device="meta").weight.shape
