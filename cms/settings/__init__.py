"""Settings modules: base (safe defaults), dev, test, production."""
