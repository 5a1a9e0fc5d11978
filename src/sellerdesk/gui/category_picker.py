"""Picking a Google product category: search as you type over the 5,595 taxonomy paths.

The catalog's ``SharedTaxonomy`` (``AppContext.taxonomy``) is read once, on first use, and every
editor, the bulk-edit dialog and paste share it. ``CategoryPicker`` is a line edit whose popup
lists the paths that contain every typed word (``Home & Garden > Kitchen & Dining > ... > Mugs``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QWidget

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.taxonomy import Category, SharedTaxonomy, Taxonomy
from sellerdesk.gui.editors import ValidatedLineEdit
from sellerdesk.gui.theme import LIGHT, Theme

#: Paths the popup lists for one search.
SUGGESTIONS = 40
POPUP_WIDTH = 640


def resolve_category(taxonomy: Taxonomy, text: str) -> Category | None:
    """The category ``text`` names: a full path, an id, or words whose best match is taken.

    Blank text means "no category" (None); text nothing matches raises InvalidValueError.
    """
    wanted = text.strip()
    if not wanted:
        return None
    found = taxonomy.by_path(wanted)
    if found is None and wanted.isdigit():
        found = taxonomy.get(int(wanted))
    if found is None:
        hits = taxonomy.search(wanted, limit=1)
        found = hits[0] if hits else None
    if found is None:
        raise InvalidValueError(
            f"no Google product category matches “{wanted}”",
            "Type a few words of the category, such as “coffee mugs”, and pick one.",
        )
    return found


def find_categories(taxonomy: Taxonomy, text: str, limit: int = SUGGESTIONS) -> list[Category]:
    """Categories for the picker's list: those containing every word first (the taxonomy's
    own ranking), then, so "coffee mug" still finds Mugs, those containing most of the words."""
    found = taxonomy.search(text, limit)
    words = text.casefold().split()
    if len(found) >= limit or len(words) < 2:
        return found
    seen = {category.id for category in found}
    scored: list[tuple[int, int, int, str, Category]] = []
    for category in taxonomy:
        if category.id in seen:
            continue
        path = category.path.casefold()
        hits = sum(word in path for word in words)
        if hits:
            leaf = category.leaf.casefold()
            in_leaf = sum(word in leaf for word in words)
            scored.append((-hits, -in_leaf, len(path), path, category))
    scored.sort(key=lambda hit: hit[:4])
    return found + [hit[4] for hit in scored[: limit - len(found)]]


class CategoryPicker(ValidatedLineEdit):
    """A line edit that searches the taxonomy as the seller types and offers matching paths."""

    def __init__(
        self,
        taxonomy: SharedTaxonomy,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
        *,
        floating: bool = True,
    ) -> None:
        super().__init__(theme, parent, floating=floating)
        self._taxonomy = taxonomy
        self.setAccessibleName("Category")
        self.setPlaceholderText("Type to search categories, e.g. coffee mugs")
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        popup = completer.popup()
        assert popup is not None
        popup.setTextElideMode(Qt.TextElideMode.ElideLeft)
        popup.setAccessibleName("Matching categories")
        popup.setMinimumWidth(POPUP_WIDTH)
        self.setCompleter(completer)
        self.textEdited.connect(self._search)

    def set_cell_value(self, value: object) -> None:
        path = ""
        if isinstance(value, Category):
            path = value.path
        elif isinstance(value, tuple) and len(value) == 2:
            path = str(value[1] or "")
        elif isinstance(value, str):
            path = value
        self.setText(path)
        self.selectAll()
        self.refresh_problem()

    def cell_value(self) -> Category | None:
        return resolve_category(self._taxonomy.get(), self.text())

    def problem(self) -> str | None:
        text = self.text().strip()
        if not text or (not self._taxonomy.loaded and len(text) < 2):
            return None
        try:
            resolve_category(self._taxonomy.get(), text)
        except InvalidValueError:
            if self._suggestions.rowCount():
                return "Pick one of the suggested categories"
            return "No category matches these words"
        return None

    def _show_message(self, problem: str | None) -> None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible():
            problem = None  # the list of suggestions is the answer while it is open
        super()._show_message(problem)

    def suggestions(self) -> list[str]:
        return self._suggestions.stringList()

    def _search(self, text: str) -> None:
        paths = [c.path for c in find_categories(self._taxonomy.get(), text)]
        self._suggestions.setStringList(paths)
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if completer is not None and popup is not None:
            if paths:
                width = max(POPUP_WIDTH, self.width())
                area = self.rect().adjusted(0, 0, width - self.width(), 0)
                window = self.window()
                if self.mapTo(window, QPoint(width, 0)).x() > window.width():
                    area.moveRight(self.width() - 1)  # near the right edge: open to the left
                completer.complete(area)
            else:
                popup.hide()
        self._last_problem = None
        self.refresh_problem()
