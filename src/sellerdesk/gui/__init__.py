"""The PySide6 desktop GUI: the only package allowed to import Qt."""

from sellerdesk.gui.compat import keep_gui_responsive, protect_none_refcount

# Before any Qt call: PySide6 6.12 drops references to None on Python 3.11 (see compat.py).
protect_none_refcount()
keep_gui_responsive()
