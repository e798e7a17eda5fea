"""Browser tests: the served app in a real Chromium (Playwright)."""
