"""What an identifier may be made of, exactly: the contract's identifier alphabet.

A record key or person identifier is checked on the value as sent, trimmed of ASCII white
space only, before anything changes its case: ASCII letters and digits, `-`, `/`, `_` and `.`
(police references such as `19/1001/19`), with at least one letter or digit (a dash alone is
no one's identifier: every row with one would be one person). Nothing else. Upper-casing comes after
the check and is ASCII only, so `c1` and `C1` are one child and no two other values become one:
a non-ASCII letter could upper-case into another identifier's letters (`cı1001` into `CI1001`,
`straße1` into `STRASSE1`), and an invisible character (zero-width space, byte order mark, soft
hyphen, line or paragraph separator, no-break space, any Unicode format or separator character)
or a full-width digit would give one person a second pseudonym. Such a value is quarantined
(rule `format`) with a message that never quotes it.
"""

from __future__ import annotations

#: White space trimmed from the ends of an identifier: ASCII only.
ASCII_SPACE = " \t\n\r\x0b\x0c"
#: The whole value, once trimmed.
IDENTIFIER_ALPHABET = r"^[A-Za-z0-9/_.-]*[A-Za-z0-9][A-Za-z0-9/_.-]*$"
#: Why a value outside the alphabet is refused: the message of the first pattern it contains.
IDENTIFIER_REFUSALS = (
    (r"^[=+@]", "must not start with =, + or @ (a spreadsheet would run it as a formula)"),
    (r'["\x00-\x1f\x7f]', "must not contain quotes, line breaks or control characters (a space "
                          "before an opening quote leaves the quotes in the value)"),
    (r"^[/_.-]+$", "must hold a letter or digit: punctuation alone is no one's identifier"),
    (r"", "must be ASCII letters and digits, and - / _ . only (no spaces, accented letters or "
          "invisible characters)"),
)
#: A value made of ASCII characters only: the only values whose case the reader changes.
ASCII_ONLY = r"^[\x00-\x7f]*$"
