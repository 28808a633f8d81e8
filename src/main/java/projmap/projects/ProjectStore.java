package projmap.projects;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import projmap.store.ChangeFeed;
import projmap.store.Database;
import projmap.store.Dialect;

/**
 * The project register in the database: the same SQL on H2GIS and PostGIS, geometry through the
 * {@link Dialect}. Edits carry the version the editor saw; a stale version changes nothing and is
 * reported as a {@link VersionConflictException}. Thread-safe.
 */
public final class ProjectStore {
    private static final String COLUMNS = """
            code, name, category, district, address, department, leader, contact_name, contact_phone,
            status, planned_start, planned_end, actual_start, actual_end, plan_year,
            total_investment, annual_plan_investment, completed_investment, funding_mode, land_status,
            land_area""";
    private static final int FIELD_COUNT = 21;

    private final Database db;
    private final Dialect dialect;
    private final String select;

    public ProjectStore(Database db) {
        this.db = db;
        this.dialect = db.dialect();
        this.select = "SELECT id, " + COLUMNS + ", " + dialect.geometryColumn("geom")
                + " AS geom, version, created_at, created_by, updated_at, updated_by FROM projects";
    }

    /** A project's version has moved on since the editor read it. */
    public static final class VersionConflictException extends RuntimeException {
        private final Project current;

        public VersionConflictException(Project current) {
            super("project " + current.id() + " is at version " + current.version());
            this.current = current;
        }

        public Project current() {
            return current;
        }
    }

    public Optional<Project> find(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE id = ?")) {
                ps.setLong(1, id);
                return first(ps);
            }
        });
    }

    /**
     * The source columns an import could not map to a field (其他属性), as a JSON object text, or
     * empty when there are none. Kept beside the project so nothing in a department's file is lost.
     */
    public Optional<String> otherAttributes(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT extra_attributes FROM projects WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String text = rs.getString(1);
                    return text == null || text.isBlank() || text.equals("{}") || text.equals("null")
                            ? Optional.<String>empty() : Optional.of(text);
                }
            }
        });
    }

    public Optional<Project> findByCode(String code) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE code = ?")) {
                ps.setString(1, code);
                return first(ps);
            }
        });
    }

    public List<Project> search(ProjectQuery query) {
        Filter filter = Filter.of(query, dialect);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(select + filter.where() + " ORDER BY code")) {
                filter.bind(ps, 1);
                List<Project> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * A short text that changes whenever any project is added, edited or deleted, read from the
     * table itself so that it holds across several app instances: a cache key and an ETag.
     */
    public String changeStamp() {
        return db.read(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), COALESCE(SUM(version), 0), MAX(updated_at), MAX(id) FROM projects")) {
                rs.next();
                Timestamp last = rs.getTimestamp(3);
                return rs.getLong(1) + "-" + rs.getLong(2) + "-" + (last == null ? 0 : last.getTime()) + "-" + rs.getLong(4);
            }
        });
    }

    /**
     * The properties OGC API clients may filter projects by, each with its column and JSON type
     * ({@code string}, {@code number}, {@code integer}, {@code date}): the whitelist that filter
     * text is checked against before it becomes SQL.
     */
    public static final java.util.Map<String, Queryable> QUERYABLES = queryables();

    /** One filterable property: its column and JSON Schema type. */
    public record Queryable(String column, String type) {
    }

    private static java.util.Map<String, Queryable> queryables() {
        java.util.Map<String, Queryable> q = new java.util.LinkedHashMap<>();
        q.put("id", new Queryable("id", "integer"));
        q.put("code", new Queryable("code", "string"));
        q.put("name", new Queryable("name", "string"));
        q.put("category", new Queryable("category", "string"));
        q.put("status", new Queryable("status", "string"));
        q.put("district", new Queryable("district", "string"));
        q.put("address", new Queryable("address", "string"));
        q.put("department", new Queryable("department", "string"));
        q.put("plannedStart", new Queryable("planned_start", "date"));
        q.put("plannedEnd", new Queryable("planned_end", "date"));
        q.put("actualStart", new Queryable("actual_start", "date"));
        q.put("actualEnd", new Queryable("actual_end", "date"));
        q.put("planYear", new Queryable("plan_year", "integer"));
        q.put("totalInvestment", new Queryable("total_investment", "number"));
        q.put("annualPlanInvestment", new Queryable("annual_plan_investment", "number"));
        q.put("completedInvestment", new Queryable("completed_investment", "number"));
        q.put("fundingMode", new Queryable("funding_mode", "string"));
        q.put("landStatus", new Queryable("land_status", "string"));
        return java.util.Collections.unmodifiableMap(q);
    }

    /** The projects {@code where} selects, in id order, {@code limit} of them from {@code offset}. */
    public List<Project> page(projmap.store.SqlFilter where, int limit, long offset) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE " + where.sql() + " ORDER BY id LIMIT ? OFFSET ?")) {
                int i = where.bind(ps, 1, dialect);
                ps.setInt(i++, limit);
                ps.setLong(i, offset);
                List<Project> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
                return out;
            }
        });
    }

    /** How many projects {@code where} selects. */
    public long count(projmap.store.SqlFilter where) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM projects WHERE " + where.sql())) {
                where.bind(ps, 1, dialect);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public int count() {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM projects")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** Stores a new project as version 1 and returns it with its id. */
    public Project insert(Project p, String user) {
        return insertAll(List.of(p), user).get(0);
    }

    /** Stores many projects in one transaction (all or none), e.g. the demo city or an import. */
    public List<Project> insertAll(Collection<Project> projects, String user) {
        List<Project> stored = db.inTransaction(c -> insertRows(c, projects, user));
        publish(stored.stream().map(Project::geometry).toArray(Geometry[]::new));
        return stored;
    }

    /**
     * Inserts on the caller's connection and transaction (one run by {@link Database#inTransaction});
     * the change is announced once the caller commits, so that no tile is rebuilt from the old rows.
     */
    public List<Project> insert(Connection c, Collection<Project> projects, String user) throws SQLException {
        List<Project> stored = insertRows(c, projects, user);
        db.afterCommit(c, () -> publish(stored.stream().map(Project::geometry).toArray(Geometry[]::new)));
        return stored;
    }

    private List<Project> insertRows(Connection c, Collection<Project> projects, String user) throws SQLException {
        String sql = "INSERT INTO projects (" + COLUMNS + ", geom, version, created_at, created_by, updated_at, updated_by)"
                + " VALUES (" + "?, ".repeat(FIELD_COUNT) + dialect.geometryParam() + ", 1, ?, ?, ?, ?)";
        Timestamp now = Timestamp.from(Instant.now());
        List<String> codes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Project p : projects) {
                int i = bindFields(ps, p);
                dialect.bindGeometry(ps, i++, p.geometry());
                ps.setTimestamp(i++, now);
                ps.setString(i++, user);
                ps.setTimestamp(i++, now);
                ps.setString(i, user);
                ps.addBatch();
                codes.add(p.code());
            }
            ps.executeBatch();
        }
        List<Project> stored = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE code = ?")) {
            for (String code : codes) {
                ps.setString(1, code);
                stored.add(first(ps).orElseThrow());
            }
        }
        return stored;
    }

    /**
     * Called inside the transaction of a change, after it and before the commit, with the state
     * before and after ({@code after} null for a deletion): the audit log writes its entry here,
     * so that a change and its record are committed together or not at all.
     */
    @FunctionalInterface
    public interface ChangeHook {
        ChangeHook NONE = (c, before, after) -> { };

        void changed(Connection c, Project before, Project after) throws SQLException;
    }

    /**
     * Replaces a project's fields and geometry if it is still at {@code expectedVersion}; the
     * version goes up by one. Returns empty when there is no such project.
     */
    public Optional<Project> update(long id, int expectedVersion, Project fields, String user) {
        return update(id, expectedVersion, fields, user, ChangeHook.NONE);
    }

    /**
     * As {@link #update(long, int, Project, String)}, calling {@code hook} in the transaction.
     *
     * <p>No lost update: the row is locked ({@code SELECT … FOR UPDATE}) and its version compared
     * before the write, and the UPDATE itself is guarded by {@code version = ?} as well. Of many
     * concurrent edits from the same version exactly one succeeds; the others wait for the lock,
     * then see the new version and fail with {@link VersionConflictException}. After the commit,
     * the change is announced where the old and the new geometry lie (tile caches).
     */
    public Optional<Project> update(long id, int expectedVersion, Project fields, String user, ChangeHook hook) {
        Geometry[] beforeGeometry = new Geometry[1];
        Optional<Project> updated = db.inTransaction(c -> {
            Optional<Project> before = lockCurrent(c, id, expectedVersion);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            beforeGeometry[0] = before.get().geometry();
            String sql = "UPDATE projects SET (" + COLUMNS + ", geom, version, updated_at, updated_by) = ("
                    + "?, ".repeat(FIELD_COUNT) + dialect.geometryParam() + ", version + 1, ?, ?)"
                    + " WHERE id = ? AND version = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bindFields(ps, fields);
                dialect.bindGeometry(ps, i++, fields.geometry());
                ps.setTimestamp(i++, Timestamp.from(Instant.now()));
                ps.setString(i++, user);
                ps.setLong(i++, id);
                ps.setInt(i, expectedVersion);
                if (ps.executeUpdate() == 0) {
                    return conflictOrMissing(c, id);
                }
            }
            Optional<Project> after;
            try (PreparedStatement ps = c.prepareStatement(select + " WHERE id = ?")) {
                ps.setLong(1, id);
                after = first(ps);
            }
            hook.changed(c, before.get(), after.orElseThrow());
            return after;
        });
        updated.ifPresent(p -> publish(beforeGeometry[0], p.geometry()));
        return updated;
    }

    /**
     * As {@link #update(long, int, Project, String)}, on the caller's connection and transaction
     * (an import); announces the change like the other edits.
     */
    public Optional<Project> update(Connection c, long id, int expectedVersion, Project fields, String user) throws SQLException {
        Geometry before = geometryOf(c, id);
        String sql = "UPDATE projects SET (" + COLUMNS + ", geom, version, updated_at, updated_by) = ("
                + "?, ".repeat(FIELD_COUNT) + dialect.geometryParam() + ", version + 1, ?, ?)"
                + " WHERE id = ? AND version = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindFields(ps, fields);
            dialect.bindGeometry(ps, i++, fields.geometry());
            ps.setTimestamp(i++, Timestamp.from(Instant.now()));
            ps.setString(i++, user);
            ps.setLong(i++, id);
            ps.setInt(i, expectedVersion);
            if (ps.executeUpdate() == 0) {
                return conflictOrMissing(c, id);
            }
        }
        Optional<Project> updated;
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE id = ?")) {
            ps.setLong(1, id);
            updated = first(ps);
        }
        if (updated.isPresent()) {
            Geometry after = updated.get().geometry();
            db.afterCommit(c, () -> publish(before, after));   // once the import commits
        }
        return updated;
    }

    /** The project with this code, read on the caller's connection (inside its transaction). */
    public Optional<Project> findByCode(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE code = ?")) {
            ps.setString(1, code);
            return first(ps);
        }
    }

    /** Deletes a project if it is still at {@code expectedVersion}; false when there is none. */
    public boolean delete(long id, int expectedVersion) {
        return delete(id, expectedVersion, ChangeHook.NONE);
    }

    /** As {@link #delete(long, int)}, calling {@code hook} (with {@code after} null) in the transaction. */
    public boolean delete(long id, int expectedVersion, ChangeHook hook) {
        Geometry[] beforeGeometry = new Geometry[1];
        boolean deleted = db.inTransaction(c -> {
            Optional<Project> before = lockCurrent(c, id, expectedVersion);
            if (before.isEmpty()) {
                return false;
            }
            beforeGeometry[0] = before.get().geometry();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM projects WHERE id = ? AND version = ?")) {
                ps.setLong(1, id);
                ps.setInt(2, expectedVersion);
                if (ps.executeUpdate() != 1) {
                    return conflictOrMissing(c, id).isPresent();
                }
            }
            hook.changed(c, before.get(), null);
            return true;
        });
        if (deleted) {
            publish(beforeGeometry[0]);
        }
        return deleted;
    }

    private Geometry geometryOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + dialect.geometryColumn("geom") + " FROM projects WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? dialect.readGeometry(rs, 1) : null;
            }
        }
    }

    /** Announces that projects changed where these geometries lie (tile cache invalidation). */
    private void publish(Geometry... geometries) {
        Envelope area = new Envelope();
        for (Geometry g : geometries) {
            if (g != null) {
                area.expandToInclude(g.getEnvelopeInternal());
            }
        }
        if (!area.isNull()) {
            db.changes().publish(ChangeFeed.PROJECTS, area);
        }
    }

    /** Stores a new project as version 1, calling {@code hook} (with {@code before} null) in the transaction. */
    public Project insert(Project p, String user, ChangeHook hook) {
        return db.inTransaction(c -> {
            Project stored = insert(c, List.of(p), user).get(0);
            hook.changed(c, null, stored);
            return stored;
        });
    }

    /** Locks the project's row; empty when it does not exist, a conflict when its version moved on. */
    private Optional<Project> lockCurrent(Connection c, long id, int expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            Optional<Project> current = first(ps);
            if (current.isPresent() && current.get().version() != expectedVersion) {
                throw new VersionConflictException(current.get());
            }
            return current;
        }
    }

    private Optional<Project> conflictOrMissing(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select + " WHERE id = ?")) {
            ps.setLong(1, id);
            Optional<Project> current = first(ps);
            if (current.isPresent()) {
                throw new VersionConflictException(current.get());
            }
            return Optional.empty();
        }
    }

    /** Removes every project (demo reset). */
    public void deleteAll(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM projects");
        }
        db.afterCommit(c, () -> db.changes().publish(ChangeFeed.PROJECTS, null));
    }

    /** The headline figures and breakdowns over the projects the query selects. */
    public ProjectStats stats(ProjectQuery query) {
        Filter filter = Filter.of(query, dialect);
        return db.read(c -> {
            List<ProjectStats.Row> total = breakdown(c, filter, null, k -> null);
            ProjectStats.Row t = total.isEmpty()
                    ? new ProjectStats.Row("all", null, null, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0)
                    : total.get(0);
            return new ProjectStats(t.projects(), t.totalInvestment(), t.annualPlanInvestment(),
                    t.completedInvestment(), t.started(), t.completed(),
                    breakdown(c, filter, "category", k -> Category.byCode(k).map(x -> new String[] {x.zh(), x.en()}).orElse(null)),
                    breakdown(c, filter, "status", k -> ProjectStatus.byCode(k).map(x -> new String[] {x.zh(), x.en()}).orElse(null)),
                    breakdown(c, filter, "district", k -> null),
                    breakdown(c, filter, "department", k -> null));
        });
    }

    /** One row per value of {@code keyColumn}, largest investment first; one total row when it is null. */
    private static List<ProjectStats.Row> breakdown(Connection c, Filter filter, String keyColumn,
                                                    Function<String, String[]> labels) throws SQLException {
        String sql = "SELECT " + (keyColumn == null ? "'all'" : keyColumn) + " AS k, COUNT(*), COALESCE(SUM(total_investment), 0),"
                + " COALESCE(SUM(annual_plan_investment), 0), COALESCE(SUM(completed_investment), 0),"
                + " SUM(CASE WHEN status IN ('under_construction', 'suspended', 'completed') THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END)"
                + " FROM projects" + filter.where()
                + (keyColumn == null ? "" : " GROUP BY " + keyColumn + " ORDER BY 3 DESC, 1");
        List<ProjectStats.Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            filter.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    String[] label = key == null ? null : labels.apply(key);
                    rows.add(new ProjectStats.Row(key == null ? "" : key, label == null ? null : label[0],
                            label == null ? null : label[1], rs.getInt(2), money(rs.getBigDecimal(3)),
                            money(rs.getBigDecimal(4)), money(rs.getBigDecimal(5)), rs.getInt(6), rs.getInt(7)));
                }
            }
        }
        return rows;
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private int bindFields(PreparedStatement ps, Project p) throws SQLException {
        int i = 1;
        ps.setString(i++, p.code());
        ps.setString(i++, p.name());
        ps.setString(i++, p.category().code());
        ps.setString(i++, p.district());
        ps.setString(i++, p.address());
        ps.setString(i++, p.department());
        ps.setString(i++, p.leader());
        ps.setString(i++, p.contactName());
        ps.setString(i++, p.contactPhone());
        ps.setString(i++, p.status().code());
        setDate(ps, i++, p.plannedStart());
        setDate(ps, i++, p.plannedEnd());
        setDate(ps, i++, p.actualStart());
        setDate(ps, i++, p.actualEnd());
        if (p.planYear() == null) {
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setInt(i++, p.planYear());
        }
        ps.setBigDecimal(i++, orZero(p.totalInvestment()));
        ps.setBigDecimal(i++, orZero(p.annualPlanInvestment()));
        ps.setBigDecimal(i++, orZero(p.completedInvestment()));
        ps.setString(i++, p.fundingMode() == null ? null : p.fundingMode().code());
        ps.setString(i++, p.landStatus() == null ? null : p.landStatus().code());
        ps.setBigDecimal(i++, p.landArea());
        return i;
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setDate(i, Date.valueOf(d));
        }
    }

    private Optional<Project> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(map(rs)) : Optional.empty();
        }
    }

    private Project map(ResultSet rs) throws SQLException {
        return new Project(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                Category.byCode(rs.getString("category")).orElseThrow(),
                rs.getString("district"),
                rs.getString("address"),
                rs.getString("department"),
                rs.getString("leader"),
                rs.getString("contact_name"),
                rs.getString("contact_phone"),
                ProjectStatus.byCode(rs.getString("status")).orElseThrow(),
                date(rs, "planned_start"),
                date(rs, "planned_end"),
                date(rs, "actual_start"),
                date(rs, "actual_end"),
                (Integer) rs.getObject("plan_year", Integer.class),
                rs.getBigDecimal("total_investment"),
                rs.getBigDecimal("annual_plan_investment"),
                rs.getBigDecimal("completed_investment"),
                FundingMode.byCode(rs.getString("funding_mode")).orElse(null),
                LandStatus.byCode(rs.getString("land_status")).orElse(null),
                rs.getBigDecimal("land_area"),
                dialect.readGeometry(rs, "geom"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    /** The WHERE clause of a {@link ProjectQuery} with its parameters, in order. */
    private record Filter(String where, List<Object> params) {
        static Filter of(ProjectQuery q, Dialect dialect) {
            List<String> terms = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (q.bbox() != null) {
                // bounding-box test: served by the spatial index on both stores
                terms.add("geom && " + dialect.envelopeParam());
                for (double v : q.bbox().toArray()) {
                    params.add(v);
                }
            }
            in(terms, params, "status", q.statuses().stream().map(ProjectStatus::code).toList());
            in(terms, params, "category", q.categories().stream().map(Category::code).toList());
            in(terms, params, "district", List.copyOf(q.districts()));
            in(terms, params, "department", List.copyOf(q.departments()));
            if (q.planYear() != null) {
                terms.add("plan_year = ?");
                params.add(q.planYear());
            }
            if (q.text() != null) {
                terms.add("(LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(code) LIKE ? ESCAPE '\\' OR LOWER(address) LIKE ? ESCAPE '\\')");
                String like = "%" + q.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                params.add(like);
                params.add(like);
                params.add(like);
            }
            return new Filter(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), params);
        }

        private static void in(List<String> terms, List<Object> params, String column, List<String> values) {
            if (!values.isEmpty()) {
                terms.add(column + " IN (" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")");
                params.addAll(values.stream().sorted().toList());
            }
        }

        void bind(PreparedStatement ps, int start) throws SQLException {
            int i = start;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
        }
    }
}
