"""Demo data: a realistic product vocabulary, a fast deterministic catalog generator, images."""
