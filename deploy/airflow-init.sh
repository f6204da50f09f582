#!/usr/bin/env bash
# docker-compose's airflow-init: runs once, as root, before every other Airflow service.
#   1. creates and bootstraps the warehouse (idempotent), then migrates Airflow's metadata database;
#   2. writes SimpleAuthManager's passwords file from IGA_AIRFLOW_PASSWORD (.env), mode 600;
#   3. hands the named volumes, which Docker creates root-owned, to AIRFLOW_UID, the user every
#      other service runs as.
# Every path comes from the services' own settings, so the two cannot drift apart.
set -euo pipefail
: "${AIRFLOW_UID:?set AIRFLOW_UID in .env}"
: "${IGA_AIRFLOW_PASSWORD:?set IGA_AIRFLOW_PASSWORD in .env}"
: "${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE:?}" "${IGA_HOME:?}" "${IGA_PORTAL_REGISTRY:?}"
: "${AIRFLOW__LOGGING__BASE_LOG_FOLDER:?}"

passwords="$AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"
folders=("$(dirname "$passwords")" "$IGA_HOME" "$(dirname "$IGA_PORTAL_REGISTRY")" "$AIRFLOW__LOGGING__BASE_LOG_FOLDER")

# the simulator writes the registry after this service has run: not checked here
env -u IGA_PORTAL_REGISTRY python -m include.warehouse init
airflow db migrate

mkdir -p "${folders[@]}"
python - "$passwords" <<'PY'
import json, os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as fh:
    json.dump({"admin": os.environ["IGA_AIRFLOW_PASSWORD"]}, fh)
os.chmod(sys.argv[1], 0o600)
PY
chown -R "$AIRFLOW_UID:0" "${folders[@]}"
echo "[iga] init: warehouse bootstrapped, Airflow migrated, admin password set, ${folders[*]} owned by $AIRFLOW_UID"
