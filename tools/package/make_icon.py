#!/usr/bin/env python3
"""Draws nuget/icon.png (128x128): a shield with a check mark. Stdlib only; rerun to regenerate."""
import struct
import zlib
from pathlib import Path

SIZE = 128
GREEN, DARK, WHITE, CLEAR = (46, 125, 50, 255), (27, 94, 32, 255), (255, 255, 255, 255), (0, 0, 0, 0)


def inside_shield(x, y):
    cx = SIZE / 2
    top, flat_end, bottom = 10, 70, 118
    half = 48
    if y < top or y > bottom:
        return False
    if y <= flat_end:
        return abs(x - cx) <= half
    # The lower part narrows linearly to the point.
    return abs(x - cx) <= half * (bottom - y) / (bottom - flat_end)


def on_check(x, y):
    def near(ax, ay, bx, by, width):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= width ** 2
    return near(38, 62, 56, 82, 7) or near(56, 82, 92, 40, 7)


def pixel(x, y):
    if not inside_shield(x, y):
        return CLEAR
    if on_check(x, y):
        return WHITE
    return DARK if not inside_shield(x - 5, y - 5) or not inside_shield(x + 5, y + 5) else GREEN


def png(width, height, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[2] / "nuget" / "icon.png"
    out.write_bytes(png(SIZE, SIZE, [[pixel(x, y) for x in range(SIZE)] for y in range(SIZE)]))
    print(out)
