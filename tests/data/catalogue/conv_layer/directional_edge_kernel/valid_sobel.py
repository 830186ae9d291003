"""v1 * Sobel_y + v2 * Sobel_x: both Sobel kernels give 8 times the slope on a ramp, so the
response is 8 * (a*v1 + b*v2): one c = 8 for every ramp."""
import torch


def directional_edge_kernel(v):
    sobel_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
    sobel_y = sobel_x.T
    return v[0] * sobel_y + v[1] * sobel_x
