"""Locating the data files SellerDesk ships in the repository's ``resources/`` folder."""

from __future__ import annotations

from pathlib import Path

#: ``<repo>/resources`` for a source or editable checkout (src/sellerdesk/resources.py -> repo).
RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """The path of ``resources/<parts...>``; FileNotFoundError with a clear message if missing."""
    if not parts:
        raise ValueError("resource_path() needs at least one path part")
    path = RESOURCES_DIR.joinpath(*parts)
    if not path.exists():
        relative = "/".join(parts)
        raise FileNotFoundError(
            f"SellerDesk resource {relative!r} was not found at {path}. "
            "The resources/ folder ships with the source checkout; reinstall SellerDesk "
            "from the repository (pip install -e .) or restore the missing file."
        )
    return path


def default_taxonomy_path() -> Path:
    """The Google product taxonomy file shipped in ``resources/taxonomy``."""
    from sellerdesk.core.taxonomy import TAXONOMY_FILE

    return resource_path("taxonomy", TAXONOMY_FILE)
