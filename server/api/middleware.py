"""Cross-cutting HTTP behaviour (security headers, limits, logs). Filled in by the hosting work."""

from __future__ import annotations


def install_middleware(app, settings) -> None:
    """Attach every middleware the app needs, configured from ``settings``."""
    return None
