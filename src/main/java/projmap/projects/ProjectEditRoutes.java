package projmap.projects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import projmap.auth.AccessControl;
import projmap.auth.AuditLog;
import projmap.geo.GeoJsonReader;
import projmap.geo.GeometryValidator;
import projmap.http.ApiException;
import projmap.http.Params;
import projmap.store.StoreException;

/**
 * The write side of the project register over HTTP: create, replace, delete, and each project's
 * history from the audit log.
 *
 * <p>Every change goes through {@link ProjectStore} (so that the stores' change hooks fire) with
 * its audit entry written in the same transaction. Replacing and deleting need the {@code ETag}
 * the editor read in {@code If-Match}: without one 428, with a stale one 412 and the current
 * state in the body, so that the client can show what changed instead of overwriting it. Editors
 * may touch only their departments' projects, before and after the change.
 */
public final class ProjectEditRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields that change with every edit and say nothing about what was changed. */
    private static final Set<String> BOOKKEEPING = Set.of("version", "updatedAt", "updatedBy");

    private final ProjectStore store;
    private final AuditLog audit;

    public ProjectEditRoutes(ProjectStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** {@code POST /api/projects}: a GeoJSON Feature → 201 with the stored Feature and its ETag. */
    public void create(Context ctx) {
        Project fields = readFeature(ctx);
        AccessControl.requireDepartment(ctx, fields.department());
        if (store.findByCode(fields.code()).isPresent()) {
            throw duplicateCode(fields.code());
        }
        String actor = AccessControl.actor(ctx);
        String address = AccessControl.address(ctx);
        Project stored;
        try {
            stored = store.insert(fields, actor, (c, before, after) -> audit.record(c, actor, address,
                    "project.create", "project", String.valueOf(after.id()), null, json(after)));
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                throw duplicateCode(fields.code());
            }
            throw e;
        }
        ctx.status(201).header("ETag", stored.etag()).header("Location", "/api/projects/" + stored.id());
        ctx.contentType(ProjectRoutes.GEOJSON).result(ProjectGeoJson.feature(stored));
    }

    /** {@code PUT /api/projects/{id}} with {@code If-Match}: replaces fields and geometry. */
    public void update(Context ctx) {
        long id = Params.id(ctx, "id");
        int version = expectedVersion(ctx, id);
        Project current = store.find(id).orElseThrow(() -> ApiException.notFound("project", id));
        AccessControl.requireDepartment(ctx, current.department());
        Project fields = readFeature(ctx);
        AccessControl.requireDepartment(ctx, fields.department());
        if (!fields.code().equals(current.code())) {
            Optional<Project> other = store.findByCode(fields.code());
            if (other.isPresent() && other.get().id() != id) {
                throw duplicateCode(fields.code());
            }
        }
        String actor = AccessControl.actor(ctx);
        String address = AccessControl.address(ctx);
        Project updated;
        try {
            updated = store.update(id, version, fields, actor, (c, before, after) -> {
                // the department is checked again on the locked row: it may have moved since the read above
                if (!AccessControl.required(ctx).user().mayEdit(before.department())) {
                    throw new ApiException(403, "not_your_department", "the project has moved to another department",
                            Map.of("department", String.valueOf(before.department())));
                }
                audit.record(c, actor, address, "project.update", "project", String.valueOf(id), json(before), json(after));
            }).orElseThrow(() -> ApiException.notFound("project", id));
        } catch (ProjectStore.VersionConflictException e) {
            throw conflict(e.current());
        } catch (StoreException e) {
            if (isUniqueViolation(e)) {
                throw duplicateCode(fields.code());
            }
            throw e;
        }
        ctx.header("ETag", updated.etag());
        ctx.contentType(ProjectRoutes.GEOJSON).result(ProjectGeoJson.feature(updated));
    }

    /** {@code DELETE /api/projects/{id}} with {@code If-Match} → 204. */
    public void delete(Context ctx) {
        long id = Params.id(ctx, "id");
        int version = expectedVersion(ctx, id);
        Project current = store.find(id).orElseThrow(() -> ApiException.notFound("project", id));
        AccessControl.requireDepartment(ctx, current.department());
        String actor = AccessControl.actor(ctx);
        String address = AccessControl.address(ctx);
        boolean deleted;
        try {
            deleted = store.delete(id, version, (c, before, after) -> {
                if (!AccessControl.required(ctx).user().mayEdit(before.department())) {
                    throw new ApiException(403, "not_your_department", "the project has moved to another department",
                            Map.of("department", String.valueOf(before.department())));
                }
                audit.record(c, actor, address, "project.delete", "project", String.valueOf(id), json(before), null);
            });
        } catch (ProjectStore.VersionConflictException e) {
            throw conflict(e.current());
        }
        if (!deleted) {
            throw ApiException.notFound("project", id);
        }
        ctx.status(204);
    }

    /**
     * {@code GET /api/projects/{id}/history}: the audit trail of one project, oldest first, each
     * entry with who, when, what and the changed fields (also after the project was deleted).
     */
    public void history(Context ctx) {
        long id = Params.id(ctx, "id");
        List<AuditLog.Entry> entries = audit.of("project", String.valueOf(id));
        if (entries.isEmpty() && store.find(id).isEmpty()) {
            throw ApiException.notFound("project", id);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (AuditLog.Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.id());
            row.put("at", e.at().toString());
            row.put("actor", e.actor());
            row.put("action", e.action());
            row.put("version", e.after() == null ? null : e.after().path("properties").path("version").asInt());
            row.put("changes", changes(e.before(), e.after()));
            row.put("before", e.before());
            row.put("after", e.after());
            out.add(row);
        }
        ctx.json(Map.of("projectId", id, "entries", out));
    }

    /** The fields that differ between two Features (properties and the geometry), bookkeeping left out. */
    static List<Map<String, Object>> changes(JsonNode before, JsonNode after) {
        JsonNode bp = before == null ? JSON.createObjectNode() : before.path("properties");
        JsonNode ap = after == null ? JSON.createObjectNode() : after.path("properties");
        Set<String> names = new LinkedHashSet<>();
        bp.fieldNames().forEachRemaining(names::add);
        ap.fieldNames().forEachRemaining(names::add);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names) {
            if (BOOKKEEPING.contains(name)) {
                continue;
            }
            JsonNode b = bp.get(name);
            JsonNode a = ap.get(name);
            if (!equal(b, a)) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("field", name);
                change.put("before", b);
                change.put("after", a);
                out.add(change);
            }
        }
        JsonNode bg = before == null ? null : before.get("geometry");
        JsonNode ag = after == null ? null : after.get("geometry");
        if (!equal(bg, ag)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("field", "geometry");
            change.put("before", bg);
            change.put("after", ag);
            out.add(change);
        }
        return out;
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            return aNull == bNull;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** The version named by {@code If-Match}; 428 without one, 412 when it names another project. */
    private int expectedVersion(Context ctx, long id) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            throw new ApiException(428, "precondition_required", "send the project's ETag in If-Match (from GET /api/projects/"
                    + id + "), so that an edit never overwrites one you have not seen", Map.of("header", "If-Match"));
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        String prefix = "\"" + id + "-";
        if (tag.startsWith(prefix) && tag.endsWith("\"") && tag.length() > prefix.length() + 1) {
            try {
                return Integer.parseInt(tag.substring(prefix.length(), tag.length() - 1));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        Project current = store.find(id).orElseThrow(() -> ApiException.notFound("project", id));
        throw conflict(current);
    }

    private static ApiException conflict(Project current) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("currentVersion", current.version());
        details.put("etag", current.etag());
        details.put("updatedBy", current.updatedBy());
        details.put("updatedAt", current.updatedAt().toString());
        details.put("current", parse(ProjectGeoJson.feature(current)));
        return new ApiException(412, "version_conflict", "the project was changed by " + current.updatedBy()
                + " (now version " + current.version() + ") since you read it; review the current state and edit again",
                details);
    }

    private static ApiException duplicateCode(String code) {
        return new ApiException(409, "duplicate_code", "code: a project with code '" + code + "' exists already",
                Map.of("field", "code", "value", code));
    }

    private static boolean isUniqueViolation(StoreException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The request body as a project: a GeoJSON Feature with properties, geometry validated. */
    private static Project readFeature(Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the request body is not valid JSON", Map.of());
        }
        if (body == null || !body.isObject() || !"Feature".equals(body.path("type").asText())) {
            throw new ApiException(400, "invalid_body", "a GeoJSON Feature with 'properties' and 'geometry' is expected",
                    Map.of());
        }
        JsonNode properties = body.path("properties");
        if (!properties.isObject()) {
            throw new ApiException(400, "invalid_body", "properties: an object is expected", Map.of("field", "properties"));
        }
        Geometry geometry = null;
        JsonNode g = body.get("geometry");
        if (g != null && !g.isNull()) {
            geometry = new GeoJsonReader().readGeometry(g, "geometry");
            GeometryValidator.check(geometry);
            geometry.setSRID(4326);
        }
        Project p = ProjectReader.read(properties, geometry);
        ProjectReader.checkConsistent(p);
        return p;
    }

    private static String json(Project p) {
        return new String(ProjectGeoJson.feature(p), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
