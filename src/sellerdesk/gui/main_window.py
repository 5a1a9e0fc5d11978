"""The main window: menus, toolbar, search, the catalog table or its empty state, status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sellerdesk import __version__
from sellerdesk.app import AppContext
from sellerdesk.channels.model import ExportResult
from sellerdesk.config.settings import Settings
from sellerdesk.core.changes import ChangeSummary
from sellerdesk.core.errors import (
    CatalogOpenError,
    NothingToDoError,
)
from sellerdesk.core.taxonomy import SharedTaxonomy
from sellerdesk.gui import (
    window_catalogs,
    window_feeds,
    window_imports,
    window_products,
    window_settings,
    window_views,
)
from sellerdesk.gui.banner import BannerArea
from sellerdesk.gui.catalog_model import CatalogTableModel
from sellerdesk.gui.catalog_view import CatalogView
from sellerdesk.gui.column_chooser import fill_column_menu, install_header_menu
from sellerdesk.gui.commands import (
    apply_icons,
    build_menus,
    build_toolbar,
    create_commands,
    set_undo_labels,
)
from sellerdesk.gui.empty_state import EmptyStatePanel, dropped_files
from sellerdesk.gui.error_dialog import ask_after_open_error, show_error
from sellerdesk.gui.filter_bar import FilterBar, Filters
from sellerdesk.gui.icons import app_icon, load_icon
from sellerdesk.gui.import_wizard import ImportWizard
from sellerdesk.gui.jobs_panel import JobsPanel, open_panel_on_click
from sellerdesk.gui.ops import Op, TaskBridge
from sellerdesk.gui.product_editor import ProductEditorDock
from sellerdesk.gui.saved_views import ViewStore
from sellerdesk.gui.search_box import SearchBox
from sellerdesk.gui.session import (
    DEMO_PRODUCTS,
    ContextFactory,
    catalog_label,
    context_factory,
    is_demo,
)
from sellerdesk.gui.settings_dialog import SettingsDialog
from sellerdesk.gui.status_bar import CatalogStatusBar
from sellerdesk.gui.theme import LIGHT, Theme
from sellerdesk.gui.window_state import (
    default_settings,
    load_header_state,
    restore_window,
    save_window,
)
from sellerdesk.tasks.jobs import JobJournal
from sellerdesk.tasks.runner import TaskContext

log = logging.getLogger(__name__)

TABLE_PAGE, EMPTY_PAGE = 0, 1
DEFAULT_SIZE = QSize(1400, 860)


class MainWindow(QMainWindow):
    """One catalog at a time; opening another rebuilds the context and closes the old one."""

    #: a different catalog is now shown
    catalog_switched = Signal()
    #: the demo catalog finished filling
    demo_ready = Signal()

    def __init__(
        self,
        ctx: AppContext,
        *,
        theme: Theme = LIGHT,
        settings: QSettings | None = None,
        factory: ContextFactory | None = None,
        persist: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.resize(DEFAULT_SIZE)
        self._theme = theme
        self._settings = settings if settings is not None else default_settings()
        self._factory = factory or context_factory(ctx.paths)
        self._persist = persist
        self._header_restored = False
        self._shown_once = False
        self._filling_demo = False
        self._closed = False
        self.demo_count = DEMO_PRODUCTS
        self._previous_target: str | None = None
        self.last_message: QMessageBox | None = None
        self._current_view: str | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.wizards: list[ImportWizard] = []
        self.last_dialog: QDialog | None = None

        self.commands = create_commands(self, self)
        self.menus = build_menus(self, self.commands)
        self.menus.recent.aboutToShow.connect(self._fill_recent_menu)
        self.menus.edit.aboutToShow.connect(self.update_undo_actions)
        self.search = SearchBox(self)
        self.search.search_changed.connect(self._search)
        self.toolbar = build_toolbar(self, self.commands, self.search)
        self._create_central(ctx.taxonomy)
        self.status = CatalogStatusBar(theme, self)
        self.setStatusBar(self.status)
        apply_icons(self.commands, theme)
        self.search.set_icon_color(theme.muted)
        self.setTabOrder(self.search, self.table)

        header_state = load_header_state(self._settings) if persist else None
        self._header_restored = header_state is not None
        self.ctx = ctx
        self.bridge = TaskBridge(ctx.runner, self)
        self.journal = JobJournal()
        self.model = CatalogTableModel(ctx.catalog, self.bridge, theme, self)
        self.jobs_panel = JobsPanel(self.journal, self.bridge, theme, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.jobs_panel)
        self.jobs_panel.hide()
        jobs_toggle = self.jobs_panel.toggleViewAction()
        jobs_toggle.setText("&Jobs")
        jobs_toggle.setShortcut(QKeySequence("Ctrl+J"))
        jobs_toggle.setStatusTip("Imports and other background work, with their progress and logs")
        jobs_toggle.setIcon(load_icon("jobs", theme.text))
        self.menus.view.insertAction(self.commands.refresh, jobs_toggle)
        self.menus.view.insertSeparator(self.commands.refresh)
        self.jobs_toggle = jobs_toggle
        self._badge_opener = open_panel_on_click(self.status.badge, self.jobs_panel)
        self.editor = ProductEditorDock(ctx, self.bridge, theme, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor)
        self.resizeDocks([self.editor], [420], Qt.Orientation.Horizontal)
        self.editor.changes_applied.connect(self.apply_changes)
        self.editor.product_requested.connect(self.select_sku)
        editor_toggle = self.editor.toggleViewAction()
        editor_toggle.setText("Product &Editor")
        editor_toggle.setShortcut(QKeySequence("Ctrl+E"))
        editor_toggle.setStatusTip("Every field of the selected product, its photos and history")
        self.menus.view.insertAction(jobs_toggle, editor_toggle)
        self.editor_toggle = editor_toggle
        edit = self.menus.edit
        edit.insertSeparator(self.commands.find)
        for action in (
            self.table.copy_action,
            self.table.paste_action,
            self.table.fill_down_action,
            self.table.clear_action,
        ):
            edit.insertAction(self.commands.find, action)
        edit.insertSeparator(self.commands.find)
        edit.insertAction(self.commands.find, self.table.bulk_edit_action)
        edit.insertSeparator(self.commands.find)
        self.table.bulk_edit_action.setIcon(load_icon("bulk", theme.text))
        self.table.current_product_changed.connect(self.editor.show_product)
        self.table.changes_applied.connect(self.apply_changes)
        self.table.images_dropped.connect(self.attach_photos)
        self.table.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.filter_bar = FilterBar(ctx.catalog, self.bridge, theme, self.centralWidget())
        self.filter_bar.filters_changed.connect(self._apply_filters)
        self._central_layout.insertWidget(1, self.filter_bar)
        self.filter_button = self.filter_bar.menu_button(self.toolbar, "Filter")
        self.filter_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.filter_button.setIcon(load_icon("filter", theme.text))
        search_action = next(
            a for a in self.toolbar.actions() if self.toolbar.widgetForAction(a) is self.search
        )
        self.toolbar.insertWidget(search_action, self.filter_button)
        self.views = ViewStore(self._settings)
        self.menus.views.aboutToShow.connect(self._fill_views_menu)
        self.menus.columns.aboutToShow.connect(
            lambda: fill_column_menu(
                self.menus.columns, self.table.horizontalHeader(), self.reset_columns
            )
        )
        install_header_menu(self.table.horizontalHeader(), self, self.reset_columns)
        if persist:  # after the docks exist, so their places and visibility come back too
            restore_window(self._settings, self)
        self._connect_context(header_state)

    # ================================================================ building
    def _create_central(self, taxonomy: SharedTaxonomy) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banners = BannerArea(self._theme, central)
        self.table = CatalogView(self._theme, central, taxonomy)
        self.empty_state = EmptyStatePanel(self._theme, central)
        self.empty_state.demo_requested.connect(self.open_demo_catalog)
        self.empty_state.open_requested.connect(self.open_catalog_dialog)
        self.empty_state.files_dropped.connect(self.files_dropped)
        self.stack = QStackedWidget(central)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)
        layout.addWidget(self.banners)
        layout.addWidget(self.stack, 1)
        self._central_layout = layout
        self.setCentralWidget(central)

    def set_theme(self, theme: Theme) -> None:
        """Follow an OS light/dark switch (the application palette is set by the caller)."""
        self._theme = theme
        apply_icons(self.commands, theme)
        self.search.set_icon_color(theme.muted)
        self.model.set_theme(theme)
        self.table.set_theme(theme)
        self.empty_state.set_theme(theme)
        self.banners.set_theme(theme)
        self.status.set_theme(theme)
        self.filter_bar.set_theme(theme)
        self.filter_button.setIcon(load_icon("filter", theme.text))
        self.jobs_panel.set_theme(theme)
        self.editor.set_theme(theme)
        for wizard in self.wizards:
            wizard.set_theme(theme)
        self.jobs_toggle.setIcon(load_icon("jobs", theme.text))
        self.table.bulk_edit_action.setIcon(load_icon("bulk", theme.text))

    # ============================================================ the context
    def _connect_context(self, header_state: QByteArray | None) -> None:
        ctx = self.ctx
        self.journal.attach(ctx.runner)
        self.jobs_panel.set_bridge(self.bridge)
        self.editor.set_context(ctx, self.bridge)
        self.table.setModel(self.model)
        self.table.set_density(ctx.settings.table_density)
        header = self.table.horizontalHeader()
        if header_state is not None and not header.restoreState(header_state):
            self._header_restored = False
        self.model.counts_changed.connect(self._update_counts)
        self.model.loading_changed.connect(self._update_counts)
        self.banners.clear()
        for warning in ctx.warnings:
            self.banners.add(warning, "warning")
        if self.showing_demo:
            banner = self.banners.add(
                "This is the demo catalog: sample products to try SellerDesk with. "
                "Nothing you do here touches your own catalog.",
                "info",
            )
            banner.add_action("Back to My Catalog", self.leave_demo)
        label = catalog_label(ctx)
        self.setWindowTitle(f"{label} — SellerDesk")
        self.status.show_catalog(ctx.db.display_name, self.bridge)
        self.commands.backup.setEnabled(ctx.db.path is not None)
        self.search.reset()
        self.filter_bar.set_catalog(ctx.catalog, self.bridge)
        self.filter_bar.refresh_choices()
        self.load_channel_columns()
        # the first load follows the header's (possibly remembered) sort column
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.model.start()
        self.update_undo_actions()
        self._remember(str(ctx.db.path) if ctx.db.path else ctx.db.display_name)

    def switch_catalog(self, target: str) -> bool:
        """Show another catalog; the current one stays open if the new one cannot be opened."""
        try:
            new_ctx = self._factory(target)
        except CatalogOpenError as error:
            log.warning("cannot open catalog %s: %s", target, error)
            if ask_after_open_error(self, error):
                self.open_catalog_dialog()
            return False
        except Exception as error:
            log.exception("opening catalog %s failed", target)
            show_error(self, error, title="Could not open the catalog")
            return False
        header_state = self.table.horizontalHeader().saveState()
        if not self.showing_demo:
            self._previous_target = str(self.ctx.db.path or self.ctx.db.display_name)
        for wizard in list(self.wizards):  # they work on the catalog that is closing
            wizard.reject()
        self._release_context()
        self.ctx = new_ctx
        self.bridge = TaskBridge(new_ctx.runner, self)
        self.model = CatalogTableModel(new_ctx.catalog, self.bridge, self._theme, self)
        self._connect_context(header_state)
        self.catalog_switched.emit()
        return True

    def _release_context(self) -> None:
        old_ctx, old_bridge, old_model = self.ctx, self.bridge, self.model
        old_bridge.detach()
        self.table.setModel(None)
        old_model.deleteLater()
        old_bridge.deleteLater()
        old_ctx.close()
        self.journal.detach(old_ctx.runner)

    def _remember(self, target: str) -> None:
        settings = self.ctx.settings
        settings.remember_catalog(target)
        try:
            settings.save(self.ctx.paths.settings_file)
        except OSError as error:
            log.warning("could not save settings: %s", error)

    # ================================================================ actions
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search(self, text: str) -> None:
        self.model.set_search_text(text)

    def _apply_filters(self, filters: Filters) -> None:
        self.model.set_query(filters.apply(self.model.query))

    def clear_filters(self) -> None:
        self.filter_bar.clear()

    # ============================================================ saved views
    def save_view(self) -> None:
        window_views.save_view(self)

    def apply_view(self, name: str) -> bool:
        return window_views.apply_view(self, name)

    def _fill_views_menu(self) -> None:
        window_views.fill_views_menu(self)

    def _delete_view(self, name: str) -> None:
        window_views.delete_view(self, name)

    def reset_columns(self) -> None:
        window_views.reset_columns(self)

    def refresh(self) -> None:
        self.model.refresh()
        self.update_undo_actions()

    def apply_changes(self, summary: ChangeSummary) -> None:
        """Show what a service call changed (only those products) and update Undo/Redo."""
        self.model.refresh(summary)
        self.editor.apply_changes(summary)
        self.update_undo_actions()

    def select_sku(self, sku: str) -> None:
        window_products.select_sku(self, sku)

    def attach_photos(self, product_id: int, files: list[Path]) -> None:
        window_products.attach_photos(self, product_id, files)

    def update_undo_actions(self) -> None:
        try:
            undo, redo = self.ctx.catalog.undo_label(), self.ctx.catalog.redo_label()
        except Exception:
            log.exception("could not read the undo history")
            undo = redo = None
        set_undo_labels(self.commands, undo, redo)

    def undo(self) -> None:
        self._replay("Undo", self.ctx.catalog.undo)

    def redo(self) -> None:
        self._replay("Redo", self.ctx.catalog.redo)

    def _replay(self, verb: str, call: Callable[[], ChangeSummary]) -> None:
        def work(_task: TaskContext) -> ChangeSummary:
            return call()

        def done(summary: ChangeSummary) -> None:
            self.apply_changes(summary)
            self.statusBar().showMessage(f"{verb}: {summary.batch_name}", 6000)

        def failed(error: BaseException) -> None:
            self.update_undo_actions()
            if isinstance(error, NothingToDoError):
                self.statusBar().showMessage(error.message, 4000)
            else:
                show_error(self, error, title=f"{verb} failed")

        Op(self, work, bridge=self.bridge).titled(verb).on_success(done).on_failure(failed).run()

    def back_up_now(self) -> None:
        window_catalogs.back_up_now(self)

    def new_catalog(self) -> None:
        window_catalogs.new_catalog(self)

    def open_catalog_dialog(self) -> None:
        window_catalogs.open_catalog_dialog(self)

    def _fill_recent_menu(self) -> None:
        window_catalogs.fill_recent_menu(self)

    def open_demo_catalog(self) -> None:
        window_catalogs.open_demo_catalog(self)

    def fill_demo_if_empty(self) -> None:
        window_catalogs.fill_demo_if_empty(self)

    @property
    def filling_demo(self) -> bool:
        return self._filling_demo

    @property
    def showing_demo(self) -> bool:
        return is_demo(self.ctx)

    def leave_demo(self) -> None:
        window_catalogs.leave_demo(self)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About SellerDesk",
            f"<h3>SellerDesk {__version__}</h3>"
            "<p>An offline-first catalog manager for independent online sellers.</p>"
            f"<p>Catalog: {self.ctx.db.display_name}<br>"
            f"Logs: {self.ctx.paths.log_dir}</p>"
            f"<p style='color: gray'>Qt for Python {pyside_version}</p>",
        )

    # ======================================================= adding, deleting
    def new_product(self) -> None:
        window_products.new_product(self)

    def delete_products(self) -> None:
        window_products.delete_products(self)

    def _delete_failed(self, error: BaseException) -> None:
        window_products.delete_failed(self, error)

    # ========================================================== feed channels
    def load_channel_columns(self) -> None:
        window_feeds.load_channel_columns(self)

    def show_channels(self) -> None:
        window_feeds.show_channels(self)

    def export_feed(self) -> None:
        window_feeds.export_feed(self)

    def _feed_exported(self, result: ExportResult) -> None:
        window_feeds.feed_exported(self, result)

    def _feed_failed(self, error: BaseException) -> None:
        window_feeds.feed_failed(self, error)

    def import_dialog(self) -> None:
        window_imports.import_dialog(self)

    def start_import(self, path: Path) -> ImportWizard:
        return window_imports.start_import(self, path)

    def _forget_wizard(self, wizard: ImportWizard) -> None:
        window_imports.forget_wizard(self, wizard)

    def _import_finished(self, _report: object) -> None:
        window_imports.import_finished(self, _report)

    def show_settings(self) -> None:
        window_settings.show_settings(self)

    def settings_changed(self, settings: Settings) -> None:
        window_settings.settings_changed(self, settings)

    def _settings_action(self, dialog: SettingsDialog, key: str, action: str) -> None:
        window_settings.settings_action(self, dialog, key, action)

    def move_catalog(self) -> Path | None:
        return window_settings.move_catalog(self)

    def open_log_folder(self) -> None:
        folder = self.ctx.paths.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ============================================================ drag & drop
    def files_dropped(self, files: list[Path]) -> None:
        window_imports.files_dropped(self, files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped(files)

    # ================================================================ status
    def _update_counts(self, *_args: object) -> None:
        model = self.model
        if not model.loaded:
            return
        total, text = model.total_count, model.query.text
        filtered = Filters.of(model.query).active
        self.status.show_counts(total, model.rowCount(), text, filtered)
        if text:
            message = f"No products match “{text}”.\nTry fewer or different words."
        elif filtered:
            message = "No products pass these filters.\nRemove a filter to see more."
        else:
            message = ""
        self.table.set_empty_message(message)
        empty = total == 0 and not text and not filtered
        self.stack.setCurrentIndex(EMPTY_PAGE if empty else TABLE_PAGE)
        self.search.setEnabled(not empty or bool(text))

    @property
    def showing_empty_state(self) -> bool:
        return self.stack.currentIndex() == EMPTY_PAGE

    # ============================================================== lifecycle
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._header_restored:
                self.table.apply_default_widths()
                # once the layout has its final size, let the title take the free room
                QTimer.singleShot(0, self.table.fit_title_column)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        """Save the layout, detach from the runner and close the catalog (idempotent)."""
        if self._closed:
            return
        self._closed = True
        if self._persist:
            save_window(self._settings, self, self.table.horizontalHeader())
        self.bridge.detach()
        self.table.setModel(None)
        self.ctx.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        event.accept()

    def menu_named(self, title: str) -> QMenu:
        """A top-level menu by its visible title (tests, automation)."""
        for action in self.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and action.text().replace("&", "") == title:
                return menu
        raise KeyError(title)
