"""Seeded test inputs for graders, always drawn on the CPU (CPU and CUDA generators differ)
and then moved, so every device sees the same numbers."""
from __future__ import annotations

import torch


def generator(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(int(seed))


def random_tensor(shape, seed: int, dtype=torch.float32, device="cpu") -> torch.Tensor:
    """Standard-normal values, drawn in float64 on the CPU then cast and moved."""
    values = torch.randn(tuple(shape), generator=generator(seed), dtype=torch.float64)
    return values.to(dtype).to(device)


def random_ints(shape, seed: int, low: int = -5, high: int = 6, dtype=torch.int64, device="cpu") -> torch.Tensor:
    return torch.randint(low, high, tuple(shape), generator=generator(seed), dtype=dtype).to(device)


def on(device, *tensors):
    """The same tensors on ``device`` (``meta`` keeps shape and dtype only)."""
    moved = tuple(t.to(device) for t in tensors)
    return moved if len(moved) != 1 else moved[0]
