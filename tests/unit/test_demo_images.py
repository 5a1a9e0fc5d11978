"""Tests for the demo product image drawer (sellerdesk.demo.images)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from sellerdesk.demo.generator import CatalogGenerator
from sellerdesk.demo.images import DRAWERS, draw_product_image, safe_filename, write_demo_images
from sellerdesk.demo.vocabulary import SHAPES, load_vocabulary

SAGE = (150, 172, 132)
WHITE = (255, 255, 255)


def _corners(image: Image.Image) -> list[Any]:
    w, h = image.size
    return [image.getpixel(xy) for xy in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))]


def _non_white_share(image: Image.Image, box: tuple[int, int, int, int]) -> float:
    histogram = image.crop(box).convert("L").histogram()
    return sum(histogram[:245]) / sum(histogram)


def _has_color_near(image: Image.Image, color: tuple[int, int, int], tolerance: int) -> bool:
    data = image.convert("RGB").resize((100, 100)).tobytes()
    return any(
        abs(data[i] - color[0]) + abs(data[i + 1] - color[1]) + abs(data[i + 2] - color[2])
        <= tolerance
        for i in range(0, len(data), 3)
    )


def test_every_vocabulary_shape_has_a_drawing() -> None:
    assert set(SHAPES) <= set(DRAWERS)


@pytest.mark.parametrize("shape", SHAPES)
def test_each_shape_is_a_centered_object_on_white(shape: str) -> None:
    image = draw_product_image(shape, SAGE, 160, seed=3)
    assert image.mode == "RGB" and image.size == (160, 160)
    assert _corners(image) == [WHITE] * 4
    assert _non_white_share(image, (40, 40, 120, 120)) > 0.15
    assert _non_white_share(image, (0, 0, 160, 8)) < 0.05  # margin above the object
    bbox = Image.eval(image.convert("L"), lambda v: 255 if v < 250 else 0).getbbox()
    assert bbox is not None
    width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
    assert max(width, height) >= 160 * 0.5  # fills most of the frame


def test_product_color_is_used() -> None:
    navy = (36, 50, 88)
    assert _has_color_near(draw_product_image("mug", navy, 200), navy, 40)
    assert not _has_color_near(draw_product_image("mug", SAGE, 200), navy, 40)


def test_drawing_is_deterministic_and_unknown_shapes_fall_back_to_box() -> None:
    one = draw_product_image("board", SAGE, 120, seed=5)
    two = draw_product_image("board", SAGE, 120, seed=5)
    assert one.tobytes() == two.tobytes()
    assert draw_product_image("spaceship", SAGE, 120).tobytes() == (
        draw_product_image("box", SAGE, 120).tobytes()
    )


def test_tiny_sizes_are_rejected() -> None:
    with pytest.raises(ValueError):
        draw_product_image("mug", SAGE, 8)


def test_write_demo_images_writes_one_png_per_product(tmp_path: Path) -> None:
    products = list(CatalogGenerator(seed=21).products(3))
    written = write_demo_images(products, tmp_path / "images", size=200)
    assert list(written) == [p["sku"] for p in products]
    vocab = load_vocabulary()
    for product in products:
        (path,) = written[product["sku"]]
        assert path == tmp_path / "images" / f"{product['sku']}.png"
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        with Image.open(path) as image:
            assert image.size == (200, 200)
            rgb = image.convert("RGB")
            assert _corners(rgb) == [WHITE] * 4
            assert _non_white_share(rgb, (60, 60, 140, 140)) > 0.15
            color = vocab.rgb(product["attributes"]["color"])
            assert _has_color_near(rgb, color, 60)


def test_write_demo_images_makes_file_names_safe(tmp_path: Path) -> None:
    products = [
        {"sku": "MUG/01 sage", "attributes": {"color": "Sage"}, "_shape": "mug"},
        {"sku": "MUG:01 sage", "attributes": {"color": "Navy"}, "_shape": "mug"},
        {"sku": "../etc", "attributes": None},
    ]
    written = write_demo_images(products, tmp_path, size=64)
    paths = [written[p["sku"]][0] for p in products]
    assert [p.name for p in paths] == ["MUG_01_sage.png", "MUG_01_sage-2.png", "etc.png"]
    assert all(p.parent == tmp_path and p.is_file() for p in paths)
    assert safe_filename("") == "product"
