"""The product drawings of the demo photos, one function per shape, and the shape registry."""

from __future__ import annotations

import math
from collections.abc import Callable

from sellerdesk.demo.canvas import (
    DARK,
    GOLD,
    KRAFT,
    METAL,
    PAPER,
    RGB,
    Canvas,
    Point,
    Shape,
    contrast,
    cylinder,
    cylinder_body,
    flat,
    leaf_outline,
    luma,
    rotated_ellipse,
    shade,
    text_lines,
)


def _mug(c: Canvas) -> None:
    col = c.color
    x0, x1, top, bottom, ry = 0.21, 0.65, 0.27, 0.80, 0.04
    c.shadow(Shape().ellipse(0.17, bottom - 0.02, 0.80, bottom + 0.055), strength=0.42)
    handle = Shape().ellipse(0.55, 0.37, 0.82, 0.68).ellipse(0.605, 0.435, 0.765, 0.615, cut=True)
    c.paint(handle, cylinder(shade(col, 0.92), 0.55, 0.82, gloss=0.7))
    c.paint(cylinder_body(x0, x1, top, bottom, ry), cylinder(col, x0, x1))
    clay = (206, 184, 156)
    dip = bottom - 0.075
    foot = Shape().rect(x0, dip, x1, bottom).ellipse(x0, bottom - ry, x1, bottom + ry)
    foot.ellipse(x0, dip - ry * 0.8, x1, dip + ry * 0.8, cut=True)
    c.paint(foot, cylinder(clay, x0, x1, gloss=0.25), edge=0.2)
    rng = c.rng
    for _ in range(90):  # speckled glaze
        x = rng.uniform(x0 + 0.02, x1 - 0.02)
        y = rng.uniform(top + 0.03, dip - 0.01)
        r = rng.uniform(0.0012, 0.0032)
        c.paint(Shape().circle(x, y, r), shade(col, 0.62 if luma(col) > 0.3 else 1.35), edge=0)
    c.paint(Shape().ellipse(x0, top - ry, x1, top + ry), shade(col, 1.18), edge=0.25)
    inner = Shape().ellipse(x0 + 0.016, top - ry + 0.007, x1 - 0.016, top + ry - 0.005)
    c.paint(inner, flat(shade(col, 0.72), top - ry, top + ry, top=0.75, bottom=1.12), edge=0)


def _bottle(c: Canvas) -> None:
    col = c.color
    x0, x1 = 0.385, 0.615
    c.shadow(Shape().ellipse(0.30, 0.845, 0.70, 0.905), strength=0.45)
    cap = DARK if luma(col) > 0.35 else (214, 186, 140)
    loop = Shape().arc((0.455, 0.045, 0.545, 0.135), 180, 360, 0.016)
    loop.line([(0.455, 0.09), (0.455, 0.12)], 0.016).line([(0.545, 0.09), (0.545, 0.12)], 0.016)
    c.paint(loop, cylinder(cap, 0.44, 0.56, gloss=0.5), edge=0.2)
    c.paint(Shape().rect(0.42, 0.105, 0.58, 0.20, r=0.018), cylinder(cap, 0.42, 0.58, gloss=0.6))
    for k in range(6):  # grip ridges on the cap
        x = 0.432 + k * 0.0272
        c.paint(Shape().rect(x, 0.115, x + 0.006, 0.19, r=0.003), shade(cap, 0.8), edge=0)
    c.paint(Shape().rect(0.432, 0.195, 0.568, 0.235), cylinder(METAL, 0.432, 0.568), edge=0.3)
    body = Shape().rect(x0, 0.22, x1, 0.86, r=0.07).rect(x0, 0.40, x1, 0.86, r=0.03)
    c.paint(body, cylinder(col, x0, x1))
    c.paint(Shape().rect(x0, 0.815, x1, 0.82), shade(col, 0.8), edge=0, opacity=0.6)
    mark = Shape().circle(0.5, 0.52, 0.03).circle(0.5, 0.52, 0.022, cut=True)
    c.paint(mark, contrast(col), edge=0, opacity=0.55)


def _mat(c: Canvas) -> None:
    col = c.color
    top, bottom = 0.37, 0.67
    left, right = 0.25, 0.80
    c.shadow(Shape().ellipse(0.15, bottom - 0.03, 0.88, bottom + 0.05), strength=0.42)
    c.paint(
        Shape().rect(left, top, right, bottom).ellipse(right - 0.05, top, right + 0.05, bottom),
        cylinder(col, top, bottom, vertical=True),
    )
    face = Shape().ellipse(left - 0.085, top, left + 0.085, bottom)
    c.paint(face, flat(shade(col, 1.08), top, bottom, top=1.05, bottom=0.92))
    cx, cy = left, (top + bottom) / 2
    for k in range(1, 6):  # the rolled layers seen end-on
        a, b = 0.085 * (1 - k * 0.16), 0.15 * (1 - k * 0.16)
        ring = Shape().arc((cx - a, cy - b, cx + a, cy + b), 0, 360, 0.004)
        c.paint(ring, shade(col, 0.7), edge=0)
    c.paint(Shape().ellipse(cx - 0.012, cy - 0.02, cx + 0.012, cy + 0.02), shade(col, 0.45), edge=0)
    strap = contrast(col)
    for sx in (0.42, 0.64):
        band = Shape().rect(sx, top - 0.008, sx + 0.036, bottom + 0.008, r=0.01)
        c.paint(band, cylinder(strap, top, bottom, vertical=True, gloss=0.5))
    c.paint(
        Shape().arc((0.438, 0.19, 0.676, 0.55), 180, 360, 0.018),
        cylinder(strap, 0.19, 0.37, vertical=True, gloss=0.4),
    )


def _wallet(c: Canvas) -> None:
    col = c.color
    c.shadow(Shape().rect(0.17, 0.31, 0.83, 0.78, r=0.05), offset=(0.012, 0.02), strength=0.38)
    c.paint(Shape().rect(0.19, 0.29, 0.81, 0.74, r=0.045), shade(col, 0.8), edge=0.3)
    c.paint(Shape().rect(0.29, 0.22, 0.56, 0.42, r=0.015), flat((236, 236, 238), 0.22, 0.42))
    c.paint(Shape().rect(0.35, 0.245, 0.64, 0.42, r=0.015), flat((62, 92, 140), 0.245, 0.42))
    c.paint(Shape().rect(0.37, 0.275, 0.42, 0.31, r=0.005), (214, 186, 120), edge=0.2)
    front = Shape().rect(0.17, 0.32, 0.83, 0.77, r=0.045)
    c.paint(front, flat(col, 0.32, 0.77, top=1.08, bottom=0.86))
    c.paint(Shape().rect(0.17, 0.32, 0.215, 0.77, r=0.03), shade(col, 0.82), clip=front, edge=0)
    stitch = shade(col, 1.4) if luma(col) < 0.6 else shade(col, 0.7)
    inset = 0.022
    x0, y0, x1, y1 = 0.17 + inset + 0.04, 0.32 + inset, 0.83 - inset, 0.77 - inset
    dash, gap = 0.014, 0.009
    x = x0
    while x + dash < x1:
        for y in (y0, y1):
            c.paint(Shape().rect(x, y - 0.002, x + dash, y + 0.002), stitch, edge=0)
        x += dash + gap
    y = y0 + 0.02
    while y + dash < y1 - 0.02:
        c.paint(Shape().rect(x1 - 0.002, y, x1 + 0.002, y + dash), stitch, edge=0)
        y += dash + gap


def _phone_case(c: Canvas) -> None:
    col = c.color
    x0, y0, x1, y1 = 0.33, 0.11, 0.67, 0.89
    c.shadow(Shape().rect(x0, y0, x1, y1, r=0.06), offset=(0.012, 0.018), strength=0.38)
    c.paint(Shape().rect(x1 - 0.006, 0.26, x1 + 0.006, 0.34, r=0.004), shade(col, 0.8))
    c.paint(Shape().rect(x0 - 0.006, 0.24, x0 + 0.006, 0.28, r=0.004), shade(col, 0.8))
    c.paint(Shape().rect(x0, y0, x1, y1, r=0.06), shade(col, 0.82), edge=0.4)
    face = Shape().rect(x0 + 0.008, y0 + 0.008, x1 - 0.008, y1 - 0.008, r=0.053)
    c.paint(face, flat(col, y0, y1, top=1.08, bottom=0.9), edge=0)
    sheen = Shape().polygon([(x0, 0.5), (x1, 0.22), (x1, 0.34), (x0, 0.62)])
    c.paint(sheen, (255, 255, 255), clip=face, soft=0.02, opacity=0.1, edge=0)
    c.paint(Shape().rect(0.36, 0.14, 0.51, 0.29, r=0.035), shade(col, 0.86), edge=0.4)
    for lx, ly in ((0.40, 0.18), (0.40, 0.25), (0.465, 0.215)):
        c.paint(Shape().circle(lx, ly, 0.027), (58, 58, 62), edge=0.2)
        c.paint(Shape().circle(lx, ly, 0.018), flat((26, 28, 40), ly - 0.018, ly + 0.018))
        c.paint(Shape().circle(lx - 0.006, ly - 0.006, 0.005), (200, 206, 220), edge=0)
    c.paint(Shape().circle(0.475, 0.163, 0.008), (246, 240, 220), edge=0.2)
    ring = Shape().circle(0.5, 0.56, 0.038).circle(0.5, 0.56, 0.031, cut=True)
    c.paint(ring, shade(col, 0.9), edge=0)


def _candle(c: Canvas) -> None:
    col = c.color
    x0, x1, top, bottom, ry = 0.29, 0.71, 0.30, 0.81, 0.035
    c.shadow(Shape().ellipse(0.22, bottom - 0.02, 0.82, bottom + 0.05), strength=0.42)
    c.paint(cylinder_body(x0, x1, top, bottom, ry), cylinder(col, x0, x1))
    c.paint(Shape().ellipse(x0, top - ry, x1, top + ry), shade(col, 1.25), edge=0.3)
    wax = Shape().ellipse(x0 + 0.016, top - ry + 0.006, x1 - 0.016, top + ry - 0.004)
    c.paint(wax, flat((244, 236, 218), top - ry, top + ry, top=0.92, bottom=1.04), edge=0.15)
    c.paint(
        Shape().line([(0.5, top), (0.502, top - 0.02), (0.508, top - 0.038)], 0.007), (42, 34, 30)
    )
    label = Shape().rect(0.355, 0.45, 0.645, 0.70, r=0.008)
    c.paint(label, cylinder(PAPER, x0, x1, gloss=0.5), edge=0.15, edge_color=(200, 194, 182))
    text_lines(c, 0.39, 0.61, 0.50, (70, 66, 62), (0.8, 0.55, 0.7))
    c.paint(Shape().rect(0.45, 0.625, 0.55, 0.63), (150, 142, 132), edge=0)


def _tee_outline(neck_y: float) -> list[Point]:
    left = [
        (0.285, 0.205),
        (0.14, 0.335),
        (0.205, 0.445),
        (0.305, 0.385),
        (0.305, 0.60),
        (0.300, 0.86),
    ]
    right = [(1 - x, y) for x, y in reversed(left)]
    neck = [
        (0.5 + 0.105 * math.cos(t), 0.175 + (neck_y - 0.175) * math.sin(t))
        for t in [math.pi * k / 16 for k in range(17)]
    ]
    return [(0.40, 0.175), *left, *right, (0.60, 0.175), *neck]


def _shirt(c: Canvas) -> None:
    col = c.color
    outline = _tee_outline(0.235)
    back = Shape().polygon(_tee_outline(0.19))
    c.shadow(back, offset=(0.01, 0.016), strength=0.3, blur=0.02)
    c.paint(back, flat(shade(col, 0.74), 0.17, 0.86))
    body = Shape().polygon(outline)
    c.paint(body, flat(col, 0.17, 0.86, top=1.06, bottom=0.92))
    for points, light in (
        ([(0.36, 0.45), (0.42, 0.62), (0.40, 0.80)], False),
        ([(0.60, 0.40), (0.63, 0.58), (0.66, 0.80)], True),
        ([(0.33, 0.28), (0.44, 0.34)], True),
    ):
        fold = Shape().line(points, 0.05)
        color = shade(col, 1.25) if light else shade(col, 0.78)
        c.paint(fold, color, clip=body, soft=0.018, opacity=0.45, edge=0)
    collar = Shape().arc((0.392, 0.112, 0.608, 0.238), 0, 180, 0.02)
    c.paint(collar, flat(shade(col, 0.96), 0.17, 0.24), edge=0.3)
    c.paint(Shape().arc((0.40, 0.16, 0.60, 0.205), 0, 180, 0.006), shade(col, 0.9), edge=0)
    hem = shade(col, 0.8)
    c.paint(Shape().line([(0.31, 0.835), (0.69, 0.835)], 0.003), hem, edge=0)
    for pts in (
        [(0.158, 0.325), (0.224, 0.436)],
        [(0.842, 0.325), (0.776, 0.436)],
    ):
        c.paint(Shape().line(pts, 0.003), hem, clip=body, edge=0)


def _hoodie(c: Canvas) -> None:
    col = c.color
    left = [
        (0.30, 0.215),
        (0.19, 0.36),
        (0.115, 0.72),
        (0.195, 0.745),
        (0.255, 0.48),
        (0.315, 0.40),
        (0.315, 0.865),
    ]
    outline = [*left, *[(1 - x, y) for x, y in reversed(left)]]
    hood = Shape().ellipse(0.345, 0.075, 0.655, 0.33)
    c.shadow(
        Shape().polygon(outline).ellipse(0.345, 0.075, 0.655, 0.33),
        offset=(0.01, 0.016),
        strength=0.3,
    )
    c.paint(hood, flat(shade(col, 0.95), 0.075, 0.33))
    c.paint(Shape().ellipse(0.40, 0.125, 0.60, 0.30), flat(shade(col, 0.62), 0.125, 0.3), edge=0.2)
    body = Shape().polygon(outline).polygon([(0.40, 0.205), (0.5, 0.285), (0.60, 0.205)], cut=True)
    c.paint(body, flat(col, 0.2, 0.87, top=1.05, bottom=0.92))
    for side in (0, 1):
        edge_pts = [(0.40, 0.205), (0.47, 0.30), (0.545, 0.33)]
        pts = edge_pts if side == 0 else [(1 - x, y) for x, y in edge_pts]
        c.paint(Shape().line(pts, 0.03), flat(shade(col, 1.04), 0.2, 0.33), edge=0.3)
    cord = (240, 236, 226)
    for x in (0.465, 0.535):
        c.paint(
            Shape().line([(x, 0.30), (x - 0.004, 0.40), (x + 0.002, 0.45)], 0.008), cord, edge=0.15
        )
        c.paint(Shape().rect(x - 0.006, 0.44, x + 0.008, 0.475, r=0.003), shade(cord, 0.7), edge=0)
    pocket = Shape().polygon([(0.385, 0.585), (0.615, 0.585), (0.665, 0.775), (0.335, 0.775)])
    c.paint(pocket, flat(shade(col, 0.97), 0.585, 0.775), edge=0.35)
    rib = shade(col, 0.86)
    c.paint(Shape().rect(0.315, 0.805, 0.685, 0.865), rib, edge=0.3)
    for sign in (0, 1):
        cuff = [(0.119, 0.70), (0.199, 0.725), (0.195, 0.745), (0.115, 0.72)]
        pts = cuff if sign == 0 else [(1 - x, y) for x, y in cuff]
        c.paint(Shape().polygon(pts), rib, edge=0.3)
    for k in range(1, 24):
        x = 0.315 + k * 0.0154
        c.paint(Shape().line([(x, 0.81), (x, 0.86)], 0.0022), shade(col, 0.76), edge=0)
    for fold_pts in ([(0.36, 0.45), (0.40, 0.58)], [(0.63, 0.42), (0.65, 0.56)]):
        c.paint(
            Shape().line(fold_pts, 0.05), shade(col, 0.8), clip=body, soft=0.02, opacity=0.4, edge=0
        )


def _collar(c: Canvas) -> None:
    col = c.color
    cx, cy, rx, ry, h = 0.5, 0.40, 0.33, 0.14, 0.085
    ground = Shape().ellipse(cx - rx - 0.03, cy + h - ry - 0.01, cx + rx + 0.03, cy + h + ry + 0.03)
    ground.ellipse(cx - rx + 0.05, cy + h - ry + 0.05, cx + rx - 0.05, cy + h + ry - 0.04, cut=True)
    c.shadow(ground, strength=0.32, blur=0.02)
    top_e = (cx - rx, cy - ry, cx + rx, cy + ry)
    bot_e = (cx - rx, cy - ry + h, cx + rx, cy + ry + h)
    strip = (cx - rx, cy, cx + rx, cy + h)
    back = Shape().ellipse(*top_e).rect(*strip).ellipse(*bot_e, cut=True)
    c.paint(back, flat(shade(col, 0.62), cy - ry, cy + h, top=1.15, bottom=0.85))
    front = Shape().ellipse(*bot_e).rect(*strip).ellipse(*top_e, cut=True)
    c.paint(front, cylinder(col, cx - rx, cx + rx))
    stitch = shade(col, 1.45) if luma(col) < 0.6 else shade(col, 0.65)
    for k in range(2, 35):
        t0, t1 = math.pi * k / 36, math.pi * (k + 0.55) / 36
        for off in (0.016, h - 0.016):
            p0 = (cx + rx * 0.985 * math.cos(t0), cy + off + ry * 0.985 * math.sin(t0))
            p1 = (cx + rx * 0.985 * math.cos(t1), cy + off + ry * 0.985 * math.sin(t1))
            c.paint(Shape().line([p0, p1], 0.0035), stitch, edge=0)
    by = cy + ry
    frame = Shape().rect(0.44, by - 0.012, 0.545, by + h + 0.012, r=0.012)
    frame.rect(0.455, by + 0.004, 0.53, by + h - 0.004, r=0.006, cut=True)
    c.paint(frame, cylinder(METAL, 0.44, 0.545), edge=0.35)
    c.paint(Shape().rect(0.455, by + 0.004, 0.53, by + h - 0.004), shade(col, 0.9), edge=0)
    c.paint(
        Shape().line([(0.45, by + h / 2), (0.52, by + h / 2)], 0.008), cylinder(METAL, 0.45, 0.52)
    )
    ring = Shape().arc((0.585, by + h - 0.045, 0.655, by + h + 0.04), 0, 180, 0.011)
    c.paint(ring, METAL, edge=0.35)
    tag = Shape().circle(0.62, by + h + 0.085, 0.045)
    c.paint(Shape().line([(0.62, by + h + 0.035), (0.62, by + h + 0.05)], 0.01), METAL, edge=0.3)
    c.paint(tag, cylinder(GOLD, 0.575, 0.665), edge=0.35)
    c.paint(Shape().circle(0.62, by + h + 0.085, 0.03), shade(GOLD, 0.9), edge=0, opacity=0.5)


def _lamp(c: Canvas) -> None:
    col = c.color
    c.shadow(Shape().ellipse(0.22, 0.80, 0.66, 0.87), strength=0.42)
    c.paint(cylinder_body(0.26, 0.58, 0.80, 0.835, 0.022), cylinder(col, 0.26, 0.58))
    c.paint(Shape().ellipse(0.26, 0.778, 0.58, 0.822), flat(shade(col, 1.15), 0.778, 0.822))
    arm = shade(col, 0.92)
    c.paint(Shape().line([(0.42, 0.80), (0.32, 0.48)], 0.026), arm, edge=0.4)
    c.paint(Shape().line([(0.32, 0.48), (0.60, 0.25)], 0.024), arm, edge=0.4)
    for jx, jy in ((0.42, 0.79), (0.32, 0.48), (0.60, 0.25)):
        c.paint(Shape().circle(jx, jy, 0.024), cylinder(shade(col, 0.8), jx - 0.024, jx + 0.024))
        c.paint(Shape().circle(jx, jy, 0.008), METAL, edge=0.2)
    angle = math.radians(58)
    ux, uy = math.cos(angle), math.sin(angle)
    px, py = -uy, ux
    ax, ay = 0.62, 0.27
    length = 0.25
    ex, ey = ax + ux * length, ay + uy * length
    cone = [
        (ax + px * 0.035, ay + py * 0.035),
        (ex + px * 0.12, ey + py * 0.12),
        (ex - px * 0.12, ey - py * 0.12),
        (ax - px * 0.035, ay - py * 0.035),
    ]
    opening = rotated_ellipse(ex, ey, 0.12, 0.045, angle + math.pi / 2)
    shade_shape = Shape().polygon(cone).polygon(opening).circle(ax, ay, 0.036)
    c.paint(shade_shape, cylinder(col, ax - 0.05, ex + 0.12))
    c.paint(
        Shape().polygon(opening),
        flat((255, 246, 222), ey - 0.06, ey + 0.06, top=0.96, bottom=1.0),
        edge=0.2,
    )
    inner = rotated_ellipse(ex, ey, 0.05, 0.02, angle + math.pi / 2)
    c.paint(Shape().polygon(inner), (255, 252, 240), edge=0, soft=0.008)


def _board(c: Canvas) -> None:
    col = c.color
    x0, y0, x1, y1 = 0.13, 0.28, 0.73, 0.74
    hole = (0.81, 0.51)

    def outline(dy: float) -> Shape:
        s = Shape().rect(x0, y0 + dy, x1, y1 + dy, r=0.04)
        s.rect(x1 - 0.04, 0.43 + dy, 0.88, 0.59 + dy, r=0.06)
        s.circle(hole[0], hole[1] + dy, 0.022, cut=True)
        return s

    c.shadow(outline(0.02), offset=(0.006, 0.012), strength=0.38)
    c.paint(outline(0.022), shade(col, 0.72), edge=0.3)
    top = outline(0.0)
    c.paint(top, flat(col, y0, y1, top=1.06, bottom=0.94))
    rng = c.rng
    grain = shade(col, 0.84)
    y = y0 + 0.01
    while y < y1:
        amp = rng.uniform(0.003, 0.009)
        phase = rng.uniform(0, 6.28)
        freq = rng.uniform(4, 9)
        pts = [
            (x, y + amp * math.sin(phase + freq * x * 6.28 / 3))
            for x in [x0 + k * 0.025 for k in range(31)]
        ]
        c.paint(Shape().line(pts, rng.uniform(0.0015, 0.004)), grain, clip=top, opacity=0.6, edge=0)
        y += rng.uniform(0.012, 0.03)
    groove = Shape().rect(x0 + 0.035, y0 + 0.035, x1 - 0.035, y1 - 0.035, r=0.03)
    groove.rect(x0 + 0.043, y0 + 0.043, x1 - 0.043, y1 - 0.043, r=0.025, cut=True)
    c.paint(groove, shade(col, 0.78), edge=0, opacity=0.8)


def _backpack(c: Canvas) -> None:
    col = c.color
    c.shadow(Shape().ellipse(0.20, 0.82, 0.80, 0.90), strength=0.42)
    strap = shade(col, 0.7)
    for sx in (0.225, 0.725):
        c.paint(Shape().rect(sx, 0.28, sx + 0.05, 0.80, r=0.025), flat(strap, 0.28, 0.8))
    c.paint(Shape().arc((0.43, 0.12, 0.57, 0.27), 180, 360, 0.018), shade(col, 0.75), edge=0.3)
    body = Shape().rect(0.25, 0.19, 0.75, 0.86, r=0.11)
    c.paint(body, cylinder(col, 0.25, 0.75, gloss=0.5))
    c.paint(Shape().arc((0.29, 0.23, 0.71, 0.62), 195, 345, 0.006), (60, 60, 64), edge=0)
    pocket = Shape().rect(0.31, 0.54, 0.69, 0.83, r=0.05)
    c.paint(pocket, flat(shade(col, 0.96), 0.54, 0.83, top=1.08, bottom=0.9), edge=0.45)
    c.paint(Shape().line([(0.34, 0.585), (0.66, 0.585)], 0.006), (60, 60, 64), edge=0)
    c.paint(Shape().rect(0.605, 0.58, 0.62, 0.64, r=0.004), METAL, edge=0.3)
    leather = (150, 98, 58)
    c.paint(Shape().rect(0.44, 0.40, 0.56, 0.47, r=0.012), flat(leather, 0.4, 0.47), edge=0.4)
    c.paint(Shape().rect(0.25, 0.80, 0.75, 0.86, r=0.05), shade(col, 0.78), clip=body, edge=0)


def _earrings(c: Canvas) -> None:
    gem = c.color
    metal = GOLD
    for cx in (0.36, 0.64):
        c.shadow(Shape().ellipse(cx - 0.08, 0.70, cx + 0.08, 0.74), strength=0.25, blur=0.015)
        hook = Shape().arc((cx - 0.04, 0.13, cx + 0.04, 0.22), 180, 360, 0.008)
        hook.line([(cx + 0.04, 0.175), (cx + 0.038, 0.22)], 0.008)
        hook.line([(cx - 0.04, 0.175), (cx - 0.028, 0.25), (cx, 0.28)], 0.008)
        c.paint(hook, metal, edge=0.3)
        c.paint(Shape().circle(cx, 0.285, 0.014), cylinder(metal, cx - 0.014, cx + 0.014))
        c.paint(Shape().line([(cx, 0.29), (cx, 0.34)], 0.006), metal, edge=0.2)
        drop = (
            Shape()
            .circle(cx, 0.54, 0.105)
            .polygon([(cx - 0.092, 0.49), (cx, 0.33), (cx + 0.092, 0.49)])
        )
        c.paint(drop, cylinder(metal, cx - 0.105, cx + 0.105), edge=0.4)
        stone = (
            Shape()
            .circle(cx, 0.54, 0.09)
            .polygon([(cx - 0.078, 0.495), (cx, 0.355), (cx + 0.078, 0.495)])
        )
        c.paint(stone, cylinder(gem, cx - 0.09, cx + 0.09, gloss=1.2), edge=0.5)
        shine = Shape().polygon(rotated_ellipse(cx - 0.035, 0.50, 0.035, 0.014, math.radians(-60)))
        c.paint(shine, (255, 255, 255), edge=0, soft=0.006, opacity=0.8)


def _notebook(c: Canvas) -> None:
    col = c.color
    c.shadow(Shape().rect(0.28, 0.13, 0.73, 0.86, r=0.02), offset=(0.012, 0.018), strength=0.38)
    c.paint(Shape().rect(0.30, 0.15, 0.725, 0.855, r=0.012), (238, 232, 218), edge=0.3)
    for k in range(6):
        x = 0.706 + k * 0.003
        c.paint(Shape().line([(x, 0.17), (x, 0.84)], 0.0012), (210, 202, 186), edge=0)
    ribbon = (196, 60, 52) if luma(col) < 0.5 else (60, 64, 92)
    c.paint(
        Shape().polygon(
            [(0.44, 0.82), (0.465, 0.82), (0.465, 0.925), (0.4525, 0.91), (0.44, 0.925)]
        ),
        ribbon,
    )
    cover = Shape().rect(0.27, 0.13, 0.70, 0.84, r=0.018)
    c.paint(cover, flat(col, 0.13, 0.84, top=1.08, bottom=0.9))
    c.paint(Shape().rect(0.27, 0.13, 0.305, 0.84), shade(col, 0.82), clip=cover, edge=0)
    c.paint(Shape().line([(0.305, 0.13), (0.305, 0.84)], 0.003), shade(col, 0.7), edge=0)
    label = Shape().rect(0.39, 0.27, 0.60, 0.36, r=0.01)
    c.paint(label, shade(col, 0.9), edge=0.5, edge_color=shade(col, 0.7))
    band = Shape().rect(0.635, 0.13, 0.655, 0.84)
    c.paint(band, cylinder(DARK if luma(col) > 0.25 else (120, 120, 124), 0.635, 0.655), edge=0)


def _pot(c: Canvas) -> None:
    col = c.color
    rng = c.rng
    c.shadow(Shape().ellipse(0.22, 0.84, 0.78, 0.91), strength=0.42)
    c.paint(Shape().ellipse(0.28, 0.82, 0.72, 0.885), flat(shade(col, 0.9), 0.82, 0.885))
    c.paint(Shape().ellipse(0.30, 0.43, 0.70, 0.49), shade(col, 1.12), edge=0.2)
    c.paint(Shape().ellipse(0.318, 0.437, 0.682, 0.483), (84, 62, 46), edge=0)
    greens = [(62, 122, 74), (84, 146, 88), (104, 160, 96), (72, 134, 80)]
    for k in range(9):
        angle = math.radians(-90 + (k - 4) * 17 + rng.uniform(-6, 6))
        length = rng.uniform(0.24, 0.36) * (1 - abs(k - 4) * 0.06)
        base = (0.5 + (k - 4) * 0.012, 0.465)
        leaf = Shape().polygon(leaf_outline(base, length, 0.045, angle))
        color = greens[k % len(greens)]
        c.paint(leaf, flat(color, 0.1, 0.47, top=1.12, bottom=0.85), edge=0.3)
        tip = (base[0] + math.cos(angle) * length * 0.85, base[1] + math.sin(angle) * length * 0.85)
        c.paint(Shape().line([base, tip], 0.0035), shade(color, 1.3), edge=0, opacity=0.7)
    body = Shape().polygon([(0.325, 0.50), (0.675, 0.50), (0.635, 0.84), (0.365, 0.84)])
    body.ellipse(0.365, 0.82, 0.635, 0.86)
    c.paint(body, cylinder(shade(col, 0.97), 0.325, 0.675))
    c.paint(
        Shape().rect(0.30, 0.46, 0.70, 0.52).ellipse(0.30, 0.49, 0.70, 0.55),
        cylinder(col, 0.30, 0.70),
    )


def _sock_shape(x0: float, y0: float) -> Shape:
    shape = Shape().rect(x0, y0, x0 + 0.17, y0 + 0.46, r=0.02)
    shape.rect(x0 + 0.01, y0 + 0.35, x0 + 0.37, y0 + 0.535, r=0.09)
    return shape.ellipse(x0 - 0.008, y0 + 0.33, x0 + 0.17, y0 + 0.54)


def _sock(c: Canvas, x0: float, y0: float, color: RGB) -> None:
    shape = _sock_shape(x0, y0)
    c.paint(shape, flat(color, y0, y0 + 0.54, top=1.06, bottom=0.9), edge=0.35)
    accent = contrast(color) if luma(color) < 0.62 else shade(color, 0.72)
    toe = Shape().ellipse(x0 + 0.31, y0 + 0.31, x0 + 0.45, y0 + 0.58)
    c.paint(toe, flat(accent, y0 + 0.35, y0 + 0.54), clip=shape, edge=0)
    heel = Shape().ellipse(x0 - 0.07, y0 + 0.45, x0 + 0.055, y0 + 0.60)
    c.paint(heel, flat(accent, y0 + 0.35, y0 + 0.54), clip=shape, edge=0)
    for k in range(2):
        y = y0 + 0.17 + k * 0.05
        c.paint(Shape().rect(x0, y, x0 + 0.17, y + 0.022), accent, clip=shape, edge=0)
    cuff = Shape().rect(x0, y0, x0 + 0.17, y0 + 0.08, r=0.02)
    c.paint(cuff, shade(color, 0.92), edge=0)
    for k in range(1, 12):
        x = x0 + k * 0.0142
        c.paint(Shape().line([(x, y0 + 0.006), (x, y0 + 0.074)], 0.0025), shade(color, 0.8), edge=0)
    c.rim(shape, shade(color, 0.55), 0.35)


def _socks(c: Canvas) -> None:
    col = c.color
    for x0, y0 in ((0.2, 0.12), (0.33, 0.29)):
        c.shadow(_sock_shape(x0, y0), offset=(0.01, 0.016), strength=0.3)
    _sock(c, 0.2, 0.12, shade(col, 0.9))
    _sock(c, 0.33, 0.29, col)


def _bib(c: Canvas) -> None:
    col = c.color
    rng = c.rng
    shape = Shape().ellipse(0.22, 0.24, 0.78, 0.86)
    shape.ellipse(0.25, 0.13, 0.42, 0.34).ellipse(0.58, 0.13, 0.75, 0.34)
    shape.ellipse(0.385, 0.10, 0.615, 0.37, cut=True)
    c.shadow(shape, offset=(0.01, 0.018), strength=0.35)
    piping = contrast(col) if luma(col) < 0.5 else shade(col, 0.8)
    c.paint(shape, piping, edge=0.3)
    inner = Shape().ellipse(0.235, 0.255, 0.765, 0.845)
    inner.ellipse(0.262, 0.142, 0.408, 0.328).ellipse(0.592, 0.142, 0.738, 0.328)
    inner.ellipse(0.373, 0.088, 0.627, 0.382, cut=True)
    c.paint(inner, flat(col, 0.14, 0.85, top=1.06, bottom=0.92), edge=0)
    dot = shade(col, 1.45) if luma(col) < 0.75 else shade(col, 0.85)
    for row in range(9):
        for colm in range(9):
            x = 0.25 + colm * 0.065 + (0.0325 if row % 2 else 0) + rng.uniform(-0.004, 0.004)
            y = 0.17 + row * 0.075
            c.paint(Shape().circle(x, y, 0.011), dot, clip=inner, edge=0)
    for sx in (0.33, 0.67):
        c.paint(
            Shape().circle(sx, 0.215, 0.019),
            cylinder((236, 236, 238), sx - 0.019, sx + 0.019),
            edge=0.4,
        )


def _box(c: Canvas) -> None:
    col = c.color
    front = [(0.22, 0.40), (0.62, 0.40), (0.62, 0.81), (0.22, 0.81)]
    side = [(0.62, 0.40), (0.80, 0.31), (0.80, 0.72), (0.62, 0.81)]
    top = [(0.22, 0.40), (0.40, 0.31), (0.80, 0.31), (0.62, 0.40)]
    c.shadow(
        Shape().polygon(
            [(0.22, 0.81), (0.62, 0.81), (0.82, 0.71), (0.84, 0.74), (0.64, 0.84), (0.21, 0.84)]
        ),
        strength=0.45,
        blur=0.02,
    )
    c.paint(Shape().polygon(front), flat(col, 0.4, 0.81, top=1.02, bottom=0.9), edge=0.3)
    c.paint(Shape().polygon(side), flat(shade(col, 0.78), 0.31, 0.81), edge=0.3)
    c.paint(Shape().polygon(top), shade(col, 1.16), edge=0.3)
    band = KRAFT if luma(col) < 0.55 else PAPER
    c.paint(
        Shape().polygon([(0.22, 0.53), (0.62, 0.53), (0.62, 0.68), (0.22, 0.68)]),
        flat(band, 0.53, 0.68),
        edge=0.2,
    )
    c.paint(
        Shape().polygon([(0.62, 0.53), (0.80, 0.44), (0.80, 0.59), (0.62, 0.68)]),
        shade(band, 0.8),
        edge=0.2,
    )
    text_lines(c, 0.27, 0.57, 0.565, (70, 66, 62), (0.7, 0.5, 0.6))


DRAWERS: dict[str, Callable[[Canvas], None]] = {
    "mug": _mug,
    "bottle": _bottle,
    "mat": _mat,
    "wallet": _wallet,
    "phone_case": _phone_case,
    "candle": _candle,
    "shirt": _shirt,
    "hoodie": _hoodie,
    "collar": _collar,
    "lamp": _lamp,
    "board": _board,
    "backpack": _backpack,
    "earrings": _earrings,
    "notebook": _notebook,
    "pot": _pot,
    "socks": _socks,
    "bib": _bib,
    "box": _box,
}
