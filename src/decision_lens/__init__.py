"""Decision Lens: decision-aware analytics for healthcare go-to-market teams."""

__version__ = "0.1.0"
