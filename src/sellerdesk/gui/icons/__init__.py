"""The bundled SVG icons, tinted to the current theme and rendered sharp at any pixel ratio."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

DISABLED_OPACITY = 0.38


def svg_text(name: str) -> str:
    """The SVG source of ``icons/<name>.svg``."""
    return resources.files(__name__).joinpath(f"{name}.svg").read_text(encoding="utf-8")


def render_svg(source: str, size: QSize, ratio: float = 1.0) -> QPixmap:
    """Render SVG source into a transparent pixmap of ``size`` logical pixels."""
    pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class _SvgIconEngine(QIconEngine):
    """Renders the SVG at exactly the requested size; dims it when disabled."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self._source = source
        self._renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(DISABLED_OPACITY)
        self._renderer.render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._source)


def load_icon(name: str, color: QColor | str) -> QIcon:
    """A line icon drawn in ``color`` (its strokes use ``currentColor``)."""
    source = svg_text(name).replace("currentColor", QColor(color).name())
    return QIcon(_SvgIconEngine(source))


def illustration(name: str, colors: Mapping[str, str], size: QSize, ratio: float) -> QPixmap:
    """A multi-color illustration whose ``@token@`` placeholders take the theme's colors."""
    source = svg_text(name)
    for token, value in colors.items():
        source = source.replace(f"@{token}@", value)
    return render_svg(source, size, ratio)


def app_icon() -> QIcon:
    """The SellerDesk window icon."""
    return QIcon(_SvgIconEngine(svg_text("sellerdesk")))
