"""Look and feel: Fusion with a light or dark palette that follows the OS, plus semantic colors."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Theme:
    """Named colors every widget asks for instead of hard-coding hex values."""

    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    border: str
    header: str
    accent: str
    accent_hover: str
    accent_soft: str
    on_accent: str
    selection: str
    selection_text: str
    warning_bg: str
    warning_fg: str
    warning_border: str
    info_bg: str
    info_fg: str
    info_border: str
    low_stock_bg: str
    low_stock_fg: str
    out_of_stock_fg: str
    sale_fg: str
    active_bg: str
    active_fg: str
    draft_bg: str
    draft_fg: str
    archived_bg: str
    archived_fg: str

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def status_colors(self, status: str) -> tuple[QColor, QColor]:
        """Pill background and text color for a product status."""
        key = status if status in ("active", "draft", "archived") else "archived"
        return self.color(f"{key}_bg"), self.color(f"{key}_fg")


LIGHT = Theme(
    dark=False,
    window="#f4f5f7",
    base="#ffffff",
    alt_base="#f3f5f8",
    text="#1d2330",
    muted="#667085",
    border="#dde1e7",
    header="#f4f5f7",
    accent="#2563eb",
    accent_hover="#1d4ed8",
    accent_soft="#e8efff",
    on_accent="#ffffff",
    selection="#dbe6fe",
    selection_text="#0f1a33",
    warning_bg="#fff8e6",
    warning_fg="#7a4b00",
    warning_border="#f3d48a",
    info_bg="#eef4ff",
    info_fg="#1e3a8a",
    info_border="#c7d7fe",
    low_stock_bg="#fff4de",
    low_stock_fg="#8a5a00",
    out_of_stock_fg="#c62828",
    sale_fg="#0f7b4f",
    active_bg="#e3f6ec",
    active_fg="#11704a",
    draft_bg="#fff1d6",
    draft_fg="#8a5a00",
    archived_bg="#eceef2",
    archived_fg="#5b6474",
)

DARK = Theme(
    dark=True,
    window="#1c1e22",
    base="#202227",
    alt_base="#25282d",
    text="#e7e9ee",
    muted="#9aa3b2",
    border="#363a42",
    header="#1c1e22",
    accent="#4f8cff",
    accent_hover="#6b9fff",
    accent_soft="#1f2d4a",
    on_accent="#ffffff",
    selection="#27406e",
    selection_text="#ffffff",
    warning_bg="#3a2f12",
    warning_fg="#f6d58c",
    warning_border="#6b5416",
    info_bg="#1b2a47",
    info_fg="#bcd0ff",
    info_border="#2f4a80",
    low_stock_bg="#3a3019",
    low_stock_fg="#f3c969",
    out_of_stock_fg="#ff7a7a",
    sale_fg="#4fd39a",
    active_bg="#173a2a",
    active_fg="#6fdca6",
    draft_bg="#3d3117",
    draft_fg="#f3c969",
    archived_bg="#2e3138",
    archived_fg="#a6adba",
)


def os_prefers_dark(app: QGuiApplication) -> bool:
    """True when the OS color scheme is dark (Qt 6.5+ style hints)."""
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def theme_for(dark: bool) -> Theme:
    return DARK if dark else LIGHT


def choose_theme(preference: str, app: QGuiApplication) -> Theme:
    """The theme for the ``theme`` setting: "light", "dark" or "system" (follow the OS)."""
    choice = preference.strip().lower()
    if choice in ("light", "dark"):
        return theme_for(choice == "dark")
    return theme_for(os_prefers_dark(app))


def build_palette(theme: Theme) -> QPalette:
    palette = QPalette()
    c = theme.color
    roles = {
        QPalette.ColorRole.Window: c("window"),
        QPalette.ColorRole.WindowText: c("text"),
        QPalette.ColorRole.Base: c("base"),
        QPalette.ColorRole.AlternateBase: c("alt_base"),
        QPalette.ColorRole.Text: c("text"),
        QPalette.ColorRole.Button: c("base") if not theme.dark else c("alt_base"),
        QPalette.ColorRole.ButtonText: c("text"),
        QPalette.ColorRole.BrightText: c("out_of_stock_fg"),
        QPalette.ColorRole.Highlight: c("selection"),
        QPalette.ColorRole.HighlightedText: c("selection_text"),
        QPalette.ColorRole.ToolTipBase: c("base"),
        QPalette.ColorRole.ToolTipText: c("text"),
        QPalette.ColorRole.PlaceholderText: c("muted"),
        QPalette.ColorRole.Link: c("accent"),
        QPalette.ColorRole.Accent: c("accent"),
        QPalette.ColorRole.Mid: c("border"),
        QPalette.ColorRole.Midlight: c("border"),
        QPalette.ColorRole.Light: c("base"),
        QPalette.ColorRole.Dark: c("muted"),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0, 90 if theme.dark else 40),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    disabled = QColor(theme.muted)
    disabled.setAlpha(150)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def stylesheet(theme: Theme) -> str:
    """Application style sheet; scoped to object names so plain widgets keep Fusion's look."""
    t = theme
    return f"""
QToolBar#MainToolBar {{
    background: {t.window}; border: none; border-bottom: 1px solid {t.border};
    padding: 5px 8px; spacing: 2px;
}}
QToolBar#MainToolBar QToolButton {{
    border: 1px solid transparent; border-radius: 6px; padding: 4px 8px; color: {t.text};
}}
QToolBar#MainToolBar QToolButton:hover {{ background: {t.accent_soft}; }}
QToolBar#MainToolBar QToolButton:pressed {{ background: {t.selection}; }}
QToolBar#MainToolBar QToolButton:disabled {{ color: {t.muted}; }}
QToolBar#MainToolBar::separator {{ background: {t.border}; width: 1px; margin: 6px 6px; }}
QLineEdit#SearchBox {{
    background: {t.base}; border: 1px solid {t.border}; border-radius: 7px;
    padding: 5px 8px; selection-background-color: {t.selection};
    selection-color: {t.selection_text}; min-height: 18px;
}}
QLineEdit#SearchBox:focus {{ border: 1px solid {t.accent}; }}
QTableView#CatalogTable {{
    background: {t.base}; alternate-background-color: {t.alt_base}; border: none; outline: 0;
    selection-background-color: {t.selection}; selection-color: {t.selection_text};
}}
QTableView#CatalogTable::item {{ padding-left: 8px; padding-right: 8px; }}
QTableView#CatalogTable::item:selected {{
    background: {t.selection}; color: {t.selection_text};
}}
QTableView#CatalogTable QHeaderView::section {{
    background: {t.header}; color: {t.muted}; border: none;
    border-bottom: 1px solid {t.border}; border-right: 1px solid {t.border};
    padding: 6px 18px 6px 8px; font-weight: 600;
}}
QTableView#CatalogTable QHeaderView::section:hover {{ color: {t.text}; }}
QStatusBar#MainStatusBar {{
    background: {t.window}; border-top: 1px solid {t.border}; color: {t.muted};
}}
QStatusBar#MainStatusBar QLabel {{ color: {t.muted}; padding: 0 6px; }}
QStatusBar#MainStatusBar QLabel#ProductCount {{ color: {t.text}; font-weight: 600; }}
QStatusBar::item {{ border: none; }}
QFrame#Banner {{ border-bottom: 1px solid {t.warning_border}; background: {t.warning_bg}; }}
QFrame#Banner QLabel {{ color: {t.warning_fg}; }}
QFrame#Banner[kind="info"] {{ border-bottom: 1px solid {t.info_border}; background: {t.info_bg}; }}
QFrame#Banner[kind="info"] QLabel {{ color: {t.info_fg}; }}
QFrame#Banner QToolButton {{ border: none; border-radius: 4px; padding: 2px; }}
QFrame#Banner QToolButton:hover {{ background: rgba(127, 127, 127, 0.18); }}
QWidget#EmptyState {{ background: {t.base}; }}
QFrame#DropZone {{
    border: 2px dashed {t.border}; border-radius: 16px; background: {t.base};
}}
QFrame#DropZone[dragging="true"] {{ border-color: {t.accent}; background: {t.accent_soft}; }}
QLabel#EmptyTitle {{ color: {t.text}; }}
QLabel#EmptyText {{ color: {t.muted}; }}
QPushButton#PrimaryButton {{
    background: {t.accent}; color: {t.on_accent}; border: none; border-radius: 8px;
    padding: 9px 20px; font-weight: 600;
}}
QPushButton#PrimaryButton:hover {{ background: {t.accent_hover}; }}
QPushButton#PrimaryButton:focus {{ outline: none; border: 2px solid {t.selection}; }}
QPushButton#SecondaryButton {{
    background: {t.base}; color: {t.text}; border: 1px solid {t.border}; border-radius: 8px;
    padding: 8px 18px;
}}
QPushButton#SecondaryButton:hover {{ background: {t.alt_base}; border-color: {t.muted}; }}
QPushButton#SecondaryButton:focus {{ border: 1px solid {t.accent}; }}
QLabel#TaskBadge {{
    background: {t.accent_soft}; color: {t.accent}; border-radius: 9px; padding: 1px 10px;
    font-weight: 600;
}}
"""


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Fusion style, the theme's palette and the scoped style sheet on the whole application."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(build_palette(theme))
    app.setStyleSheet(stylesheet(theme))
