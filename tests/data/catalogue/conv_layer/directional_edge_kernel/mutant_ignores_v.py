"""Always d2l's [[1, -1]]: an edge detector, but for one direction only, whatever v is.

Hints: conv_layer.directional_edge_kernel.hint.one_scale, conv_layer.directional_edge_kernel.hint.respond_along_v, conv_layer.directional_edge_kernel.hint.silent_across, conv_layer.directional_edge_kernel.mistake.axes_swapped
"""
import torch


def directional_edge_kernel(v):
    return torch.tensor([[1.0, -1.0]])
