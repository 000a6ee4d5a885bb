"""One history across devices: merging two databases, reading and writing them,
git as the transport and git's merge driver."""
