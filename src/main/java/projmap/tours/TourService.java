package projmap.tours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import projmap.auth.FailedAttempts;
import projmap.checks.CheckService;
import projmap.checks.SiteReport;
import projmap.geo.GeoJsonWriter;
import projmap.http.ApiException;
import projmap.projects.Project;
import projmap.projects.ProjectStore;

/**
 * Tours: validation of what planners write, publishing read-only links, and the one document a
 * link opens ({@link #open}). That document is built here field by field from an allow-list, so a
 * link shows the tour's stops and nothing else of the register (no contacts, no other projects, no
 * ids that other endpoints take). Thread-safe.
 */
public final class TourService {
    static final int MAX_STOPS = 100;
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_VALIDITY = Duration.ofDays(366);
    /** Wrong PINs on one link within {@link #PIN_LOCK} that lock it: a 4-digit PIN has 10⁴ values. */
    static final int PIN_ATTEMPTS = 5;
    static final Duration PIN_LOCK = Duration.ofMinutes(15);

    private final TourStore store;
    private final ProjectStore projects;
    private final CheckService checks;
    private final ObjectMapper json;
    private final Clock clock;
    // wrong PINs live in the store, so every instance on one database shares the lock-out
    private final FailedAttempts pinFailures;

    public TourService(TourStore store, ProjectStore projects, CheckService checks, ObjectMapper json,
                       FailedAttempts pinFailures) {
        this.store = store;
        this.projects = projects;
        this.checks = checks;
        this.json = json;
        this.pinFailures = pinFailures;
        this.clock = pinFailures.clock();
    }

    // ---- planner side ------------------------------------------------------------------------

    public List<Tour> list() {
        return store.list();
    }

    public Tour get(long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("tour", id));
    }

    public Tour create(JsonNode body, String user) {
        return store.insert(parse(body), user);
    }

    public Tour update(long id, Integer expectedVersion, JsonNode body) {
        Tour t = parse(body);
        Integer version = expectedVersion;
        if (version == null && body.hasNonNull("version")) {
            version = body.get("version").asInt();
        }
        try {
            return store.update(id, version, t).orElseThrow(() -> ApiException.notFound("tour", id));
        } catch (TourStore.VersionConflictException e) {
            throw new ApiException(412, "version_conflict", "the tour was changed by someone else; reload it",
                    Map.of("currentVersion", e.current().version()));
        }
    }

    /** Reads and checks a tour as the planner sent it; every stop must name an existing project. */
    Tour parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "invalid_body", "a tour is a JSON object", Map.of());
        }
        String title = text(body, "title", 200);
        if (title == null || title.isBlank()) {
            throw ApiException.badParameter("title", "a tour needs a title");
        }
        LocalDate date = null;
        String d = text(body, "date", 10);
        if (d != null) {
            try {
                date = LocalDate.parse(d);
            } catch (RuntimeException e) {
                throw ApiException.badParameter("date", "expected YYYY-MM-DD, got '" + d + "'");
            }
        }
        String audience = text(body, "audience", 200);
        JsonNode stopsNode = body.path("stops");
        if (!stopsNode.isMissingNode() && !stopsNode.isNull() && !stopsNode.isArray()) {
            throw ApiException.badParameter("stops", "expected an array of {projectId, notes}");
        }
        if (stopsNode.size() > MAX_STOPS) {
            throw ApiException.badParameter("stops", "at most " + MAX_STOPS + " stops");
        }
        List<Tour.Stop> stops = new ArrayList<>();
        for (int i = 0; i < stopsNode.size(); i++) {
            JsonNode s = stopsNode.get(i);
            String where = "stops[" + i + "]";
            if (!s.path("projectId").canConvertToLong() || !s.path("projectId").isIntegralNumber()) {
                throw ApiException.badParameter(where + ".projectId", "expected a project id");
            }
            long projectId = s.path("projectId").asLong();
            if (projects.find(projectId).isEmpty()) {
                throw new ApiException(400, "unknown_project", where + ": project " + projectId + " does not exist",
                        Map.of("parameter", where + ".projectId", "projectId", projectId));
            }
            String notes = s.has("notes") ? text(s, "notes", 4000) : text(s, "talkingPoints", 4000);
            stops.add(new Tour.Stop(projectId, notes));
        }
        return new Tour(0, title.strip(), date, audience, stops, 0, null, null, null);
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badParameter(field, "expected text");
        }
        if (v.asText().length() > max) {
            throw ApiException.badParameter(field, "at most " + max + " characters");
        }
        return v.asText();
    }

    /** A published link: the token is returned here once and never stored. */
    public record Published(String url, String token, Instant expiresAt, boolean pinProtected) {
    }

    public Published publish(long id, JsonNode body) {
        get(id);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(DEFAULT_VALIDITY);
        String pin = null;
        if (body != null && body.isObject()) {
            JsonNode e = body.get("expiresAt");
            if (e != null && !e.isNull()) {
                expiresAt = parseInstant(e.asText());
            }
            JsonNode p = body.get("pin");
            if (p != null && !p.isNull()) {
                pin = p.asText();
                if (!pin.matches("[0-9]{4,12}")) {
                    throw ApiException.badParameter("pin", "a PIN is 4 to 12 digits");
                }
            }
        }
        if (!expiresAt.isAfter(now)) {
            throw ApiException.badParameter("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
            throw ApiException.badParameter("expiresAt", "at most " + MAX_VALIDITY.toDays() + " days ahead");
        }
        String token = TourSecrets.newToken();
        store.insertLink(new TourLink(TourSecrets.hashToken(token), id, expiresAt,
                pin == null ? null : TourSecrets.hashPin(pin), now, null));
        return new Published("/tour/" + token, token, expiresAt, pin != null);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            try {
                // a bare date means the end of that day in China (UTC+8)
                return LocalDate.parse(text).plusDays(1).atStartOfDay(java.time.ZoneOffset.ofHours(8)).toInstant();
            } catch (RuntimeException e2) {
                throw ApiException.badParameter("expiresAt", "expected an ISO-8601 instant or date, got '" + text + "'");
            }
        }
    }

    public int revoke(long id) {
        get(id);
        return store.revokeLinks(id);
    }

    // ---- the link ----------------------------------------------------------------------------

    /** What a link is: usable, or gone (410) for a stated reason. Unknown tokens throw 404. */
    public TourLink link(String token) {
        // a malformed token and an unknown one get the same answer, so probing learns nothing
        Optional<TourLink> link = TourSecrets.wellFormed(token) ? store.findLink(TourSecrets.hashToken(token)) : Optional.empty();
        TourLink l = link.orElseThrow(TourService::noSuchLink);
        if (l.revoked()) {
            throw new ApiException(410, "link_revoked", "this tour link has been withdrawn", Map.of());
        }
        if (l.expiredAt(clock.instant())) {
            throw new ApiException(410, "link_expired", "this tour link expired at " + l.expiresAt(),
                    Map.of("expiresAt", l.expiresAt().toString()));
        }
        return l;
    }

    static ApiException noSuchLink() {
        return new ApiException(404, "not_found", "no such tour link", Map.of());
    }

    /** The tour document a link opens, after its PIN when it has one. */
    public Map<String, Object> open(String token, String pin) {
        TourLink link = link(token);
        if (link.pinHash() != null) {
            checkPin(link, pin);
        }
        Tour tour = store.find(link.tourId()).orElseThrow(TourService::noSuchLink);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", tour.title());
        doc.put("date", tour.date());
        doc.put("audience", tour.audience());
        doc.put("expiresAt", link.expiresAt());
        doc.put("version", tour.version());
        doc.put("generatedAt", clock.instant());
        List<Map<String, Object>> stops = new ArrayList<>();
        Envelope extent = new Envelope();
        for (Tour.Stop s : tour.stops()) {
            Optional<Project> p = projects.find(s.projectId());
            if (p.isEmpty()) {
                continue; // deleted since the tour was made
            }
            if (p.get().geometry() != null && !p.get().geometry().isEmpty()) {
                extent.expandToInclude(p.get().geometry().getEnvelopeInternal());
            }
            Map<String, Object> card = card(p.get(), s.notes());
            card.put("n", stops.size() + 1);
            stops.add(card);
        }
        doc.put("bbox", extent.isNull() ? null
                : List.of(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()));
        doc.put("stops", stops);
        return doc;
    }

    private void checkPin(TourLink link, String pin) {
        String subject = "pin:" + link.tokenHash();
        Instant lockedUntil = pinFailures.lockedUntil(subject, PIN_ATTEMPTS, PIN_LOCK);
        if (lockedUntil != null) {
            throw new ApiException(429, "pin_locked", "too many wrong PINs; try again later",
                    Map.of("retryAfter", lockedUntil.toString()));
        }
        if (pin == null || pin.isEmpty()) {
            throw new ApiException(401, "pin_required", "this tour needs its PIN", Map.of());
        }
        if (!TourSecrets.pinMatches(pin, link.pinHash())) {
            pinFailures.add(subject);
            throw new ApiException(401, "pin_wrong", "wrong PIN", Map.of());
        }
        pinFailures.clear(subject);
    }

    /** One stop's card: an allow-list of the project's fields. */
    private Map<String, Object> card(Project p, String notes) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", p.name());
        c.put("category", Map.of("code", p.category().code(), "zh", p.category().zh(), "en", p.category().en()));
        c.put("status", Map.of("code", p.status().code(), "zh", p.status().zh(), "en", p.status().en()));
        c.put("district", p.district());
        c.put("address", p.address());
        c.put("totalInvestment", p.totalInvestment());
        c.put("annualPlanInvestment", p.annualPlanInvestment());
        c.put("completedInvestment", p.completedInvestment());
        c.put("completedShare", share(p.completedInvestment(), p.totalInvestment()));
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put("plannedStart", p.plannedStart());
        dates.put("plannedEnd", p.plannedEnd());
        dates.put("actualStart", p.actualStart());
        dates.put("actualEnd", p.actualEnd());
        c.put("dates", dates);
        c.put("check", verdict(p));
        c.put("notes", notes);
        Geometry g = p.geometry();
        if (g != null && !g.isEmpty()) {
            Point centre = g.getInteriorPoint();
            c.put("center", List.of(centre.getX(), centre.getY()));
            c.put("geometry", geometry(g));
        } else {
            c.put("center", null);
            c.put("geometry", null);
        }
        return c;
    }

    private static Double share(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() <= 0) {
            return null;
        }
        return Math.min(1.0, part.doubleValue() / whole.doubleValue());
    }

    private Map<String, Object> verdict(Project p) {
        if (p.geometry() == null || p.geometry().isEmpty()) {
            return null;
        }
        try {
            Optional<SiteReport> report = checks.projectReportRecord(p.id());
            if (report.isEmpty()) {
                return null;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("overall", report.get().overall());
            v.put("reasons", report.get().reasons().stream().map(r -> Map.of("zh", r.zh(), "en", r.en())).toList());
            return v;
        } catch (ApiException e) {
            return null;
        }
    }

    private JsonNode geometry(Geometry g) {
        try (TokenBuffer buffer = new TokenBuffer(json, false)) {
            GeoJsonWriter.writeGeometry(buffer, g);
            return buffer.asParser(json).readValueAsTree();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
