"""The SecretStore: keyring round trips, the no-keychain fallback, and nothing on disk."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from keyring.backends import chainer, fail
from keyring.compat import properties
from keyring.errors import KeyringError, KeyringLocked, NoKeyringError

from sellerdesk.app import AppContext
from sellerdesk.config.secrets import (
    INDEX_NAME,
    NO_KEYCHAIN_WARNING,
    SERVICE,
    KeyringSecretStore,
    MemoryKeyring,
    MemorySecretStore,
    SecretStore,
    SecretStoreError,
    open_secret_store,
)

TOKEN = "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"


class BrokenKeyring(MemoryKeyring):
    """A keychain that fails every call, like Secret Service without a D-Bus session."""

    def __init__(self, error: KeyringError) -> None:
        super().__init__()
        self.error = error

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test backend")

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def test_round_trip_through_the_keyring_code_path() -> None:
    backend = MemoryKeyring(persistent=True)
    store = KeyringSecretStore(backend)
    assert isinstance(store, SecretStore)
    assert store.names() == []
    store.set("Shopify – Maple & Moss", TOKEN)
    store.set("eBay", "v^1.1#i^1#r^0")
    store.set("eBay", "v^1.1#i^1#r^1")  # replacing keeps one name
    assert store.get("Shopify – Maple & Moss") == TOKEN
    assert store.get("eBay") == "v^1.1#i^1#r^1"
    assert store.get("Etsy") is None
    assert store.names() == ["eBay", "Shopify – Maple & Moss"]
    # the entries really live in the backend under the "SellerDesk" service
    assert backend.get_password(SERVICE, "Shopify – Maple & Moss") == TOKEN
    index = backend.get_password(SERVICE, INDEX_NAME)
    assert index is not None and "eBay" in index and TOKEN not in index
    store.delete("Shopify – Maple & Moss")
    assert store.get("Shopify – Maple & Moss") is None
    assert store.names() == ["eBay"]
    store.delete("never stored")  # not an error
    assert store.names() == ["eBay"]
    assert store.persistent and store.warning == ""


def test_two_stores_do_not_share_state() -> None:
    first, second = MemorySecretStore(), MemorySecretStore()
    first.set("Etsy", "abc")
    assert second.get("Etsy") is None and second.names() == []


def test_reserved_and_empty_names_are_refused() -> None:
    store = MemorySecretStore()
    with pytest.raises(SecretStoreError):
        store.set(INDEX_NAME, "x")
    with pytest.raises(SecretStoreError):
        store.set("  ", "x")


def test_a_damaged_index_is_survivable() -> None:
    backend = MemoryKeyring(persistent=True)
    backend.set_password(SERVICE, INDEX_NAME, "{not json")
    store = KeyringSecretStore(backend)
    assert store.names() == []
    store.set("Etsy", "abc")
    assert store.names() == ["Etsy"]


def test_concurrent_sets_keep_every_name() -> None:
    store = KeyringSecretStore(MemoryKeyring(persistent=True))
    threads = [
        threading.Thread(target=store.set, args=(f"Shop {i:02d}", f"secret-{i}")) for i in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.names() == [f"Shop {i:02d}" for i in range(20)]


def test_factory_uses_a_working_keychain() -> None:
    store = open_secret_store(MemoryKeyring(persistent=True))
    assert isinstance(store, KeyringSecretStore) and not isinstance(store, MemorySecretStore)
    assert store.persistent and store.warning == ""


@pytest.mark.parametrize(
    "backend",
    [
        fail.Keyring(),
        BrokenKeyring(NoKeyringError("No recommended backend was available")),
        BrokenKeyring(KeyringLocked("Failed to unlock the collection")),
    ],
    ids=["fail-keyring", "no-keyring-error", "locked"],
)
def test_without_a_keychain_secrets_last_for_the_session_and_say_so(
    backend: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        store = open_secret_store(backend)  # type: ignore[arg-type]
    assert isinstance(store, MemorySecretStore)
    assert not store.persistent
    assert store.warning == NO_KEYCHAIN_WARNING
    assert "GNOME Keyring" in store.warning and "until SellerDesk closes" in store.warning
    store.set("Etsy", TOKEN)
    assert store.get("Etsy") == TOKEN
    assert store.names() == ["Etsy"]
    assert any("session only" in r.getMessage() for r in caplog.records)


def test_an_empty_chainer_counts_as_no_keychain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    store = open_secret_store(chainer.ChainerBackend())
    assert not store.persistent and store.warning == NO_KEYCHAIN_WARNING


def test_keychain_errors_are_explained_without_the_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = KeyringSecretStore(BrokenKeyring(KeyringLocked("locked")))
    with caplog.at_level(logging.DEBUG), pytest.raises(SecretStoreError) as raised:
        store.set("Shopify", TOKEN)
    assert "could not save “Shopify”" in raised.value.message
    assert "Unlock your keychain" in raised.value.hint
    assert TOKEN not in str(raised.value)
    assert all(TOKEN not in r.getMessage() for r in caplog.records)


def _files_containing(root: Path, needle: str) -> list[Path]:
    encodings = [needle.encode("utf-8"), needle.encode("utf-16-le")]
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(encoded in data for encoded in encodings):
                found.append(path)
    return found


@pytest.mark.parametrize("persistent", [True, False], ids=["keychain", "session-only"])
def test_stored_secrets_never_reach_the_disk(
    ctx: AppContext, tmp_path: Path, persistent: bool, caplog: pytest.LogCaptureFixture
) -> None:
    backend = MemoryKeyring(persistent=True) if persistent else fail.Keyring()
    with caplog.at_level(logging.DEBUG):
        store = open_secret_store(backend)
        store.set("Shopify – Maple & Moss", TOKEN)
        assert store.get("Shopify – Maple & Moss") == TOKEN
        ctx.settings.save(ctx.paths.settings_file)
    ctx.close()
    assert TOKEN not in ctx.paths.settings_file.read_text(encoding="utf-8")
    assert ctx.db.path is not None and ctx.db.path.is_relative_to(tmp_path)
    # the settings file, the data folder, the catalog and everything else the test wrote
    assert _files_containing(tmp_path, TOKEN) == []
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
