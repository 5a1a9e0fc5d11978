"""Product photo files: checked with Pillow and copied into the catalog's media folder.

Files are stored by content (``ab/abcdef….jpg``), so the same photo dropped twice is kept once
and the catalog never depends on where the seller's original file lives.
"""

from __future__ import annotations

import hashlib
import shutil
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from sellerdesk.core.errors import InvalidValueError

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".tif", ".tiff"})
#: Refuse images above this many pixels (a decompression bomb, or a poster scan).
MAX_PIXELS = 80_000_000
MAX_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class StoredImage:
    uri: str
    sha256: str
    width: int
    height: int

    def as_record(self) -> dict[str, Any]:
        return {"uri": self.uri, "sha256": self.sha256, "width": self.width, "height": self.height}


def is_image_file(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES


def store_image(source: Path, media_dir: Path) -> StoredImage:
    """Check ``source`` is a readable, sane image and copy it into ``media_dir``."""
    name = source.name
    try:
        size = source.stat().st_size
    except OSError as error:
        raise InvalidValueError(
            f"“{name}” cannot be read ({error.strerror or error})", "Check the file and try again."
        ) from error
    if size > MAX_BYTES:
        raise InvalidValueError(f"“{name}” is larger than 100 MB", "Use a smaller photo.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise InvalidValueError(
                        f"“{name}” is {width}×{height} pixels, too large to use as a product photo",
                        "Resize it below 80 megapixels and try again.",
                    )
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombWarning) as error:
        raise InvalidValueError(
            f"“{name}” is not an image SellerDesk can read ({type(error).__name__})",
            "Use a JPEG, PNG or WebP photo.",
        ) from error
    digest = hashlib.sha256()
    with source.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    target = media_dir / sha[:2] / f"{sha}{source.suffix.lower()}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return StoredImage(target.resolve().as_uri(), sha, width, height)
