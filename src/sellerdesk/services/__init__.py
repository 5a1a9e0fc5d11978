"""Use cases over the catalog: edits with provenance and undo, queries, export, backup, demo."""
