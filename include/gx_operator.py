"""The GX provider's checkpoint operator, one checkpoint at a time per GX project.

A GX file context rewrites great_expectations.yml whenever a data source, suite or
checkpoint is added or updated. Under a scheduler the gate's checkpoints run at the same
time, and two rewrites at once leave the file corrupt (GX then refuses it: "duplicate key
found in project YAML file"). An exclusive lock on the project folder makes them take turns;
each holds it for a few seconds.
"""
from __future__ import annotations

import fcntl

from great_expectations_provider.operators.validate_checkpoint import GXValidateCheckpointOperator

from include.quality import gx_project_dir


class SerialGXCheckpointOperator(GXValidateCheckpointOperator):
    def execute(self, context):
        root = gx_project_dir()
        root.mkdir(parents=True, exist_ok=True)
        with (root / ".checkpoint.lock").open("w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # released when the file closes, or the process dies
            return super().execute(context)
