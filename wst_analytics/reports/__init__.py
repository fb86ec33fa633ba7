"""Reports written from the published tables: the annual report's figures (and, later, the
exception report)."""
