"""Known secrets, and their removal from anything the platform stores or logs.

Portal tokens and the warehouse password live in the environment only. Whatever text a
portal sends back (an error body that echoes request headers, a quarantined page) and
whatever the platform writes (ops.portal_health, quarantine.records, XCom, task logs)
passes through `redact` first, so a secret never travels further than the request that
needed it. Airflow's own masker is told too, for the task logs it writes.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

MASK = "***"
MIN_SECRET = 4  # shorter values would mask ordinary words


@dataclass(frozen=True)
class Redactor:
    secrets: tuple[str, ...] = ()

    def with_secret(self, *values: str | None) -> "Redactor":
        found = set(self.secrets)
        for value in values:
            if value and len(value) >= MIN_SECRET:
                found.update({value, quote(value, safe=""), quote(value)})
        return Redactor(tuple(sorted(found, key=len, reverse=True)))

    def redact(self, text: str | None) -> str | None:
        if not text:
            return text
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def redact_obj(self, value):
        """Redact every string inside a JSON-like value (for XCom and summaries)."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {k: self.redact_obj(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.redact_obj(v) for v in value)
        return value


def environment_secrets() -> Redactor:
    """Every secret this process knows: portal tokens (IGA_TOKEN_*) and the warehouse password."""
    values = [v for k, v in os.environ.items() if k.startswith("IGA_TOKEN_")]
    for name in ("IGA_WAREHOUSE_URL", "AIRFLOW_CONN_IGA_WAREHOUSE"):
        url = os.environ.get(name)
        if url:
            try:
                password = urlsplit(url).password
            except ValueError:
                password = None
            if password:
                values += [password, unquote(password)]
    return Redactor().with_secret(*values)


class RedactingFilter(logging.Filter):
    """A logging filter that masks known secrets in every record's message."""

    def __init__(self, redactor: Redactor):
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        if self.redactor.secrets:
            message = record.getMessage()
            clean = self.redactor.redact(message)
            if clean != message:
                record.msg, record.args = clean, ()
        return True


def protect_logs(redactor: Redactor | None = None) -> Redactor:
    """Mask known secrets in this process's logs (ours and, inside a task, Airflow's)."""
    redactor = redactor or environment_secrets()
    root = logging.getLogger()
    if not any(isinstance(f, RedactingFilter) for f in root.filters):
        root.addFilter(RedactingFilter(redactor))
    for handler in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter(redactor))
    try:
        from airflow.sdk.log import mask_secret
    except ImportError:  # outside Airflow (tests, tools)
        return redactor
    for secret in redactor.secrets:
        mask_secret(secret)
    return redactor
