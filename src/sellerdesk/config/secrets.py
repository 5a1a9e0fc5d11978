"""Secrets (API keys, tokens, passwords) in the OS keychain through ``keyring``, never on disk.

``SecretStore`` is the small interface the rest of SellerDesk uses. ``KeyringSecretStore`` talks
to a keyring backend object it is given (the OS keychain: macOS Keychain, Windows Credential
Manager, the Secret Service on Linux) under the service name "SellerDesk". Keychains cannot list
their entries, so the store keeps an index of names (names only, never values) as one more entry
in the keychain itself.

``open_secret_store()`` picks the system keychain, or, where none exists (a headless Linux box),
a session-only in-memory store that says so in plain words: there is no plaintext fallback.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Protocol, runtime_checkable

from keyring import get_keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.compat import properties
from keyring.errors import KeyringError, PasswordDeleteError

from sellerdesk.core.errors import SellerDeskError

log = logging.getLogger(__name__)

SERVICE = "SellerDesk"
#: The keychain entry that lists the names of the other entries (names only).
INDEX_NAME = "__sellerdesk_index__"
RESERVED_PREFIX = "__"

NO_KEYCHAIN_WARNING = (
    "No system keychain was found, so passwords are kept only until SellerDesk closes. "
    "Install and unlock a keychain (e.g. GNOME Keyring) to keep them."
)
MEMORY_BACKEND_NAME = "This session only (not saved)"

#: Friendly names of keyring's backend modules.
_BACKEND_NAMES = {
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.SecretService": "GNOME Keyring / Secret Service",
    "keyring.backends.libsecret": "GNOME Keyring / Secret Service",
    "keyring.backends.kwallet": "KDE Wallet",
}


class SecretStoreError(SellerDeskError):
    """The keychain refused or failed an operation (locked, denied, unavailable)."""


@runtime_checkable
class SecretStore(Protocol):
    """Where SellerDesk keeps secrets. Values never leave it except through ``get``."""

    @property
    def backend_name(self) -> str:
        """Where the secrets are kept, for people ("macOS Keychain")."""
        ...

    @property
    def persistent(self) -> bool:
        """False when secrets are forgotten when SellerDesk closes."""
        ...

    @property
    def warning(self) -> str:
        """A plain-words warning to show the seller (empty when all is well)."""
        ...

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...

    def names(self) -> list[str]: ...


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps passwords in a dict, for tests and the session fallback.

    keyring registers every backend class it sees; this one never volunteers itself (its
    priority raises), so keyring's own detection can't pick it for the real keychain.
    """

    def __init__(self, *, persistent: bool = False) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.persistent = persistent
        self._values: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("the in-memory keyring is used only when SellerDesk asks for it")

    def __str__(self) -> str:
        return "SellerDesk in-memory keyring"

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            self._values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            if self._values.pop((service, username), None) is None:
                raise PasswordDeleteError("no such password")


class KeyringSecretStore:
    """A ``SecretStore`` over one keyring backend object (no global keyring state)."""

    def __init__(
        self,
        backend: KeyringBackend,
        *,
        service: str = SERVICE,
        persistent: bool = True,
        backend_name: str | None = None,
        warning: str = "",
    ) -> None:
        self._backend = backend
        self._service = service
        self._persistent = persistent
        self._backend_name = backend_name or friendly_backend_name(backend)
        self._warning = warning
        self._lock = threading.RLock()

    @property
    def backend_name(self) -> str:
        return self._backend_name

    @property
    def persistent(self) -> bool:
        return self._persistent

    @property
    def warning(self) -> str:
        return self._warning

    def get(self, name: str) -> str | None:
        _check_name(name)
        try:
            return self._backend.get_password(self._service, name)
        except KeyringError as error:
            raise _store_error("read", f"“{name}”", error) from None

    def set(self, name: str, value: str) -> None:
        _check_name(name)
        if not isinstance(value, str):
            raise TypeError("secret values must be text")
        with self._lock:
            try:
                self._backend.set_password(self._service, name, value)
            except KeyringError as error:
                raise _store_error("save", f"“{name}”", error) from None
            names = self._read_index()
            if name not in names:
                self._write_index([*names, name])

    def delete(self, name: str) -> None:
        """Remove ``name`` (removing a name that isn't stored is not an error)."""
        _check_name(name)
        with self._lock:
            try:
                self._backend.delete_password(self._service, name)
            except PasswordDeleteError:
                pass  # already gone: the index entry still has to go
            except KeyringError as error:
                raise _store_error("remove", f"“{name}”", error) from None
            names = self._read_index()
            if name in names:
                self._write_index([n for n in names if n != name])

    def names(self) -> list[str]:
        """The stored names, sorted (from the index; values are not read)."""
        with self._lock:
            return sorted(self._read_index(), key=str.casefold)

    def _read_index(self) -> list[str]:
        try:
            raw = self._backend.get_password(self._service, INDEX_NAME)
        except KeyringError as error:
            raise _store_error("read", "the list of saved passwords", error) from None
        if not raw:
            return []
        try:
            data = json.loads(raw)
        except ValueError:
            log.warning("the keychain's index of SellerDesk secrets is damaged; starting afresh")
            return []
        if not isinstance(data, list):
            return []
        return [str(item) for item in data if isinstance(item, str)]

    def _write_index(self, names: list[str]) -> None:
        try:
            self._backend.set_password(self._service, INDEX_NAME, json.dumps(names))
        except KeyringError as error:
            raise _store_error("save", "the list of saved passwords", error) from None


class MemorySecretStore(KeyringSecretStore):
    """Secrets kept in memory only: for tests, and the fallback where no keychain exists."""

    def __init__(self, *, warning: str = "", backend: MemoryKeyring | None = None) -> None:
        super().__init__(
            backend or MemoryKeyring(),
            persistent=False,
            backend_name=MEMORY_BACKEND_NAME,
            warning=warning,
        )


def open_secret_store(backend: KeyringBackend | None = None) -> SecretStore:
    """The OS keychain as a ``SecretStore``, or a session-only store that warns when none exists.

    ``backend`` replaces keyring's own choice (tests, or a configured backend). The keychain is
    probed with one read, which can take a moment (or ask to unlock it): call this off the GUI
    thread where possible.
    """
    chosen = backend if backend is not None else _default_backend()
    problem = keychain_problem(chosen) if chosen is not None else "keyring found no backend"
    if problem is not None or chosen is None:
        log.warning("no usable system keychain (%s); secrets last for this session only", problem)
        return MemorySecretStore(warning=NO_KEYCHAIN_WARNING)
    persistent = bool(getattr(chosen, "persistent", True))
    return KeyringSecretStore(chosen, persistent=persistent)


def keychain_problem(backend: KeyringBackend) -> str | None:
    """Why ``backend`` can't keep secrets (None when it can)."""
    if isinstance(backend, fail.Keyring):
        return "keyring has no recommended backend"
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return "keyring's chainer has no backends"
    try:
        backend.get_password(SERVICE, INDEX_NAME)
    except Exception as error:  # any failure here means "no usable keychain"
        return f"{type(error).__name__}: {error}"
    return None


def friendly_backend_name(backend: KeyringBackend) -> str:
    if isinstance(backend, chainer.ChainerBackend):
        inner = backend.backends
        return friendly_backend_name(inner[0]) if inner else "System keychain"
    module = type(backend).__module__
    for prefix, name in _BACKEND_NAMES.items():
        if module.startswith(prefix):
            return name
    if isinstance(backend, MemoryKeyring):
        return "In-memory keychain"
    return str(getattr(type(backend), "name", "")) or "System keychain"


def _default_backend() -> KeyringBackend | None:
    try:
        return get_keyring()
    except (KeyringError, RuntimeError) as error:
        log.warning("keyring could not choose a backend: %s", error)
        return None


def _check_name(name: str) -> None:
    if not name or not name.strip():
        raise SecretStoreError("A saved password needs a name.")
    if name.startswith(RESERVED_PREFIX):
        raise SecretStoreError(f"The name “{name}” is reserved by SellerDesk.")


def _store_error(verb: str, what: str, error: KeyringError) -> SecretStoreError:
    log.warning("keychain could not %s %s: %s", verb, what, type(error).__name__)
    return SecretStoreError(
        f"The system keychain could not {verb} {what}.",
        "Unlock your keychain (or allow SellerDesk to use it) and try again.",
    )
