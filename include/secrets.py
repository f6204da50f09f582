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
import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, overload
from urllib.parse import quote, unquote, urlsplit

MASK = "***"
MIN_SECRET = 4  # shorter values would mask ordinary words


@dataclass(frozen=True)
class Redactor:
    secrets: tuple[str, ...] = ()

    def with_secret(self, *values: str | None) -> Redactor:
        found = set(self.secrets)
        for value in values:
            if value and len(value) >= MIN_SECRET:
                found.update({value, quote(value, safe=""), quote(value)})
        return Redactor(tuple(sorted(found, key=len, reverse=True)))  # longest first: no partial masks

    def merged(self, other: Redactor) -> Redactor:
        """Both sets of secrets, already in their variants (with_secret would quote them again)."""
        return Redactor(tuple(sorted({*self.secrets, *other.secrets}, key=len, reverse=True)))

    @overload
    def redact(self, text: str) -> str: ...

    @overload
    def redact(self, text: None) -> None: ...

    def redact(self, text: str | None) -> str | None:
        if not text:
            return text
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def redact_obj(self, value: Any) -> Any:
        """Redact every string inside a JSON-like value (for XCom and summaries)."""
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, dict):
            return {k: self.redact_obj(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.redact_obj(v) for v in value)
        return value


def warehouse_secrets() -> Redactor:
    """The warehouse password, as written in the URLs this process holds and decoded."""
    values: list[str] = []
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


def token_secrets(token_envs: Iterable[str] | None = None) -> Redactor:
    """Portal tokens: those the named variables hold, or every IGA_TOKEN_* in the environment."""
    names = [k for k in os.environ if k.startswith("IGA_TOKEN_")] if token_envs is None else token_envs
    return Redactor().with_secret(*(os.environ.get(name) for name in names))


def environment_secrets() -> Redactor:
    """Every secret this process knows: portal tokens (IGA_TOKEN_*) and the warehouse password."""
    return warehouse_secrets().merged(token_secrets())


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


def protect_logs(for_airflow: Redactor | None = None) -> Redactor:
    """Mask secrets in this process's logs: ours mask every secret in the environment; Airflow's task
    log masks `for_airflow` (default: all of them), the secrets this task can meet."""
    redactor = environment_secrets()
    root = logging.getLogger()
    for target in (root, *root.handlers):
        mine = next((f for f in target.filters if isinstance(f, RedactingFilter)), None)
        if mine is None:
            target.addFilter(RedactingFilter(redactor))
        else:  # a later task in the same process (`airflow dags test`) may know more secrets
            mine.redactor = mine.redactor.merged(redactor)
    _tell_airflow((for_airflow or redactor).secrets)
    return redactor


def _tell_airflow(secrets: tuple[str, ...]) -> None:
    """Airflow's masker, in this process and in the supervisor that writes the task log.

    `mask_secret` recompiles the masker's whole regex for every value, so 552 portal tokens cost
    15 s: here the patterns are added together and compiled once, and the supervisor (which masks
    the log lines this process sends it) gets one message holding the list.
    """
    if not secrets:
        return
    try:
        from airflow.sdk._shared.secrets_masker import _secrets_masker
        from airflow.sdk.log import mask_secret
    except ImportError:  # outside Airflow (tests, tools)
        return
    try:
        masker = _secrets_masker()
        patterns = {re.escape(s) for s in secrets if len(s) >= masker.min_length_to_mask}
        if not patterns <= masker.patterns:
            masker.patterns.update(patterns)
            masker.replacer = re.compile("|".join(masker.patterns))
    except (AttributeError, TypeError, re.error):  # another Airflow's masker: the documented way, slower
        for secret in secrets:
            mask_secret(secret)
        return
    with suppress(Exception):  # no supervisor under `airflow dags test`
        from airflow.sdk.execution_time import task_runner
        from airflow.sdk.execution_time.comms import MaskSecret

        if comms := getattr(task_runner, "SUPERVISOR_COMMS", None):
            comms.send(MaskSecret(value=list(secrets)))
