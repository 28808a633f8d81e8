package projmap.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import projmap.projects.Project;
import projmap.zones.ZoneFeature;

/**
 * What an export writes, whatever the format: columns, each with a Chinese header for sheets (its
 * unit in the header: 万元, 亩), a name for GIS formats (≤ 10 ASCII characters, fit for a DBF), and
 * a type; then one row of values and a lon/lat geometry per record. Sheets show code lists by their
 * Chinese names and land area in 亩; GIS formats keep the codes and m², so that both re-import.
 */
record ExportTable(String name, List<Column> columns, List<Object[]> sheetRows, List<Object[]> gisRows,
                   List<Geometry> geometries, int epsg) {

    ExportTable(String name, List<Column> columns, List<Object[]> sheetRows, List<Object[]> gisRows, List<Geometry> geometries) {
        this(name, columns, sheetRows, gisRows, geometries, 4326);
    }

    /** The same table with its geometries in {@code crs} (a projected CRS for GIS files, e.g. EPSG:4547). */
    ExportTable in(projmap.geo.Reprojector.Crs crs) {
        if (crs.lonLat()) {
            return new ExportTable(name, columns, sheetRows, gisRows, geometries, crs.epsg());
        }
        List<Geometry> out = new java.util.ArrayList<>(geometries.size());
        for (Geometry g : geometries) {
            out.add(g == null ? null : CrsChoice.REPROJECTOR.fromLonLat(g, crs));
        }
        return new ExportTable(name, columns, sheetRows, gisRows, out, crs.epsg());
    }

    enum Type { TEXT, INTEGER, NUMBER, DATE }

    /** One column: its Chinese header for sheets, its GIS/DBF name, its type, and whether sheets sum it. */
    record Column(String header, String gisName, Type type, boolean summed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal MU = BigDecimal.valueOf(10000).divide(BigDecimal.valueOf(15), 10, RoundingMode.HALF_UP);

    static ExportTable projects(List<Project> projects) {
        List<Column> cols = List.of(
                new Column("项目编号", "CODE", Type.TEXT, false),
                new Column("项目名称", "NAME", Type.TEXT, false),
                new Column("项目类别", "CATEGORY", Type.TEXT, false),
                new Column("项目状态", "STATUS", Type.TEXT, false),
                new Column("所属区域", "DISTRICT", Type.TEXT, false),
                new Column("建设地点", "ADDRESS", Type.TEXT, false),
                new Column("建设单位", "DEPT", Type.TEXT, false),
                new Column("责任领导", "LEADER", Type.TEXT, false),
                new Column("联系人", "CONTACT", Type.TEXT, false),
                new Column("联系电话", "PHONE", Type.TEXT, false),
                new Column("计划开工时间", "PLAN_START", Type.DATE, false),
                new Column("计划竣工时间", "PLAN_END", Type.DATE, false),
                new Column("实际开工时间", "ACT_START", Type.DATE, false),
                new Column("实际竣工时间", "ACT_END", Type.DATE, false),
                new Column("计划年度", "PLAN_YEAR", Type.INTEGER, false),
                new Column("总投资（万元）", "TOTAL_INV", Type.NUMBER, true),
                new Column("年度计划投资（万元）", "ANNUAL_INV", Type.NUMBER, true),
                new Column("已完成投资（万元）", "DONE_INV", Type.NUMBER, true),
                new Column("资金来源", "FUNDING", Type.TEXT, false),
                new Column("用地手续", "LAND_STAT", Type.TEXT, false),
                new Column("用地面积（亩）", "LAND_AREA", Type.NUMBER, true));
        List<Object[]> sheet = new ArrayList<>();
        List<Object[]> gis = new ArrayList<>();
        List<Geometry> geoms = new ArrayList<>();
        for (Project p : projects) {
            sheet.add(new Object[] {p.code(), p.name(), p.category().zh(), p.status().zh(), p.district(), p.address(),
                    p.department(), p.leader(), p.contactName(), p.contactPhone(), p.plannedStart(), p.plannedEnd(),
                    p.actualStart(), p.actualEnd(), p.planYear(), p.totalInvestment(), p.annualPlanInvestment(),
                    p.completedInvestment(), p.fundingMode() == null ? null : p.fundingMode().zh(),
                    p.landStatus() == null ? null : p.landStatus().zh(),
                    p.landArea() == null ? null : p.landArea().divide(MU, 4, RoundingMode.HALF_UP)});
            gis.add(new Object[] {p.code(), p.name(), p.category().code(), p.status().code(), p.district(), p.address(),
                    p.department(), p.leader(), p.contactName(), p.contactPhone(), p.plannedStart(), p.plannedEnd(),
                    p.actualStart(), p.actualEnd(), p.planYear(), p.totalInvestment(), p.annualPlanInvestment(),
                    p.completedInvestment(), p.fundingMode() == null ? null : p.fundingMode().code(),
                    p.landStatus() == null ? null : p.landStatus().code(), p.landArea()});
            geoms.add(p.geometry());
        }
        return new ExportTable("projects", cols, sheet, gis, geoms);
    }

    /** A layer's features: code, name, then every attribute that occurs, in order of first appearance. */
    static ExportTable zones(String layerId, List<ZoneFeature> features) {
        Set<String> keys = new LinkedHashSet<>();
        List<JsonNode> attrs = new ArrayList<>();
        for (ZoneFeature f : features) {
            JsonNode a;
            try {
                a = f.attributes() == null ? JSON.createObjectNode() : JSON.readTree(f.attributes());
            } catch (IOException e) {
                a = JSON.createObjectNode();
            }
            attrs.add(a);
            a.fieldNames().forEachRemaining(k -> {
                if (!k.equals("code") && !k.equals("name")) {
                    keys.add(k);
                }
            });
        }
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("代码", "CODE", Type.TEXT, false));
        cols.add(new Column("名称", "NAME", Type.TEXT, false));
        Set<String> used = new HashSet<>(List.of("CODE", "NAME"));
        List<String> keyList = new ArrayList<>(keys);
        List<Type> types = new ArrayList<>();
        for (String k : keyList) {
            boolean numeric = true;
            boolean integral = true;
            boolean any = false;
            for (JsonNode a : attrs) {
                JsonNode v = a.get(k);
                if (v != null && !v.isNull()) {
                    any = true;
                    numeric &= v.isNumber();
                    integral &= v.isIntegralNumber();
                }
            }
            Type t = any && numeric ? (integral ? Type.INTEGER : Type.NUMBER) : Type.TEXT;
            types.add(t);
            cols.add(new Column(k, dbfName(k, used), t, false));
        }
        List<Object[]> rows = new ArrayList<>();
        List<Geometry> geoms = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            ZoneFeature f = features.get(i);
            Object[] row = new Object[cols.size()];
            row[0] = f.code();
            row[1] = f.name();
            for (int j = 0; j < keyList.size(); j++) {
                JsonNode v = attrs.get(i).get(keyList.get(j));
                row[j + 2] = v == null || v.isNull() ? null : switch (types.get(j)) {
                    case INTEGER -> v.asLong();
                    case NUMBER -> v.decimalValue();
                    default -> v.isValueNode() ? v.asText() : v.toString();
                };
            }
            rows.add(row);
            geoms.add(f.geometry());
        }
        return new ExportTable(layerId, cols, rows, rows, geoms);
    }

    /**
     * A DBF field name: at most 10 bytes. ASCII names are upper-cased and cut; other names (Chinese
     * headers) become F1, F2 … because a DBF header has no encoding of its own and GDAL, ArcGIS and
     * QGIS disagree on how to read non-ASCII field names.
     */
    static String dbfName(String key, Set<String> used) {
        String base = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(key) && !base.isEmpty() && !base.matches("_+");
        String name = ascii ? base.substring(0, Math.min(10, base.length())) : "F" + (used.size() + 1);
        if (!Character.isLetter(name.charAt(0))) {
            name = ("F" + name).substring(0, Math.min(10, name.length() + 1));
        }
        String candidate = name;
        for (int i = 1; used.contains(candidate); i++) {
            String suffix = "_" + i;
            candidate = name.substring(0, Math.min(name.length(), 10 - suffix.length())) + suffix;
        }
        used.add(candidate);
        return candidate;
    }
}
