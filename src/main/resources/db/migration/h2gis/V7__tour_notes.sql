-- notes a tablet takes at a tour's stops. The tablet keeps them while offline and sends them when
-- the network returns, each under an id it generated itself: a note that arrives twice (a retry
-- after a lost answer) finds its id taken and is not stored again. Same logical schema as the other dialect.
CREATE TABLE tour_notes (
    client_id   VARCHAR(64)   NOT NULL PRIMARY KEY,
    tour_id     BIGINT        NOT NULL REFERENCES tours (id) ON DELETE CASCADE,
    stop_n      INTEGER       NOT NULL,
    project_id  BIGINT,
    text        VARCHAR(4000) NOT NULL,
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tour_notes_tour_idx ON tour_notes (tour_id, stop_n);
