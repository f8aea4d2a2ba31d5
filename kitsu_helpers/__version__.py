"""The package version (`from kitsu_helpers.__version__ import __version__`, as gazu has it)."""

__version__ = "0.1.0"
