"""Pseudonymising person identifiers on ingest: HMAC-SHA256 with the partnership's secret key.

The same identifier gives the same pseudonym in every extract and month (so records link), and
without the key a pseudonym cannot be reversed by hashing candidate identifiers. Each distinct
value is hashed once per column, not once per row.
"""

from __future__ import annotations

import hashlib
import hmac

import polars as pl

KEY_CHECK_MESSAGE = b"wst-analytics pseudonymisation key check v1"


class Pseudonymiser:
    """Keyed hashing of identifier columns. Holds the key; never prints it."""

    def __init__(self, key: bytes):
        self._key = key
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)  # the key's set-up, done once

    def __repr__(self) -> str:
        return "Pseudonymiser(key=<hidden>)"

    def pseudonym(self, value: str) -> str:
        """HMAC-SHA256 of the value (the keyed state is copied, not rebuilt, for each value)."""
        mac = self._keyed.copy()
        mac.update(value.encode("utf-8"))
        return mac.hexdigest()

    def column(self, values: pl.Series) -> pl.Series:
        distinct = values.drop_nulls().unique()
        mapping = {value: self.pseudonym(value) for value in distinct.to_list()}
        return values.replace_strict(mapping, default=None, return_dtype=pl.String)

    def uses_key(self, key: bytes) -> bool:
        """Whether this is that key (compared in constant time)."""
        return hmac.compare_digest(self._key, key)

    def key_check(self) -> str:
        """A value that identifies the key without revealing it: the warehouse keeps this, so a
        load with a different key (which would break every link) is refused."""
        return self.pseudonym(KEY_CHECK_MESSAGE.decode())
