package projmap.checks;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import projmap.checks.SiteReport.BoundaryResult;
import projmap.checks.SiteReport.ClassOverlap;
import projmap.checks.SiteReport.FeatureOverlap;
import projmap.checks.SiteReport.LayerVersion;
import projmap.checks.SiteReport.Reason;
import projmap.checks.SiteReport.RestrictionResult;
import projmap.checks.SiteReport.ZoningResult;
import projmap.geo.GeoJsonReader;
import projmap.projects.Category;
import projmap.projects.Project;

/**
 * The printable site report: one self-contained HTML page laid out for A4, in Chinese or English —
 * title, date, the site's figures, the verdict and its reasons, the three tables, a map of the site
 * over the planning layers, the provenance (layer versions, tolerance, method, re-run link) and
 * lines for signatures.
 *
 * <p>The map picture is the server's map renderer ({@code GET /api/map.png}); the site outline is
 * drawn over it as SVG from the same bounding box, so the page shows the site's shape even where
 * the picture cannot be had. Every text from the data is HTML-escaped. Stateless; thread-safe.
 */
final class ReportPage {
    static final int MAP_WIDTH = 1000;
    static final int MAP_HEIGHT = 640;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final boolean en;
    private final StringBuilder html = new StringBuilder(16_384);

    private ReportPage(boolean en) {
        this.en = en;
    }

    /** The page of a report; {@code project} is null for an ad-hoc site. */
    static String render(SiteReport r, Project project, String lang) {
        Geometry site;
        try {
            site = new GeoJsonReader().read(new ObjectMapper().readTree(r.site().geometry()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new ReportPage("en".equals(lang)).page(r, site, project);
    }

    private String t(String zh, String english) {
        return en ? english : zh;
    }

    private String page(SiteReport r, Geometry site, Project project) {
        String title = t("建设项目选址核查报告", "Site check report");
        html.append("<!DOCTYPE html>\n<html lang=\"").append(en ? "en" : "zh-CN").append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title + (project == null ? "" : " — " + project.name()))).append("</title>")
                .append("<style>").append(CSS).append("</style></head><body><main>");
        html.append("<header><h1>").append(esc(title)).append("</h1><p class=\"sub\">");
        if (project != null) {
            html.append(esc(project.code())).append(" · ").append(esc(project.name()));
            if (project.district() != null) {
                html.append(" · ").append(esc(project.district()));
            }
            html.append("<br>");
        }
        html.append(t("核查时间：", "Checked: ")).append(esc(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                .format(r.provenance().checkedAt().atZone(CHINA)))).append(" (UTC+8)");
        String lang = en ? "zh" : "en";
        html.append(" · <a class=\"noprint\" href=\"?lang=").append(lang).append("\">").append(en ? "中文" : "English").append("</a>");
        html.append("</p></header>");

        html.append("<section class=\"verdict ").append(r.overall().code()).append("\"><span class=\"badge\">")
                .append(esc(verdict(r.overall().code()))).append("</span><ul>");
        for (Reason reason : r.reasons()) {
            html.append("<li class=\"").append(reason.level().code()).append("\">").append(esc(en ? reason.en() : reason.zh()))
                    .append("</li>");
        }
        html.append("</ul></section>");

        siteTable(r);
        map(r, site);
        boundaries(r.boundaries());
        restrictions(r.restrictions());
        zoning(r.zoning(), r.category());
        provenance(r);
        html.append("<section class=\"sign\"><div>").append(t("核查人", "Checked by")).append("</div><div>")
                .append(t("审核人", "Reviewed by")).append("</div><div>").append(t("日期", "Date")).append("</div></section>");
        html.append("</main></body></html>\n");
        return html.toString();
    }

    private void siteTable(SiteReport r) {
        var s = r.site();
        html.append("<section><h2>").append(t("场地", "Site")).append("</h2><table class=\"kv\">");
        row(t("几何类型", "Geometry"), geometryName(s.geometryType()));
        if (s.areaM2() != null) {
            row(t("面积", "Area"), m2(s.areaM2()) + " m² · " + num(s.areaMu(), 2) + t(" 亩", " mu") + " · "
                    + num(s.areaM2() / 10_000, 2) + t(" 公顷", " ha"));
        }
        if (s.lengthM() != null) {
            row(t("长度", "Length"), num(s.lengthM(), 1) + " m");
        }
        row(t("节点数", "Vertices"), String.valueOf(s.vertices()));
        row(t("坐标系（输入）", "Input CRS"), s.inputCrs() == null ? "EPSG:4326" : s.inputCrs());
        if (r.category() != null) {
            Category c = Category.byCode(r.category()).orElse(null);
            row(t("项目类别", "Category"), c == null ? r.category() : en ? c.en() : c.zh());
        }
        if (s.repaired()) {
            row(t("几何修复", "Repair"), t("已自动修复", "repaired on request"));
        }
        html.append("</table></section>");
    }

    private void map(SiteReport r, Geometry site) {
        Envelope env = mapBox(site.getEnvelopeInternal());
        String layers = String.join(",", r.provenance().layers().stream().map(LayerVersion::id).toList());
        String src = String.format(Locale.ROOT, "/api/map.png?bbox=%.6f,%.6f,%.6f,%.6f&width=%d&height=%d&layers=%s",
                env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY(), MAP_WIDTH, MAP_HEIGHT, layers);
        html.append("<section class=\"map\"><h2>").append(t("位置图", "Map")).append("</h2><figure><div class=\"frame\">")
                .append("<img src=\"").append(esc(src)).append("\" width=\"").append(MAP_WIDTH).append("\" height=\"")
                .append(MAP_HEIGHT).append("\" alt=\"").append(t("场地与规划图层", "The site over the planning layers"))
                .append("\" onerror=\"this.style.visibility='hidden'\">")
                .append("<svg viewBox=\"0 0 ").append(MAP_WIDTH).append(' ').append(MAP_HEIGHT)
                .append("\" preserveAspectRatio=\"none\">");
        svg(site, env);
        html.append("</svg></div><figcaption>").append(t("红线为核查场地；底图为规划图层（", "Red: the site checked; beneath: the planning layers ("))
                .append(esc(layers)).append(")").append(t("", "")).append("</figcaption></figure></section>");
    }

    /** The site's box with a margin, widened to the picture's proportions (in ground metres). */
    static Envelope mapBox(Envelope site) {
        double cos = Math.cos(Math.toRadians(site.centre().y));
        double w = Math.max(site.getWidth() * cos, 0.002) * 1.4;   // ≥ ~220 m across
        double h = Math.max(site.getHeight(), 0.002) * 1.4;
        double aspect = (double) MAP_WIDTH / MAP_HEIGHT;
        if (w / h > aspect) {
            h = w / aspect;
        } else {
            w = h * aspect;
        }
        Coordinate c = site.centre();
        return new Envelope(c.x - w / cos / 2, c.x + w / cos / 2, c.y - h / 2, c.y + h / 2);
    }

    private void svg(Geometry g, Envelope env) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                html.append("<path class=\"site\" fill-rule=\"evenodd\" d=\"");
                path(p.getExteriorRing(), env, true);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    path(p.getInteriorRingN(h), env, true);
                }
                html.append("\"/>");
            } else if (part instanceof LineString l) {
                html.append("<path class=\"site line\" d=\"");
                path(l, env, false);
                html.append("\"/>");
            } else if (part instanceof Point pt) {
                html.append(String.format(Locale.ROOT, "<circle class=\"site\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\"/>",
                        x(pt.getX(), env), y(pt.getY(), env)));
            }
        }
    }

    private void path(LineString line, Envelope env, boolean close) {
        Coordinate[] cs = line.getCoordinates();
        for (int i = 0; i < cs.length; i++) {
            html.append(i == 0 ? 'M' : 'L').append(String.format(Locale.ROOT, "%.1f %.1f ", x(cs[i].x, env), y(cs[i].y, env)));
        }
        if (close) {
            html.append('Z');
        }
    }

    private static double x(double lon, Envelope env) {
        return (lon - env.getMinX()) / env.getWidth() * MAP_WIDTH;
    }

    private static double y(double lat, Envelope env) {
        return (env.getMaxY() - lat) / env.getHeight() * MAP_HEIGHT;
    }

    private void boundaries(List<BoundaryResult> list) {
        html.append("<section><h2>").append(t("规划边界", "Planning boundaries")).append("</h2>");
        if (list.isEmpty()) {
            html.append("<p>").append(t("无边界图层", "No boundary layer")).append("</p></section>");
            return;
        }
        html.append("<table><thead><tr><th>").append(t("图层", "Layer")).append("</th><th>").append(t("区内比例", "Inside"))
                .append("</th><th>").append(t("区内面积/长度", "Inside area/length")).append("</th><th>")
                .append(t("结论", "Verdict")).append("</th><th>").append(t("距边界", "Distance")).append("</th></tr></thead><tbody>");
        for (BoundaryResult b : list) {
            html.append("<tr><td>").append(esc(en ? b.titleEn() : b.title())).append("</td><td class=\"n\">")
                    .append(SiteChecker.pct(b.insideShare())).append("</td><td class=\"n\">")
                    .append(b.insideAreaM2() != null ? m2(b.insideAreaM2()) + " m²" : b.insideLengthM() != null
                            ? num(b.insideLengthM(), 1) + " m" : "—")
                    .append("</td><td class=\"").append(b.verdict().code()).append("\">").append(esc(word(b.verdict().code())))
                    .append("</td><td class=\"n\">").append(b.distanceM() == null ? "—" : SiteChecker.dist(b.distanceM()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table></section>");
    }

    private void restrictions(List<RestrictionResult> list) {
        html.append("<section><h2>").append(t("限制性用地", "Restricted land")).append("</h2>");
        if (list.isEmpty()) {
            html.append("<p>").append(t("无限制性图层", "No restriction layer")).append("</p></section>");
            return;
        }
        for (RestrictionResult r : list) {
            html.append("<h3>").append(esc(en ? r.titleEn() : r.title())).append(" — <span class=\"")
                    .append(r.verdict().code()).append("\">").append(esc(word(r.verdict().code()))).append("</span></h3>");
            html.append("<p>").append(t("占用：", "Overlap: "));
            if (r.overlapAreaM2() != null) {
                html.append(m2(r.overlapAreaM2())).append(" m² · ").append(num(r.overlapAreaMu(), 2)).append(t(" 亩", " mu"));
            } else if (r.overlapLengthM() != null) {
                html.append(num(r.overlapLengthM(), 1)).append(" m");
            } else {
                html.append(r.featureCount() > 0 ? t("点位于图斑内", "the point lies inside") : "—");
            }
            html.append(" · ").append(r.featureCount()).append(t(" 个图斑", r.featureCount() == 1 ? " patch" : " patches"))
                    .append("</p>");
            if (!r.features().isEmpty()) {
                html.append("<table><thead><tr><th>ID</th><th>").append(t("编号", "Code")).append("</th><th>")
                        .append(t("名称", "Name")).append("</th><th>").append(t("占用", "Overlap")).append("</th></tr></thead><tbody>");
                int shown = 0;
                for (FeatureOverlap f : r.features()) {
                    if (shown++ == 30) {
                        html.append("<tr><td colspan=\"4\">… ").append(r.featureCount() - 30).append(t(" 个图斑未列出（见 JSON 报告）",
                                " more patches (see the JSON report)")).append("</td></tr>");
                        break;
                    }
                    html.append("<tr><td>").append(f.id()).append("</td><td>").append(esc(f.code())).append("</td><td>")
                            .append(esc(f.name())).append("</td><td class=\"n\">")
                            .append(f.overlapAreaM2() != null ? m2(f.overlapAreaM2()) + " m²"
                                    : f.overlapLengthM() != null ? num(f.overlapLengthM(), 1) + " m" : "—")
                            .append("</td></tr>");
                }
                html.append("</tbody></table>");
            }
        }
        html.append("</section>");
    }

    private void zoning(List<ZoningResult> list, String category) {
        html.append("<section><h2>").append(t("用地规划", "Land-use zoning")).append("</h2>");
        if (list.isEmpty()) {
            html.append("<p>").append(t("无用地规划图层", "No zoning layer")).append("</p></section>");
            return;
        }
        for (ZoningResult z : list) {
            html.append("<h3>").append(esc(en ? z.titleEn() : z.title())).append("</h3><table><thead><tr><th>")
                    .append(t("用地代码", "Code")).append("</th><th>").append(t("用地名称", "Class")).append("</th><th>")
                    .append(t("面积/长度", "Area/length")).append("</th><th>").append(t("比例", "Share")).append("</th><th>")
                    .append(t("地块数", "Parcels")).append("</th><th>").append(t("兼容性", "Compatibility"))
                    .append("</th></tr></thead><tbody>");
            for (ClassOverlap c : z.classes()) {
                String name = en ? (c.nameEn() != null ? c.nameEn() : c.name()) : (c.name() != null ? c.name() : c.nameEn());
                html.append("<tr><td>").append(esc(c.code())).append("</td><td>").append(esc(name)).append("</td><td class=\"n\">")
                        .append(c.overlapAreaM2() != null ? m2(c.overlapAreaM2()) + " m²"
                                : c.overlapLengthM() != null ? num(c.overlapLengthM(), 1) + " m" : "—")
                        .append("</td><td class=\"n\">").append(SiteChecker.pct(c.share())).append("</td><td class=\"n\">")
                        .append(c.parcels()).append("</td><td class=\"")
                        .append(c.compatibility() == null ? "" : c.compatibility().code()).append("\">")
                        .append(c.compatibility() == null ? t("未判定（无项目类别）", "not judged (no category)")
                                : esc(word(c.compatibility().code())))
                        .append("</td></tr>");
            }
            html.append("</tbody></table><p class=\"note\">").append(t("规划覆盖场地比例：", "Share of the site zoned: "))
                    .append(SiteChecker.pct(z.coveredShare())).append("</p>");
        }
        html.append("</section>");
    }

    private void provenance(SiteReport r) {
        var p = r.provenance();
        html.append("<section class=\"prov\"><h2>").append(t("数据与方法（可复核）", "Data and method (reproducible)"))
                .append("</h2><table><thead><tr><th>").append(t("图层", "Layer")).append("</th><th>").append(t("类型", "Kind"))
                .append("</th><th>").append(t("要素数", "Features")).append("</th><th>").append(t("版本（内容哈希 SHA-256）", "Version (content SHA-256)"))
                .append("</th><th>").append(t("更新时间", "Updated")).append("</th></tr></thead><tbody>");
        for (LayerVersion l : p.layers()) {
            html.append("<tr><td>").append(esc(l.id())).append("</td><td>").append(esc(l.kind())).append("</td><td class=\"n\">")
                    .append(l.features()).append("</td><td class=\"hash\">").append(esc(l.contentHash())).append("</td><td>")
                    .append(l.updatedAt() == null ? "" : esc(DateTimeFormatter.ISO_LOCAL_DATE_TIME
                            .format(l.updatedAt().atZone(CHINA).withNano(0))))
                    .append("</td></tr>");
        }
        html.append("</tbody></table><p class=\"note\">").append(t("方法：", "Method: ")).append(esc(p.method()))
                .append("<br>").append(t("容差：", "Tolerance: ")).append(num(p.toleranceM2(), 1)).append(" m² / ")
                .append(num(p.toleranceM(), 1)).append(" m · ").append(t("不兼容比例上限：", "incompatible share limit: "))
                .append(SiteChecker.pct(p.incompatibleShareLimit())).append("<br>")
                .append(t("兼容性矩阵：", "Compatibility matrix: ")).append(esc(p.compatibilityMatrix())).append("<br>")
                .append(t("复核：", "Re-run: "));
        if ("GET".equals(p.rerun().method())) {
            html.append("<a href=\"").append(esc(p.rerun().href())).append("\">GET ").append(esc(p.rerun().href())).append("</a>");
        } else {
            html.append("POST ").append(esc(p.rerun().href())).append(t("，请求体：", " with the body:"))
                    .append("<code class=\"body\">").append(esc(abbreviate(p.rerun().body(), 4000))).append("</code>");
        }
        html.append("</p></section>");
    }

    private static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + " …";
    }

    private void row(String k, String v) {
        html.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private String verdict(String code) {
        return switch (code) {
            case "pass" -> t("通过", "PASS");
            case "warn" -> t("需关注", "WARN");
            default -> t("不通过", "FAIL");
        };
    }

    private String word(String code) {
        return switch (code) {
            case "inside" -> t("区内", "inside");
            case "partial" -> t("部分在区内", "partly inside");
            case "outside" -> t("区外", "outside");
            case "conflict" -> t("冲突", "conflict");
            case "clear" -> t("无冲突", "clear");
            case "compatible" -> t("兼容", "compatible");
            case "conditional" -> t("有条件兼容", "conditional");
            case "incompatible" -> t("不兼容", "incompatible");
            default -> code;
        };
    }

    private String geometryName(String type) {
        if (!en) {
            return switch (type) {
                case "Polygon" -> "面 (Polygon)";
                case "MultiPolygon" -> "多面 (MultiPolygon)";
                case "LineString" -> "线 (LineString)";
                case "MultiLineString" -> "多线 (MultiLineString)";
                case "Point" -> "点 (Point)";
                case "MultiPoint" -> "多点 (MultiPoint)";
                default -> type;
            };
        }
        return type;
    }

    private static String m2(Double v) {
        return String.format(Locale.ROOT, "%,.1f", v == null ? 0 : v);
    }

    private static String num(Double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v == null ? 0 : v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            @page { size: A4; margin: 14mm 12mm; }
            * { box-sizing: border-box; }
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
                   font-size: 10.5pt; color: #111; margin: 0; background: #eee; }
            main { max-width: 210mm; margin: 0 auto; padding: 12mm; background: #fff; }
            header h1 { font-size: 18pt; margin: 0 0 2mm; }
            .sub { color: #444; margin: 0 0 4mm; }
            h2 { font-size: 12.5pt; border-bottom: 1.5px solid #333; padding-bottom: 1mm; margin: 5mm 0 2mm; }
            h3 { font-size: 11pt; margin: 3mm 0 1mm; }
            table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
            th, td { border: 0.5pt solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
            thead th { background: #f0f0f0; }
            table.kv th { width: 32%; background: #f7f7f7; font-weight: normal; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.hash { font-family: monospace; font-size: 7.5pt; word-break: break-all; }
            .verdict { border: 2px solid; padding: 3mm; display: flex; gap: 4mm; align-items: flex-start; }
            .verdict ul { margin: 0; padding-left: 5mm; }
            .badge { font-size: 16pt; font-weight: bold; padding: 1mm 4mm; color: #fff; white-space: nowrap; }
            .verdict.pass { border-color: #2e7d32; } .verdict.pass .badge { background: #2e7d32; }
            .verdict.warn { border-color: #ef8f00; } .verdict.warn .badge { background: #ef8f00; }
            .verdict.fail { border-color: #c62828; } .verdict.fail .badge { background: #c62828; }
            li.info { color: #444; }
            .conflict, .incompatible, .outside { color: #c62828; font-weight: bold; }
            .conditional, .partial { color: #b26a00; font-weight: bold; }
            .clear, .compatible, .inside { color: #2e7d32; }
            .map .frame { position: relative; width: 100%; aspect-ratio: 1000 / 640; border: 0.5pt solid #999;
                          background: #fafafa; }
            .map img, .map svg { position: absolute; inset: 0; width: 100%; height: 100%; }
            .map .site { fill: rgba(220, 0, 0, 0.12); stroke: #d00000; stroke-width: 3; vector-effect: non-scaling-stroke; }
            .map .site.line { fill: none; }
            figure { margin: 0; } figcaption { font-size: 8.5pt; color: #555; margin-top: 1mm; }
            .note { font-size: 8.5pt; color: #444; }
            code.body { display: block; font-size: 7pt; word-break: break-all; white-space: pre-wrap; }
            .sign { display: flex; gap: 8mm; margin-top: 10mm; }
            .sign div { flex: 1; border-top: 0.5pt solid #333; padding-top: 1mm; font-size: 9pt; }
            section { break-inside: avoid-page; }
            .prov { break-inside: auto; }
            @media print { body { background: #fff; } main { padding: 0; max-width: none; } .noprint { display: none; }
                           thead { display: table-header-group; } tr { break-inside: avoid; } }
            """;
}
