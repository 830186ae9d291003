"""Forgets the centre tap: [[0, v2], [v1, 0]] just samples the neighbours, so its taps sum
to v1 + v2 and the image's brightness leaks into the response.

Hints: conv_layer.diagonal_edge_kernel.hint.sum_zero, conv_layer.directional_edge_kernel.hint.constant_response, conv_layer.directional_edge_kernel.hint.silent_across
"""
import torch


def directional_edge_kernel(v):
    v1, v2 = v
    return torch.tensor([[0.0, v2], [v1, 0.0]])
