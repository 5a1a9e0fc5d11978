"""The product editor's Channels tab: readiness for each enabled channel and what to fix."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.channels.model import ERROR, Readiness
from sellerdesk.gui.theme import Theme
from sellerdesk.services.feeds import ProductReadiness

_STATE_WORDS = {
    Readiness.READY: "Ready",
    Readiness.WARNINGS: "Warnings",
    Readiness.BLOCKED: "Blocked",
}


class ChannelProblemsView(QScrollArea):
    """One block per channel: its state, then each problem with a "Fix" link to the field."""

    #: the field name a problem names (the editor focuses it)
    fix_requested = Signal(str)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Channel readiness")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._theme = theme
        self._labels: dict[str, str] = {}
        self._body = QWidget(self)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(12, 12, 12, 12)
        self._layout.setSpacing(10)
        self.setWidget(self._body)
        self.show_readiness(None, {})

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def problem_count(self) -> int:
        return self._count

    def show_readiness(self, readiness: ProductReadiness | None, labels: dict[str, str]) -> None:
        self._labels = labels
        self._count = 0
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if readiness is None or not readiness.states:
            hint = QLabel(
                "No channels are switched on. Choose your sales channels in "
                "Channels ▸ Channels… to see what each one still needs.",
                self._body,
            )
            hint.setWordWrap(True)
            hint.setStyleSheet(f"color: {self._theme.muted};")
            self._layout.addWidget(hint)
            self._layout.addStretch(1)
            return
        for key, state in readiness.states.items():
            self._layout.addWidget(self._channel_block(key, state, readiness))
        self._layout.addStretch(1)

    def _channel_block(self, key: str, state: Readiness, readiness: ProductReadiness) -> QWidget:
        theme = self._theme
        block = QFrame(self._body)
        block.setObjectName("ChannelBlock")
        block.setStyleSheet(
            f"QFrame#ChannelBlock {{ border: 1px solid {theme.border}; border-radius: 6px;"
            f" background: {theme.base}; }}"
        )
        layout = QVBoxLayout(block)
        layout.setContentsMargins(10, 8, 10, 8)
        header = QHBoxLayout()
        name = QLabel(f"<b>{self._labels.get(key, key)}</b>", block)
        header.addWidget(name)
        header.addStretch(1)
        pill = QLabel(_STATE_WORDS[state], block)
        background, foreground = {
            Readiness.READY: (theme.active_bg, theme.active_fg),
            Readiness.WARNINGS: (theme.warning_bg, theme.warning_fg),
            Readiness.BLOCKED: (theme.archived_bg, theme.out_of_stock_fg),
        }[state]
        pill.setStyleSheet(
            f"background: {background}; color: {foreground}; border-radius: 8px;"
            " padding: 1px 8px; font-weight: 600;"
        )
        header.addWidget(pill)
        layout.addLayout(header)
        problems = [p for p in readiness.problems if p.channel == key]
        if not problems:
            done = QLabel("Nothing to fix.", block)
            done.setStyleSheet(f"color: {theme.muted};")
            layout.addWidget(done)
        for problem in sorted(problems, key=lambda p: p.severity != ERROR):
            self._count += 1
            row = QHBoxLayout()
            mark = "✗" if problem.severity == ERROR else "!"
            color = theme.out_of_stock_fg if problem.severity == ERROR else theme.low_stock_fg
            text = problem.message + (f"\n→ {problem.suggestion}" if problem.suggestion else "")
            message = QLabel(f"{mark}  {text}", block)
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {color};" if problem.severity == ERROR else "")
            message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(message, 1)
            if problem.field:
                fix = QPushButton("Fix", block)
                fix.setAccessibleName(f"Fix {problem.field}")
                fix.setToolTip(f"Go to {problem.field.replace('_', ' ')}")
                fix.setFlat(True)
                fix.setCursor(Qt.CursorShape.PointingHandCursor)
                fix.clicked.connect(lambda _c=False, f=problem.field: self.fix_requested.emit(f))
                row.addWidget(fix, 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
        return block
