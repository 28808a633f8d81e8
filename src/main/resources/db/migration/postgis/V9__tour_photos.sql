-- Photos on a tour: which of the project's photos each stop's card shows, in the planner's order
-- (no rows for a stop: the newest ones, as before), and the one photo a tablet may take with a
-- note. Same logical schema as the other dialect.
CREATE TABLE tour_stop_photos (
    tour_id   BIGINT  NOT NULL,
    position  INTEGER NOT NULL,
    place     INTEGER NOT NULL,   -- 1, 2, … : the k of /api/tour/{token}/photos/{stop}/{k}
    photo_id  BIGINT  NOT NULL REFERENCES photos (id) ON DELETE CASCADE,
    PRIMARY KEY (tour_id, position, place),
    FOREIGN KEY (tour_id, position) REFERENCES tour_stops (tour_id, position) ON DELETE CASCADE
);
CREATE INDEX tour_stop_photos_photo_idx ON tour_stop_photos (photo_id);

-- stored apart from the note: the text arrives first, the photo (bigger, slower) may follow on a
-- later try; one per note (primary key), so a resent photo is not stored twice
CREATE TABLE tour_note_photos (
    client_id   VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES tour_notes (client_id) ON DELETE CASCADE,
    media_type  VARCHAR(20) NOT NULL,
    width       INTEGER     NOT NULL,
    height      INTEGER     NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    image       BYTEA NOT NULL,   -- re-encoded, metadata stripped
    thumbnail   BYTEA NOT NULL    -- JPEG, at most 320 px
);
