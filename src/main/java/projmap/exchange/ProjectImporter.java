package projmap.exchange;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
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

    public ProjectImporter(Database db, ProjectStore store) {
        this.db = db;
        this.store = store;
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
                rows.add(new Row(f.row(), p, m.extra().isEmpty() ? null : FieldMapping.json(m.extra())));
            } catch (IllegalArgumentException | ApiException e) {
                rejected.add(Rows.reject(f.row(), e.getMessage()));
            }
        }
        if (!options.dryRun() && !rejected.isEmpty()) {
            int[] counts = count(rows);
            throw new ImportRejectedException(report(data, crs, options, counts[0], counts[1], rejected));
        }
        if (options.dryRun()) {
            int[] counts = count(rows);
            return report(data, crs, options, counts[0], counts[1], rejected);
        }
        int[] counts = db.inTransaction(c -> {
            List<Project> fresh = new ArrayList<>();
            int updated = 0;
            int done = 0;
            for (Row r : rows) {
                Optional<Project> existing = store.findByCode(c, r.project().code());
                if (existing.isPresent()) {
                    store.update(c, existing.get().id(), existing.get().version(), r.project(), options.user());
                    updated++;
                } else {
                    fresh.add(r.project());
                }
                progress.report("store", ++done, rows.size() * 2L);
            }
            if (!fresh.isEmpty()) {
                store.insert(c, fresh, options.user());
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
            return new int[] {fresh.size(), updated};
        });
        return report(data, crs, options, counts[0], counts[1], rejected);
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
                                       List<ImportReport.Rejection> rejected) {
        return new ImportReport(options.dryRun(), data.format().title(), crs.why(), data.encoding(), created, updated,
                List.copyOf(rejected), null, null);
    }
}
