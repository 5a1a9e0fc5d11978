"""The product editor dock: one product's every field, where each value comes from, its photos
and its change history, edited in place.

Reads run in the READ lane and are tagged with a generation, so switching products quickly
never shows stale data. Writes are manual edits sent one at a time through the WRITE lane with
the version the seller saw; each returns the fresh product, so the next edit uses its version.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk.app import AppContext
from sellerdesk.core.changes import ChangeSummary, Source
from sellerdesk.core.errors import ConflictError, InvalidValueError, NotFoundError
from sellerdesk.core.fields import FieldSpec
from sellerdesk.core.fields import field as field_spec
from sellerdesk.core.taxonomy import Taxonomy
from sellerdesk.gui.channel_problems_view import ChannelProblemsView
from sellerdesk.gui.empty_state import dropped_files
from sellerdesk.gui.error_dialog import show_error
from sellerdesk.gui.history_view import HistoryView
from sellerdesk.gui.image_strip import IMAGE_FILTER, ImageStrip
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.product_form import ProductForm, section_title
from sellerdesk.gui.product_header import ProductHeader, editor_stylesheet
from sellerdesk.gui.product_load import ProductLoad, read_product
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.services.catalog import CatalogService, ProductDetail
from sellerdesk.services.media import is_image_file
from sellerdesk.tasks.runner import Lane, TaskContext

log = logging.getLogger(__name__)

PLACEHOLDER_TEXT = "Select a product to see and edit all of its fields"
DELETED_TEXT = "This product no longer exists. Select another one to edit it."
CONFLICT_TEXT = "Changed elsewhere, reloaded: check the value and make your edit again."
PLACEHOLDER_PAGE, EDITOR_PAGE = 0, 1
DETAILS_TAB, HISTORY_TAB, CHANNELS_TAB = 0, 1, 2


@dataclass
class _Write:
    """One queued manual change of the shown product."""

    product_id: int
    version: int
    title: str
    call: Callable[[CatalogService, int], ChangeSummary]
    fields: tuple[str, ...] = ()
    #: fields whose inputs take the stored value even if the seller changed them meanwhile
    force: tuple[str, ...] = ()
    error_title: str = ""


@dataclass
class _Saved:
    summary: ChangeSummary
    load: ProductLoad


class ProductEditorDock(QDockWidget):
    """Shows one product for editing; ``show_product(None)`` shows a friendly placeholder."""

    #: (ChangeSummary) an edit made here was saved: refresh the table and the Undo labels
    changes_applied = Signal(object)
    #: (SKU) the seller clicked the parent or a variant: select that product
    product_requested = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        bridge: TaskBridge,
        theme: Theme = LIGHT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Product Editor", parent)
        self.setObjectName("ProductEditorDock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.setAcceptDrops(True)
        self.setMinimumWidth(340)
        self._ctx = ctx
        self._bridge = bridge
        self._theme = theme
        self._generation = 0
        self._product_id: int | None = None
        self._load: ProductLoad | None = None
        self._loading = False
        self._writes: deque[_Write] = deque()
        self._writing = False
        self._taxonomy_requested = False
        self._last_emitted: ChangeSummary | None = None
        #: a load waiting for the dock to be shown (its "force" flag), or None
        self._deferred: bool | None = None
        self._build()
        self.set_theme(theme)
        self._show_placeholder(PLACEHOLDER_TEXT)

    # ================================================================ building
    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        placeholder_page = QWidget(self.stack)
        placeholder_page.setObjectName("PlaceholderPage")
        placeholder_layout = QVBoxLayout(placeholder_page)
        placeholder_layout.setContentsMargins(32, 32, 32, 32)
        self.placeholder = QLabel(PLACEHOLDER_TEXT, placeholder_page)
        self.placeholder.setObjectName("EditorPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        placeholder_layout.addStretch(1)
        placeholder_layout.addWidget(self.placeholder)
        placeholder_layout.addStretch(2)

        page = QWidget(self.stack)
        page.setObjectName("EditorPage")
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        self.header = ProductHeader(self._theme, page)
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header.product_requested.connect(self.product_requested)

        self.tabs = QTabWidget(page)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Product editor sections")
        self.details_scroll = QScrollArea(self.tabs)
        self.details_scroll.setObjectName("EditorScroll")
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.details_scroll)
        content.setObjectName("EditorContent")
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(14, 6, 14, 18)
        content_layout.setSpacing(10)
        self.photos = ImageStrip(self._theme, self._bridge, content)
        self.photos.images_changed.connect(self._images_reordered)
        self.photos.add_requested.connect(self.choose_photos)
        self.form = ProductForm(self._theme, content)
        self.form.commit_requested.connect(self._field_committed)
        self.form.use_requested.connect(self.use_source)
        content_layout.addWidget(section_title("Photos", content))
        content_layout.addWidget(self.photos)
        content_layout.addSpacing(6)
        content_layout.addWidget(self.form)
        content_layout.addStretch(1)
        self.details_scroll.setWidget(content)
        self.history = HistoryView(self._theme, self.tabs)
        self.channels_view = ChannelProblemsView(self._theme, self.tabs)
        self.channels_view.fix_requested.connect(self._fix_field)
        self.tabs.addTab(self.details_scroll, "Details")
        self.tabs.addTab(self.history, "History")
        self.tabs.addTab(self.channels_view, "Channels")

        page_layout.addWidget(self.header)
        page_layout.addWidget(self.tabs, 1)
        self.stack.addWidget(placeholder_page)
        self.stack.addWidget(page)
        self.setWidget(self.stack)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.stack.setStyleSheet(editor_stylesheet(theme))
        self.header.set_theme(theme)
        self.form.set_theme(theme)
        self.photos.set_theme(theme)
        self.history.set_theme(theme)
        self.channels_view.set_theme(theme)
        if self._load is not None:
            self.header.show_detail(self._load.detail)

    def set_context(self, ctx: AppContext, bridge: TaskBridge) -> None:
        """Follow a catalog switch: forget the old catalog's product and pending work."""
        self._ctx = ctx
        self._bridge = bridge
        self.photos.set_bridge(bridge)
        self._writes.clear()
        self._writing = False
        self._taxonomy_requested = self.form.taxonomy is not None
        self.show_product(None)

    # ================================================================ state
    @property
    def product_id(self) -> int | None:
        """The product asked for (its data may still be loading)."""
        return self._product_id

    @property
    def detail(self) -> ProductDetail | None:
        """The product on screen."""
        return self._load.detail if self._load is not None else None

    @property
    def busy(self) -> bool:
        """Loading or saving (tests wait for this to turn False)."""
        return self._loading or self._writing or bool(self._writes)

    # ================================================================ loading
    def show_product(self, product_id: int | None) -> None:
        """Show (and load) a product, or the placeholder for None."""
        if product_id is not None and product_id == self._product_id and self._load is not None:
            self.reload()
            return
        self._generation += 1
        self._product_id = product_id
        if product_id is None:
            self._load = None
            self._loading = False
            self._deferred = None
            self._show_placeholder(PLACEHOLDER_TEXT)
            return
        if self._load is None:
            self.placeholder.setText("Loading the product…")
        self._start_load(force=True)

    def reload(self, *, force: bool = False) -> None:
        """Read the shown product again; unsaved input stays unless ``force``."""
        if self._product_id is None:
            return
        self._generation += 1
        self._start_load(force=force)

    def apply_changes(self, summary: ChangeSummary) -> None:
        """Another part of the app changed products: reload if the shown one is among them."""
        if summary is self._last_emitted or self._product_id is None:
            return
        if self._product_id in summary.deleted:
            self._generation += 1
            self._load = None
            self._show_placeholder(DELETED_TEXT)
        elif self._product_id in summary.product_ids:
            self.reload()

    def _fix_field(self, name: str) -> None:
        """A channel problem's "Fix": go to the field (photos for image problems)."""
        if name == "images":
            self.tabs.setCurrentIndex(DETAILS_TAB)
            self.details_scroll.ensureWidgetVisible(self.photos)
            self.photos.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        if name == "category_id":
            name = "category_path"
        self.focus_field(name)

    def focus_field(self, name: str) -> None:
        """Show the Details tab and put the cursor in a field (e.g. "title")."""
        if name in self.form.boxes and self._load is not None:
            self.tabs.setCurrentIndex(DETAILS_TAB)
            widget = self.form.input(name).focus_widget
            self.details_scroll.ensureWidgetVisible(self.form.boxes[name])
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._deferred is not None:
            force, self._deferred = self._deferred, None
            self._start_load(force=force)

    def _start_load(self, *, force: bool) -> None:
        product_id = self._product_id
        if product_id is None:
            return
        if not self.isVisible():  # closed or behind another tab: load when shown
            self._deferred = force or bool(self._deferred)
            self._loading = False
            return
        generation = self._generation
        catalog = self._ctx.catalog
        self._loading = True

        feeds = self._ctx.feeds

        def work(_task: TaskContext) -> ProductLoad:
            return read_product(catalog, product_id, feeds)

        (
            Op(self, work, bridge=self._bridge)
            .titled("Loading the product")
            .in_lane(Lane.READ)
            .on_success(lambda load: self._loaded(load, generation, force))
            .on_failure(lambda error: self._load_failed(error, generation))
            .run()
        )

    def _loaded(self, load: ProductLoad, generation: int, force: bool) -> None:
        if generation != self._generation:
            return
        self._loading = False
        switched = self._load is None or self._load.detail.id != load.detail.id
        if switched:
            self.form.clear_messages()
            self.details_scroll.verticalScrollBar().setValue(0)
        self._show(load, force=force or switched)
        self._ensure_taxonomy()

    def _load_failed(self, error: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if isinstance(error, NotFoundError):
            self._load = None
            self._show_placeholder(DELETED_TEXT)
        else:
            show_error(self, error, title="Could not load the product")

    def _show(self, load: ProductLoad, *, force: bool, force_fields: tuple[str, ...] = ()) -> None:
        self._load = load
        detail = load.detail
        self.header.show_detail(detail)
        self.form.show_detail(detail, force=force)
        for name in force_fields:
            self.form.boxes[name].show_detail(detail, force=True)
        self.photos.set_images(detail.images)
        self.history.set_entries(load.history)
        self.tabs.setTabText(HISTORY_TAB, f"History ({len({e.batch_id for e in load.history})})")
        self.channels_view.show_readiness(load.readiness, load.channel_labels)
        count = self.channels_view.problem_count()
        self.tabs.setTabText(CHANNELS_TAB, f"Channels ({count})" if count else "Channels")
        self.stack.setCurrentIndex(EDITOR_PAGE)

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.stack.setCurrentIndex(PLACEHOLDER_PAGE)

    def _ensure_taxonomy(self) -> None:
        """Load the category list for the completer, once, in the background."""
        if self._taxonomy_requested:
            return
        self._taxonomy_requested = True

        taxonomy = self._ctx.taxonomy

        def work(_task: TaskContext) -> Taxonomy:
            return taxonomy.get()

        def failed(error: BaseException) -> None:
            log.warning("category suggestions are unavailable: %s", error)

        (
            Op(self, work, bridge=self._bridge)
            .titled("Loading categories")
            .in_lane(Lane.READ)
            .on_success(self.form.set_taxonomy)
            .on_failure(failed)
            .run()
        )

    # ================================================================ editing
    def _field_committed(self, name: str) -> None:
        load = self._load
        if load is None or name == "sku":
            return
        spec = field_spec(name)
        field_input = self.form.input(name)
        if field_input.already_sent():
            return
        try:
            value = spec.parse(field_input.raw())
        except InvalidValueError as error:
            self.form.show_message(name, error.message)
            return
        if self.form.boxes[name].message_kind != "ok":
            self.form.clear_message(name)
        changes = self._with_category(spec, value)
        current = load.detail.values
        if all(current.get(key) == new for key, new in changes.items()):
            field_input.load(current.get(name), force=True)
            return
        field_input.mark_sent()
        detail = load.detail
        product_id = detail.id
        sku = str(detail.values.get("sku"))
        if len(changes) == 1:

            def call(catalog: CatalogService, version: int) -> ChangeSummary:
                return catalog.update_field(
                    product_id, name, value, expected_version=version, source=Source.MANUAL
                )

        else:

            def call(catalog: CatalogService, version: int) -> ChangeSummary:
                label = f"Edit {spec.label} of {sku}"
                return catalog.update_fields(
                    {product_id: changes},
                    name=label,
                    source=Source.MANUAL,
                    expected_versions={product_id: version},
                )

        self._enqueue(
            _Write(product_id, load.version, f"Saving {spec.label}", call, fields=(name,))
        )

    def _with_category(self, spec: FieldSpec, value: Any) -> dict[str, Any]:
        """The change, plus the matching category ID or path when the taxonomy knows it."""
        taxonomy = self.form.taxonomy
        if taxonomy is None or value is None:
            return {spec.name: value}
        if spec.name == "category_path":
            found = taxonomy.by_path(str(value))
            if found is not None:
                return {"category_path": found.path, "category_id": found.id}
        elif spec.name == "category_id":
            known = taxonomy.get(int(value))
            if known is not None:
                return {"category_id": known.id, "category_path": known.path}
        return {spec.name: value}

    def use_source(self, name: str, source: str) -> None:
        """Make ``source``'s value of ``name`` the one in use (the "Use this value" button)."""
        load = self._load
        if load is None:
            return
        product_id = load.detail.id

        def call(catalog: CatalogService, _version: int) -> ChangeSummary:
            return catalog.prefer_source(product_id, name, source)

        label = field_spec(name).label
        self.form.clear_message(name)
        self._enqueue(
            _Write(
                product_id,
                load.version,
                f"Using another {label}",
                call,
                fields=(name,),
                force=(name,),
            )
        )

    def _images_reordered(self, images: list[dict[str, Any]]) -> None:
        load = self._load
        if load is None:
            return
        product_id = load.detail.id

        def call(catalog: CatalogService, _version: int) -> ChangeSummary:
            return catalog.set_images(product_id, images)

        self._enqueue(
            _Write(
                product_id,
                load.version,
                "Updating photos",
                call,
                error_title="Could not change the photos",
            )
        )

    def choose_photos(self) -> None:
        """Ask for photo files and add them to the shown product."""
        if self._load is None:
            return
        folders = QStandardPaths.standardLocations(QStandardPaths.StandardLocation.PicturesLocation)
        start = folders[0] if folders else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileNames(self, "Add Photos", start, IMAGE_FILTER)
        if chosen:
            self.attach_files([Path(name) for name in chosen])

    def attach_files(self, files: list[Path]) -> None:
        """Copy photo files into the catalog's media folder and add them to the product."""
        load = self._load
        pictures = [path for path in files if is_image_file(path)]
        if load is None or not pictures:
            return
        product_id = load.detail.id
        media_dir = self._ctx.media_dir

        def call(catalog: CatalogService, _version: int) -> ChangeSummary:
            return catalog.attach_images(product_id, pictures, media_dir)

        noun = "photo" if len(pictures) == 1 else "photos"
        self._enqueue(
            _Write(
                product_id,
                load.version,
                f"Adding {len(pictures)} {noun}",
                call,
                error_title="Could not add the photos",
            )
        )

    # ================================================================ writing
    def _enqueue(self, write: _Write) -> None:
        self._writes.append(write)
        if not self._writing:
            self._next_write()

    def _next_write(self) -> None:
        if not self._writes:
            self._writing = False
            return
        write = self._writes.popleft()
        self._writing = True
        catalog, feeds = self._ctx.catalog, self._ctx.feeds

        def work(_task: TaskContext) -> _Saved:
            summary = write.call(catalog, write.version)
            return _Saved(summary, read_product(catalog, write.product_id, feeds))

        (
            Op(self, work, bridge=self._bridge)
            .titled(write.title)
            .on_success(lambda saved: self._written(write, saved))
            .on_failure(lambda error: self._write_failed(write, error))
            .run()
        )

    def _written(self, write: _Write, saved: _Saved) -> None:
        self._writing = False
        for pending in self._writes:
            if pending.product_id == write.product_id:
                pending.version = saved.load.version
        if not saved.summary.empty:
            self._last_emitted = saved.summary
            self.changes_applied.emit(saved.summary)
        if write.product_id == self._product_id:
            self._generation += 1  # a read started before this write would be older
            self._loading = False
            saved_inputs = [n for n in write.fields if self.form.input(n).already_sent()]
            for name in write.fields:
                self.form.clear_message(name)
            self._show(saved.load, force=False, force_fields=(*write.force, *saved_inputs))
        self._next_write()

    def _write_failed(self, write: _Write, error: BaseException) -> None:
        self._writing = False
        shown = write.product_id == self._product_id
        if shown:
            for name in write.fields:
                self.form.input(name).clear_sent()
        if isinstance(error, ConflictError):
            self._writes = deque(w for w in self._writes if w.product_id != write.product_id)
            if shown:
                for name in write.fields:
                    self.form.show_message(name, CONFLICT_TEXT)
                self.reload(force=True)
        elif isinstance(error, InvalidValueError) and write.fields and shown:
            self.form.show_message(write.fields[0], error.message)
        elif isinstance(error, NotFoundError) and shown:
            self._writes = deque(w for w in self._writes if w.product_id != write.product_id)
            self._load = None
            self._show_placeholder(DELETED_TEXT)
        else:
            show_error(self, error, title=write.error_title or f"{write.title} failed")
            if shown:
                self.reload()
        self._next_write()

    # ============================================================ drag & drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._load is not None and any(is_image_file(p) for p in dropped_files(event)):
            event.acceptProposedAction()
            self._set_dropping(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_dropping(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dropping(False)
        files = [p for p in dropped_files(event) if is_image_file(p)]
        if files and self._load is not None:
            event.acceptProposedAction()
            self.tabs.setCurrentIndex(DETAILS_TAB)
            self.attach_files(files)

    def _set_dropping(self, dropping: bool) -> None:
        self.photos.setProperty("dropping", dropping)
        for widget in (self.photos, self.photos.empty, self.photos.list):
            widget.style().unpolish(widget)
            widget.style().polish(widget)
