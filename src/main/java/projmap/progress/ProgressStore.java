package projmap.progress;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import projmap.store.Database;

/** Monthly reports and milestones in the database; the same SQL on both stores. Thread-safe. */
public final class ProgressStore {
    private static final String REPORT_COLUMNS = "id, project_id, period, investment_month, investment_cumulative,"
            + " physical_percent, new_status, progress_text, problems, state, submitted_by, submitted_at, reviewed_by,"
            + " reviewed_at, review_note";
    private static final String MILESTONE_COLUMNS = "id, project_id, kind, title, due_date, done_date";

    private final Database db;

    public ProgressStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    // ---- milestones ----------------------------------------------------------------------

    public List<Milestone> milestones(long projectId) {
        return db.read(c -> milestones(c, " WHERE project_id = ? ORDER BY due_date, id", projectId));
    }

    public List<Milestone> allMilestones() {
        return db.read(c -> milestones(c, " ORDER BY project_id, due_date, id"));
    }

    public Optional<Milestone> milestone(long id) {
        return db.read(c -> milestones(c, " WHERE id = ?", id).stream().findFirst());
    }

    private static List<Milestone> milestones(Connection c, String tail, Object... params) throws SQLException {
        List<Milestone> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + MILESTONE_COLUMNS + " FROM milestones" + tail)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date done = rs.getDate(6);
                    out.add(new Milestone(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getDate(5).toLocalDate(), done == null ? null : done.toLocalDate()));
                }
            }
        }
        return out;
    }

    Milestone insertMilestone(Connection c, Milestone m, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO milestones (project_id, kind, title, due_date,"
                + " done_date, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setLong(1, m.projectId());
            ps.setString(2, m.kind());
            ps.setString(3, m.title());
            ps.setDate(4, Date.valueOf(m.dueDate()));
            ps.setDate(5, m.doneDate() == null ? null : Date.valueOf(m.doneDate()));
            ps.setString(6, user);
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return milestones(c, " WHERE id = ?", id).get(0);
            }
        }
    }

    Milestone updateMilestone(Connection c, Milestone m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE milestones SET kind = ?, title = ?, due_date = ?, done_date = ? WHERE id = ?")) {
            ps.setString(1, m.kind());
            ps.setString(2, m.title());
            ps.setDate(3, Date.valueOf(m.dueDate()));
            ps.setDate(4, m.doneDate() == null ? null : Date.valueOf(m.doneDate()));
            ps.setLong(5, m.id());
            ps.executeUpdate();
        }
        return milestones(c, " WHERE id = ?", m.id()).get(0);
    }

    // ---- reports -------------------------------------------------------------------------

    public List<ProgressReport> reports(long projectId) {
        return db.read(c -> reports(c, " WHERE project_id = ? ORDER BY period", projectId));
    }

    /** Every report of a plan year up to and including {@code last}. */
    public List<ProgressReport> reportsUpTo(YearMonth last) {
        return db.read(c -> reports(c, " WHERE period >= ? AND period <= ? ORDER BY project_id, period",
                last.getYear() + "-01", last.toString()));
    }

    public Optional<ProgressReport> report(long id) {
        return db.read(c -> reports(c, " WHERE id = ?", id).stream().findFirst());
    }

    Optional<ProgressReport> report(Connection c, long projectId, YearMonth period) throws SQLException {
        return reports(c, " WHERE project_id = ? AND period = ?", projectId, period.toString()).stream().findFirst();
    }

    Optional<ProgressReport> lockReport(Connection c, long id) throws SQLException {
        return reports(c, " WHERE id = ? FOR UPDATE", id).stream().findFirst();
    }

    private static List<ProgressReport> reports(Connection c, String tail, Object... params) throws SQLException {
        List<ProgressReport> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + REPORT_COLUMNS + " FROM progress_reports" + tail)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp reviewed = rs.getTimestamp(14);
                    out.add(new ProgressReport(rs.getLong(1), rs.getLong(2), YearMonth.parse(rs.getString(3)),
                            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
                            rs.getString(13), reviewed == null ? null : reviewed.toInstant(), rs.getString(15), List.of()));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        // the photos each report shows (few: most reports show none)
        java.util.Map<Long, List<Long>> photos = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT report_id, id FROM photos WHERE report_id IS NOT NULL"
                + " ORDER BY id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    photos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        out.replaceAll(r -> r.withPhotos(photos.getOrDefault(r.id(), List.of())));
        return out;
    }

    /** Stores a new submission, or replaces a not yet approved one for the same month. */
    ProgressReport submit(Connection c, ProgressReport r, Instant at) throws SQLException {
        Optional<ProgressReport> existing = report(c, r.projectId(), r.period());
        if (existing.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE progress_reports SET investment_month = ?,"
                    + " investment_cumulative = ?, physical_percent = ?, new_status = ?, progress_text = ?, problems = ?,"
                    + " state = 'submitted', submitted_by = ?, submitted_at = ?, reviewed_by = NULL, reviewed_at = NULL,"
                    + " review_note = NULL WHERE id = ? AND state <> 'approved'")) {
                bindContent(ps, r, at);
                ps.setLong(9, existing.get().id());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO progress_reports (investment_month,"
                    + " investment_cumulative, physical_percent, new_status, progress_text, problems, submitted_by,"
                    + " submitted_at, project_id, period, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted')")) {
                bindContent(ps, r, at);
                ps.setLong(9, r.projectId());
                ps.setString(10, r.period().toString());
                ps.executeUpdate();
            }
        }
        return report(c, r.projectId(), r.period()).orElseThrow();
    }

    /** The photos a report shows: exactly {@code photoIds} (photos of its project, checked by the caller). */
    void showPhotos(Connection c, ProgressReport r, List<Long> photoIds) throws SQLException {
        try (PreparedStatement clear = c.prepareStatement("UPDATE photos SET report_id = NULL WHERE report_id = ?")) {
            clear.setLong(1, r.id());
            clear.executeUpdate();
        }
        try (PreparedStatement set = c.prepareStatement("UPDATE photos SET report_id = ? WHERE id = ? AND project_id = ?")) {
            for (long id : photoIds) {
                set.setLong(1, r.id());
                set.setLong(2, id);
                set.setLong(3, r.projectId());
                set.addBatch();
            }
            set.executeBatch();
        }
    }

    /** Which of {@code ids} are not photos of the project. */
    List<Long> notPhotosOf(long projectId, List<Long> ids) {
        return new PhotoStore(db).notPhotosOf(projectId, ids);
    }

    private static void bindContent(PreparedStatement ps, ProgressReport r, Instant at) throws SQLException {
        ps.setBigDecimal(1, r.investmentMonth());
        ps.setBigDecimal(2, r.investmentCumulative());
        ps.setInt(3, r.physicalPercent());
        ps.setString(4, r.newStatus());
        ps.setString(5, r.progressText());
        ps.setString(6, r.problems());
        ps.setString(7, r.submittedBy());
        ps.setTimestamp(8, Timestamp.from(at));
    }

    ProgressReport review(Connection c, long id, String state, String user, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE progress_reports SET state = ?, reviewed_by = ?,"
                + " reviewed_at = ?, review_note = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, user);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.setString(4, note);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        return reports(c, " WHERE id = ?", id).get(0);
    }

    static LocalDate today() {
        return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }
}
