"""The modules' import graph: the lease does not reach publication (the circle between them is gone)."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _imports_after(module: str) -> set[str]:
    """The include.* modules loaded by importing `module` alone, in a fresh interpreter."""
    code = f"import sys, {module}; print('\\n'.join(m for m in sys.modules if m.startswith('include')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_lease_alone_does_not_import_publication():
    loaded = _imports_after("include.lease")
    assert "include.lease" in loaded and "include.publication_log" in loaded  # the probe sees imports
    assert "include.publication" not in loaded


def test_the_publication_log_needs_neither_the_lease_nor_publication():
    loaded = _imports_after("include.publication_log")
    assert not {"include.lease", "include.publication", "include.rules"} & loaded
