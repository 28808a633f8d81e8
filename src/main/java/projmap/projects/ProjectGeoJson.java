package projmap.projects;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import projmap.geo.GeoJsonWriter;

/**
 * Projects as GeoJSON Features: the feature {@code id} is the project id, the properties are the
 * register's fields in camelCase (money in 万元, dates ISO-8601, codes for category and status with
 * their Chinese names alongside for clients that do not keep the code lists).
 */
public final class ProjectGeoJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ProjectGeoJson() {
    }

    public static byte[] featureCollection(List<Project> projects) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeNumberField("numberMatched", projects.size());
            g.writeArrayFieldStart("features");
            for (Project p : projects) {
                writeFeature(g, p);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static byte[] feature(Project project) {
        return write(g -> writeFeature(g, project));
    }

    /**
     * One project with the source columns no field took ({@code otherAttributes}, 其他属性: a JSON
     * object as stored by the importer), for the project panel.
     */
    public static byte[] feature(Project project, java.util.Optional<String> otherAttributes) {
        if (otherAttributes.isEmpty()) {
            return feature(project);
        }
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeNumberField("id", project.id());
            g.writeFieldName("geometry");
            GeoJsonWriter.writeGeometry(g, project.geometry());
            g.writeObjectFieldStart("properties");
            writeProperties(g, project);
            g.writeFieldName("otherAttributes");
            g.writeRawValue(otherAttributes.get());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void writeFeature(JsonGenerator g, Project p) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeNumberField("id", p.id());
        g.writeFieldName("geometry");
        GeoJsonWriter.writeGeometry(g, p.geometry());
        g.writeObjectFieldStart("properties");
        writeProperties(g, p);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The properties object's fields (without braces), shared with exports and OGC items. */
    public static void writeProperties(JsonGenerator g, Project p) throws IOException {
        g.writeNumberField("id", p.id());
        g.writeStringField("code", p.code());
        g.writeStringField("name", p.name());
        g.writeStringField("category", p.category().code());
        g.writeStringField("categoryName", p.category().zh());
        g.writeStringField("district", p.district());
        g.writeStringField("address", p.address());
        g.writeStringField("department", p.department());
        g.writeStringField("leader", p.leader());
        g.writeStringField("contactName", p.contactName());
        g.writeStringField("contactPhone", p.contactPhone());
        g.writeStringField("status", p.status().code());
        g.writeStringField("statusName", p.status().zh());
        date(g, "plannedStart", p.plannedStart());
        date(g, "plannedEnd", p.plannedEnd());
        date(g, "actualStart", p.actualStart());
        date(g, "actualEnd", p.actualEnd());
        if (p.planYear() == null) {
            g.writeNullField("planYear");
        } else {
            g.writeNumberField("planYear", p.planYear());
        }
        money(g, "totalInvestment", p.totalInvestment());
        money(g, "annualPlanInvestment", p.annualPlanInvestment());
        money(g, "completedInvestment", p.completedInvestment());
        g.writeStringField("fundingMode", p.fundingMode() == null ? null : p.fundingMode().code());
        g.writeStringField("landStatus", p.landStatus() == null ? null : p.landStatus().code());
        money(g, "landArea", p.landArea());
        g.writeNumberField("version", p.version());
        g.writeStringField("updatedAt", p.updatedAt().toString());
        g.writeStringField("updatedBy", p.updatedBy());
    }

    private static void date(JsonGenerator g, String name, LocalDate d) throws IOException {
        g.writeStringField(name, d == null ? null : d.toString());
    }

    private static void money(JsonGenerator g, String name, BigDecimal v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v.stripTrailingZeros().scale() <= 0 ? v.setScale(0) : v.stripTrailingZeros());
        }
    }
}
