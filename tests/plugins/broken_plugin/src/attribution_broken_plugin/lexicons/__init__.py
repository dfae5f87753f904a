"""Data only."""
