"""Height/width confusion: v1 weights the difference along the width and v2 the one down the
height, so the kernel measures the slope along (v2, v1) instead of v.

Hints: conv_layer.directional_edge_kernel.hint.one_scale, conv_layer.directional_edge_kernel.hint.respond_along_v, conv_layer.directional_edge_kernel.mistake.axes_swapped
"""
import torch


def directional_edge_kernel(v):
    v1, v2 = v
    return torch.tensor([[-(v1 + v2), v1], [v2, 0.0]])
