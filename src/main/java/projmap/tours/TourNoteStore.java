package projmap.tours;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import projmap.progress.PhotoProcessor;
import projmap.store.Database;

/**
 * Notes taken on a tablet at a tour's stops. Each note carries the id the tablet generated for it,
 * so sending it again (a retry after a lost answer, two tabs syncing at once) stores nothing new:
 * {@link #add} tells the caller whether the note was new. A note's one photo arrives after it, on
 * its own ({@link #addPhoto}), and is stored once too. Same SQL on H2GIS and PostGIS. Thread-safe.
 */
public final class TourNoteStore {
    private static final String COLUMNS = "client_id, tour_id, stop_n, project_id, text, taken_at, received_at";
    /** The note's columns and whether a photo came with it. */
    private static final String SELECT = "SELECT n.client_id, n.tour_id, n.stop_n, n.project_id, n.text, n.taken_at,"
            + " n.received_at, p.client_id FROM tour_notes n LEFT JOIN tour_note_photos p ON p.client_id = n.client_id";
    /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final TourStore tours;

    public TourNoteStore(Database db, TourStore tours) {
        this.db = db;
        this.tours = tours;
    }

    /** A note as stored; {@code hasPhoto}: its photo has arrived. */
    public record Note(String id, long tourId, int stop, Long projectId, String text, Instant takenAt, Instant receivedAt,
                       boolean hasPhoto) {
    }

    /** A note's photo: the re-encoded image or its JPEG thumbnail. */
    public record Photo(byte[] bytes, String mediaType) {
    }

    /** The stored note, and whether this call stored it (false: it was there already). */
    public record Added(Note note, boolean created) {
    }

    /**
     * Stores the note unless its id is known; a known id is answered with the stored note. An id
     * already used by another tour's note is refused by the caller (see {@link TourService}).
     */
    public Added add(Note note, TourStore.Actor actor) {
        Optional<Note> existing = find(note.id());
        if (existing.isPresent()) {
            return new Added(existing.get(), false);
        }
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tour_notes (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, note.id());
                    ps.setLong(2, note.tourId());
                    ps.setInt(3, note.stop());
                    ps.setObject(4, note.projectId());
                    ps.setString(5, note.text());
                    ps.setTimestamp(6, Timestamp.from(note.takenAt()));
                    ps.setTimestamp(7, Timestamp.from(note.receivedAt()));
                    ps.executeUpdate();
                }
                tours.record(c, actor, "tour.note", note.tourId(), null, note);
                return new Added(note, true);
            });
        } catch (RuntimeException e) {
            // two copies of one note raced each other: the other one was stored first
            if (isUniqueViolation(e)) {
                return new Added(find(note.id()).orElseThrow(() -> e), false);
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public Optional<Note> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE n.client_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(note(rs)) : Optional.empty();
                }
            }
        });
    }

    /** A tour's notes by stop, then in the order they were taken. */
    public List<Note> ofTour(long tourId) {
        return db.read(c -> {
            List<Note> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + " WHERE n.tour_id = ? ORDER BY n.stop_n, n.taken_at, n.client_id")) {
                ps.setLong(1, tourId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(note(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Note note(ResultSet rs) throws SQLException {
        long project = rs.getLong(4);
        Long projectId = rs.wasNull() ? null : project;
        return new Note(rs.getString(1), rs.getLong(2), rs.getInt(3), projectId, rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8) != null);
    }

    /**
     * Stores the photo of a stored note unless it has one; true when this call stored it. A resent
     * photo (a retry after a lost answer, two tabs) is not stored again, as with notes.
     */
    public boolean addPhoto(Note note, PhotoProcessor.Processed p, Instant receivedAt, TourStore.Actor actor) {
        try {
            return db.inTransaction(c -> {
                if (hasPhoto(c, note.id())) {
                    return false;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO tour_note_photos (client_id, media_type, width,"
                        + " height, received_at, image, thumbnail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, note.id());
                    ps.setString(2, p.mediaType());
                    ps.setInt(3, p.width());
                    ps.setInt(4, p.height());
                    ps.setTimestamp(5, Timestamp.from(receivedAt));
                    ps.setBytes(6, p.image());
                    ps.setBytes(7, p.thumbnail());
                    ps.executeUpdate();
                }
                tours.record(c, actor, "tour.note.photo", note.tourId(), null, Map.of("id", note.id(), "stop", note.stop(),
                        "mediaType", p.mediaType(), "width", p.width(), "height", p.height(), "bytes", p.image().length));
                return true;
            });
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean hasPhoto(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tour_note_photos WHERE client_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A note's photo ({@code thumbnail} false) or its thumbnail. */
    public Optional<Photo> photo(String id, boolean thumbnail) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + (thumbnail ? "thumbnail" : "image")
                    + ", media_type FROM tour_note_photos WHERE client_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Photo(rs.getBytes(1), thumbnail ? "image/jpeg" : rs.getString(2)))
                            : Optional.empty();
                }
            }
        });
    }

}
