"""The test suite: unit/ (no store), integration/ (a real store, HTTP server, CLI), app/ (AppTest), browser/."""
