"""Which format an uploaded register file is in (the reading itself is every upload's:
``base/uploads.py``)."""

from __future__ import annotations


def detect_format(name: str, content: bytes | str) -> str:
    if name.lower().endswith(".xlsx") or content[:4] in (b"PK\x03\x04",):
        return "xlsx"
    if name.lower().endswith(".json"):
        return "json"
    if name.lower().endswith(".csv"):
        return "csv"
    head = content[:1024].lstrip()
    return "json" if head[:1] in (b"[", b"{", "[", "{") else "csv"
