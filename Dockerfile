# The platform's images, from one file (docker-compose.yaml builds both):
#   runtime    (the default, last stage) Airflow 3.3.0 with the runtime lock, the DAGs, `include`,
#              the dbt project and the GX suites: no tests, no development tools
#   simulator  runtime plus devtools/: the portal simulator for demos, never beside real portals
FROM apache/airflow:3.3.0-python3.11 AS platform
# the runtime half of the lock (deploy/requirements-runtime.in): the same pins as requirements.txt
COPY --chown=airflow:root deploy/requirements-runtime.txt /opt/iga/requirements-runtime.txt
RUN pip install --no-cache-dir -r /opt/iga/requirements-runtime.txt
WORKDIR /opt/iga
# the image has no .git: the commit each publication records comes from the build
# (docker compose build --build-arg IGA_GIT_COMMIT=$(git rev-parse --short=12 HEAD))
ARG IGA_GIT_COMMIT=""
ENV PYTHONPATH=/opt/iga:/opt/iga/deploy AIRFLOW__CORE__DAGS_FOLDER=/opt/iga/dags IGA_GIT_COMMIT=${IGA_GIT_COMMIT}
COPY --chown=airflow:root dags /opt/iga/dags
COPY --chown=airflow:root include /opt/iga/include
COPY --chown=airflow:root dbt_project /opt/iga/dbt_project
COPY --chown=airflow:root expectations /opt/iga/expectations
COPY --chown=airflow:root deploy/airflow-init.sh /opt/iga/deploy/airflow-init.sh
# Airflow's local settings: a forked task inherits what the DAG file imports (the file says why)
COPY --chown=airflow:root deploy/airflow_local_settings.py /opt/iga/deploy/airflow_local_settings.py
# Cosmos renders the DAG from dbt's manifest: make it at build time, not at parse time.
RUN python -c "from include.transform import ensure_manifest; ensure_manifest(force=True)"

FROM platform AS simulator
COPY --chown=airflow:root devtools /opt/iga/devtools

FROM platform AS runtime
