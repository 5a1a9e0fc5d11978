"""Schema migrations, newer-schema refusal, damaged files, backups and location warnings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from sellerdesk.config.location import catalog_location_warnings
from sellerdesk.core.errors import DatabaseDamagedError, DatabaseTooNewError
from sellerdesk.db import migrate
from sellerdesk.db.backups import list_backups
from sellerdesk.db.database import Database
from sellerdesk.db.models import Base
from sellerdesk.db.opening import open_catalog
from sellerdesk.services.catalog import CatalogService


def test_empty_database_upgrades_to_head_matching_models(tmp_path: Path) -> None:
    opened = open_catalog(tmp_path / "c.sqlite3", tmp_path / "bk")
    with opened.db.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        pragmas = [
            conn.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        ]
    opened.db.dispose()
    relevant = [d for d in diffs if "products_fts" not in str(d)]
    assert relevant == []
    assert pragmas == ["wal", 2, 1, 10000]


def test_first_revision_with_data_upgrades_without_loss(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = Database.connect(path)
    with db.helper.migration_scope(db.engine) as conn:
        migrate.upgrade(conn, "0001")
    with db.write() as conn:
        conn.execute(
            text(
                "INSERT INTO products (id, sku, title, price, version, created_at, updated_at) "
                "VALUES (1, 'OLD-1', 'Old lamp', 129900, 1, '2025-01-01 00:00:00.000000', "
                "'2025-01-01 00:00:00.000000')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO field_provenance (product_id, source, "values", updated_at) VALUES '
                '(1, \'import\', \'{"title":"Old lamp","price":"12.99"}\', '
                "'2025-01-01 00:00:00.000000')"
            )
        )
    db.dispose()

    opened = open_catalog(path, tmp_path / "bk")
    assert opened.migrated_from == "0001"
    assert opened.backup is not None and opened.backup.exists()
    service = CatalogService(opened.db)
    detail = service.get("OLD-1")
    assert detail.values["title"] == "Old lamp"
    assert str(detail.values["price"]) == "12.99"
    assert detail.provenance["import"]["price"] == "12.99"
    service.update_field("OLD-1", "weight_g", "450")  # a column the migration added
    assert str(service.get("OLD-1").values["weight_g"]) == "450.00"
    from sellerdesk.services.queries import CatalogQuery

    assert [r["sku"] for r in service.search(CatalogQuery(text="lamp"))] == ["OLD-1"]
    opened.db.dispose()
    # the pre-migration backup is still at the first revision and holds the data
    with sqlite3.connect(opened.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT sku FROM products").fetchall() == [("OLD-1",)]


def test_newer_schema_is_refused_and_file_untouched(catalog_file: Path, tmp_path: Path) -> None:
    with sqlite3.connect(catalog_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = catalog_file.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_catalog(catalog_file, tmp_path / "bk")
    assert "newer SellerDesk" in caught.value.message
    assert "Install the latest SellerDesk" in caught.value.hint
    assert catalog_file.read_bytes() == before


def test_not_a_database_gives_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is a shopping list, not a catalog\n" * 100)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_catalog(path, tmp_path / "bk")
    assert "not a SQLite database" in caught.value.message
    assert "Restore a backup" in caught.value.hint


def test_damaged_pages_are_detected(
    catalog: CatalogService, catalog_file: Path, tmp_path: Path
) -> None:
    catalog.create_many([{"sku": f"S{i}", "title": "x" * 200} for i in range(400)])
    catalog.db.dispose()
    with sqlite3.connect(catalog_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(catalog_file.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12)):
        data[offset] = 0xA5
    catalog_file.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError) as caught:
        open_catalog(catalog_file, tmp_path / "bk")
    assert "damaged" in caught.value.message


def test_backup_before_migration_only_when_needed(catalog_file: Path, tmp_path: Path) -> None:
    opened = open_catalog(catalog_file, tmp_path / "bk", auto_backup=False)
    opened.db.dispose()
    assert opened.backup is None and list_backups(catalog_file, tmp_path / "bk") == []


def test_location_warnings(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/sda1 / ext4 rw 0 0\nserver:/share /mnt/nas nfs4 rw 0 0\n")
    assert catalog_location_warnings(Path("/home/me/catalog.sqlite3"), mounts) == []
    network = catalog_location_warnings(Path("/mnt/nas/shop/catalog.sqlite3"), mounts)
    assert len(network) == 1 and "network drive" in network[0]
    cloud = catalog_location_warnings(Path("/Users/me/Dropbox/shop/catalog.sqlite3"), mounts)
    assert len(cloud) == 1 and "cloud-synced" in cloud[0]
    assert "network drive" in catalog_location_warnings(Path("//nas/shop/c.sqlite3"), mounts)[0]


def test_downgrade_and_upgrade_round_trip(catalog: CatalogService) -> None:
    catalog.create({"sku": "RT-1", "title": "Round trip lamp", "weight_g": "120"})
    with catalog.db.helper.migration_scope(catalog.db.engine) as conn:
        migrate.downgrade(conn, "0001")
    with catalog.db.helper.migration_scope(catalog.db.engine) as conn:
        migrate.upgrade(conn)
        assert migrate.current_revision(conn) == migrate.head_revision()
    from sellerdesk.services.queries import CatalogQuery

    assert [r["sku"] for r in catalog.search(CatalogQuery(text="lamp"))] == ["RT-1"]
    catalog.create({"sku": "RT-2", "title": "Second lamp"})
    catalog.update_field("RT-1", "title", "Round trip sconce")
    assert catalog.count(CatalogQuery(text="lamp")) == 1
    from sellerdesk.services.doctor import examine

    assert examine(catalog.db).search_index_ok


def test_automatic_backups_keep_the_number_the_seller_chose(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from sellerdesk.db.backups import backup_name, list_backups, make_backup

    catalog = tmp_path / "shop.sqlite3"
    open_catalog(catalog, tmp_path / "backups", auto_backup=False).db.dispose()
    backups = tmp_path / "backups"
    backups.mkdir(exist_ok=True)
    old = datetime(2026, 1, 1, tzinfo=UTC)
    for day in range(4):
        (backups / backup_name(catalog, "auto", old + timedelta(days=day))).write_bytes(b"x")
    (backups / backup_name(catalog, "manual", old)).write_bytes(b"x")
    make_backup(catalog, backups, reason="auto", keep=2)
    names = [p.name for p in list_backups(catalog, backups)]
    assert len([n for n in names if n.endswith("-auto.sqlite3")]) == 2
    assert any(n.endswith("-manual.sqlite3") for n in names)
