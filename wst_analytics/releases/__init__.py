"""Releases and revisions: the published tables frozen when a period's figures are released
(`create`), read back exactly (`frozen`), the revision marker of every published figure
(`revisions`), what has changed since a release and which returns changed it (`diff`), and the
decisions that let retention purge what a release rests on (`decisions`). See
docs/publication.md#releases-and-revisions."""
