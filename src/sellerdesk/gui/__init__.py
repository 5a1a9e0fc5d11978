"""The PySide6 desktop GUI: the only package allowed to import Qt."""
