-- Jobs whose effects must happen once (mails that follow an event): the job writes its id here
-- in the transaction of its effects, so that a rerun after a worker died between committing and
-- marking the job done finds it and does nothing. Gone with the job when finished jobs are
-- pruned.
CREATE TABLE job_effects (
    job_id  BIGINT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
