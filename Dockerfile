# The platform's image: Airflow 3.3.0 with the project's pinned lock, DAGs and dbt project.
FROM apache/airflow:3.3.0-python3.11

USER root
RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
USER airflow

COPY --chown=airflow:root requirements.txt /opt/iga/requirements.txt
RUN pip install --no-cache-dir -r /opt/iga/requirements.txt

COPY --chown=airflow:root dags /opt/iga/dags
COPY --chown=airflow:root include /opt/iga/include
COPY --chown=airflow:root dbt_project /opt/iga/dbt_project
COPY --chown=airflow:root expectations /opt/iga/expectations
WORKDIR /opt/iga
ENV PYTHONPATH=/opt/iga AIRFLOW__CORE__DAGS_FOLDER=/opt/iga/dags
# Cosmos renders the DAG from dbt's manifest: make it at build time, not at parse time.
RUN python -c "from include.transform import ensure_manifest; ensure_manifest(force=True)"
