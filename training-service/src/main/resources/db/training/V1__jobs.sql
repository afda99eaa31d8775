-- Training-job records (training-service store.JobStore): one row per job, written when it is
-- queued, started and finished. request: the REST body it was submitted with (to resume it after a
-- restart); view: its last JobView as JSON; results: its Table I rows once SUCCEEDED.
CREATE SEQUENCE job_ids START WITH 1;

CREATE TABLE jobs (
  id           BIGINT      NOT NULL PRIMARY KEY,
  state        VARCHAR(16) NOT NULL,   -- QUEUED | RUNNING | SUCCEEDED | FAILED | CANCELLED
  request      CLOB,                   -- JobRequest JSON; NULL when submitted without one
  view         CLOB        NOT NULL,   -- JobView JSON
  results      CLOB                    -- JobResults JSON when SUCCEEDED
);

CREATE INDEX jobs_state ON jobs (state);
