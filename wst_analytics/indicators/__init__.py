"""The indicator catalogue and the marts computed from it."""
