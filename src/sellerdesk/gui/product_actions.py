"""Adding and deleting products from the window: the New Product dialog and the delete question."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.core.errors import InvalidValueError
from sellerdesk.core.fields import FIELD_BY_NAME


class NewProductDialog(QDialog):
    """SKU and title of a new product; everything else is filled in the product editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Product")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Give the product its SKU (your own item number) and a title. You can fill in "
            "everything else in the Product Editor."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.sku_edit = QLineEdit(self)
        self.sku_edit.setAccessibleName("SKU")
        self.sku_edit.setPlaceholderText("e.g. MUG-SAGE-12OZ")
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. Stoneware Mug 12 oz, Sage")
        form.addRow("&SKU:", self.sku_edit)
        form.addRow("&Title:", self.title_edit)
        layout.addLayout(form)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(highlight);")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.sku_edit.textChanged.connect(self._check)
        self.title_edit.textChanged.connect(self._check)
        self.setMinimumWidth(420)
        self._check()

    @property
    def values(self) -> dict[str, str]:
        values = {"sku": " ".join(self.sku_edit.text().split())}
        title = " ".join(self.title_edit.text().split())
        if title:
            values["title"] = title
        return values

    def reason(self) -> str | None:
        """Why the dialog can't be accepted yet, in words (None when it can)."""
        sku = self.values["sku"]
        if not sku:
            return "Type a SKU."
        try:
            FIELD_BY_NAME["sku"].parse(sku)
            if "title" in self.values:
                FIELD_BY_NAME["title"].parse(self.values["title"])
        except InvalidValueError as error:
            return error.message
        return None

    def _check(self) -> None:
        reason = self.reason()
        typed = bool(self.sku_edit.text().strip())
        self.problem.setText(reason if reason and typed else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(reason is None)


def confirm_delete(parent: QWidget, skus: list[str]) -> bool:
    """Ask before deleting (the seller can switch this off in Settings)."""
    count = len(skus)
    what = skus[0] if count == 1 else f"{count:,} products"
    answer = QMessageBox.question(
        parent,
        "Delete products",
        f"Delete {what}? Their variants are deleted with them.\n\n"
        "You can bring them back with Edit ▸ Undo.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
