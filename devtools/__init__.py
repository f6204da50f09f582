"""Development tooling, not shipped in the platform's image: the portal simulator, the
embedded PostgreSQL, the local launcher behind `make run` / `make up`, and its summary."""
