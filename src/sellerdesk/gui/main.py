"""The ``sellerdesk-gui`` entry point: one QApplication, logging, the error hook, the window."""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from sellerdesk import __version__
from sellerdesk.app import AppContext
from sellerdesk.config.paths import AppPaths
from sellerdesk.config.settings import Settings
from sellerdesk.core.errors import CatalogOpenError
from sellerdesk.gui.error_dialog import ExceptionReporter, ask_after_open_error, build_error_box
from sellerdesk.gui.icons import app_icon
from sellerdesk.gui.main_window import MainWindow
from sellerdesk.gui.screenshot import capture
from sellerdesk.gui.session import (
    CATALOG_FILTER,
    ContextFactory,
    context_factory,
    demo_catalog_path,
)
from sellerdesk.gui.theme import apply_theme, choose_theme
from sellerdesk.logging_setup import configure_logging

log = logging.getLogger(__name__)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sellerdesk-gui", description="SellerDesk, the catalog manager for online sellers."
    )
    parser.add_argument("--db", metavar="URL", help="catalog file or database URL to open")
    parser.add_argument(
        "--demo", action="store_true", help="open the demo catalog (created on first use)"
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        type=Path,
        help="render the main window offscreen to a PNG file, then exit",
    )
    parser.add_argument("--version", action="version", version=f"SellerDesk {__version__}")
    return parser.parse_args(argv)


def application() -> QApplication:
    """The one QApplication (reused when it already exists, as under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("SellerDesk")
    app.setOrganizationName("SellerDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sellerdesk")
    app.setWindowIcon(app_icon())
    return app


def open_first_context(
    target: str | None, factory: ContextFactory, paths: AppPaths, log_file: Path
) -> AppContext | None:
    """Open the starting catalog; explain any failure in words and offer to pick another."""
    while True:
        try:
            return factory(target)
        except CatalogOpenError as error:
            log.warning("cannot open catalog %s: %s", target, error)
            if not ask_after_open_error(None, error):
                return None
            chosen, _ = QFileDialog.getOpenFileName(
                None, "Open Catalog", str(paths.data_dir), CATALOG_FILTER
            )
            if not chosen:
                return None
            target = chosen
        except Exception as error:
            log.exception("cannot open catalog %s", target)
            details = "".join(traceback.format_exception(error))
            box = build_error_box(
                None, error, title="SellerDesk", details=details, log_file=log_file
            )
            box.exec()
            return None


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # feed checks start worker processes; a frozen app needs it
    args = parse_args(argv)
    app = application()
    paths = AppPaths.from_environment()
    preference = Settings.load(paths.settings_file).theme
    theme = choose_theme(preference, app)
    apply_theme(app, theme)
    log_file = configure_logging(paths.log_dir)
    log.info("SellerDesk %s starting", __version__)
    reporter = ExceptionReporter(log_file, app)
    reporter.install()
    try:
        factory = context_factory(paths)
        target = args.db or (str(demo_catalog_path(paths)) if args.demo else None)
        ctx = open_first_context(target, factory, paths, log_file)
        if ctx is None:
            return 1
        window = MainWindow(ctx, theme=theme, factory=factory, persist=args.screenshot is None)

        def follow_os_scheme(_scheme: object = None) -> None:
            new_theme = choose_theme(window.ctx.settings.theme, app)
            apply_theme(app, new_theme)
            window.set_theme(new_theme)

        app.styleHints().colorSchemeChanged.connect(follow_os_scheme)
        if args.demo:
            window.fill_demo_if_empty()
        if args.screenshot is not None:
            ok = capture(window, args.screenshot)
            window.close()
            app.styleHints().colorSchemeChanged.disconnect(follow_os_scheme)
            return 0 if ok else 2
        window.show()
        return app.exec()
    finally:
        reporter.uninstall()
        reporter.deleteLater()
