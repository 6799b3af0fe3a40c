"""Pixels of PNG images, for the tests that look at pictures (browser screenshots, static maps)."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

__all__ = ["colour_counts", "decode_png"]


def decode_png(data: bytes) -> np.ndarray:
    """Decode a PNG image with Pillow (matplotlib's image library).

    Returns the RGB pixels as a ``(height, width, 3)`` array of ``uint8``.
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


def colour_counts(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct colours of an RGB image and how many pixels have each.

    Returns ``(colours, counts)``: an ``(n, 3)`` array of the colours and an
    ``(n,)`` array of their pixel counts.
    """
    flat = rgb.reshape(-1, 3).astype(np.uint32)
    packed = (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]
    keys, counts = np.unique(packed, return_counts=True)
    colours = np.stack([(keys >> 16) & 0xFF, (keys >> 8) & 0xFF, keys & 0xFF], axis=1)
    return colours.astype(np.int64), counts
