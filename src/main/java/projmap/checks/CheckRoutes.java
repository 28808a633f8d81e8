package projmap.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import projmap.checks.Verdicts.Overall;
import projmap.http.ApiException;
import projmap.http.Params;
import projmap.projects.Category;
import projmap.projects.Project;
import projmap.zones.ZoneKind;

/**
 * Site checking over HTTP: {@code POST /api/checks}, {@code GET /api/projects/{id}/check[.html]},
 * {@code GET /api/checks/summary}, {@code GET /api/checks/changes}. Handlers parse, call the
 * {@link CheckService}, write.
 */
public final class CheckRoutes {
    private static final String JSON = "application/json; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private final CheckService service;

    public CheckRoutes(CheckService service) {
        this.service = service;
    }

    /** {@code POST /api/checks?category=&crs=&repair=&lang=}: a report on the site in the body; nothing is stored. */
    public void check(Context ctx) {
        JsonNode body;
        try {
            byte[] bytes = ctx.bodyAsBytes();
            body = bytes.length == 0 ? null : service.json.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "the request body is not valid JSON: " + e.getOriginalMessage(),
                    Map.of("where", e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SiteReport report = service.checkSite(body, ctx.queryParam("category"), ctx.queryParam("crs"), flag(ctx, "repair"));
        if (wantsHtml(ctx)) {
            ctx.contentType(HTML).result(ReportPage.render(report, null, lang(ctx)));
        } else {
            ctx.json(report);
        }
    }

    /** {@code GET /api/projects/{id}/check}: the project's current report (JSON, or HTML when asked). */
    public void project(Context ctx) {
        long id = Params.id(ctx, "id");
        if (wantsHtml(ctx)) {
            projectHtml(ctx);
            return;
        }
        String report = service.projectReport(id).orElseThrow(() -> ApiException.notFound("project", id));
        ctx.contentType(JSON).result(report);
    }

    /** {@code GET /api/projects/{id}/check.html?lang=}: the printable report. */
    public void projectHtml(Context ctx) {
        long id = Params.id(ctx, "id");
        String lang = lang(ctx);
        SiteReport report = service.projectReportRecord(id).orElseThrow(() -> ApiException.notFound("project", id));
        Project project = service.project(id).orElseThrow(() -> ApiException.notFound("project", id));
        ctx.contentType(HTML).result(ReportPage.render(report, project, lang));
    }

    /** {@code GET /api/checks/summary?verdict=&category=&district=}: every project's verdict and key figures. */
    public void summary(Context ctx) {
        Summaries.Filter filter = new Summaries.Filter(
                Params.codes(ctx, "verdict", Overall::byCode, Arrays.stream(Overall.values()).map(Overall::code).toList()),
                Params.codes(ctx, "category", Category::byCode, Arrays.stream(Category.values()).map(Category::code).toList()),
                java.util.Set.copyOf(Params.list(ctx, "district")));
        var checks = service.refreshAll();
        ctx.json(Summaries.summary(checks, service.layerVersions(), filter, service::factsOf));
    }

    /** {@code GET /api/checks/changes?since=}: which projects' checks changed since then, and how. */
    public void changes(Context ctx) {
        Instant since = since(ctx.queryParam("since"));
        List<CheckStore.Change> changes = service.changesSince(since);
        Map<Long, Project> projects = new LinkedHashMap<>();
        for (CheckStore.Change c : changes) {
            projects.computeIfAbsent(c.projectId(), pid -> service.project(pid).orElse(null));
        }
        Map<String, String[]> restrictionTitles = new LinkedHashMap<>();
        service.zones().layers().stream().filter(l -> l.kind() == ZoneKind.RESTRICTION)
                .forEach(l -> restrictionTitles.put(l.id(), new String[] {l.titleZh(), l.titleEn()}));
        ctx.json(Summaries.changes(since, changes, projects, service.layerVersions(), restrictionTitles));
    }

    private static Instant since(String v) {
        if (v == null || v.isBlank()) {
            throw ApiException.badParameter("since", "required: an ISO-8601 time or date, e.g. 2024-05-01T08:00:00Z or 2024-05-01");
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(v.trim()).atStartOfDay(ZoneOffset.ofHours(8)).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badParameter("since", "expected an ISO-8601 time or date (2024-05-01T08:00:00Z, "
                        + "2024-05-01), got '" + v + "'");
            }
        }
    }

    private static boolean flag(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badParameter(name, "expected true or false, got '" + v + "'");
        };
    }

    private static String lang(Context ctx) {
        String v = ctx.queryParam("lang");
        if (v == null || v.isBlank() || v.startsWith("zh")) {
            return "zh";
        }
        if (v.startsWith("en")) {
            return "en";
        }
        throw ApiException.badParameter("lang", "expected zh or en, got '" + v + "'");
    }

    /** HTML when the client prefers it to JSON (a browser, or {@code Accept: text/html}). */
    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        Function<String, Integer> pos = type -> {
            int i = accept.indexOf(type);
            return i < 0 ? Integer.MAX_VALUE : i;
        };
        return pos.apply("text/html") < Math.min(pos.apply("application/json"), pos.apply("application/geo+json"));
    }
}
