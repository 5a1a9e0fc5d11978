"""The catalog table's item data roles beyond Qt's own (the model answers them, delegates,
the view and the clipboard ask for them)."""

from __future__ import annotations

from PySide6.QtCore import Qt

#: Roles beyond Qt's own.
PRODUCT_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
STATUS_ROLE = int(Qt.ItemDataRole.UserRole) + 2
#: tuple of (words, severity) of the row's readiness problems
PROBLEMS_ROLE = int(Qt.ItemDataRole.UserRole) + 3
#: the cell as clipboard text (plain amounts, full category path)
COPY_ROLE = int(Qt.ItemDataRole.UserRole) + 4
#: the product's currency code
CURRENCY_ROLE = int(Qt.ItemDataRole.UserRole) + 5
