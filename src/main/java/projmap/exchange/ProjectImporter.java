package projmap.exchange;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import projmap.auth.AuditLog;
import projmap.http.ApiException;
import projmap.projects.Project;
import projmap.projects.ProjectReader;
import projmap.projects.ProjectStore;
import projmap.store.Database;

/**
 * Imports projects: each record becomes a project through {@link FieldMapping} and
 * {@link ProjectReader} (the same checks as the API), is created when its {@code code} is new and
 * updated when it exists. Every record is checked before anything is written; a dry run stops
 * there and reports, a real run with any rejected record stores nothing (422 with the report), and
 * otherwise writes all records in one transaction. Thread-safe.
 */
public final class ProjectImporter {
    private final Database db;
    private final ProjectStore store;
    private final AuditLog audit;

    public ProjectImporter(Database db, ProjectStore store) {
        this.db = db;
        this.store = store;
        this.audit = new AuditLog(db);
    }

    private record Row(int row, Project project, String extra) {
    }

    public ImportReport run(SourceData data, ImportOptions options, ImportLimits limits, ImportProgress progress) {
        Rows.checkCount(data, limits);
        CrsChoice crs = CrsChoice.decide(data, options);
        FieldMapping mapping = new FieldMapping(options.mapping());
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        java.util.Set<String> otherColumns = new java.util.LinkedHashSet<>();
        int n = 0;
        for (SourceFeature f : data.features()) {
            progress.report("check", ++n, data.features().size());
            try {
                Geometry g = Rows.geometry(f, crs, data.format() == ExchangeFormat.SHAPEFILE);
                FieldMapping.Mapped m = mapping.project(f.attributes());
                Project p = ProjectReader.read(m.properties(), g);
                Integer earlier = seen.putIfAbsent(p.code(), f.row());
                if (earlier != null) {
                    throw new IllegalArgumentException("code: duplicate code '" + p.code() + "' (also in row " + earlier + ")");
                }
                otherColumns.addAll(m.extra().keySet());
                rows.add(new Row(f.row(), p, m.extra().isEmpty() ? null : FieldMapping.json(m.extra())));
            } catch (IllegalArgumentException | ApiException e) {
                rejected.add(Rows.reject(f.row(), e.getMessage()));
            }
        }
        if (!options.dryRun() && !rejected.isEmpty()) {
            int[] counts = count(rows);
            throw new ImportRejectedException(report(data, crs, options, counts[0], counts[1], rejected, otherColumns));
        }
        if (options.dryRun()) {
            int[] counts = count(rows);
            return report(data, crs, options, counts[0], counts[1], rejected, otherColumns);
        }
        int[] counts = db.inTransaction(c -> {
            List<Project> fresh = new ArrayList<>();
            int updated = 0;
            int done = 0;
            for (Row r : rows) {
                Optional<Project> existing = store.findByCode(c, r.project().code());
                if (existing.isPresent()) {
                    Optional<Project> after = store.update(c, existing.get().id(), existing.get().version(), r.project(),
                            options.user());
                    if (after.isPresent()) {
                        audit.record(c, options.user(), options.address(), "project.import", "project",
                                String.valueOf(existing.get().id()), json(existing.get()), json(after.get()));
                    }
                    updated++;
                } else {
                    fresh.add(r.project());
                }
                progress.report("store", ++done, rows.size() * 2L);
            }
            if (!fresh.isEmpty()) {
                for (Project p : store.insert(c, fresh, options.user())) {
                    audit.record(c, options.user(), options.address(), "project.import", "project", String.valueOf(p.id()),
                            null, json(p));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE projects SET extra_attributes = "
                    + db.dialect().jsonParam() + " WHERE code = ?")) {
                for (Row r : rows) {
                    ps.setString(1, r.extra());
                    ps.setString(2, r.project().code());
                    ps.addBatch();
                    progress.report("store", ++done, rows.size() * 2L);
                }
                ps.executeBatch();
            }
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("file", options.file());
            entry.put("format", data.format().title());
            entry.put("crs", crs.why());
            entry.put("created", fresh.size());
            entry.put("updated", updated);
            audit.record(c, options.user(), options.address(), "projects.import", "import", options.file(), null,
                    FieldMapping.json(entry));
            return new int[] {fresh.size(), updated};
        });
        return report(data, crs, options, counts[0], counts[1], rejected, otherColumns);
    }

    private static String json(Project p) {
        return new String(projmap.projects.ProjectGeoJson.feature(p), java.nio.charset.StandardCharsets.UTF_8);
    }

    private int[] count(List<Row> rows) {
        return db.read(c -> {
            int created = 0;
            int updated = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM projects WHERE code = ?")) {
                for (Row r : rows) {
                    ps.setString(1, r.project().code());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            updated++;
                        } else {
                            created++;
                        }
                    }
                }
            }
            return new int[] {created, updated};
        });
    }

    private static ImportReport report(SourceData data, CrsChoice crs, ImportOptions options, int created, int updated,
                                       List<ImportReport.Rejection> rejected, java.util.Set<String> otherColumns) {
        return new ImportReport(options.dryRun(), data.format().title(), crs.why(), data.encoding(), created, updated,
                List.copyOf(rejected), null, null, List.copyOf(otherColumns), data.sheet(), data.sheets());
    }
}
