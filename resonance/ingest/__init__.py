"""Getting figures in: partner files previewed and loaded (and undone), API sources synchronised."""
