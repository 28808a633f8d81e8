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
import java.util.Collections;
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
import projmap.maps.LayerCatalogue;
import projmap.progress.PhotoProcessor;
import projmap.progress.PhotoStore;
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
    /** Photos a planner may choose for one stop's card. */
    static final int MAX_CHOSEN_PHOTOS = 12;
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_VALIDITY = Duration.ofDays(366);
    /** Wrong PINs on one link within {@link #PIN_LOCK} that lock it: a 4-digit PIN has 10⁴ values. */
    static final int PIN_ATTEMPTS = 5;
    static final Duration PIN_LOCK = Duration.ofMinutes(15);

    private final TourStore store;
    private final TourNoteStore notes;
    private final ProjectStore projects;
    private final CheckService checks;
    private final PhotoStore photos;
    private final LayerCatalogue catalogue;
    private final TourSettings settings;
    private final RoadNetworks roads;
    private final Optional<Basemap> basemap;
    private final ObjectMapper json;
    private final Clock clock;
    // wrong PINs live in the store, so every instance on one database shares the lock-out
    private final FailedAttempts pinFailures;

    /** The configured basemap (PROJMAP_BASEMAP): a URL template and its attribution. */
    public record Basemap(String url, String attribution) {
    }

    public TourService(TourStore store, TourNoteStore notes, ProjectStore projects, CheckService checks,
                       PhotoStore photos, LayerCatalogue catalogue, TourSettings settings, RoadNetworks roads,
                       Optional<Basemap> basemap, ObjectMapper json, FailedAttempts pinFailures) {
        this.store = store;
        this.notes = notes;
        this.projects = projects;
        this.checks = checks;
        this.photos = photos;
        this.catalogue = catalogue;
        this.settings = settings;
        this.roads = roads;
        this.basemap = basemap;
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

    public Tour create(JsonNode body, TourStore.Actor actor) {
        return store.insert(parse(body), actor);
    }

    public void delete(long id, TourStore.Actor actor) {
        if (!store.delete(id, actor)) {
            throw ApiException.notFound("tour", id);
        }
    }

    /** The notes taken on the tablets of a tour's links, for its planners. */
    public List<TourNoteStore.Note> notes(long id) {
        get(id);
        return notes.ofTour(id);
    }

    /** The route between a tour's stops (legs, distances, travel times), for the planner's map. */
    public Map<String, Object> route(long id) {
        List<double[]> centres = new ArrayList<>();
        for (Tour.Stop s : get(id).stops()) {
            centres.add(projects.find(s.projectId()).map(Project::geometry).filter(g -> g != null && !g.isEmpty())
                    .map(g -> new double[] {g.getInteriorPoint().getX(), g.getInteriorPoint().getY()}).orElse(null));
        }
        return TourRoute.of(centres, settings, roads.current());
    }

    public Tour update(long id, Integer expectedVersion, JsonNode body, TourStore.Actor actor) {
        Tour t = parse(body);
        Integer version = expectedVersion;
        if (version == null && body.hasNonNull("version")) {
            version = body.get("version").asInt();
        }
        try {
            return store.update(id, version, t, actor).orElseThrow(() -> ApiException.notFound("tour", id));
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
            Project project = projects.find(projectId).orElseThrow(() -> new ApiException(400, "unknown_project",
                    where + ": project " + projectId + " does not exist",
                    Map.of("parameter", where + ".projectId", "projectId", projectId)));
            String notes = s.has("notes") ? text(s, "notes", 4000) : text(s, "talkingPoints", 4000);
            stops.add(new Tour.Stop(projectId, notes, chosenPhotos(s.path("photoIds"), where, i + 1, project)));
        }
        return new Tour(0, title.strip(), date, audience, stops, 0, null, null, null);
    }

    /**
     * A stop's {@code photoIds}: optional; distinct photos of that stop's project, at most
     * {@link #MAX_CHOSEN_PHOTOS}, in the order the card shows them.
     */
    private List<Long> chosenPhotos(JsonNode ids, String where, int stopNumber, Project project) {
        if (ids.isMissingNode() || ids.isNull()) {
            return List.of();
        }
        String field = where + ".photoIds";
        if (!ids.isArray() || ids.size() > MAX_CHOSEN_PHOTOS) {
            throw ApiException.badParameter(field, "expected a list of at most " + MAX_CHOSEN_PHOTOS
                    + " photo ids of the stop's project");
        }
        List<Long> out = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            JsonNode id = ids.get(k);
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
                throw ApiException.badParameter(field + "[" + k + "]", "expected a photo id, got " + id);
            }
            if (out.contains(id.asLong())) {
                throw ApiException.badParameter(field + "[" + k + "]", "photo " + id.asLong() + " is chosen twice");
            }
            out.add(id.asLong());
        }
        List<Long> foreign = photos.notPhotosOf(project.id(), out);
        if (!foreign.isEmpty()) {
            int k = out.indexOf(foreign.get(0));
            throw new ApiException(400, "foreign_photo", field + "[" + k + "]: stop " + stopNumber + " (" + project.name()
                    + "): photo " + foreign.get(0) + " is not a photo of this stop's project",
                    Map.of("parameter", field + "[" + k + "]", "stop", stopNumber, "photoId", foreign.get(0)));
        }
        return out;
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

    public Published publish(long id, JsonNode body, TourStore.Actor actor) {
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
                pin == null ? null : TourSecrets.hashPin(pin), now, null), actor);
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

    public int revoke(long id, TourStore.Actor actor) {
        get(id);
        return store.revokeLinks(id, actor);
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
        String key = link.pinHash() == null ? "" : "?k=" + TourSecrets.assetKey(link.tokenHash(), link.pinHash());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", tour.title());
        doc.put("date", tour.date());
        doc.put("audience", tour.audience());
        doc.put("expiresAt", link.expiresAt());
        doc.put("version", tour.version());
        doc.put("generatedAt", clock.instant());
        List<Map<String, Object>> stops = new ArrayList<>();
        List<double[]> centres = new ArrayList<>();
        Envelope extent = new Envelope();
        for (Stop s : stopsOf(tour)) {
            Project p = s.project();
            if (p.geometry() != null && !p.geometry().isEmpty()) {
                extent.expandToInclude(p.geometry().getEnvelopeInternal());
            }
            Map<String, Object> card = card(p, s.notes());
            card.put("n", s.n());
            card.put("photos", photoCards(s, key));
            @SuppressWarnings("unchecked")
            List<Double> centre = (List<Double>) card.get("center");
            centres.add(centre == null ? null : new double[] {centre.get(0), centre.get(1)});
            stops.add(card);
        }
        doc.put("bbox", extent.isNull() ? null
                : List.of(extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()));
        doc.put("stops", stops);
        doc.put("route", TourRoute.of(centres, settings, roads.current()));
        doc.put("arrivalRadiusM", settings.arrivalRadiusM());
        // every URL below is relative to api/tour/{token}/ and ends with the asset key (PIN links)
        doc.put("assetQuery", key);
        doc.put("layers", layers(key));
        doc.put("basemap", basemap.map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("attribution", b.attribution());
            m.put("offline", settings.basemapOffline());
            m.put("tiles", settings.basemapOffline() ? "basemap/{z}/{x}/{y}" + key : b.url());
            return m;
        }).orElse(null));
        doc.put("notes", "notes" + key);
        return doc;
    }

    /** A stop of a link's tour with its project (stops whose project was deleted drop out). */
    record Stop(int n, Project project, String notes, List<Long> photoIds) {
    }

    List<Stop> stopsOf(Tour tour) {
        List<Stop> out = new ArrayList<>();
        for (Tour.Stop s : tour.stops()) {
            Optional<Project> p = projects.find(s.projectId());
            p.ifPresent(project -> out.add(new Stop(out.size() + 1, project, s.notes(), s.photoIds())));
        }
        return out;
    }

    /** The zone layers (never the projects layer: a tour shows its own stops only), tiles through the link. */
    private List<Map<String, Object>> layers(String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> l : catalogue.layers()) {
            if ("projects".equals(l.get("kind"))) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", l.get("id"));
            m.put("title", l.get("title"));
            m.put("kind", l.get("kind"));
            m.put("style", l.get("style"));
            m.put("tiles", "tiles/" + l.get("id") + "/{z}/{x}/{y}.mvt" + key);
            out.add(m);
        }
        return out;
    }

    /** The photos a stop's card shows, addressed by stop and place (never by photo id). */
    private List<Map<String, Object>> photoCards(Stop stop, String key) {
        int n = stop.n();
        List<PhotoStore.Photo> list = photosOf(stop);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            PhotoStore.Photo photo = list.get(k);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("caption", photo.caption());
            m.put("takenAt", photo.takenAt());
            m.put("width", photo.width());
            m.put("height", photo.height());
            m.put("image", "photos/" + n + "/" + (k + 1) + key);
            m.put("thumbnail", "photos/" + n + "/" + (k + 1) + "/thumbnail" + key);
            out.add(m);
        }
        return out;
    }

    /**
     * The photos a stop's card shows: those the planner chose, in that order; when none were
     * chosen, the newest {@link TourSettings#photosPerStop()} of its project, newest first.
     */
    List<PhotoStore.Photo> photosOf(Stop stop) {
        if (!stop.photoIds().isEmpty()) {
            // a chosen photo deleted since goes with its row (cascade); this also skips one moved to another project
            return stop.photoIds().stream().map(photos::find).flatMap(Optional::stream)
                    .filter(p -> p.projectId() == stop.project().id()).toList();
        }
        List<PhotoStore.Photo> all = new ArrayList<>(photos.ofProject(stop.project().id()));
        Collections.reverse(all);
        return all.subList(0, Math.min(all.size(), settings.photosPerStop()));
    }

    /**
     * The link behind an asset request (tile, photo, note): live, and for a PIN link the key its
     * document handed out. A wrong key is a 401 like a wrong PIN.
     */
    public TourLink resolve(String token, String key) {
        TourLink link = link(token);
        if (link.pinHash() != null && !TourSecrets.sameKey(key, TourSecrets.assetKey(link.tokenHash(), link.pinHash()))) {
            throw new ApiException(401, "pin_required", "this tour needs its PIN", Map.of());
        }
        return link;
    }

    Tour tourOf(TourLink link) {
        return store.find(link.tourId()).orElseThrow(TourService::noSuchLink);
    }

    public TourSettings settings() {
        return settings;
    }

    public Optional<Basemap> basemap() {
        return basemap;
    }

    /** Stores a note the tablet took (see {@link TourNoteStore}); true when it was new. */
    public TourNoteStore.Added addNote(String token, String key, JsonNode body, String address) {
        TourLink link = resolve(token, key);
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "invalid_body", "a note is a JSON object {id, stop, text, takenAt}", Map.of());
        }
        String id = text(body, "id", 64);
        if (id == null || !id.matches("[A-Za-z0-9-]{8,64}")) {
            throw ApiException.badParameter("id", "expected the note's id made on the tablet (8–64 letters, digits, '-')");
        }
        JsonNode stopNode = body.get("stop");
        if (stopNode == null || !stopNode.isIntegralNumber()) {
            throw ApiException.badParameter("stop", "expected the stop's number (1, 2, …)");
        }
        String text = text(body, "text", 4000);
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter("text", "a note needs text");
        }
        Instant takenAt = clock.instant();
        String taken = text(body, "takenAt", 40);
        if (taken != null) {
            try {
                takenAt = Instant.parse(taken);
            } catch (RuntimeException e) {
                throw ApiException.badParameter("takenAt", "expected an ISO-8601 instant, got '" + taken + "'");
            }
        }
        List<Stop> stops = stopsOf(tourOf(link));
        int n = stopNode.asInt();
        if (n < 1 || n > stops.size()) {
            throw ApiException.badParameter("stop", "this tour has stops 1 to " + stops.size() + ", got " + n);
        }
        TourNoteStore.Note note = new TourNoteStore.Note(id, link.tourId(), n, stops.get(n - 1).project().id(),
                text.strip(), takenAt, clock.instant(), false);
        TourNoteStore.Added added = notes.add(note, new TourStore.Actor("tour link", address));
        if (added.note().tourId() != link.tourId()) {
            // ids are made by the tablets: one that another tour already holds is refused, not merged
            throw new ApiException(409, "note_id_taken", "id: a note with this id belongs to another tour",
                    Map.of("parameter", "id"));
        }
        return added;
    }

    /**
     * Stores the photo of a note this link sent before; true when it was new, false when the note
     * had its photo already (a resend: nothing is stored twice). The file is checked and re-encoded
     * before anything is stored ({@link PhotoProcessor}: 413 too large, 415 not an image).
     */
    public boolean addNotePhoto(String token, String key, String noteId, byte[] data, String address) {
        TourLink link = resolve(token, key);
        TourNoteStore.Note note = notes.find(noteId).filter(n -> n.tourId() == link.tourId())
                .orElseThrow(() -> new ApiException(404, "unknown_note", "id: no note " + noteId
                        + " in this tour; send the note before its photo", Map.of("parameter", "id")));
        if (note.hasPhoto()) {
            return false;
        }
        PhotoProcessor.Processed photo = PhotoProcessor.process(data);
        return notes.addPhoto(note, photo, clock.instant(), new TourStore.Actor("tour link", address));
    }

    /** The photo of a tour's note, for its planners. */
    public TourNoteStore.Photo notePhoto(long tourId, String noteId, boolean thumbnail) {
        get(tourId);
        TourNoteStore.Note note = notes.find(noteId).filter(n -> n.tourId() == tourId)
                .orElseThrow(() -> ApiException.notFound("note", noteId));
        return notes.photo(note.id(), thumbnail).orElseThrow(() -> ApiException.notFound("note photo", noteId));
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
