-- failed log-ins and wrong tour PINs, kept in the store (not in one instance's memory) so that every
-- instance on one database sees the same lock-out. A subject is "u:<account>", "a:<address>" or
-- "pin:<link hash>"; rows older than the longest window are deleted as new failures come in.
-- Same logical schema as the other dialect.
CREATE TABLE failed_attempts (
    subject   VARCHAR(300) NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX failed_attempts_subject_idx ON failed_attempts (subject, failed_at);
CREATE INDEX failed_attempts_at_idx ON failed_attempts (failed_at);
