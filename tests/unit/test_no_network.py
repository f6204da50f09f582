"""The tier's guard itself: a connection attempt from a unit test fails loudly, for any address."""
from __future__ import annotations

import socket

import pytest

from tests.unit.conftest import NetworkInUnitTest


@pytest.mark.parametrize("family, kind, address", [
    (socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 5432)),
    (socket.AF_INET, socket.SOCK_DGRAM, ("8.8.8.8", 53)),
    (socket.AF_UNIX, socket.SOCK_STREAM, "/tmp/.s.PGSQL.5432"),
])
def test_connect_and_connect_ex_are_refused(family, kind, address):
    with socket.socket(family, kind) as sock:
        with pytest.raises(NetworkInUnitTest):
            sock.connect(address)
        with pytest.raises(NetworkInUnitTest):
            sock.connect_ex(address)


def test_create_connection_goes_through_the_guard():
    with pytest.raises(NetworkInUnitTest):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
