"""The fast tier: pure functions on in-memory inputs, no server, no network, no database.

Every test in this folder runs with `socket.connect` and `connect_ex` refused, whatever the
address (TCP, UDP or a Unix socket): a unit test that opens a connection by accident fails
loudly instead of quietly reaching a server. The root conftest is loaded too, but it only
imports modules; its fixtures (PostgreSQL, simulator, dbt) start only when a test asks.
"""
from __future__ import annotations

import socket

import pytest


class NetworkInUnitTest(AssertionError):
    """A unit test tried to open a connection."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(self, address, *args, **kwargs):
        raise NetworkInUnitTest(f"a unit test tried to connect to {address!r}: the fast tier has no server")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
