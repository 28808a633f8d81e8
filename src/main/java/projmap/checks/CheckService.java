package projmap.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.checks.SiteReport.LayerVersion;
import projmap.checks.SiteReport.Provenance;
import projmap.checks.SiteReport.Reason;
import projmap.checks.SiteReport.Rerun;
import projmap.checks.Verdicts.Level;
import projmap.geo.GeometryInputException;
import projmap.geo.Reprojector;
import projmap.projects.Project;
import projmap.projects.ProjectQuery;
import projmap.projects.ProjectStore;
import projmap.store.ChangeFeed;
import projmap.zones.ZoneStore;

/**
 * Site checking as a feature: checks ad-hoc sites (never stored), checks projects and keeps their
 * latest results current in {@code site_checks}, and logs what changed when a planning layer (or a
 * project) changed. Results are brought up to date lazily — a project's stored check is reused while
 * the project's version and every layer's content hash are those it was computed with, and is
 * recomputed otherwise — so no hook into the project or layer editors is needed and several app
 * instances agree. Thread-safe.
 */
public final class CheckService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckService.class);
    static final String METHOD = "JTS OverlayNG intersection of the site with each zone feature in lon/lat (SRID 4326; "
            + "CGCS2000 taken as WGS84); geodesic areas and lengths on the WGS84 ellipsoid with GeographicLib "
            + "(as PostGIS geography: ST_Area(ST_Intersection(site, zone)::geography)); distances geodesic between "
            + "nearest points";

    final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final ProjectStore projects;
    private final ZoneStore zones;
    private final CheckStore store;
    private final LayerIndexCache indexes;
    private final SiteChecker checker;
    private final SiteReader reader;
    private final CompatibilityMatrix matrix;
    private final CheckSettings settings;
    private final Object refreshLock = new Object();
    /** Checks projects side by side: a project's check is independent of every other's. */
    private final ExecutorService workers;
    /** Runs the background re-checks, one at a time (see {@link #keepCurrent}). */
    private final ScheduledExecutorService background;
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    /** What the summary shows of each project's stored check (see {@link ReportFacts}), by project id. */
    private final Map<Long, KnownFacts> facts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** With layer snapshots of its own (the command line, tests). */
    public CheckService(projmap.store.Database db, ProjectStore projects, ZoneStore zones, CheckSettings settings) {
        this(db, projects, zones, settings, new projmap.zones.LayerSnapshots(zones));
    }

    /** Reading the planning layers through {@code snapshots}, shared with the tiles and OGC items of the server. */
    public CheckService(projmap.store.Database db, ProjectStore projects, ZoneStore zones, CheckSettings settings,
                        projmap.zones.LayerSnapshots snapshots) {
        this.projects = projects;
        this.zones = zones;
        this.store = new CheckStore(db);
        this.workers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                daemon("site-check"));
        this.background = Executors.newSingleThreadScheduledExecutor(daemon("site-check-refresh"));
        this.indexes = new LayerIndexCache(snapshots, workers);
        this.settings = settings;
        this.matrix = settings.compatibility().map(CompatibilityMatrix::load).orElseGet(CompatibilityMatrix::defaults);
        this.checker = new SiteChecker(matrix, settings);
        this.reader = new SiteReader(new Reprojector(), settings);
    }

    SiteReader reader() {
        return reader;
    }

    public CheckSettings settings() {
        return settings;
    }

    ZoneStore zones() {
        return zones;
    }

    // ---- ad-hoc sites ------------------------------------------------------------------------

    /** Reads and checks a site sent as GeoJSON; nothing is stored. */
    public SiteReport checkSite(JsonNode body, String category, String crs, boolean repair) {
        SiteInput input = reader.read(body, new SiteReader.Options(category, crs, repair));
        Map<String, String> expected = new LinkedHashMap<>();
        if (body != null && body.path("expectLayers").isObject()) {
            body.path("expectLayers").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        }
        return checkSite(input, expected);
    }

    /** Checks a prepared site; {@code expectLayers} (layer id → content hash) flags layers that changed since. */
    public SiteReport checkSite(SiteInput input, Map<String, String> expectLayers) {
        List<LayerIndex> layers = indexes.current();
        SiteReport report = checker.check(input, layers);
        if (!expectLayers.isEmpty()) {
            List<Reason> reasons = new ArrayList<>(report.reasons());
            for (LayerIndex l : layers) {
                String was = expectLayers.get(l.layer().id());
                if (was != null && !was.equals(l.layer().contentHash())) {
                    reasons.add(new Reason(Level.INFO, "图层“" + l.layer().titleZh() + "”自原报告以来已更新（" + abbrev(was)
                            + " → " + abbrev(l.layer().contentHash()) + "），结果可能不同",
                            "Layer '" + l.layer().titleEn() + "' has changed since the original report (" + abbrev(was)
                                    + " → " + abbrev(l.layer().contentHash()) + "); results may differ"));
                }
            }
            report = new SiteReport(report.site(), report.category(), report.boundaries(), report.restrictions(),
                    report.zoning(), report.overall(), reasons, null);
        }
        ObjectNode body = json.createObjectNode();
        body.putRawValue("geometry", new RawValue(report.site().geometry()));   // already GeoJSON text
        if (report.category() != null) {
            body.put("category", report.category());
        }
        ObjectNode expect = body.putObject("expectLayers");
        layers.forEach(l -> expect.put(l.layer().id(), l.layer().contentHash()));
        return report.withProvenance(provenance(layers, new Rerun("POST", "/api/checks", body.toString())));
    }

    private Provenance provenance(List<LayerIndex> layers, Rerun rerun) {
        return new Provenance(Instant.now(), METHOD, settings.toleranceM2(), settings.toleranceM(),
                settings.incompatibleShareLimit(), versions(layers), matrix.describe(), rerun);
    }

    private static List<LayerVersion> versions(List<LayerIndex> layers) {
        return layers.stream().map(l -> new LayerVersion(l.layer().id(), l.layer().kind().code(), l.layer().contentHash(),
                l.layer().updatedAt(), l.size())).toList();
    }

    // ---- projects ----------------------------------------------------------------------------

    /** A project's current check (reused when still current, else computed and stored), as JSON text. */
    public Optional<String> projectReport(long id) {
        Optional<Project> project = projects.find(id);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        Project p = project.get();
        if (p.geometry() == null || p.geometry().isEmpty()) {
            throw new projmap.http.ApiException(409, "no_geometry", "project " + p.code() + " has no geometry to check",
                    Map.of("id", id));
        }
        List<LayerIndex> layers = indexes.current();
        String key = layersKey(layers.stream().map(LayerIndex::layer).toList());
        Optional<CheckStore.StoredCheck> stored = store.one(id);
        if (stored.isPresent() && stored.get().projectVersion() == p.version() && stored.get().layersKey().equals(key)) {
            return Optional.of(stored.get().report());
        }
        Computed c = compute(p, layers, key);
        List<CheckStore.Change> changes = new ArrayList<>();
        stored.flatMap(old -> change(old, c.stored(), p, layers)).ifPresent(changes::add);
        store.save(List.of(c.stored()), changes);
        return Optional.of(c.stored().report());
    }

    /** A project's report as a record (for the HTML page). */
    public Optional<SiteReport> projectReportRecord(long id) {
        return projectReport(id).map(text -> {
            try {
                return json.readValue(text, SiteReport.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored report of project " + id + " is unreadable", e);
            }
        });
    }

    public Optional<Project> project(long id) {
        return projects.find(id);
    }

    private record Computed(CheckStore.StoredCheck stored, SiteReport report) {
    }

    /**
     * The facts of a check are fixed by the project's version and the layers key (a check is
     * deterministic), so they are known again without reading the report as long as both match.
     */
    private record KnownFacts(int projectVersion, String layersKey, ReportFacts facts) {
        boolean describe(CheckStore.StoredCheck c) {
            return projectVersion == c.projectVersion() && layersKey.equals(c.layersKey());
        }
    }

    /** The summary's view of a stored check: remembered when it was computed or first read. */
    ReportFacts factsOf(CheckStore.StoredCheck c) {
        KnownFacts known = facts.get(c.projectId());
        if (known != null && known.describe(c)) {
            return known.facts();
        }
        ReportFacts parsed = ReportFacts.parse(readTree(c.report()));
        facts.put(c.projectId(), new KnownFacts(c.projectVersion(), c.layersKey(), parsed));
        return parsed;
    }

    private Computed compute(Project p, List<LayerIndex> layers, String key) {
        SiteInput input = reader.prepare(p.geometry(), p.category(), "EPSG:4326", true);
        SiteReport report = checker.check(input, layers)
                .withProvenance(provenance(layers, new Rerun("GET", "/api/projects/" + p.id() + "/check", null)));
        String text;
        try {
            text = json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        double restricted = report.restrictions().stream().mapToDouble(r -> r.overlapAreaM2() == null ? 0 : r.overlapAreaM2()).sum();
        double incompatible = report.zoning().stream().flatMap(z -> z.classes().stream())
                .filter(c -> c.compatibility() == Verdicts.Compatibility.INCOMPATIBLE).mapToDouble(SiteReport.ClassOverlap::share).sum();
        String boundaries = report.boundaries().stream().map(b -> b.layer() + "=" + b.verdict().code())
                .collect(Collectors.joining(";"));
        facts.put(p.id(), new KnownFacts(p.version(), key, ReportFacts.of(report)));
        return new Computed(new CheckStore.StoredCheck(p.id(), p.version(), key,
                layerHashes(layers.stream().map(LayerIndex::layer).toList()),
                report.overall().code(), SiteChecker.round(restricted, 2), SiteChecker.round(incompatible, 6), boundaries,
                text, report.provenance().checkedAt()), report);
    }

    /** The layers' identity for staleness: their ids and content hashes, the matrix and the tolerances. */
    private static boolean current(CheckStore.StoredCheck stored, Project p, String key) {
        return stored != null && stored.projectVersion() == p.version() && stored.layersKey().equals(key);
    }

    private String layersKey(List<projmap.zones.ZoneLayer> layers) {
        String text = layerHashes(layers) + "|" + matrix.hash() + "|" + settings.toleranceM2() + "|" + settings.toleranceM()
                + "|" + settings.incompatibleShareLimit() + "|" + settings.insideShare();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String layerHashes(List<projmap.zones.ZoneLayer> layers) {
        return layers.stream().map(l -> l.id() + "=" + l.contentHash()).collect(Collectors.joining(";"));
    }

    /** The difference between an old and a new check of one project, if it is material. */
    private Optional<CheckStore.Change> change(CheckStore.StoredCheck old, CheckStore.StoredCheck now, Project p,
                                               List<LayerIndex> layers) {
        boolean material = !old.overall().equals(now.overall())
                || Math.abs(nz(old.restrictedM2()) - nz(now.restrictedM2())) > settings.toleranceM2()
                || Math.abs(nz(old.incompatibleShare()) - nz(now.incompatibleShare())) > 0.001
                || !Objects.equals(old.boundaries(), now.boundaries());
        if (!material) {
            return Optional.empty();
        }
        Map<String, String> before = parseHashes(old.layerHashes());
        List<String> changedLayers = new ArrayList<>();
        Instant changedAt = null;
        for (LayerIndex l : layers) {
            if (!Objects.equals(before.get(l.layer().id()), l.layer().contentHash())) {
                changedLayers.add(l.layer().id());
                if (changedAt == null || l.layer().updatedAt().isAfter(changedAt)) {
                    changedAt = l.layer().updatedAt();
                }
            }
        }
        for (String id : before.keySet()) {
            if (layers.stream().noneMatch(l -> l.layer().id().equals(id))) {
                changedLayers.add(id);   // a layer that was removed
            }
        }
        String cause = old.projectVersion() != now.projectVersion() ? "project" : "layers";
        if (cause.equals("project") || changedAt == null) {
            changedAt = p.updatedAt() != null ? p.updatedAt() : Instant.now();
        }
        return Optional.of(new CheckStore.Change(0, p.id(), changedAt, Instant.now(), cause,
                String.join(",", changedLayers), old.overall(), now.overall(), old.restrictedM2(), now.restrictedM2(),
                old.incompatibleShare(), now.incompatibleShare(), old.boundaries(), now.boundaries()));
    }

    private static Map<String, String> parseHashes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return out;
    }

    /** One project's line in the summary: its stored check, or why it has none. */
    record ProjectCheck(Project project, CheckStore.StoredCheck check, String problem) {
    }

    /** Brings every project's stored check up to date; returns each project with its check. */
    List<ProjectCheck> refreshAll() {
        synchronized (refreshLock) {
            long t0 = System.nanoTime();
            List<Project> all = projects.search(ProjectQuery.ALL);
            Map<Long, CheckStore.StoredCheck> stored = store.all();
            long t1 = System.nanoTime();
            // the layers' versions decide what is stale; the layers themselves are only read into
            // memory when some project has to be checked again (after a restart, usually none)
            String known = layersKey(checkedLayers());
            boolean stale = all.stream().anyMatch(p -> !current(stored.get(p.id()), p, known) && p.geometry() != null
                    && !p.geometry().isEmpty());
            List<LayerIndex> layers = stale ? indexes.current() : List.of();
            String key = stale ? layersKey(layers.stream().map(LayerIndex::layer).toList()) : known;
            long t2 = System.nanoTime();
            List<Future<ProjectCheck>> lines = new ArrayList<>(all.size());
            for (Project p : all) {
                CheckStore.StoredCheck old = stored.get(p.id());
                if (current(old, p, key)) {
                    lines.add(CompletableFuture.completedFuture(new ProjectCheck(p, old, null)));
                } else if (p.geometry() == null || p.geometry().isEmpty()) {
                    lines.add(CompletableFuture.completedFuture(new ProjectCheck(p, null, "no geometry")));
                } else {
                    lines.add(workers.submit(() -> {
                        try {
                            return new ProjectCheck(p, compute(p, layers, key).stored(), null);
                        } catch (GeometryInputException e) {
                            return new ProjectCheck(p, null, e.getMessage());
                        }
                    }));
                }
            }
            List<ProjectCheck> out = new ArrayList<>(all.size());
            List<CheckStore.StoredCheck> fresh = new ArrayList<>();
            List<CheckStore.Change> changes = new ArrayList<>();
            int checked = 0;
            int changed = 0;
            for (Future<ProjectCheck> line : lines) {
                ProjectCheck pc = join(line);
                out.add(pc);
                CheckStore.StoredCheck old = stored.get(pc.project().id());
                if (pc.check() != null && pc.check() != old) {
                    fresh.add(pc.check());
                    if (old != null) {
                        change(old, pc.check(), pc.project(), layers).ifPresent(changes::add);
                    }
                }
                if (fresh.size() >= SAVE_BATCH) {
                    // stored as they come: a pass cut short (a restart, the store away) keeps what it did
                    checked += fresh.size();
                    changed += changes.size();
                    store.save(fresh, changes);
                    fresh.clear();
                    changes.clear();
                }
            }
            checked += fresh.size();
            changed += changes.size();
            store.save(fresh, changes);
            if (checked > 0) {
                LOG.info("site checks: {} of {} projects re-checked ({} changed) in {} ms (reading {} ms, indexes {} ms)",
                        checked, all.size(), changed, (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000);
            }
            return out;
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking projects", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Keeps every project's stored check current without waiting for someone to ask: once now (after
     * start-up) and again shortly after each change the feed reports (a project edited, a layer
     * replaced). Changes that arrive together are checked together. Does nothing when the settings
     * switch background checks off; a summary is then brought up to date when it is asked for.
     */
    public void keepCurrent(ChangeFeed feed) {
        if (!settings.background()) {
            return;
        }
        feed.subscribe((source, area) -> scheduleRefresh(REFRESH_DELAY_MS));
        scheduleRefresh(0);
    }

    /** Checks stored per transaction during a pass. */
    static final int SAVE_BATCH = 64;

    /** How long a background re-check waits after a change, so a burst of edits costs one pass. */
    static final long REFRESH_DELAY_MS = 2_000;

    private void scheduleRefresh(long delayMs) {
        if (closed || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        try {
            background.schedule(() -> {
                refreshPending.set(false);
                if (closed) {
                    return;
                }
                try {
                    refreshAll();
                } catch (RuntimeException e) {
                    // the store may be down for a moment: the next change, or the next summary, tries again
                    LOG.warn("site checks: background re-check failed: {}", e.toString());
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            refreshPending.set(false);   // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        background.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The layers a site check reads (not road networks). */
    private List<projmap.zones.ZoneLayer> checkedLayers() {
        return zones.layers().stream().filter(l -> l.kind().siteCheck()).toList();
    }

    /** The current layer versions (for summaries and change reports), without reading the layers into memory. */
    List<LayerVersion> layerVersions() {
        return checkedLayers().stream().map(l -> new LayerVersion(l.id(), l.kind().code(), l.contentHash(), l.updatedAt(),
                indexes.size(l).orElseGet(() -> zones.extent(l.id()).map(e -> e.features()).orElse(0)))).toList();
    }

    List<CheckStore.Change> changesSince(Instant since) {
        refreshAll();
        return store.changesSince(since);
    }

    /** Forgets the in-memory indexes (a cold start, for benchmarks and tests). */
    public void dropIndexes() {
        indexes.clear();
    }

    JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static String abbrev(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }
}
