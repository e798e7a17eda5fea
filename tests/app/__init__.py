"""App tests: pages run with Streamlit's AppTest against a real store."""
