"""The product editor dock on a real temp catalog: edits, provenance, photos, history."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from sellerdesk.app import AppContext, build_context
from sellerdesk.config.paths import AppPaths
from sellerdesk.core.changes import ChangeSummary, Source
from sellerdesk.core.fields import FIELD_NAMES
from sellerdesk.gui.field_inputs import AttributesInput, ChoiceInput, LineInput
from sellerdesk.gui.ops import TaskBridge
from sellerdesk.gui.product_editor import (
    CONFLICT_TEXT,
    DELETED_TEXT,
    PLACEHOLDER_TEXT,
    ProductEditorDock,
)
from sellerdesk.gui.product_form import grouped_fields
from sellerdesk.gui.theme import LIGHT

BOTTLE: dict[str, Any] = {
    "sku": "BTL-STEEL-750",
    "title": "Stainless Steel Bottle 750ml",
    "brand": "Stonefruit Supply",
    "gtin": "4006381333931",
    "price": Decimal("24.99"),
    "currency": "USD",
    "stock": 40,
    "status": "active",
    "condition": "new",
    "category_id": 3809,
    "category_path": "Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles",
    "bullets": ["Keeps drinks cold for 24 hours", "Leakproof lid"],
    "keywords": ["water bottle", "steel bottle"],
    "attributes": {"color": "Silver", "size": "750 ml"},
}


@pytest.fixture
def app_ctx(template_catalog: Path, tmp_path: Path, paths: AppPaths) -> Iterator[AppContext]:
    """An empty catalog (copied from the migrated template)."""
    target = tmp_path / "editor.sqlite3"
    shutil.copyfile(template_catalog, target)
    ctx = build_context(str(target), paths, auto_backup=False)
    yield ctx
    ctx.close()


@pytest.fixture
def dock(qtbot: QtBot, app_ctx: AppContext) -> Iterator[ProductEditorDock]:
    bridge = TaskBridge(app_ctx.runner)
    editor = ProductEditorDock(app_ctx, bridge, LIGHT)
    qtbot.addWidget(editor)
    editor.resize(420, 900)
    editor.show()
    yield editor
    bridge.detach()


def imported(ctx: AppContext, **overrides: Any) -> int:
    values = {**BOTTLE, **overrides}
    summary = ctx.catalog.create(values, source=Source.IMPORT)
    return summary.created[0]


def show(qtbot: QtBot, dock: ProductEditorDock, product_id: int) -> None:
    dock.show_product(product_id)
    settle(qtbot, dock)
    assert dock.detail is not None and dock.detail.id == product_id


def settle(qtbot: QtBot, dock: ProductEditorDock) -> None:
    qtbot.waitUntil(lambda: not dock.busy, timeout=10_000)


def line_edit(dock: ProductEditorDock, name: str) -> QLineEdit:
    field_input = dock.form.input(name)
    assert isinstance(field_input, LineInput)
    return field_input.edit


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def png(path: Path, color: tuple[int, int, int] = (200, 80, 60)) -> Path:
    Image.new("RGB", (640, 480), color).save(path)
    return path


# ---------------------------------------------------------------- showing products
def test_placeholder_until_a_product_is_selected(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    assert dock.placeholder.isVisible()
    assert dock.placeholder.text() == PLACEHOLDER_TEXT
    product = imported(app_ctx)
    show(qtbot, dock, product)
    assert not dock.placeholder.isVisible()
    assert dock.header.sku.text() == "BTL-STEEL-750"
    assert dock.header.status.text() == "Active"
    assert "Stainless Steel Bottle 750ml" in dock.header.title.text()
    dock.show_product(None)
    assert dock.placeholder.isVisible()
    assert dock.detail is None


def test_the_form_shows_every_field(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    assert sorted(grouped_fields()) == sorted(FIELD_NAMES)
    product = imported(app_ctx)
    show(qtbot, dock, product)
    assert line_edit(dock, "title").text() == "Stainless Steel Bottle 750ml"
    assert line_edit(dock, "price").text() == "24.99"
    assert line_edit(dock, "keywords").text() == "water bottle, steel bottle"
    assert dock.form.input("bullets").current() == ("Keeps drinks cold for 24 hours\nLeakproof lid")
    assert dock.form.input("attributes").raw() == {"color": "Silver", "size": "750 ml"}
    assert dock.form.input("status").current() == "active"
    assert line_edit(dock, "sku").isReadOnly()
    assert dock.form.boxes["title"].badge.text() == "Imported"


def test_switching_quickly_never_shows_the_older_product(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    first = imported(app_ctx)
    second = imported(app_ctx, sku="MUG-0002", title="Speckled Stoneware Mug")
    dock.show_product(first)
    dock.show_product(second)
    settle(qtbot, dock)
    qtbot.wait(50)  # any late result of the first load would land now
    assert dock.detail is not None and dock.detail.id == second
    assert dock.header.sku.text() == "MUG-0002"
    assert line_edit(dock, "title").text() == "Speckled Stoneware Mug"


def test_variant_links_ask_for_that_product(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    parent = imported(app_ctx)
    app_ctx.catalog.create(
        {**BOTTLE, "sku": "BTL-STEEL-1000", "gtin": None, "parent_sku": "BTL-STEEL-750"},
        source=Source.IMPORT,
    )
    show(qtbot, dock, parent)
    assert "BTL-STEEL-1000" in dock.header.relations.text()
    with qtbot.waitSignal(dock.product_requested) as requested:
        dock.header.relations.linkActivated.emit("BTL-STEEL-1000")
    assert requested.args == ["BTL-STEEL-1000"]


# ------------------------------------------------------------------------- editing
def test_editing_the_title_saves_a_manual_value(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    with qtbot.waitSignal(dock.changes_applied, timeout=10_000) as applied:
        type_into(qtbot, line_edit(dock, "title"), "Steel Water Bottle 750 ml, Leakproof")
    settle(qtbot, dock)
    summary = applied.args[0]
    assert isinstance(summary, ChangeSummary)
    assert summary.updated == {product: {"title"}}
    stored = app_ctx.catalog.get(product)
    assert stored.values["title"] == "Steel Water Bottle 750 ml, Leakproof"
    assert stored.source_of("title") == "manual"
    assert stored.provenance["import"]["title"] == "Stainless Steel Bottle 750ml"
    box = dock.form.boxes["title"]
    assert box.badge.text() == "Manual"
    assert box.alternatives.texts() == ["Imported: Stainless Steel Bottle 750ml"]
    assert "Steel Water Bottle 750 ml" in dock.header.title.text()


def test_quick_successive_edits_all_land(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    type_into(qtbot, line_edit(dock, "price"), "21.5")
    type_into(qtbot, line_edit(dock, "stock"), "12")
    type_into(qtbot, line_edit(dock, "keywords"), "bottle, flask ,  , gym")
    settle(qtbot, dock)
    values = app_ctx.catalog.get(product).values
    assert values["price"] == Decimal("21.5")
    assert values["stock"] == 12
    assert values["keywords"] == ["bottle", "flask", "gym"]
    assert line_edit(dock, "price").text() == "21.50"


def test_use_the_imported_value_again(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    app_ctx.catalog.update_field(product, "title", "My Better Bottle Title")
    show(qtbot, dock, product)
    box = dock.form.boxes["title"]
    assert line_edit(dock, "title").text() == "My Better Bottle Title"
    assert box.badge.text() == "Manual"
    assert box.alternatives.isVisible()
    assert box.alternatives.texts() == ["Imported: Stainless Steel Bottle 750ml"]
    button = box.alternatives.button_for("import")
    assert button is not None and button.isVisible()
    with qtbot.waitSignal(dock.changes_applied, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    stored = app_ctx.catalog.get(product)
    assert stored.values["title"] == "Stainless Steel Bottle 750ml"
    assert stored.source_of("title") == "import"
    assert "title" not in stored.provenance.get("manual", {})
    assert line_edit(dock, "title").text() == "Stainless Steel Bottle 750ml"
    assert box.badge.text() == "Imported"
    assert not box.alternatives.isVisible()


def test_an_invalid_gtin_is_explained_and_not_saved(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    box = dock.form.boxes["gtin"]
    edit = line_edit(dock, "gtin")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "4006381333932")
    assert box.message.isVisible()  # checked while typing, before saving
    assert "check digit" in box.message.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot, dock)
    assert "check digit" in box.message.text() and box.message_kind == "error"
    assert app_ctx.catalog.get(product).values["gtin"] == "4006381333931"
    assert app_ctx.catalog.history(product)[0].op == "create"  # nothing was written
    # a valid code is confirmed while typing and saved on Enter
    edit.selectAll()
    qtbot.keyClicks(edit, "9319635000004")
    assert box.message_kind == "ok"
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot, dock)
    assert app_ctx.catalog.get(product).values["gtin"] == "9319635000004"
    assert not box.message.isVisible()


def test_a_negative_stock_is_refused_with_the_reason(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    type_into(qtbot, line_edit(dock, "stock"), "-3")
    settle(qtbot, dock)
    assert dock.form.boxes["stock"].message.text() == "Stock cannot be negative (got -3)"
    assert app_ctx.catalog.get(product).values["stock"] == 40
    # Escape puts the stored value back and clears the message
    qtbot.keyClick(line_edit(dock, "stock"), Qt.Key.Key_Escape)
    assert line_edit(dock, "stock").text() == "40"
    assert not dock.form.boxes["stock"].message.isVisible()


def test_an_edit_on_a_product_changed_elsewhere_is_refused_and_reloaded(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    app_ctx.catalog.update_field(product, "title", "Changed In The Table")
    type_into(qtbot, line_edit(dock, "brand"), "Other Brand")
    settle(qtbot, dock)
    stored = app_ctx.catalog.get(product).values
    assert stored["brand"] == "Stonefruit Supply"
    assert dock.form.boxes["brand"].message.text() == CONFLICT_TEXT
    assert line_edit(dock, "title").text() == "Changed In The Table"
    assert line_edit(dock, "brand").text() == "Stonefruit Supply"
    assert dock.detail is not None and dock.detail.values["version"] == stored["version"]


def test_choosing_a_status_and_editing_attributes_save(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    status = dock.form.input("status")
    assert isinstance(status, ChoiceInput)
    status.combo.setCurrentIndex(status.combo.findData("draft"))
    status.combo.activated.emit(status.combo.currentIndex())
    settle(qtbot, dock)
    attributes = dock.form.input("attributes")
    assert isinstance(attributes, AttributesInput)
    cell = attributes.table.item(0, 1)
    assert cell is not None and cell.text() == "Silver"
    cell.setText("Midnight Blue")
    settle(qtbot, dock)
    values = app_ctx.catalog.get(product).values
    assert values["status"] == "draft"
    assert values["attributes"] == {"color": "Midnight Blue", "size": "750 ml"}
    assert dock.header.status.text() == "Draft"


def test_a_category_path_from_the_taxonomy_sets_its_id(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    qtbot.waitUntil(lambda: dock.form.taxonomy is not None, timeout=10_000)
    edit = line_edit(dock, "category_path")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "drinkware mugs")
    suggestions = dock.form.category_model.stringList()
    assert any(path.endswith("Mugs") for path in suggestions)
    mugs = next(path for path in suggestions if path.endswith("> Mugs"))
    edit.setText(mugs)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot, dock)
    values = app_ctx.catalog.get(product).values
    taxonomy = dock.form.taxonomy
    assert taxonomy is not None
    category = taxonomy.by_path(mugs)
    assert category is not None
    assert (values["category_path"], values["category_id"]) == (mugs, category.id)
    assert line_edit(dock, "category_id").text() == str(category.id)


# -------------------------------------------------------------------------- photos
def test_photos_attach_show_move_and_remove(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext, tmp_path: Path
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    strip = dock.photos
    assert strip.empty.isVisible()
    with qtbot.waitSignal(dock.changes_applied, timeout=10_000):
        dock.attach_files([png(tmp_path / "front.png"), tmp_path / "notes.txt"])
    settle(qtbot, dock)
    images = app_ctx.catalog.get(product).images
    assert len(images) == 1
    first = str(images[0]["uri"])
    assert first.startswith("file://") and Path(images[0]["uri"][7:]).exists()
    assert strip.list.count() == 1 and strip.list.isVisible()
    qtbot.waitUntil(lambda: strip.thumbnail_loaded(first), timeout=10_000)
    icon = strip.list.item(0).icon().pixmap(64, 64).toImage()
    assert icon.pixelColor(32, 32).red() > 150  # the red photo, not a placeholder tile

    dock.attach_files([png(tmp_path / "back.png", (40, 90, 200))])
    settle(qtbot, dock)
    second = str(app_ctx.catalog.get(product).images[1]["uri"])
    strip.list.setCurrentRow(1)
    qtbot.mouseClick(strip.left_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    assert [i["uri"] for i in app_ctx.catalog.get(product).images] == [second, first]

    strip.list.setCurrentRow(0)
    qtbot.mouseClick(strip.remove_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    strip.list.setCurrentRow(0)
    qtbot.mouseClick(strip.remove_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dock)
    assert app_ctx.catalog.get(product).images == []
    assert strip.list.count() == 0 and strip.empty.isVisible()


def test_web_photos_get_a_placeholder_without_fetching(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    app_ctx.catalog.set_images(product, [{"uri": "https://cdn.example.com/bottle.jpg"}])
    show(qtbot, dock, product)
    strip = dock.photos
    assert strip.list.count() == 1
    assert "bottle.jpg" in strip.list.item(0).toolTip()
    tile: QImage = strip.list.item(0).icon().pixmap(92, 92).toImage()
    assert not tile.isNull()
    assert not strip.thumbnail_loaded("https://cdn.example.com/bottle.jpg")


# ------------------------------------------------------------------------- history
def test_history_lists_the_edits_and_greys_undone_ones(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    type_into(qtbot, line_edit(dock, "title"), "Steel Bottle")
    settle(qtbot, dock)
    type_into(qtbot, line_edit(dock, "price"), "19.99")
    settle(qtbot, dock)
    changes = dock.history.change_texts()
    assert changes[0] == "Price: set to “19.99”"
    assert changes[1] == "Title: set to “Steel Bottle”"
    assert changes[-1] == "Created"
    batches = dock.history.batch_rows()
    assert batches[0] == ("Edit Price", False)
    assert batches[-1] == ("Product added", False)
    assert dock.tabs.tabText(1) == "History (3)"

    summary = app_ctx.catalog.undo()
    dock.apply_changes(summary)
    settle(qtbot, dock)
    assert dock.history.batch_rows()[0] == ("Edit Price (undone)", True)
    assert line_edit(dock, "price").text() == "24.99"


def test_a_product_deleted_elsewhere_shows_the_placeholder(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    dock.apply_changes(app_ctx.catalog.delete([product]))
    assert dock.placeholder.isVisible()
    assert dock.placeholder.text() == DELETED_TEXT


# ------------------------------------------------------------- keyboard and drops
def test_leaving_a_field_saves_it_and_tab_reaches_use_this_value(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    app_ctx.catalog.update_field(product, "title", "My Better Bottle Title")
    show(qtbot, dock, product)
    dock.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dock)
    title = line_edit(dock, "title")
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    use = dock.form.boxes["title"].alternatives.button_for("import")
    assert QApplication.focusWidget() is use
    qtbot.keyClick(use, Qt.Key.Key_Tab)
    brand = line_edit(dock, "brand")
    assert QApplication.focusWidget() is brand
    brand.selectAll()
    qtbot.keyClicks(brand, "Northwind Outfitters")
    qtbot.keyClick(brand, Qt.Key.Key_Tab)  # leaving the field saves it
    settle(qtbot, dock)
    stored = app_ctx.catalog.get(product)
    assert stored.values["brand"] == "Northwind Outfitters"
    assert stored.source_of("brand") == "manual"


def test_dropping_image_files_on_the_dock_attaches_them(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext, tmp_path: Path
) -> None:
    product = imported(app_ctx)
    show(qtbot, dock, product)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png(tmp_path / "drop.png")))])
    spot = QPointF(dock.width() / 2, dock.height() / 2)
    actions = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(spot, actions, mime, buttons, modifiers)
    QApplication.sendEvent(dock, enter)
    assert enter.isAccepted()
    assert dock.photos.property("dropping") is True
    QApplication.sendEvent(dock, QDropEvent(spot, actions, mime, buttons, modifiers))
    assert dock.photos.property("dropping") is False
    settle(qtbot, dock)
    assert len(app_ctx.catalog.get(product).images) == 1
    assert dock.photos.list.count() == 1
    # text or other files are not photos: the dock does not take them
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "products.csv"))])
    refused = QDragEnterEvent(spot, actions, other, buttons, modifiers)
    QApplication.sendEvent(dock, refused)
    assert not refused.isAccepted()


def test_the_editor_renders_with_content(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext, tmp_path: Path
) -> None:
    product = imported(app_ctx)
    app_ctx.catalog.update_field(product, "title", "My Better Bottle Title")
    app_ctx.catalog.attach_images(product, [png(tmp_path / "p.png")], app_ctx.media_dir)
    show(qtbot, dock, product)
    uri = str(app_ctx.catalog.get(product).images[0]["uri"])
    qtbot.waitUntil(lambda: dock.photos.thumbnail_loaded(uri), timeout=10_000)
    image = dock.grab().toImage()
    assert image.width() == 420
    colors = {image.pixel(x, y) for x in range(0, 420, 5) for y in range(0, 900, 5)}
    assert len(colors) > 40
    # nothing sticks out of the panel: every field fits its width
    content = dock.details_scroll.widget()
    assert content.width() <= dock.details_scroll.viewport().width()


def test_a_hidden_dock_loads_only_once_it_is_shown(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    product = imported(app_ctx)
    dock.hide()
    dock.show_product(product)
    assert not dock.busy and dock.detail is None
    dock.show()
    settle(qtbot, dock)
    assert dock.detail is not None and dock.detail.id == product
    assert dock.header.sku.text() == "BTL-STEEL-750"


def test_a_narrow_panel_puts_side_by_side_fields_under_each_other(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    sizes = {"length_cm": Decimal("8.5"), "width_cm": Decimal("8.6"), "height_cm": Decimal("29")}
    product = imported(app_ctx, **sizes)
    show(qtbot, dock, product)
    length, height = dock.form.boxes["length_cm"], dock.form.boxes["height_cm"]
    assert length.y() == height.y()  # one row at 420 px
    dock.resize(340, 900)
    qtbot.waitUntil(lambda: length.y() < height.y())
    content = dock.details_scroll.widget()
    assert content.width() <= dock.details_scroll.viewport().width()
    assert height.width() > length.width() // 2  # full width, not squeezed


def test_switching_catalogs_forgets_the_old_product(
    qtbot: QtBot,
    dock: ProductEditorDock,
    app_ctx: AppContext,
    template_catalog: Path,
    tmp_path: Path,
    paths: AppPaths,
) -> None:
    show(qtbot, dock, imported(app_ctx))
    other_file = tmp_path / "other.sqlite3"
    shutil.copyfile(template_catalog, other_file)
    other = build_context(str(other_file), paths, auto_backup=False)
    bridge = TaskBridge(other.runner)
    try:
        dock.set_context(other, bridge)
        assert dock.placeholder.isVisible() and dock.detail is None
        product = other.catalog.create({"sku": "OTHER-1", "title": "Linen Tea Towel"}).created[0]
        show(qtbot, dock, product)
        assert dock.header.sku.text() == "OTHER-1"
        type_into(qtbot, line_edit(dock, "brand"), "Fern & Flax")
        settle(qtbot, dock)
        assert other.catalog.get(product).values["brand"] == "Fern & Flax"
    finally:
        bridge.detach()
        other.close()


def test_the_channels_tab_keeps_its_channels_after_a_save(
    qtbot: QtBot, dock: ProductEditorDock, app_ctx: AppContext
) -> None:
    app_ctx.feeds.configure(
        "google", enabled=True, settings={"product_url": "https://shop.example/p/{sku}"}
    )
    product = imported(app_ctx)
    show(qtbot, dock, product)
    before = dock.channels_view.problem_count()
    assert before > 0
    with qtbot.waitSignal(dock.changes_applied, timeout=10_000):
        type_into(qtbot, line_edit(dock, "title"), "Steel Water Bottle 750 ml, Leakproof")
    settle(qtbot, dock)
    assert dock.channels_view.problem_count() > 0
    assert dock.tabs.tabText(2).startswith("Channels (")
