-- Task records of the BS (bs-service store.TaskStore). One row per accepted task, written when it is
-- accepted (PENDING), when it starts (RUNNING) and when it ends; the full result is its JSON.
CREATE SEQUENCE task_ids START WITH 1;

CREATE TABLE tasks (
  seq          BIGINT       NOT NULL PRIMARY KEY,  -- the number in the id "t-<seq>", never reused
  id           VARCHAR(32)  NOT NULL UNIQUE,
  status       VARCHAR(16)  NOT NULL,              -- PENDING | RUNNING | DONE | DEGRADED | FAILED
  submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  result       CLOB         NOT NULL               -- TaskResult as JSON
);

CREATE INDEX tasks_status ON tasks (status);
