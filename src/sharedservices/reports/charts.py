"""Charts as PNG images (Pillow, which WeasyPrint already needs), for the DOCX and PDF.

Word cannot show the product's SVG charts, so the report draws its own: plain bars with
the figure written on each. Every chart has alt text and its table beside it.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

WIDTH, ROW, PAD, LABEL = 1200, 90, 30, 420
BLUE, RED, INK = (29, 112, 184), (212, 53, 28), (11, 12, 12)


def _font(size: int):
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def bar_chart(bars: list[tuple[str, float, str]]) -> bytes:
    """Horizontal bars, one per (label, value, value as text); positive blue, negative red."""
    height = PAD * 2 + ROW * max(len(bars), 1)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    font = _font(26)
    values = [v for _, v, _ in bars] or [0.0]
    lo, hi = min(min(values), 0.0), max(max(values), 0.0)
    span = (hi - lo) or 1.0
    left, right = LABEL + PAD, WIDTH - PAD - 200

    def x(v: float) -> float:
        return left + (v - lo) / span * (right - left)

    for i, (label, value, text) in enumerate(bars):
        top = PAD + i * ROW
        short = label if len(label) <= 30 else label[:29] + "…"
        draw.text((PAD, top + ROW / 2), short, fill=INK, font=font, anchor="lm")
        x0, x1 = sorted((x(0.0), x(value)))
        draw.rectangle(
            (x0, top + 15, max(x1, x0 + 1), top + ROW - 15), fill=BLUE if value >= 0 else RED
        )
        draw.text((max(x1, x(0.0)) + 10, top + ROW / 2), text, fill=INK, font=font, anchor="lm")
    draw.line((x(0.0), PAD / 2, x(0.0), height - PAD / 2), fill=INK, width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
