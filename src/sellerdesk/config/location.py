"""Warnings for catalogs placed where SQLite is unsafe: network shares, cloud-sync folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CLOUD_FOLDER_MARKERS = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "mobile documents",
    "icloudrive",
    "box sync",
    "pcloud",
    "nextcloud",
    "owncloud",
    "sync.com",
    "megasync",
)
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "afpfs", "fuse.sshfs", "9p", "davfs", "fuse.rclone"}
)

NETWORK_ADVICE = (
    "SQLite catalogs can be damaged on network drives. Keep the catalog on this computer's own "
    "disk, or use a shared PostgreSQL server for team work."
)
CLOUD_ADVICE = (
    "Sync clients can copy the catalog half-written and lose changes. Keep the catalog outside "
    "the synced folder; SellerDesk's own backups are the safe way to keep copies."
)


def catalog_location_warnings(path: Path, mounts_file: Path = Path("/proc/mounts")) -> list[str]:
    """Plain-words warnings about ``path``'s location (empty when the location is fine)."""
    warnings: list[str] = []
    resolved = path.expanduser().absolute()
    text = str(resolved)
    lowered = text.replace("\\", "/").lower()
    folder = next((m for m in CLOUD_FOLDER_MARKERS if f"/{m}" in lowered), None)
    if folder is not None:
        warnings.append(f"The catalog is inside a cloud-synced folder ({folder}). {CLOUD_ADVICE}")
    if _is_network_path(resolved, mounts_file):
        warnings.append(f"The catalog is on a network drive ({text}). {NETWORK_ADVICE}")
    return warnings


def _is_network_path(path: Path, mounts_file: Path) -> bool:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_drive_is_remote(text)
    fstype = _mount_fstype(path, mounts_file)
    return fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("nfs"))


def _mount_fstype(path: Path, mounts_file: Path) -> str | None:
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    best: tuple[int, str] | None = None
    target = str(path)
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and (best is None or len(mount_point) > best[0]):
            best = (len(mount_point), parts[2])
    return None if best is None else best[1]


def _windows_drive_is_remote(text: str) -> bool:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(text)[0]
    if not drive:
        return False
    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
