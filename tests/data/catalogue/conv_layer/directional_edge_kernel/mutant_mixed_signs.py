"""A backward difference down the height but a forward one along the width: the two parts
disagree in sign, so the response is -a*v1 + b*v2 and no single c fits."""
import torch


def directional_edge_kernel(v):
    v1, v2 = v
    return torch.tensor([[v1 - v2, v2], [-v1, 0.0]])
