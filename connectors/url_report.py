"""Generic URL: a CSV or JSON report a partner publishes at a URL (placeholder until the import engine lands)."""
