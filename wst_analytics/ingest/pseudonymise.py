"""Pseudonymising person identifiers on ingest: HMAC-SHA256 with the partnership's secret key.

The same identifier gives the same pseudonym in every extract and month (so records link), and
without the key a pseudonym cannot be reversed by hashing candidate identifiers. Each distinct
value is hashed once per column, not once per row; many values at once are hashed by DuckDB,
in native code on every core, as HMAC is defined (RFC 2104): SHA-256 of the outer padded key
and the SHA-256 of the inner padded key and the value. The two give the same pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac

import polars as pl

from wst_analytics.warehouse.extensions import memory_connection

KEY_CHECK_MESSAGE = b"wst-analytics pseudonymisation key check v1"
BLOCK = 64  # SHA-256's block size in bytes
IN_SQL = 5_000  # from this many distinct values, DuckDB hashes them
HMAC_SQL = """
SELECT value, sha256(?::BLOB || unhex(sha256(?::BLOB || encode(value)))) AS pseudonym
FROM distinct_values
"""


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

    def _pads(self) -> tuple[bytes, bytes]:
        """HMAC's outer and inner padded keys (a key longer than a block is hashed first)."""
        key = hashlib.sha256(self._key).digest() if len(self._key) > BLOCK else self._key
        key = key.ljust(BLOCK, b"\0")
        return bytes(b ^ 0x5C for b in key), bytes(b ^ 0x36 for b in key)

    def _pseudonyms(self, distinct: pl.Series) -> pl.DataFrame:
        """(value, pseudonym) for each distinct value."""
        if distinct.len() < IN_SQL:
            return pl.DataFrame({"value": distinct, "pseudonym": [self.pseudonym(v) for v in distinct.to_list()]},
                                schema={"value": pl.String, "pseudonym": pl.String})
        con = memory_connection()
        try:
            con.register("distinct_values", distinct.to_frame("value"))
            return con.sql(HMAC_SQL, params=list(self._pads())).pl()
        finally:
            con.close()

    def column(self, values: pl.Series) -> pl.Series:
        """The column with each value replaced by its pseudonym (empty stays empty)."""
        hashed = self._pseudonyms(values.drop_nulls().unique())
        return values.to_frame("value").join(hashed, on="value", how="left", maintain_order="left")[
            "pseudonym"].alias(values.name)

    def uses_key(self, key: bytes) -> bool:
        """Whether this is that key (compared in constant time)."""
        return hmac.compare_digest(self._key, key)

    def key_check(self) -> str:
        """A value that identifies the key without revealing it: the warehouse keeps this, so a
        load with a different key (which would break every link) is refused."""
        return self.pseudonym(KEY_CHECK_MESSAGE.decode())
