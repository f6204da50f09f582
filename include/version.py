"""The platform's release: one place. CHANGELOG.md describes each release and what it does to a warehouse."""
from __future__ import annotations

VERSION = "1.1.0"
