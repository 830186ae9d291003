"""A backward difference down the height but a forward one along the width: the two parts
disagree in sign, so the response is -a*v1 + b*v2 and no single c fits.

Hints: conv_layer.directional_edge_kernel.hint.one_scale, conv_layer.directional_edge_kernel.hint.respond_along_v, conv_layer.directional_edge_kernel.hint.silent_across
"""
import torch


def directional_edge_kernel(v):
    v1, v2 = v
    return torch.tensor([[v1 - v2, v2], [-v1, 0.0]])
