"""The rules of the trade, without I/O: metrics, names, numbers, the partnership checklist (no streamlit, no duckdb)."""
