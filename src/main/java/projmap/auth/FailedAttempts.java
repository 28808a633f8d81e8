package projmap.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import projmap.store.Database;

/**
 * Counts failures per subject (an account, a client address, a tour link) in a sliding window, in
 * the store: every app instance on one database sees the same failures, so running N instances does
 * not give a guesser N times the budget. Used by {@link LoginThrottle} and the tour PIN check.
 * Thread-safe (each call is one statement or one transaction).
 */
public final class FailedAttempts {
    /** Rows older than this are no longer needed by any window and are deleted. */
    static final Duration KEEP = Duration.ofDays(1);

    private final Database db;
    private final Clock clock;

    public FailedAttempts(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Records one failure of each subject, now, and drops failures nobody needs any more. */
    public void add(String... subjects) {
        Instant now = clock.instant();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO failed_attempts (subject, failed_at) VALUES (?, ?)")) {
                for (String s : subjects) {
                    ps.setString(1, limit(s));
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM failed_attempts WHERE failed_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(now.minus(KEEP)));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets the subject's failures (a right password or PIN). */
    public void clear(String subject) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM failed_attempts WHERE subject = ?")) {
                ps.setString(1, limit(subject));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * When the subject may try again: {@code max} failures within {@code window} lock it until the
     * oldest of the newest {@code max} leaves the window. Null when it may try now.
     */
    public Instant lockedUntil(String subject, int max, Duration window) {
        if (window.compareTo(KEEP) > 0 || max < 1) {
            throw new IllegalArgumentException("a window of at most " + KEEP + " and at least one attempt, got "
                    + window + " and " + max);
        }
        Instant now = clock.instant();
        List<Instant> newest = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT failed_at FROM failed_attempts WHERE subject = ? "
                    + "AND failed_at > ? ORDER BY failed_at DESC LIMIT " + max)) {
                ps.setString(1, limit(subject));
                ps.setTimestamp(2, Timestamp.from(now.minus(window)));
                List<Instant> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getTimestamp(1).toInstant());
                    }
                }
                return out;
            }
        });
        if (newest.size() < max) {
            return null;
        }
        return newest.get(max - 1).plus(window);
    }

    private static String limit(String s) {
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
