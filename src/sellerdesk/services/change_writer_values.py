"""Values as a ``ChangeWriter`` stores them: JSON text for the change log, provenance and
snapshots (encoded once, with one shared encoder), typed values as product columns by field
kind, and product photos as rows and snapshots.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from json.encoder import c_encode_basestring, py_encode_basestring  # type: ignore[attr-defined]
from typing import Any

from sellerdesk.core.fields import FIELD_BY_NAME, Kind
from sellerdesk.db.types import decimal_to_stored

Wrapped = list[Any] | None
Snapshot = dict[str, Any]

_encode_text = c_encode_basestring or py_encode_basestring

#: One encoder for every dump: json.dumps with options builds a new encoder per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _encoded(value: Wrapped | str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return _dump(value)


def _dump(value: Any) -> str:
    return _ENCODER.encode(value)


def _parents_first(snapshots: list[Snapshot]) -> list[Snapshot]:
    """Order snapshots so each product comes after its parent (when both are restored)."""
    by_id = {snap["id"]: snap for snap in snapshots}

    def depth(snap: Snapshot) -> int:
        level = 0
        while snap["parent_id"] in by_id and level <= len(by_id):
            snap = by_id[snap["parent_id"]]
            level += 1
        return level

    return sorted(snapshots, key=depth)


def _keep(value: Any) -> Any:
    return value


def _text_member(value: Any, _stored: Any) -> str:
    return _encode_text(value)


def _number_member(value: Any, _stored: Any) -> str:
    return str(value)


def _amount_member(value: Any, _stored: Any) -> str:
    return '"' + str(value) + '"'  # Decimals travel in JSON as exact strings


def _json_member(_value: Any, stored: Any) -> str:
    return stored  # type: ignore[no-any-return]  # the column's JSON text, encoded once


#: A typed value as JSON text inside a provenance object (as FieldSpec.to_json, encoded).
_MEMBER: dict[Kind, Any] = {
    **{kind: _text_member for kind in Kind},
    Kind.INT: _number_member,
    Kind.MONEY: _amount_member,
    Kind.DECIMAL: _amount_member,
    Kind.LIST: _json_member,
    Kind.DICT: _json_member,
}

#: How a typed value is written to its products column, by field kind.
_STORE: dict[Kind, Any] = {
    **{kind: _keep for kind in Kind},
    Kind.MONEY: decimal_to_stored,
    Kind.DECIMAL: decimal_to_stored,
    Kind.LIST: _dump,
    Kind.DICT: _dump,
}


def _storable_effective(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: None if value is None else _STORE[FIELD_BY_NAME[name].kind](value)
        for name, value in values.items()
    }


def _images_json(images: list[dict[str, Any]]) -> str:
    return _dump([_image_snapshot(image, image["position"]) for image in images])


def _image_snapshot(image: Mapping[str, Any], position: int) -> dict[str, Any]:
    keys = ("uri", "sha256", "width", "height", "alt_text")
    return {"position": position, **{k: image.get(k) for k in keys}}


def _image_params(
    product_id: int, position: int, image: Mapping[str, Any], stamp: datetime
) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "position": position,
        "uri": str(image["uri"]),
        "sha256": image.get("sha256"),
        "width": image.get("width"),
        "height": image.get("height"),
        "alt_text": image.get("alt_text"),
        "created_at": stamp,
    }
