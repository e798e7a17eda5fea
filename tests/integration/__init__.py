"""Integration tests: a real DuckDB store in tmp_path, a real local HTTP server, the CLI."""
