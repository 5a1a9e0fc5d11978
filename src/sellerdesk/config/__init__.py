"""Configuration: per-user paths, typed settings and where the catalog may safely live."""
