"""The pipeline's three secrets, read from the environment and never stored, logged or echoed.

| variable            | what it does                                                  | who holds it          |
|---------------------|---------------------------------------------------------------|-----------------------|
| `WST_PSEUDONYM_KEY` | pseudonymises identifiers (HMAC); seals the activity log      | the pipeline          |
| `WST_WAREHOUSE_KEY` | encrypts the warehouse file, its log, its spill files and its backups | the pipeline  |
| `WST_COPY_KEY`      | encrypts the read-only copies (`analyst.duckdb`, `report.duckdb`) | the pipeline, analysts and report authors |

Each is refused when missing or weak (shorter than MIN_KEY_LENGTH, white space at either end,
fewer than MIN_KEY_DISTINCT different characters). The three are separate so that an analyst
given the copy key cannot open the warehouse or its backups, and a leaked warehouse key does
not reveal how identifiers were pseudonymised. `wst demo` uses the documented throwaway keys
below for any that is not set; they are public, so they protect nothing.
"""

from __future__ import annotations

import os

#: The throwaway keys `wst demo` uses when none is set. Never use them for real data: anyone who
#: reads this file can reverse the demo's pseudonyms and decrypt the demo's files.
DEMO_KEYS = {"WST_PSEUDONYM_KEY": "wst-demo-throwaway-key-do-not-use-for-real-data",
             "WST_WAREHOUSE_KEY": "wst-demo-warehouse-throwaway-key-not-a-secret",
             "WST_COPY_KEY": "wst-demo-copies-throwaway-key-not-a-secret"}
PURPOSE = {"WST_PSEUDONYM_KEY": "loading refuses to run without a pseudonymisation key",
           "WST_WAREHOUSE_KEY": "the warehouse, its copies' source and its backups are encrypted "
                                "with it, and nothing opens them without it",
           "WST_COPY_KEY": "the read-only copies are encrypted with it, and nothing opens them "
                           "without it"}
MIN_KEY_LENGTH = 16
MIN_KEY_DISTINCT = 6  # different characters; 16 random hex digits have fewer 4 times in 100,000


class MissingKeyError(RuntimeError):
    """No usable key in the environment."""


def secret(variable: str) -> str:
    """The key in `variable`, refusing a missing or weak one (MissingKeyError, one line that
    never holds the key)."""
    value = os.environ.get(variable, "")
    advice = (f"Set it to a secret of at least {MIN_KEY_LENGTH} characters, kept outside the project "
              "(for example in a password manager or the service's secret store); "
              "`python -c \"import secrets; print(secrets.token_urlsafe(32))\"` makes one.")
    if not value:
        raise MissingKeyError(f"{variable} is not set: {PURPOSE.get(variable, 'it is required')}. {advice}")
    if len(value) < MIN_KEY_LENGTH:
        raise MissingKeyError(f"{variable} is shorter than {MIN_KEY_LENGTH} characters: use a longer secret.")
    if value != value.strip():
        raise MissingKeyError(f"{variable} begins or ends with white space, which tools may strip "
                              "(changing the key): remove it.")
    if len(set(value)) < MIN_KEY_DISTINCT:
        raise MissingKeyError(f"{variable} has fewer than {MIN_KEY_DISTINCT} different characters "
                              f"(a repeated character or pattern) and is easily guessed. {advice}")
    return value


def warehouse_key() -> str:
    """The key the warehouse file and its backups are encrypted with (`WST_WAREHOUSE_KEY`)."""
    return secret("WST_WAREHOUSE_KEY")


def copy_key() -> str:
    """The key the read-only copies are encrypted with (`WST_COPY_KEY`)."""
    return secret("WST_COPY_KEY")


def copy_key_for(demo: bool) -> str:
    """The copy key; for the demo's copies (their manifest says so) with no key set, the demo's
    public one, so `wst demo`'s notebooks and reports open with no setting."""
    if demo and not os.environ.get("WST_COPY_KEY"):
        return DEMO_KEYS["WST_COPY_KEY"]
    return copy_key()


def is_demo_key(variable: str) -> bool:
    """Whether `variable` holds the demo's public throwaway key."""
    return os.environ.get(variable) == DEMO_KEYS[variable]


def use_demo_keys() -> list[str]:
    """Give every key not set its demo value (for `wst demo`); return the variables set."""
    unset = [name for name in DEMO_KEYS if not os.environ.get(name)]
    for name in unset:
        os.environ[name] = DEMO_KEYS[name]
    return unset
