"""Drawing primitives for demo product photos: colors, shapes, fills, a supersampled canvas."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Point = tuple[float, float]

WHITE: RGB = (255, 255, 255)
#: Drawing happens at this multiple of the output size, then is averaged down (anti-aliasing).
SUPERSAMPLE = 2
_SHADOW: RGB = (38, 40, 46)
METAL: RGB = (196, 199, 204)
GOLD: RGB = (214, 176, 92)
DARK: RGB = (44, 44, 48)
PAPER: RGB = (246, 242, 232)
KRAFT: RGB = (214, 188, 150)


# --------------------------------------------------------------------------- colors


def shade(color: RGB, factor: float) -> RGB:
    """Darken (factor < 1, towards black) or lighten (factor > 1, towards white) a color."""
    if factor >= 1:
        amount = min(factor - 1, 1.0)
        return (
            round(color[0] + (255 - color[0]) * amount),
            round(color[1] + (255 - color[1]) * amount),
            round(color[2] + (255 - color[2]) * amount),
        )
    factor = max(factor, 0.0)
    return (round(color[0] * factor), round(color[1] * factor), round(color[2] * factor))


def luma(color: RGB) -> float:
    return (0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]) / 255


def contrast(color: RGB) -> RGB:
    """A trim color that reads against ``color`` (dark on light colors, cream on dark)."""
    return DARK if luma(color) > 0.62 else (238, 232, 220)


# --------------------------------------------------------------------------- shapes


@dataclass
class Shape:
    """Drawing operations in unit coordinates (0..1 of the image side); ``cut`` ops erase."""

    ops: list[tuple[str, tuple[Any, ...], bool]] = field(default_factory=list)

    def rect(
        self, x0: float, y0: float, x1: float, y1: float, r: float = 0.0, cut: bool = False
    ) -> Shape:
        self.ops.append(("rect", (x0, y0, x1, y1, r), cut))
        return self

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, cut: bool = False) -> Shape:
        self.ops.append(("ellipse", (x0, y0, x1, y1), cut))
        return self

    def circle(self, cx: float, cy: float, r: float, cut: bool = False) -> Shape:
        return self.ellipse(cx - r, cy - r, cx + r, cy + r, cut)

    def polygon(self, points: Sequence[Point], cut: bool = False) -> Shape:
        self.ops.append(("polygon", (tuple(points),), cut))
        return self

    def line(self, points: Sequence[Point], width: float, cut: bool = False) -> Shape:
        self.ops.append(("line", (tuple(points), width), cut))
        return self

    def arc(
        self, box: tuple[float, float, float, float], start: float, end: float, width: float
    ) -> Shape:
        self.ops.append(("arc", (box, start, end, width), False))
        return self

    def pie(
        self, box: tuple[float, float, float, float], start: float, end: float, cut: bool = False
    ) -> Shape:
        self.ops.append(("pie", (box, start, end), cut))
        return self

    def bounds(self) -> tuple[float, float, float, float]:
        xs: list[float] = []
        ys: list[float] = []
        for kind, args, cut in self.ops:
            if cut:
                continue
            pad = 0.0
            if kind in ("rect", "ellipse"):
                pts: Sequence[Point] = ((args[0], args[1]), (args[2], args[3]))
            elif kind == "polygon":
                pts = args[0]
            elif kind == "line":
                pts, pad = args[0], args[1] / 2
            else:
                box = args[0]
                pts = ((box[0], box[1]), (box[2], box[3]))
                pad = args[3] / 2 if kind == "arc" else 0.0
            xs.extend(p[0] - pad for p in pts)
            xs.extend(p[0] + pad for p in pts)
            ys.extend(p[1] - pad for p in pts)
            ys.extend(p[1] + pad for p in pts)
        if not xs:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(xs), min(ys), max(xs), max(ys))

    def render(
        self, draw: ImageDraw.ImageDraw, scale: float, ox: int, oy: int, on: int = 255
    ) -> None:
        def p(x: float, y: float) -> tuple[float, float]:
            return (x * scale - ox, y * scale - oy)

        def box(b: Sequence[float]) -> tuple[float, float, float, float]:
            x0, y0 = p(b[0], b[1])
            x1, y1 = p(b[2], b[3])
            return (x0, y0, max(x1, x0 + 1), max(y1, y0 + 1))

        for kind, args, cut in self.ops:
            value = 0 if cut else on
            if kind == "rect":
                radius = args[4] * scale
                if radius > 0:
                    draw.rounded_rectangle(box(args[:4]), radius=radius, fill=value)
                else:
                    draw.rectangle(box(args[:4]), fill=value)
            elif kind == "ellipse":
                draw.ellipse(box(args), fill=value)
            elif kind == "polygon":
                draw.polygon([p(x, y) for x, y in args[0]], fill=value)
            elif kind == "line":
                width = max(1, round(args[1] * scale))
                draw.line([p(x, y) for x, y in args[0]], fill=value, width=width, joint="curve")
                for x, y in (args[0][0], args[0][-1]):  # round caps
                    cx, cy = p(x, y)
                    r = width / 2
                    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=value)
            elif kind == "arc":
                b, start, end, width = args
                draw.arc(box(b), start, end, fill=value, width=max(1, round(width * scale)))
            elif kind == "pie":
                b, start, end = args
                draw.pieslice(box(b), start, end, fill=value)


def rotated_ellipse(
    cx: float, cy: float, a: float, b: float, angle: float, n: int = 48
) -> list[Point]:
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    points = []
    for k in range(n):
        t = 2 * math.pi * k / n
        x, y = a * math.cos(t), b * math.sin(t)
        points.append((cx + x * cos_a - y * sin_a, cy + x * sin_a + y * cos_a))
    return points


def leaf_outline(base: Point, length: float, width: float, angle: float) -> list[Point]:
    """A pointed leaf starting at ``base`` and growing in direction ``angle`` (radians)."""
    points = []
    n = 16
    for k in range(n + 1):
        t = k / n
        half = width * math.sin(math.pi * t) ** 0.8 * (1 - 0.25 * t)
        points.append((t * length, half))
    points += [(x, -y) for x, y in reversed(points[1:-1])]
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    return [(base[0] + x * cos_a - y * sin_a, base[1] + x * sin_a + y * cos_a) for x, y in points]


# --------------------------------------------------------------------------- fills

Fill = Callable[[int, int, int, int, float], "Image.Image | RGB"]


def solid(color: RGB) -> Fill:
    def make(x0: int, y0: int, w: int, h: int, scale: float) -> RGB:
        return color

    return make


def _profile_image(colors: list[RGB], length: int, across: int, vertical: bool) -> Image.Image:
    data = bytes(c for rgb in colors for c in rgb)
    if vertical:
        strip = Image.frombytes("RGB", (1, length), data)
        return strip.resize((across, length), Image.Resampling.NEAREST)
    strip = Image.frombytes("RGB", (length, 1), data)
    return strip.resize((length, across), Image.Resampling.NEAREST)


def cylinder(
    color: RGB, u0: float, u1: float, *, vertical: bool = False, gloss: float = 1.0
) -> Fill:
    """Shading of a cylinder spanning ``u0..u1``: dark rims, a soft highlight stripe."""

    def make(x0: int, y0: int, w: int, h: int, scale: float) -> Image.Image:
        start, n = (y0, h) if vertical else (x0, w)
        a, b = u0 * scale, u1 * scale
        colors = []
        for i in range(n):
            t = min(max((start + i + 0.5 - a) / max(b - a, 1), 0.0), 1.0)
            f = 0.74 + 0.30 * math.sin(math.pi * t) ** 0.7 - 0.06 * t
            f += gloss * 0.30 * math.exp(-(((t - 0.27) / 0.07) ** 2))
            f += gloss * 0.05 * math.exp(-(((t - 0.80) / 0.05) ** 2))
            colors.append(shade(color, f))
        return _profile_image(colors, n, w if vertical else h, vertical)

    return make


def flat(color: RGB, v0: float, v1: float, *, top: float = 1.07, bottom: float = 0.9) -> Fill:
    """A gentle top-lit gradient over ``v0..v1`` (vertical extent in unit coordinates)."""

    def make(x0: int, y0: int, w: int, h: int, scale: float) -> Image.Image:
        a, b = v0 * scale, v1 * scale
        colors = []
        for i in range(h):
            t = min(max((y0 + i + 0.5 - a) / max(b - a, 1), 0.0), 1.0)
            colors.append(shade(color, top + (bottom - top) * t))
        return _profile_image(colors, h, w, True)

    return make


# --------------------------------------------------------------------------- canvas


class Canvas:
    """A supersampled white canvas that paints Shapes with fills, soft edges and shadows."""

    def __init__(self, size: int, color: RGB, seed: int) -> None:
        self.size = size
        self.scale = float(size * SUPERSAMPLE)
        self.px = size * SUPERSAMPLE
        self.image = Image.new("RGB", (self.px, self.px), WHITE)
        self.color = color
        self.rng = random.Random(seed)

    def _box(self, shape: Shape, pad: float) -> tuple[int, int, int, int] | None:
        ux0, uy0, ux1, uy1 = shape.bounds()
        x0 = max(math.floor(ux0 * self.scale - pad) - 2, 0)
        y0 = max(math.floor(uy0 * self.scale - pad) - 2, 0)
        x1 = min(math.ceil(ux1 * self.scale + pad) + 2, self.px)
        y1 = min(math.ceil(uy1 * self.scale + pad) + 2, self.px)
        if x1 <= x0 or y1 <= y0:
            return None
        return (x0, y0, x1, y1)

    def mask(self, shape: Shape, box: tuple[int, int, int, int]) -> Image.Image:
        x0, y0, x1, y1 = box
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        shape.render(ImageDraw.Draw(mask), self.scale, x0, y0)
        return mask

    def paint(
        self,
        shape: Shape,
        fill: Fill | RGB,
        *,
        edge: float = 0.35,
        edge_color: RGB | None = None,
        clip: Shape | None = None,
        soft: float = 0.0,
        opacity: float = 1.0,
    ) -> None:
        """Fill ``shape``; ``edge`` darkens a thin rim, ``soft`` blurs the outline (unit size)."""
        pad = soft * self.scale * 3
        box = self._box(shape, pad)
        if box is None:
            return
        x0, y0, x1, y1 = box
        w, h = x1 - x0, y1 - y0
        mask = self.mask(shape, box)
        if soft > 0:
            mask = mask.filter(ImageFilter.GaussianBlur(soft * self.scale))
        if clip is not None:
            mask = ImageChops.multiply(mask, self.mask(clip, box))
        if opacity < 1:
            mask = mask.point(lambda v: round(v * opacity))
        make = solid(fill) if isinstance(fill, tuple) else fill
        source = make(x0, y0, w, h, self.scale)
        if isinstance(source, tuple):
            self.image.paste(source, box, mask)
        else:
            self.image.paste(source, (x0, y0), mask)
        if edge > 0:
            rim_color = edge_color if edge_color is not None else self._edge_color(fill)
            self._rim(mask, box, rim_color, edge)

    def rim(self, shape: Shape, color: RGB, edge: float = 0.35) -> None:
        """Only the darkened rim of ``shape`` (after details were painted over its edge)."""
        box = self._box(shape, 0)
        if box is not None:
            self._rim(self.mask(shape, box), box, color, edge)

    def _rim(
        self, mask: Image.Image, box: tuple[int, int, int, int], color: RGB, edge: float
    ) -> None:
        blurred = mask.filter(ImageFilter.GaussianBlur(self.px * 0.0028))
        rim = ImageChops.subtract(mask, blurred, scale=1.0 / (2.2 * edge))
        self.image.paste(color, box, rim)

    def _edge_color(self, fill: Fill | RGB) -> RGB:
        color = fill if isinstance(fill, tuple) else self.color
        return shade(color, 0.55)

    def shadow(
        self,
        shape: Shape,
        *,
        blur: float = 0.025,
        strength: float = 0.3,
        offset: Point = (0.0, 0.0),
    ) -> None:
        """A soft contact shadow: ``shape`` blurred, darkening the white ground."""
        low = 4  # render the shadow at quarter resolution, then scale up (fast, smooth)
        scale = self.scale / low
        moved = Shape([(k, _offset_args(k, a, offset), c) for k, a, c in shape.ops])
        ux0, uy0, ux1, uy1 = moved.bounds()
        pad = blur * 3
        x0 = max(int((ux0 - pad) * scale), 0)
        y0 = max(int((uy0 - pad) * scale), 0)
        x1 = min(int((ux1 + pad) * scale) + 1, self.px // low)
        y1 = min(int((uy1 + pad) * scale) + 1, self.px // low)
        if x1 <= x0 or y1 <= y0:
            return
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        moved.render(ImageDraw.Draw(mask), scale, x0, y0, on=round(255 * strength))
        mask = mask.filter(ImageFilter.GaussianBlur(blur * scale))
        big = mask.resize(((x1 - x0) * low, (y1 - y0) * low), Image.Resampling.BILINEAR)
        bx0, by0 = x0 * low, y0 * low
        self.image.paste(_SHADOW, (bx0, by0, bx0 + big.width, by0 + big.height), big)

    def finish(self) -> Image.Image:
        return self.image.reduce(SUPERSAMPLE) if SUPERSAMPLE > 1 else self.image


def _offset_args(kind: str, args: tuple[Any, ...], offset: Point) -> tuple[Any, ...]:
    dx, dy = offset
    if kind in ("rect", "ellipse"):
        return (args[0] + dx, args[1] + dy, args[2] + dx, args[3] + dy, *args[4:])
    if kind == "polygon":
        return (tuple((x + dx, y + dy) for x, y in args[0]),)
    if kind == "line":
        return (tuple((x + dx, y + dy) for x, y in args[0]), args[1])
    box = args[0]
    return ((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy), *args[1:])


def cylinder_body(x0: float, x1: float, top: float, bottom: float, ry: float) -> Shape:
    return (
        Shape()
        .rect(x0, top, x1, bottom)
        .ellipse(x0, bottom - ry, x1, bottom + ry)
        .ellipse(x0, top - ry, x1, top + ry)
    )


def text_lines(
    c: Canvas, x0: float, x1: float, y: float, color: RGB, widths: Sequence[float]
) -> None:
    """Grey bars that read as printed text on a label."""
    cx = (x0 + x1) / 2
    for k, frac in enumerate(widths):
        half = (x1 - x0) * frac / 2
        thick = 0.011 if k == 0 else 0.0055
        c.paint(Shape().rect(cx - half, y, cx + half, y + thick, r=thick / 2), color, edge=0)
        y += thick + 0.014
