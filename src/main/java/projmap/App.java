package projmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import projmap.auth.AccessControl;
import projmap.auth.AuditLog;
import projmap.auth.AuthRoutes;
import projmap.auth.FailedAttempts;
import projmap.auth.LoginThrottle;
import projmap.auth.PasswordHasher;
import projmap.auth.SessionStore;
import projmap.auth.UserStore;
import projmap.checks.CheckRoutes;
import projmap.checks.CheckService;
import projmap.checks.CheckSettings;
import projmap.demo.DemoLoader;
import projmap.exchange.ExchangeRoutes;
import projmap.exchange.ImportJobs;
import projmap.exchange.ImportLimits;
import projmap.exchange.ProjectImporter;
import projmap.exchange.SiteFileRoutes;
import projmap.exchange.StatsExport;
import projmap.exchange.ZoneImporter;
import projmap.http.ErrorResponses;
import projmap.http.WebAppFiles;
import projmap.maps.LayerCatalogue;
import projmap.maps.MapImageService;
import projmap.maps.MapRoutes;
import projmap.maps.TileRoutes;
import projmap.maps.TileService;
import projmap.ogc.Ogc;
import projmap.ogc.OgcRoutes;
import projmap.progress.PhotoRoutes;
import projmap.progress.PhotoStore;
import projmap.progress.ProgressRoutes;
import projmap.progress.ProgressStore;
import projmap.projects.ProjectEditRoutes;
import projmap.projects.ProjectRoutes;
import projmap.projects.ProjectStore;
import projmap.store.Database;
import projmap.tours.TourAssets;
import projmap.tours.TourBasemap;
import projmap.tours.TourNoteStore;
import projmap.tours.TourRoutes;
import projmap.tours.RoadNetworks;
import projmap.tours.TourService;
import projmap.tours.TourSettings;
import projmap.tours.TourStore;
import projmap.zones.LayerSnapshots;
import projmap.zones.ZoneRoutes;
import projmap.zones.ZoneStore;
import projmap.zones.ZoneVintageStore;

import static projmap.auth.Access.ADMIN;
import static projmap.auth.Access.EDITOR;
import static projmap.auth.Access.PLANNER;
import static projmap.auth.Access.PUBLIC;
import static projmap.auth.Access.READ;
import static projmap.auth.Access.SIGNED_IN;

/**
 * The composition root: builds the stores, the features and the HTTP routes from a
 * {@link Config}, with {@code new} and constructor arguments only. A test builds the same app with
 * another database. The route table below is the whole public API.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Database db;
    private final Javalin http;
    /** Features with threads of their own, closed before the store. */
    private final List<AutoCloseable> workers;

    private App(Config config, Database db, Javalin http, List<AutoCloseable> workers) {
        this.config = config;
        this.db = db;
        this.http = http;
        this.workers = workers;
    }

    /** Opens the store (migrating it, loading the demo city when empty) and starts serving. */
    public static App start(Config config) {
        return start(config, Database.open(config));
    }

    /** Starts serving on an already opened store; the app closes it on {@link #close()}. */
    public static App start(Config config, Database db) {
        try {
            ProjectStore projects = new ProjectStore(db);
            ZoneStore zones = new ZoneStore(db);
            if (new DemoLoader(db, projects, zones).loadIfEmpty()) {
                LOG.info("the store was empty: the demo city has been loaded");
            }
            // PROJMAP_TOUR_ROADS: a wrong layer id stops here, before anything is started
            var roads = new RoadNetworks(zones, config.tours().roadsLayer());
            roads.checkAtStartup().ifPresent(LOG::warn);
            Clock clock = Clock.systemUTC();
            UserStore users = new UserStore(db);
            SessionStore sessions = new SessionStore(db, users, clock);
            AuditLog audit = new AuditLog(db);
            // shared by every instance on this store: log-in throttling and tour PIN lock-outs
            var failures = new FailedAttempts(db, clock);
            var authRoutes = new AuthRoutes(db, users, sessions, new PasswordHasher(), LoginThrottle.defaults(failures), audit);
            authRoutes.ensureAdmin(config.adminPassword());
            var access = new AccessControl(sessions, config.publicRead());
            var projectRoutes = new ProjectRoutes(projects);
            var projectEdits = new ProjectEditRoutes(projects, audit);
            var photos = new PhotoRoutes(new PhotoStore(db), projects, audit);
            var progress = new ProgressRoutes(new ProgressStore(db), projects, audit,
                    config.progress().supervision());
            var zoneRoutes = new ZoneRoutes(zones);
            var catalogue = new LayerCatalogue(projects, zones);
            // one in-memory copy of each planning layer for the site checks, tiles and OGC items
            // (PROJMAP_MEMORY_LAYER_MAX_FEATURES: see README "Map layers")
            var snapshots = new LayerSnapshots(zones, config.memoryLayerMaxFeatures())
                    .followChanges(db.changes());
            var ogc = new OgcRoutes(projects, zones, snapshots, db.dialect());
            // PROJMAP_TILE_CACHE_MB, PROJMAP_TILE_DISK_CACHE_MB (0 switches a cache off): README "Map layers"
            var tileService = new TileService(projects, zones, snapshots, db.changes(), config.maps().tileCacheBytes(),
                    config.maps().tileDiskCacheMb() == 0 ? null : config.home().resolve("tiles"),
                    config.maps().tileDiskCacheBytes());
            var tileRoutes = new TileRoutes(tileService);
            var health = new HealthRoutes(db, config);
            // PROJMAP_CHECK_* (limits, tolerance, compatibility matrix): see README "Site checks"
            var checkService = new CheckService(db, projects, zones, config.checks(), snapshots);
            var checkRoutes = new CheckRoutes(checkService);
            var mapRoutes = new MapRoutes(catalogue, new MapImageService(projects, zones, catalogue,
                    id -> checkService.projectReportRecord(id).map(r -> r.overall().code()).orElse(null)));
            var tourStore = new TourStore(db, audit, jsonMapper());
            // PROJMAP_TOUR_* (speed, detour, arrival radius, offline basemap, roads): see README "Leadership tours"
            var tourSettings = config.tours();
            var tourBasemap = config.basemapUrl().map(url -> new TourService.Basemap(url,
                    config.basemapAttribution().orElse("")));
            var tourService = new TourService(tourStore, new TourNoteStore(db, tourStore), projects, checkService,
                    new PhotoStore(db), catalogue, tourSettings, roads, tourBasemap, jsonMapper(), failures);
            var localPort = new java.util.concurrent.atomic.AtomicInteger(config.port());
            var tourRoutes = new TourRoutes(tourService, new TourAssets(tourService, tileService, new PhotoStore(db), clock),
                    new TourBasemap(config.basemapUrl().filter(url -> tourSettings.basemapOffline()), localPort::get),
                    jsonMapper());
            var vintages = new ZoneVintageStore(db);
            var importJobs = new ImportJobs();
            var statsExport = new StatsExport(projects);
            var siteFiles = new SiteFileRoutes(checkService, ImportLimits.from(System.getenv()));
            var exchangeRoutes = new ExchangeRoutes(projects, zones, vintages, new ProjectImporter(db, projects),
                    new ZoneImporter(db, zones, vintages), ImportLimits.from(System.getenv()), importJobs);

            // the web app from a folder: from inside the jar, Jetty mounts the whole jar (WebAppFiles)
            Optional<Path> webFolder = WebAppFiles.folder(config.home());
            Javalin http = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
                // a site of 100,000 vertices (the check limit) is about 4 MB of GeoJSON
                cfg.http.maxRequestSize = 16L * 1024 * 1024;
                cfg.staticFiles.add(files -> {
                    files.hostedPath = "/";
                    files.directory = webFolder.map(Path::toString).orElse("/web");
                    files.location = webFolder.isPresent() ? Location.EXTERNAL : Location.CLASSPATH;
                });
                ErrorResponses.register(cfg.routes);

                // who may call what: the level after each route (projmap.auth.Access); a route
                // without one is READ for GET and ADMIN otherwise
                cfg.routes.beforeMatched(access::check);

                cfg.routes.get("/health", health::health, PUBLIC);
                cfg.routes.get("/api/config", health::clientConfig, PUBLIC);
                cfg.routes.get("/dashboard", ctx -> page(ctx, "/web/dashboard.html"), PUBLIC);

                cfg.routes.post("/api/auth/login", authRoutes::login, PUBLIC);
                cfg.routes.post("/api/auth/logout", authRoutes::logout, SIGNED_IN);
                cfg.routes.get("/api/auth/me", authRoutes::me, PUBLIC);
                cfg.routes.post("/api/auth/password", authRoutes::changePassword, SIGNED_IN);
                cfg.routes.get("/api/auth/tokens", authRoutes::tokens, SIGNED_IN);
                cfg.routes.post("/api/auth/tokens", authRoutes::createToken, SIGNED_IN);
                cfg.routes.delete("/api/auth/tokens/{id}", authRoutes::revokeToken, SIGNED_IN);
                cfg.routes.get("/api/users", authRoutes::listUsers, ADMIN);
                cfg.routes.post("/api/users", authRoutes::createUser, ADMIN);
                cfg.routes.put("/api/users/{id}", authRoutes::updateUser, ADMIN);
                cfg.routes.get("/api/audit", authRoutes::auditLog, ADMIN);

                cfg.routes.get("/api/projects", projectRoutes::list, READ);
                cfg.routes.post("/api/projects", projectEdits::create, EDITOR);
                cfg.routes.get("/api/projects/{id}", projectRoutes::one, READ);
                cfg.routes.put("/api/projects/{id}", projectEdits::update, EDITOR);
                cfg.routes.delete("/api/projects/{id}", projectEdits::delete, EDITOR);
                cfg.routes.get("/api/projects/{id}/history", projectEdits::history, SIGNED_IN);
                cfg.routes.get("/api/stats", projectRoutes::stats, READ);
                cfg.routes.get("/api/stats/{by}.xlsx", statsExport::xlsx, READ);

                // site checks analyse and change nothing: as open as reading
                cfg.routes.get("/api/projects/{id}/check", checkRoutes::project, READ);
                cfg.routes.get("/api/projects/{id}/check.html", checkRoutes::projectHtml, READ);
                cfg.routes.post("/api/checks", checkRoutes::check, READ);
                cfg.routes.post("/api/checks/file", siteFiles::check, READ);
                cfg.routes.get("/api/checks/summary", checkRoutes::summary, READ);
                cfg.routes.get("/api/checks/changes", checkRoutes::changes, READ);

                cfg.routes.get("/api/projects/{id}/photos", photos::list, READ);
                cfg.routes.post("/api/projects/{id}/photos", photos::upload, EDITOR);
                cfg.routes.get("/api/photos/{id}", photos::image, READ);
                cfg.routes.get("/api/photos/{id}/thumbnail", photos::thumbnail, READ);
                cfg.routes.delete("/api/photos/{id}", photos::delete, EDITOR);

                cfg.routes.get("/api/projects/{id}/milestones", progress::milestones, READ);
                cfg.routes.post("/api/projects/{id}/milestones", progress::addMilestone, EDITOR);
                cfg.routes.put("/api/milestones/{id}", progress::updateMilestone, EDITOR);
                cfg.routes.get("/api/projects/{id}/reports", progress::reports, SIGNED_IN);
                cfg.routes.post("/api/projects/{id}/reports", progress::submit, EDITOR);
                cfg.routes.post("/api/reports/{id}/approve", progress::approve, PLANNER);
                cfg.routes.post("/api/reports/{id}/reject", progress::reject, PLANNER);
                cfg.routes.get("/api/supervision", progress::supervisionList, SIGNED_IN);
                cfg.routes.get("/api/supervision.csv", progress::supervisionCsv, SIGNED_IN);
                cfg.routes.get("/api/supervision.xlsx", progress::supervisionXlsx, SIGNED_IN);
                cfg.routes.get("/api/reports/monthly.xlsx", progress::monthlyXlsx, SIGNED_IN);
                cfg.routes.get("/supervision/notice", progress::notice, SIGNED_IN);
                cfg.routes.get("/supervision", ctx -> page(ctx, "/web/supervision.html"), PUBLIC);
                // the page is open; what it lists comes from /api/users (ADMIN) and /api/auth/tokens (SIGNED_IN)
                cfg.routes.get("/admin", ctx -> page(ctx, "/web/admin.html"), PUBLIC);
                cfg.routes.get("/api/scores", progress::scores, SIGNED_IN);

                cfg.routes.get("/api/layers", mapRoutes::layers, READ);
                cfg.routes.get("/api/map.png", mapRoutes::map, READ);
                cfg.routes.get("/api/legend/{layer}.png", mapRoutes::legend, READ);
                cfg.routes.get("/api/legend/{layer}.svg", mapRoutes::legendSvg, READ);
                cfg.routes.get("/api/icons/{category}.svg", mapRoutes::icon, READ);
                cfg.routes.get("/api/zones/{layer}", zoneRoutes::features, READ);

                cfg.routes.get("/tiles/{layer}/{z}/{x}/{y}.mvt", tileRoutes::tile, READ);
                cfg.routes.get("/tiles/{layer}.json", tileRoutes::tileJson, READ);

                // OGC API – Features (paths from projmap.ogc.Ogc)
                cfg.routes.get(Ogc.ROOT, ogc::landing, READ);
                cfg.routes.get(Ogc.ROOT + "/", ogc::landing, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.CONFORMANCE, ogc::conformance, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.API, ogc::api, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.COLLECTIONS, ogc::collections, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.COLLECTIONS + "/{collection}", ogc::collection, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.COLLECTIONS + "/{collection}" + Ogc.QUERYABLES, ogc::queryables, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.COLLECTIONS + "/{collection}" + Ogc.ITEMS, ogc::items, READ);
                cfg.routes.get(Ogc.ROOT + Ogc.COLLECTIONS + "/{collection}" + Ogc.ITEMS + "/{fid}", ogc::item, READ);
                cfg.routes.get("/api/zones/{layer}/vintages", exchangeRoutes::vintages, READ);

                // exchange: an import can replace any department's projects or a whole layer
                cfg.routes.post("/api/import/projects", exchangeRoutes::importProjects, PLANNER);
                cfg.routes.post("/api/import/zones/{layerId}", exchangeRoutes::importZones, PLANNER);
                // a job's progress lists rejected rows, so it needs the importer's role too
                cfg.routes.get("/api/import/jobs/{id}", exchangeRoutes::job, PLANNER);
                cfg.routes.get("/api/export/zones/{file}", exchangeRoutes::exportZones, READ);
                cfg.routes.get("/api/export/{file}", exchangeRoutes::exportProjects, READ);

                // tours: a planner prepares and publishes them …
                cfg.routes.get("/tours", ctx -> page(ctx, "/web/tours.html"), PUBLIC);
                cfg.routes.get("/api/tours", tourRoutes::list, PLANNER);
                cfg.routes.post("/api/tours", tourRoutes::create, PLANNER);
                cfg.routes.get("/api/tours/{id}", tourRoutes::one, PLANNER);
                cfg.routes.put("/api/tours/{id}", tourRoutes::update, PLANNER);
                cfg.routes.post("/api/tours/{id}/publish", tourRoutes::publish, PLANNER);
                cfg.routes.post("/api/tours/{id}/revoke", tourRoutes::revoke, PLANNER);
                cfg.routes.delete("/api/tours/{id}", tourRoutes::delete, PLANNER);
                cfg.routes.get("/api/tours/{id}/notes", tourRoutes::notes, PLANNER);
                cfg.routes.get("/api/tours/{id}/notes/{note}/photo", tourRoutes::notePhoto, PLANNER);
                cfg.routes.get("/api/tours/{id}/notes/{note}/photo/thumbnail", tourRoutes::notePhoto, PLANNER);
                cfg.routes.get("/api/tours/{id}/route", tourRoutes::route, PLANNER);
                // … and a published link opens one tour without an account (the token is the key)
                cfg.routes.get("/tour/{token}", tourRoutes::page, PUBLIC);
                cfg.routes.get("/api/tour/{token}", tourRoutes::open, PUBLIC);
                // its tiles, photos and notes: the link (and, for a PIN link, the key its document gave) is the key
                cfg.routes.get("/api/tour/{token}/tiles/{layer}/{z}/{x}/{y}.mvt", tourRoutes::tile, PUBLIC);
                cfg.routes.get("/api/tour/{token}/basemap/{z}/{x}/{y}", tourRoutes::basemapTile, PUBLIC);
                cfg.routes.get("/api/tour/{token}/photos/{n}/{photo}", tourRoutes::photo, PUBLIC);
                cfg.routes.get("/api/tour/{token}/photos/{n}/{photo}/thumbnail", tourRoutes::photo, PUBLIC);
                cfg.routes.post("/api/tour/{token}/notes", tourRoutes::addNote, PUBLIC);
                cfg.routes.put("/api/tour/{token}/notes/{note}/photo", tourRoutes::addNotePhoto, PUBLIC);
            });
            http.start(config.port());
            localPort.set(http.port());
            LOG.info("projmap serving on http://localhost:{}/ ({})", http.port(), config.describe());
            // the layers are read into memory once the server answers: on two cores, reading them
            // while it starts delayed its first answer by about half a second
            snapshots.preload();
            checkService.keepCurrent(db.changes());
            return new App(config, db, http, List.of(checkService, tileService));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static void page(Context ctx, String resource) {
        var in = App.class.getResourceAsStream(resource);
        if (in == null) {
            ctx.status(404);
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(in);
    }

    public int port() {
        return http.port();
    }

    public Database database() {
        return db;
    }

    public Config config() {
        return config;
    }

    @Override
    public void close() {
        http.stop();
        for (AutoCloseable w : workers) {
            try {
                w.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", w.getClass().getSimpleName(), e.toString());
            }
        }
        db.close();
    }

    /** {@code /health} and the small settings document the web app reads at start. */
    static final class HealthRoutes {
        private final Database db;
        private final Config config;

        HealthRoutes(Database db, Config config) {
            this.db = db;
            this.config = config;
        }

        void health(Context ctx) {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean up = db.isReachable();
            body.put("status", up ? "ok" : "unavailable");
            body.put("store", db.dialect().storeName());
            ctx.status(up ? 200 : 503).json(body);
        }

        void clientConfig(Context ctx) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("basemap", config.basemapUrl().map(url -> Map.of("url", url,
                    "attribution", config.basemapAttribution().orElse(""))).orElse(null));
            body.put("store", db.dialect().storeName());
            ctx.json(body);
        }
    }
}
