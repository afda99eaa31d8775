-- Experiment records of the BS (bs-service store.ExperimentStore). One row per accepted experiment,
-- rewritten as each of its modes finishes; the full record (request, task ids, rows) is its JSON.
CREATE SEQUENCE experiment_ids START WITH 1;

CREATE TABLE experiments (
  seq          BIGINT       NOT NULL PRIMARY KEY,  -- the number in the id "e-<seq>", never reused
  id           VARCHAR(32)  NOT NULL UNIQUE,
  state        VARCHAR(16)  NOT NULL,              -- QUEUED | RUNNING | DONE | FAILED
  submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  record       CLOB         NOT NULL               -- Experiment as JSON
);

CREATE INDEX experiments_state ON experiments (state);
