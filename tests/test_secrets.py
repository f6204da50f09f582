"""Secrets in logs: what `protect_logs` tells our logging filter and Airflow's task-log masker.

The end-to-end proof (two nights, every log, XCom and table searched) is in test_pipeline.py;
these check the pieces, including that a national registry's tokens are registered in one go.
"""
from __future__ import annotations

import logging
import secrets as random_secrets
import time

import pytest

from include.secrets import MASK, protect_logs, token_secrets, warehouse_secrets


@pytest.fixture
def tokens(monkeypatch) -> dict[str, str]:
    """552 portal tokens (one per registered portal) and a password that needs URL-quoting."""
    values = {f"IGA_TOKEN_T{i:03d}": random_secrets.token_urlsafe(24) for i in range(552)}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("IGA_WAREHOUSE_URL", "postgresql://owner:p%40ss%2Fw0rd-" + random_secrets.token_hex(6)
                       + "@127.0.0.1:5432/iga")
    return values


def airflow_redact(text: str) -> str:
    from airflow.sdk.log import mask_logs  # the processor Airflow runs on every task-log event

    return mask_logs(None, "info", {"event": text})["event"]


def password(monkeypatch_env: str) -> str:
    from urllib.parse import unquote, urlsplit

    return unquote(urlsplit(monkeypatch_env).password)


def test_every_token_and_the_password_are_masked_in_airflows_task_log(tokens, monkeypatch):
    import os

    protect_logs()
    secret = password(os.environ["IGA_WAREHOUSE_URL"])
    sample = [tokens["IGA_TOKEN_T000"], tokens["IGA_TOKEN_T551"], tokens["IGA_TOKEN_T300"], secret]
    line = airflow_redact("headers: " + " | ".join(sample))
    assert not any(s in line for s in sample), line
    assert line.count("***") == len(sample)


def test_a_scoped_call_tells_airflow_the_tasks_own_secrets(monkeypatch):
    import os

    mine, other = random_secrets.token_urlsafe(20), random_secrets.token_urlsafe(20)
    monkeypatch.setenv("IGA_TOKEN_MINE", mine)
    monkeypatch.setenv("IGA_TOKEN_OTHER", other)
    monkeypatch.setenv("IGA_WAREHOUSE_URL", "postgresql://o:" + random_secrets.token_hex(8) + "@h:1/d")
    protect_logs(warehouse_secrets().with_secret(*token_secrets(["IGA_TOKEN_MINE"]).secrets))
    line = airflow_redact(f"a={mine} b={other} c={password(os.environ['IGA_WAREHOUSE_URL'])}")
    assert mine not in line and other in line and line.count("***") == 2


def test_our_logging_filter_masks_every_secret_even_those_airflow_was_not_told(tokens):
    protect_logs(warehouse_secrets())
    record = logging.LogRecord("iga", logging.INFO, __file__, 1, "portal said %s", (tokens["IGA_TOKEN_T123"],), None)
    assert logging.getLogger().filter(record)
    assert tokens["IGA_TOKEN_T123"] not in record.getMessage() and MASK in record.getMessage()


def test_a_national_registry_is_registered_in_one_go(tokens, monkeypatch):
    """Airflow's mask_secret recompiles its whole regex per value: 552 tokens one by one took 15 s."""
    import airflow.sdk.log

    def one_by_one(*args, **kwargs):
        raise AssertionError("protect_logs fell back to one mask_secret call per secret")

    monkeypatch.setattr(airflow.sdk.log, "mask_secret", one_by_one)
    t0 = time.monotonic()
    protect_logs()
    print(f"\n[figure] protect_logs with 552 tokens: {time.monotonic() - t0:.2f} s")
    assert tokens["IGA_TOKEN_T042"] not in airflow_redact(tokens["IGA_TOKEN_T042"])
