"""Disclosure control: what report authors may see of each indicator (the `published` schema)."""
