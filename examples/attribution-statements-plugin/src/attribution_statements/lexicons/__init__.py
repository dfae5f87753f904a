"""Data only: each ``<lexicon>.jsonl`` here extends the built-in lexicon of that name."""
