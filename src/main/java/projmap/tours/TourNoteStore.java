package projmap.tours;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import projmap.store.Database;

/**
 * Notes taken on a tablet at a tour's stops. Each note carries the id the tablet generated for it,
 * so sending it again (a retry after a lost answer, two tabs syncing at once) stores nothing new:
 * {@link #add} tells the caller whether the note was new. Same SQL on H2GIS and PostGIS. Thread-safe.
 */
public final class TourNoteStore {
    private static final String COLUMNS = "client_id, tour_id, stop_n, project_id, text, taken_at, received_at";
    /** SQLSTATE of a unique-key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;
    private final TourStore tours;

    public TourNoteStore(Database db, TourStore tours) {
        this.db = db;
        this.tours = tours;
    }

    /** A note as stored. */
    public record Note(String id, long tourId, int stop, Long projectId, String text, Instant takenAt, Instant receivedAt) {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tour_notes WHERE client_id = ?")) {
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
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM tour_notes WHERE tour_id = ? ORDER BY stop_n, taken_at, client_id")) {
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
                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
    }

}
