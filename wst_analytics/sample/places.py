"""The places of the city sample (extract contract, section 7): Wolverhampton, its region and
partnership, England, the other authorities its published comparators cover, and its
statistical neighbours.

GSS codes are real for England, the nine regions and the seven West Midlands metropolitan
districts. Every other authority has an invented code in a range no real authority uses
(`E06009001`, `E06009002`, ...) and no name anywhere: a wrong name is never given to a real
code. Only codes are written to the files.
"""

from __future__ import annotations

import re

ENGLAND = "E92000001"
WEST_MIDLANDS = "E12000005"
WOLVERHAMPTON = "E08000031"
PARTNERSHIP = "wst"
REGIONS = {
    "E12000001": "North East", "E12000002": "North West", "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands", "E12000005": "West Midlands", "E12000006": "East of England",
    "E12000007": "London", "E12000008": "South East", "E12000009": "South West",
}
WEST_MIDLANDS_DISTRICTS = {  # the region's metropolitan districts (real codes)
    "E08000025": "Birmingham", "E08000026": "Coventry", "E08000027": "Dudley", "E08000028": "Sandwell",
    "E08000029": "Solihull", "E08000030": "Walsall", "E08000031": "Wolverhampton",
}
ALL_LAS = 150  # authorities in the published comparators (DfE publishes about 150)
LA_CODE = re.compile(r"^E(06|08|09|10)[0-9]{6}$")


def invented_la(number: int) -> str:
    """The invented code of the `number`-th other authority (1-based): `E06009001`, ..."""
    if not 1 <= number <= 999:
        raise ValueError("invented authorities are numbered 1 to 999")
    return f"E06009{number:03d}"


def comparator_las() -> list[str]:
    """Every authority with published figures: the West Midlands districts, then invented ones
    up to ALL_LAS."""
    real = list(WEST_MIDLANDS_DISTRICTS)
    return real + [invented_la(n) for n in range(1, ALL_LAS - len(real) + 1)]


#: Wolverhampton's ten statistical neighbours, closest first (synthetic: four West Midlands
#: districts and six invented authorities).
WOLVERHAMPTON_NEIGHBOURS = ["E08000030", "E08000028", invented_la(1), "E08000026", invented_la(2),
                            "E08000027", invented_la(3), invented_la(4), invented_la(5), invented_la(6)]
