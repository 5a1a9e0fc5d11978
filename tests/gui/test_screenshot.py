"""``sellerdesk-gui --screenshot FILE`` renders the window offscreen at the right size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from sellerdesk.gui.main import main
from sellerdesk.gui.theme import LIGHT


def _distinct_colors(image: QImage, step: int = 7) -> int:
    colors = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colors.add(image.pixel(x, y))
    return len(colors)


def test_screenshot_of_a_catalog(qtbot: QtBot, catalog_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "shots" / "main.png"
    assert main(["--db", str(catalog_file), "--screenshot", str(target)]) == 0
    image = QImage(str(target))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1400, 860)
    assert _distinct_colors(image) > 40  # text, pills, icons: not a blank window
    # the middle of the table holds text rows, not the empty-state illustration
    assert image.pixelColor(700, 430) != QColor(LIGHT.accent_soft)


def test_screenshot_of_an_empty_catalog(qtbot: QtBot, tmp_path: Path) -> None:
    target = tmp_path / "empty.png"
    assert main(["--db", str(tmp_path / "new.sqlite3"), "--screenshot", str(target)]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1400, 860)
    assert _distinct_colors(image) > 20
