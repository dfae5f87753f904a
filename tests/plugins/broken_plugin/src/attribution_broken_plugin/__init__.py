"""Test fixture: attribution plugins broken in different ways."""
