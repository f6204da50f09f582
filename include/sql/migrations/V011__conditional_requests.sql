-- PORTAL_API.md (2026-12-07): a v1 portal may send an ETag with its profile and with page 1 of
-- its innovations, and answer If-None-Match with 304 Not Modified. The extraction keeps the
-- ETags of each portal's last complete pull, and says which pulls the portal answered with 304.
SET ROLE iga_pipeline;

CREATE TABLE IF NOT EXISTS ops.portal_etags (
  portal_code text        NOT NULL,
  year        integer     NOT NULL,
  resource    text        NOT NULL CHECK (resource IN ('profil', 'inovasi')),
  etag        text        NOT NULL,
  per_page    integer     NOT NULL,
  run_id      text        NOT NULL,
  stored_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal_code, year, resource)
);
COMMENT ON TABLE ops.portal_etags IS
  'The ETag a v1 portal sent with its profile or page 1 of its innovations in its last complete pull (and the page size asked); sent back as If-None-Match.';

ALTER TABLE ops.portal_health ADD COLUMN IF NOT EXISTS not_modified text[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN ops.portal_health.not_modified IS
  'Resources the portal answered with 304 Not Modified (profil, inovasi): unchanged since its last complete pull, nothing landed or deleted for them.';

RESET ROLE;
