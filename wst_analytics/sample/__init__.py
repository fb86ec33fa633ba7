"""Synthetic partner extracts for development, tests and demos.

`generate_sample(raw_dir)` writes a month-by-month sample of every partner's extract, following
the partner extract contract with the untidiness it allows, and returns a `SampleManifest`: the
files written, the true indicator figures (the partnership's published 2018-19 and 2019-20
figures at scale 1.0) and every planted case (invalid rows, resubmissions, a rejected file, a
deleted record, unknown personal-data columns, a missing and a late return, data-quality cases).
Every identifier, name and address is invented.
"""

from .generator import generate_sample
from .manifest import FileEntry, InvalidRow, SampleManifest

__all__ = ["FileEntry", "InvalidRow", "SampleManifest", "generate_sample"]
