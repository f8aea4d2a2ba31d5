"""Tools to test studio scripts without a Zou: `kitsu_helpers.testing.fake` (an in-memory fake Zou)."""
