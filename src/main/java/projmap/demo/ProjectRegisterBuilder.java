package projmap.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.buffer.BufferOp;
import org.locationtech.jts.operation.buffer.BufferParameters;

import projmap.demo.DemoProject.Intent;
import projmap.demo.ResponsibleUnits.Liaison;
import projmap.demo.SitePicker.Stretch;
import projmap.demo.SitePicker.Where;
import projmap.projects.Category;
import projmap.projects.FundingMode;
import projmap.projects.LandStatus;
import projmap.projects.ProjectStatus;

import static projmap.demo.LandUseCode.A1;
import static projmap.demo.LandUseCode.A2;
import static projmap.demo.LandUseCode.A33;
import static projmap.demo.LandUseCode.A4;
import static projmap.demo.LandUseCode.A5;
import static projmap.demo.LandUseCode.A6;
import static projmap.demo.LandUseCode.B1;
import static projmap.demo.LandUseCode.B2;
import static projmap.demo.LandUseCode.E1;
import static projmap.demo.LandUseCode.G1;
import static projmap.demo.LandUseCode.G2;
import static projmap.demo.LandUseCode.G3;
import static projmap.demo.LandUseCode.M2;
import static projmap.demo.LandUseCode.R1;
import static projmap.demo.LandUseCode.R2;
import static projmap.demo.LandUseCode.R3;
import static projmap.demo.LandUseCode.S1;
import static projmap.demo.LandUseCode.S3;
import static projmap.demo.LandUseCode.S4;
import static projmap.demo.LandUseCode.U1;
import static projmap.demo.LandUseCode.U2;

/**
 * Builds the demo 2017 programme: 532 projects in the eleven categories, each with a site in the
 * demo city, a name, an owner, a status, dates and money, such that the programme's totals equal
 * the figures of the 15 May 2017 meeting exactly (see {@link #TOTAL_INVESTMENT} …).
 *
 * <p>Sites follow the category: roads and pipes run along the road grid, parks sit on park
 * parcels, renewal on old housing, toilets and clinics are points. Most sites lie in the central
 * urban area on land-use classes that suit them ({@link #suitableClasses}); a few are placed on
 * purpose to give the site checks something to find — about ten partly outside the central urban
 * area, eight on basic farmland, eight on unsuitable zoning, about forty in the demonstration
 * zone and a handful in 确山县.
 *
 * <p>Money is allocated with {@link InvestmentAllocator}; statuses are drawn so that exactly 150
 * projects have started (19 of them completed), favouring large and long-running projects, as a
 * real programme's 续建 projects are. Not thread-safe; one instance per build.
 */
final class ProjectRegisterBuilder {

    static final int PROJECTS = 532;
    static final long TOTAL_INVESTMENT = 8_354_000;
    static final long ANNUAL_PLAN_INVESTMENT = 2_040_000;
    static final long COMPLETED_INVESTMENT = 304_000;
    static final int STARTED = 150;
    static final int COMPLETED = 19;
    static final int SUSPENDED = 6;
    static final int PLAN_YEAR = 2017;
    /** The day of the meeting: progress is as of this date. */
    static final LocalDate REPORT_DATE = LocalDate.of(2017, 5, 15);

    private static final Map<Category, Set<LandUseCode>> SUITABLE = new EnumMap<>(Category.class);

    static {
        SUITABLE.put(Category.ROADS, EnumSet.of(S1, S3, S4, G2));
        SUITABLE.put(Category.WATER_SYSTEM, EnumSet.of(E1, G1, G2, S1, U1, U2));
        SUITABLE.put(Category.PARKS, EnumSet.of(G1, G2, G3, E1, S1));
        SUITABLE.put(Category.SANITATION, EnumSet.of(U1, U2, G1, G2, B1, S1, S4));
        SUITABLE.put(Category.PIPELINES, EnumSet.of(S1, E1, G1, G2, U1));
        SUITABLE.put(Category.SPONGE_CITY, EnumSet.of(R1, R2, R3, G1, G2, G3, A1, A2, A33, A5, A6, B1, S1, E1));
        SUITABLE.put(Category.RENEWAL, EnumSet.of(R1, R2, R3, B1));
        SUITABLE.put(Category.PUBLIC_SERVICES, EnumSet.of(A1, A2, A33, A4, A5, A6, B2));
        SUITABLE.put(Category.STREETSCAPE, EnumSet.of(S1, G3, B1, B2));
        SUITABLE.put(Category.TRANSPORT_HUBS, EnumSet.of(S1, S3, S4, B1, G3));
        SUITABLE.put(Category.HERITAGE, EnumSet.of(A2, R2, R3, B1, G1, G3));
    }

    /**
     * The land-use classes the demo considers suitable for a project category — the demo's own
     * simple compatibility table, used to place sites and to count the intended conflicts. The
     * server's configurable matrix may differ.
     */
    static Set<LandUseCode> suitableClasses(Category c) {
        return SUITABLE.get(c);
    }

    /** A project while it is being put together. */
    private static final class Draft {
        Category category;
        String name;
        Geometry metres;
        Intent intent = Intent.ORDINARY;
        /** Estimated cost in 万元, or … */
        double cost;
        /** … a rate in 万元 per hectare of the site, when set. */
        double ratePerHa;
        boolean newLand;
        String unit;
        String address;
        String district;
    }

    private final SitePicker sites;
    private final PlaceNames places;
    private final ResponsibleUnits units;
    private final DistrictMap districts;
    private final LocalPlane plane;
    private final GeometryFactory gf;
    private final SplittableRandom rnd;
    private final List<Draft> drafts = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private int schoolNumber = 11;

    ProjectRegisterBuilder(SitePicker sites, PlaceNames places, ResponsibleUnits units, SplittableRandom rnd) {
        this.sites = sites;
        this.places = places;
        this.units = units;
        this.districts = sites.districts;
        this.plane = sites.plane;
        this.gf = sites.gf;
        this.rnd = rnd;
    }

    List<DemoProject> build() {
        roads();
        waterSystem();
        parks();
        sanitation();
        pipelines();
        spongeCity();
        renewal();
        publicServices();
        streetscape();
        transportHubs();
        heritage();
        if (drafts.size() != PROJECTS) {
            throw new IllegalStateException("built " + drafts.size() + " projects, expected " + PROJECTS);
        }
        for (Draft d : drafts) {
            if (d.district == null) {
                d.district = districts.districtAt(d.metres.getInteriorPoint().getCoordinate());
            }
            if (d.address == null) {
                d.address = d.intent == Intent.ON_FARMLAND
                        ? places.ruralAddress(d.metres.getCentroid().getCoordinate(), d.district)
                        : places.addressOf(d.metres, d.district);
            }
        }
        long[] total = totals();
        ProjectStatus[] status = statuses(total);
        long[] annual = annualPlans(total, status);
        long[] completed = completedInvestment(annual, status);
        List<DemoProject> out = new ArrayList<>(PROJECTS);
        for (int k = 0; k < PROJECTS; k++) {
            out.add(finish(k, drafts.get(k), total[k], annual[k], completed[k], status[k]));
        }
        return out;
    }

    // ---- categories ---------------------------------------------------------------------

    private void roads() {
        Set<LandUseCode> ok = EnumSet.of(S1);
        String[] directions = {"北延", "东延", "南延", "西延"};
        double[] offsets = {0, 600, -2500, 2800};
        for (int d = 0; d < 4; d++) {
            Stretch s = sites.extension(d, offsets[d], ok);
            Draft x = add(Category.ROADS, places.roadOf(s) + directions[d] + "工程", s.metres(), km(s) * 15000, true, null);
            x.intent = Intent.PARTLY_OUTSIDE;
            x.address = places.addressOf(s, districtOf(s.metres()));
        }
        for (int k = 0; k < 3; k++) {
            roadStretch(sites.road(Where.ZONE_INSIDE, 2, 5, false, ok), "改造工程", 6000, false);
        }
        for (int k = 0; k < 3; k++) {
            roadStretch(sites.road(Where.ZONE_OUTSIDE, 3, 6, false, null), "新建工程", 14000, true);
        }
        String[] countyRoads = {"盘龙大道", "朗陵大道"};
        for (String r : countyRoads) {
            Draft x = add(Category.ROADS, "确山县" + r + "改造工程", countyLine(), 0, false, ResponsibleUnits.QUESHAN_GOV);
            x.cost = x.metres.getLength() / 1000 * 6000;
            x.intent = Intent.IN_COUNTY;
            x.district = DistrictMap.QUESHAN;
        }
        int park = sites.parcel(Where.CORE, EnumSet.of(G1), 1.2, 40);
        Draft cut = add(Category.ROADS, nearestRoad(sites.parcelAt(park).metres()) + "打通工程（穿" + places.parkStem() + "公园段）",
                sites.stripAcross(park, 24), sites.nextDouble(2000, 4000), true, ResponsibleUnits.HOUSING);
        cut.intent = Intent.INCOMPATIBLE_ZONING;
        for (int k = 0; k < 10; k++) {
            Stretch a = sites.road(Where.CORE, 2, 4, false, ok);
            Stretch b = sites.road(Where.CORE, 2, 4, false, ok);
            if (a.vertical() == b.vertical() && a.line() == b.line()) {
                k--;
                continue;
            }
            add(Category.ROADS, places.roadOf(a) + "、" + places.roadOf(b) + "提升改造工程",
                    gf.createMultiLineString(new LineString[] {a.metres(), b.metres()}), (km(a) + km(b)) * 7000, false, null);
        }
        String[] kinds = {"改造工程", "改造工程", "改造工程", "提升改造工程", "提升改造工程", "拓宽改造工程", "大修工程",
            "打通工程", "白改黑工程", "新建工程"};
        double[] rates = {7000, 7000, 7000, 9000, 9000, 16000, 2500, 13000, 3500, 16000};
        for (int k = 0; k < 72; k++) {
            int t = rnd.nextInt(kinds.length);
            boolean major = kinds[t].startsWith("拓宽") || rnd.nextDouble() < 0.5;
            Stretch s = sites.road(Where.CORE, 2, 7, major, ok);
            boolean newLand = kinds[t].startsWith("拓宽") || kinds[t].startsWith("打通") || kinds[t].startsWith("新建");
            roadStretch(s, kinds[t], rates[t], newLand);
        }
    }

    private void roadStretch(Stretch s, String kind, double ratePerKm, boolean newLand) {
        double factor = switch (s.vertical() ? sites.grid.vClass[s.line()] : sites.grid.hClass[s.line()]) {
            case ARTERIAL -> 1.8;
            case SECONDARY -> 1.0;
            default -> 0.6;
        };
        String name = places.roadOf(s) + "（" + places.crossOf(s, true) + "至" + places.crossOf(s, false) + "）" + kind;
        Draft x = add(Category.ROADS, name, s.metres(), km(s) * ratePerKm * factor * sites.nextDouble(0.7, 1.3), newLand, null);
        x.address = places.addressOf(s, districtOf(s.metres()));
    }

    private void waterSystem() {
        Set<LandUseCode> ok = suitableClasses(Category.WATER_SYSTEM);
        int[] in = sites.riverInside();
        Polygon west = sites.riverReach(in[0] - 3, in[0] + 2, 60);
        add(Category.WATER_SYSTEM, "练江河综合治理工程（西段）", west, 110000, true, ResponsibleUnits.WATER).intent = Intent.PARTLY_OUTSIDE;
        Polygon east = sites.riverReach(in[1] - 2, in[1] + 3, 60);
        add(Category.WATER_SYSTEM, "练江河下游生态治理工程（东段）", east, 95000, true, ResponsibleUnits.WATER).intent = Intent.PARTLY_OUTSIDE;

        String[] kinds = {"生态水系治理工程", "综合治理工程", "清淤疏浚工程", "滨水景观带建设工程", "截污治污工程"};
        int reaches = 0;
        int i = in[0] + 2;
        while (i < in[1] - 2 && reaches < 18) {
            int len = Math.min(sites.nextInt(2, 4), in[1] - 2 - i);
            Polygon reach = sites.riverReach(i, i + len, 60);
            if (sites.isIn(reach, Where.CORE) && ok.containsAll(sites.zoningCodes(reach))) {
                String kind = kinds[rnd.nextInt(kinds.length)];
                add(Category.WATER_SYSTEM, "练江河" + kind + "（" + sites.grid.vName[i] + "至" + sites.grid.vName[i + len] + "段）",
                        reach, reach.getArea() / 1e4 * sites.nextDouble(5000, 8000), false,
                        kind.startsWith("截污") ? ResponsibleUnits.ENVIRONMENT : ResponsibleUnits.WATER);
                reaches++;
            }
            i += len;
        }
        for (int batch = 1; batch <= 2; batch++) {
            List<Polygon> outlets = new ArrayList<>();
            for (int t = 0; t < 200 && outlets.size() < 4; t++) {
                int node = sites.nextInt(in[0] + 1, in[1]);
                Polygon sq = sites.rectangle(sites.grid.node(node, sites.grid.riverLine), 20, 20, 0);
                boolean apart = outlets.stream().noneMatch(o -> o.distance(sq) < 50);
                if (apart && sites.isIn(sq, Where.CORE) && ok.containsAll(sites.zoningCodes(sq))) {
                    outlets.add(sq);
                }
            }
            add(Category.WATER_SYSTEM, "练江河沿线排污口整治工程（" + ChineseNumerals.of(batch) + "批）",
                    gf.createMultiPolygon(outlets.toArray(new Polygon[0])), sites.nextDouble(600, 1500), false, ResponsibleUnits.ENVIRONMENT);
        }
        add(Category.WATER_SYSTEM, "清河湖生态修复工程", sites.landUse.lake(), 9000, false, ResponsibleUnits.WATER);
        String[] plants = {"第三水厂及配套管网", "第二污水处理厂扩建工程", "城东再生水厂建设工程"};
        double[] plantCost = {60000, 50000, 30000};
        for (int k = 0; k < plants.length; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(U1, U2), 1.0, 30);
            add(Category.WATER_SYSTEM, plants[k], sites.parcelAt(p).metres(), plantCost[k], true, ResponsibleUnits.WATER);
        }
        for (int k = 0; k < 2; k++) {
            Polygon canal = zoneCanal();
            add(Category.WATER_SYSTEM, "示范区" + nearestRoad(canal) + "排水沟综合整治工程", canal,
                    canal.getArea() / 1e4 * 2500, true, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        }
        Draft wet = add(Category.WATER_SYSTEM, "城北调蓄湿地工程", sites.onFarmland(90, 9000, 15000, false), 12000, true, ResponsibleUnits.WATER);
        wet.intent = Intent.ON_FARMLAND;
        Coordinate c = sites.countyPlace();
        Draft county = add(Category.WATER_SYSTEM, "确山县城区河道综合治理工程", sites.rectangle(c, 900, 90, 0.3), 9000, false, ResponsibleUnits.QUESHAN_GOV);
        county.intent = Intent.IN_COUNTY;
        county.district = DistrictMap.QUESHAN;
        while (count(Category.WATER_SYSTEM) < 35) {
            boolean pump = count(Category.WATER_SYSTEM) % 2 == 0;
            if (pump) {
                int p = sites.parcel(Where.CORE, EnumSet.of(U1, U2), 0.1, 2);
                add(Category.WATER_SYSTEM, nearestRoad(sites.parcelAt(p).metres()) + "雨水泵站新建工程", sites.shrunk(p, 0.6),
                        sites.nextDouble(800, 2000), true, ResponsibleUnits.WATER);
            } else {
                int p = sites.parcel(Where.CORE, EnumSet.of(G1), 0.5, 40);
                add(Category.WATER_SYSTEM, places.parkStem() + "公园水系连通工程", sites.parcelAt(p).metres(),
                        sites.nextDouble(1500, 4000), false, ResponsibleUnits.WATER);
            }
        }
    }

    private Polygon zoneCanal() {
        BufferParameters bp = new BufferParameters(2, BufferParameters.CAP_FLAT, BufferParameters.JOIN_MITRE, 5);
        for (int t = 0; t < 500; t++) {
            Stretch s = sites.road(Where.ZONE_OUTSIDE, 3, 6, false, null);
            Polygon canal = (Polygon) BufferOp.bufferOp(s.metres(), 15, bp);
            if (sites.isIn(canal, Where.ZONE_OUTSIDE) && !sites.touchesFarmland(canal)) {
                return canal;
            }
        }
        throw new IllegalStateException("no canal site in the demonstration zone");
    }

    private void parks() {
        add(Category.PARKS, "人民公园提升改造工程", sites.landUse.centralPark(), 60000, false, ResponsibleUnits.URBAN_MANAGEMENT);
        int[] in = sites.riverInside();
        Polygon wetland = sites.riverReach(in[0] - 5, in[0] + 1, 40);
        add(Category.PARKS, "练江河湿地公园（西区）", wetland, 15000, true, ResponsibleUnits.URBAN_MANAGEMENT).intent = Intent.PARTLY_OUTSIDE;
        Polygon farm = sites.onFarmland(200, 9000, 15000, false);
        add(Category.PARKS, places.township(farm.getCentroid().getCoordinate()) + "郊野公园", farm, 6000, true,
                ResponsibleUnits.URBAN_MANAGEMENT).intent = Intent.ON_FARMLAND;
        for (int k = 0; k < 2; k++) {
            add(Category.PARKS, "示范区" + places.parkStem() + "公园建设工程", sites.zoneBlockPart(0.5, 0.9), 0, true,
                    ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE).ratePerHa = 300;
        }
        for (int k = 0; k < 2; k++) {
            int p = sites.parcel(Where.ZONE_INSIDE, EnumSet.of(G1), 0.2, 40);
            add(Category.PARKS, "示范区" + places.parkStem() + "游园建设工程", sites.parcelAt(p).metres(), 0, true,
                    ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE).ratePerHa = 250;
        }
        for (int k = 0; k < 4; k++) {
            Geometry mp = sites.scatteredParcels(Where.CORE, EnumSet.of(G1), 3, 0.1, 1.5);
            Coordinate c = mp.getGeometryN(0).getCentroid().getCoordinate();
            add(Category.PARKS, subdistrictOrDistrict(c) + "口袋公园建设工程（" + ChineseNumerals.of(k + 1) + "批）", mp, 0, false,
                    ResponsibleUnits.URBAN_MANAGEMENT).ratePerHa = 250;
        }
        for (int k = 0; k < 6; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(G1), 0.05, 0.8);
            Point pt = sites.pointOn(p);
            add(Category.PARKS, nearestRoad(pt) + "街角游园建设工程", pt, sites.nextDouble(80, 300), false, ResponsibleUnits.URBAN_MANAGEMENT);
        }
        while (count(Category.PARKS) < 60) {
            int p = sites.parcel(Where.CORE, EnumSet.of(G1), 0.3, 40);
            Polygon g = sites.parcelAt(p).metres();
            double q = rnd.nextDouble();
            if (q < 0.5) {
                add(Category.PARKS, places.parkStem() + "公园提升改造工程", g, 0, false, ResponsibleUnits.URBAN_MANAGEMENT).ratePerHa = 150;
            } else if (q < 0.7) {
                add(Category.PARKS, places.parkStem() + "公园新建工程", g, 0, true, ResponsibleUnits.HOUSING).ratePerHa = 320;
            } else if (q < 0.85) {
                add(Category.PARKS, nearestRoad(g) + "街头游园建设工程", g, 0, false, ResponsibleUnits.URBAN_MANAGEMENT).ratePerHa = 200;
            } else {
                add(Category.PARKS, nearestRoad(g) + "带状公园建设工程", g, 0, true, ResponsibleUnits.HOUSING).ratePerHa = 280;
            }
        }
    }

    private void sanitation() {
        for (LandUseCode code : new LandUseCode[] {R2, R2, R1}) {
            int p = sites.parcel(Where.CORE, EnumSet.of(code), 0.3, 5);
            Polygon site = sites.shrunk(p, 0.55);
            Coordinate c = site.getCentroid().getCoordinate();
            add(Category.SANITATION, subdistrictOrDistrict(c) + places.estate() + "垃圾中转站新建工程", site,
                    sites.nextDouble(300, 600), true, ResponsibleUnits.URBAN_MANAGEMENT).intent = Intent.INCOMPATIBLE_ZONING;
        }
        add(Category.SANITATION, "城市生活垃圾焚烧发电厂", sites.onFarmland(330, 10000, 16000, false), 68000, true,
                ResponsibleUnits.URBAN_MANAGEMENT).intent = Intent.ON_FARMLAND;
        add(Category.SANITATION, "建筑垃圾消纳场", sites.onFarmland(250, 10000, 16000, false), 5000, true,
                ResponsibleUnits.URBAN_MANAGEMENT).intent = Intent.ON_FARMLAND;
        Draft county = add(Category.SANITATION, "确山县城区公厕改造工程", gf.createPoint(sites.countyPlace()), 260, false,
                ResponsibleUnits.QUESHAN_GOV);
        county.intent = Intent.IN_COUNTY;
        county.district = DistrictMap.QUESHAN;
        for (int k = 0; k < 4; k++) {
            int p = sites.parcel(Where.ZONE_INSIDE, EnumSet.of(G1, B1, U2, G2), 0.05, 40);
            Point pt = sites.pointOn(p);
            add(Category.SANITATION, "示范区" + nearestRoad(pt) + (k % 2 == 0 ? "公厕新建工程" : "垃圾中转站新建工程"), pt,
                    k % 2 == 0 ? sites.nextDouble(40, 90) : sites.nextDouble(250, 600), k % 2 != 0,
                    ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        }
        for (int k = 0; k < 2; k++) {
            Point pt = sites.zonePoint();
            add(Category.SANITATION, "示范区" + places.village() + (k == 0 ? "公厕新建工程" : "垃圾中转站新建工程"), pt,
                    k == 0 ? 60 : 420, true, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        }
        for (int k = 0; k < 5; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(U2), 0.2, 3);
            Polygon site = sites.shrunk(p, 0.6);
            add(Category.SANITATION, subdistrictOrDistrict(site.getCentroid().getCoordinate()) + nearestRoad(site) + "垃圾中转站提标改造工程",
                    site, sites.nextDouble(300, 800), false, ResponsibleUnits.URBAN_MANAGEMENT);
        }
        for (int k = 0; k < 2; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(U2, S4), 0.4, 5);
            add(Category.SANITATION, "环卫车辆停保场（" + nearestRoad(sites.parcelAt(p).metres()) + "）", sites.parcelAt(p).metres(),
                    sites.nextDouble(1500, 3000), true, ResponsibleUnits.URBAN_MANAGEMENT);
        }
        int rec = sites.parcel(Where.CORE, EnumSet.of(U2), 0.8, 10);
        add(Category.SANITATION, "建筑垃圾资源化利用项目", sites.parcelAt(rec).metres(), 8000, true, ResponsibleUnits.URBAN_MANAGEMENT);
        for (int k = 0; k < 50; k++) {
            if (k < 30) {
                int p = sites.parcel(Where.CORE, EnumSet.of(G1, B1), 0.05, 40);
                Point pt = sites.pointOn(p);
                int[] n = sites.grid.nearestNode(pt.getCoordinate());
                add(Category.SANITATION, sites.grid.vName[n[0]] + "公厕新建工程（" + sites.grid.hName[n[1]] + "口）", pt,
                        sites.nextDouble(40, 90), false, ResponsibleUnits.URBAN_MANAGEMENT);
            } else if (k < 44) {
                int p = sites.parcel(Where.CORE, EnumSet.of(U2, S4, G2), 0.05, 40);
                Point pt = sites.pointOn(p);
                add(Category.SANITATION, subdistrictOrDistrict(pt.getCoordinate()) + nearestRoad(pt) + "垃圾中转站新建工程", pt,
                        sites.nextDouble(250, 600), true, ResponsibleUnits.URBAN_MANAGEMENT);
            } else {
                int p = sites.parcel(Where.CORE, EnumSet.of(B1), 0.05, 40);
                Point pt = sites.pointOn(p);
                add(Category.SANITATION, nearestRoad(pt) + "环卫工人爱心驿站", pt, sites.nextDouble(20, 60), false,
                        ResponsibleUnits.URBAN_MANAGEMENT);
            }
        }
    }

    private void pipelines() {
        Set<LandUseCode> ok = EnumSet.of(S1);
        Stretch out = sites.extension(1, -3000, ok);
        Draft main = add(Category.PIPELINES, "示范区污水主干管工程", out.metres(), km(out) * 2500, true,
                ResponsibleUnits.CITY_INVESTMENT);
        main.intent = Intent.PARTLY_OUTSIDE;
        main.address = places.addressOf(out, districtOf(out.metres()));
        String[] zone = {"给水管网工程", "污水管网工程"};
        for (int k = 0; k < 2; k++) {
            Stretch s = sites.road(Where.ZONE_INSIDE, 2, 5, false, ok);
            pipe(s, "示范区" + places.roadOf(s) + zone[k], 900, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        }
        for (int k = 0; k < 2; k++) {
            Stretch s = sites.road(Where.ZONE_OUTSIDE, 3, 6, false, null);
            pipe(s, "示范区" + places.roadOf(s) + zone[k], 1100, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        }
        String[] kinds = {"供水管网改造工程", "燃气管网新建工程", "供热管网工程", "电力线路入地改造工程", "污水管网完善工程",
            "通信管线入地工程", "老旧供水管网更新改造工程"};
        double[] rates = {1500, 1200, 2500, 2000, 1800, 600, 1500};
        for (int k = 0; k < 7; k++) {
            Stretch a = sites.road(Where.CORE, 2, 4, false, ok);
            Stretch b = sites.road(Where.CORE, 2, 4, false, ok);
            if (a.vertical() == b.vertical() && a.line() == b.line()) {
                k--;
                continue;
            }
            int t = rnd.nextInt(kinds.length);
            add(Category.PIPELINES, places.roadOf(a) + "、" + places.roadOf(b) + kinds[t],
                    gf.createMultiLineString(new LineString[] {a.metres(), b.metres()}), (km(a) + km(b)) * rates[t], false, null);
        }
        Draft county = add(Category.PIPELINES, "确山县城区污水管网改造工程", countyLine(), 0, false, ResponsibleUnits.QUESHAN_GOV);
        county.cost = county.metres.getLength() / 1000 * 2500;
        county.intent = Intent.IN_COUNTY;
        county.district = DistrictMap.QUESHAN;
        for (int k = 0; k < 3; k++) {
            Stretch s = sites.road(Where.CORE, 4, 8, true, ok);
            pipe(s, places.roadOf(s) + "（" + places.crossOf(s, true) + "至" + places.crossOf(s, false) + "）地下综合管廊工程",
                    15000, ResponsibleUnits.CITY_INVESTMENT);
        }
        while (count(Category.PIPELINES) < 45) {
            int t = rnd.nextInt(kinds.length);
            Stretch s = sites.road(Where.CORE, 2, 6, false, ok);
            pipe(s, places.roadOf(s) + "（" + places.crossOf(s, true) + "至" + places.crossOf(s, false) + "）" + kinds[t], rates[t], null);
        }
    }

    private void pipe(Stretch s, String name, double ratePerKm, String unit) {
        Draft x = add(Category.PIPELINES, name, s.metres(), km(s) * ratePerKm * sites.nextDouble(0.8, 1.2), false, unit);
        x.address = places.addressOf(s, districtOf(s.metres()));
    }

    private void spongeCity() {
        Set<LandUseCode> ok = EnumSet.of(S1);
        for (int k = 0; k < 2; k++) {
            Geometry g = sites.blockGroup(Where.ZONE_INSIDE, EnumSet.of(R2, R3), 3);
            add(Category.SPONGE_CITY, "示范区" + places.estate() + "海绵化改造工程", g, 0, false,
                    ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE).ratePerHa = 200;
        }
        for (int k = 0; k < 2; k++) {
            Geometry g = sites.scatteredParcels(Where.CORE, EnumSet.of(R2), 3, 0.3, 3);
            Coordinate c = g.getGeometryN(0).getCentroid().getCoordinate();
            add(Category.SPONGE_CITY, subdistrictOrDistrict(c) + "小区海绵化改造工程（" + ChineseNumerals.of(k + 1) + "批）", g, 0, false,
                    ResponsibleUnits.HOUSING).ratePerHa = 200;
        }
        for (int k = 0; k < 10; k++) {
            Stretch s = sites.road(Where.CORE, 2, 6, false, ok);
            Draft x = add(Category.SPONGE_CITY, places.roadOf(s) + "（" + places.crossOf(s, true) + "至" + places.crossOf(s, false) + "）雨污分流改造工程",
                    s.metres(), km(s) * sites.nextDouble(2000, 4000), false, ResponsibleUnits.HOUSING);
            x.address = places.addressOf(s, districtOf(s.metres()));
        }
        for (int k = 0; k < 5; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(G1), 0.5, 40);
            add(Category.SPONGE_CITY, places.parkStem() + "公园海绵化改造工程", sites.parcelAt(p).metres(), 0, false,
                    ResponsibleUnits.HOUSING).ratePerHa = 150;
        }
        for (int k = 0; k < 3; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(A33), 0.5, 20);
            add(Category.SPONGE_CITY, "市第" + ChineseNumerals.of(schoolNumber++) + "中学海绵校园改造工程", sites.parcelAt(p).metres(), 0, false,
                    ResponsibleUnits.EDUCATION).ratePerHa = 180;
        }
        while (count(Category.SPONGE_CITY) < 40) {
            Geometry g = sites.blockGroup(Where.CORE, EnumSet.of(R2, R3), 3);
            add(Category.SPONGE_CITY, places.estate() + "海绵化改造工程", g, 0, false, ResponsibleUnits.HOUSING).ratePerHa = 200;
        }
    }

    private void renewal() {
        int g = sites.parcel(Where.CORE, EnumSet.of(G1), 0.8, 20);
        Polygon site = sites.shrunk(g, 0.65);
        add(Category.RENEWAL, subdistrictOrDistrict(site.getCentroid().getCoordinate()) + "棚户区改造安置房建设工程", site, 0, true,
                ResponsibleUnits.HOUSING).intent = Intent.INCOMPATIBLE_ZONING;
        last().ratePerHa = 9000;
        Polygon farm = sites.onFarmland(-30, 8000, 15000, true);
        Draft f = add(Category.RENEWAL, "示范区" + places.village() + "安置区建设工程", farm, 0, true,
                ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        f.intent = Intent.ON_FARMLAND;
        f.ratePerHa = 8000;
        Polygon edge = sites.edgeBlock(suitableClasses(Category.RENEWAL));
        add(Category.RENEWAL, places.village() + "城中村改造工程", edge, 0, true, ResponsibleUnits.YICHENG_GOV).intent = Intent.PARTLY_OUTSIDE;
        last().ratePerHa = 10000;
        Draft county = add(Category.RENEWAL, "确山县城关棚户区改造工程", sites.rectangle(sites.countyPlace(), 380, 260, 0.1), 0, true,
                ResponsibleUnits.QUESHAN_GOV);
        county.ratePerHa = 9000;
        county.intent = Intent.IN_COUNTY;
        county.district = DistrictMap.QUESHAN;
        for (int k = 0; k < 4; k++) {
            add(Category.RENEWAL, "示范区" + places.village() + "安置区建设工程", sites.zoneBlockPart(0.6, 0.95), 0, true,
                    ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE).ratePerHa = 8000;
        }
        for (int k = 0; k < 2; k++) {
            add(Category.RENEWAL, "示范区" + places.village() + "城中村改造工程", sites.blockGroup(Where.ZONE_INSIDE, EnumSet.of(R2, R3), 4), 0, true,
                    ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE).ratePerHa = 10000;
        }
        for (int k = 0; k < 6; k++) {
            Geometry mp = sites.scatteredParcels(Where.CORE, EnumSet.of(R3, R2), 3, 0.3, 3);
            Coordinate c = mp.getGeometryN(0).getCentroid().getCoordinate();
            add(Category.RENEWAL, subdistrictOrDistrict(c) + "老旧小区改造工程（" + ChineseNumerals.of(k + 1) + "批，3个小区）", mp, 0, false,
                    ResponsibleUnits.HOUSING).ratePerHa = 420;
        }
        while (count(Category.RENEWAL) < 70) {
            double q = rnd.nextDouble();
            if (q < 0.6) {
                Geometry gg = sites.blockGroup(Where.CORE, EnumSet.of(R3, R2), sites.nextInt(1, 4));
                Coordinate c = gg.getInteriorPoint().getCoordinate();
                add(Category.RENEWAL, subdistrictOrDistrict(c) + places.estate() + "老旧小区改造工程", gg, 0, false,
                        rnd.nextDouble() < 0.4 ? ResponsibleUnits.YICHENG_GOV : ResponsibleUnits.HOUSING).ratePerHa = 420;
            } else if (q < 0.85) {
                Geometry gg = sites.blockGroup(Where.CORE, EnumSet.of(R3), 5);
                add(Category.RENEWAL, places.village() + "城中村改造工程", gg, 0, true, ResponsibleUnits.YICHENG_GOV).ratePerHa = 10000;
            } else {
                Geometry gg = sites.blockGroup(Where.CORE, EnumSet.of(R3, R2), 4);
                add(Category.RENEWAL, nearestRoad(gg) + "片区棚户区改造工程", gg, 0, true, ResponsibleUnits.HOUSING).ratePerHa = 12000;
            }
        }
    }

    private void publicServices() {
        int m = sites.parcel(Where.CORE, EnumSet.of(M2), 1, 20);
        add(Category.PUBLIC_SERVICES, "工业园区配套小学建设工程", sites.shrunk(m, 0.6), 6000, true, ResponsibleUnits.EDUCATION)
                .intent = Intent.INCOMPATIBLE_ZONING;
        add(Category.PUBLIC_SERVICES, "示范区第一高级中学建设工程", sites.onFarmland(-60, 7000, 15000, true), 26000, true,
                ResponsibleUnits.EDUCATION).intent = Intent.ON_FARMLAND;
        Draft county = add(Category.PUBLIC_SERVICES, "确山县人民医院新院区建设工程", sites.rectangle(sites.countyPlace(), 260, 200, -0.2),
                45000, true, ResponsibleUnits.QUESHAN_GOV);
        county.intent = Intent.IN_COUNTY;
        county.district = DistrictMap.QUESHAN;
        add(Category.PUBLIC_SERVICES, "示范区第" + ChineseNumerals.of(2) + "小学建设工程", sites.zoneBlockPart(0.5, 0.8), 9000, true,
                ResponsibleUnits.EDUCATION);
        add(Category.PUBLIC_SERVICES, "示范区中心卫生院建设工程", sites.zoneBlockPart(0.4, 0.7), 7000, true, ResponsibleUnits.HEALTH);
        add(Category.PUBLIC_SERVICES, "示范区便民服务中心", sites.zonePoint(), 1800, true, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        for (int k = 0; k < 2; k++) {
            int p = sites.parcel(Where.ZONE_INSIDE, EnumSet.of(A33, A5, A6, A1, A2), 0.05, 40);
            Point pt = sites.pointOn(p);
            add(Category.PUBLIC_SERVICES, "示范区" + nearestRoad(pt) + "社区卫生服务中心", pt, sites.nextDouble(800, 2000), false,
                    ResponsibleUnits.HEALTH);
        }
        // polygons in the city
        for (int k = 0; k < 7; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(A33), 0.8, 20);
            String kind = k % 2 == 0 ? "中学" : "小学";
            add(Category.PUBLIC_SERVICES, "市第" + ChineseNumerals.of(schoolNumber++) + kind + "新建工程", sites.parcelAt(p).metres(),
                    sites.nextDouble(8000, 22000), true, ResponsibleUnits.EDUCATION);
        }
        String[] hospitals = {"市中心医院新院区建设工程", "市妇幼保健院迁建工程", "市中医院门诊综合楼建设工程"};
        double[] hospitalCost = {150000, 45000, 20000};
        for (int k = 0; k < hospitals.length; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(A5), k == 0 ? 3 : 0.5, 30); // the new hospital takes its own block
            add(Category.PUBLIC_SERVICES, hospitals[k], sites.parcelAt(p).metres(), hospitalCost[k], k < 2, ResponsibleUnits.HEALTH);
        }
        String[] culture = {"市图书馆新馆建设工程", "市博物馆新馆建设工程", "国际会展中心建设工程"};
        double[] cultureCost = {30000, 35000, 150000};
        for (int k = 0; k < culture.length; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(A2), k == 2 ? 3 : 0.4, 40); // the exhibition centre takes its own block
            add(Category.PUBLIC_SERVICES, culture[k], sites.parcelAt(p).metres(), cultureCost[k], true,
                    k == 2 ? ResponsibleUnits.DEVELOPMENT : ResponsibleUnits.CULTURE);
        }
        int sport = sites.parcel(Where.CORE, EnumSet.of(A4), 3, 40); // a whole block
        add(Category.PUBLIC_SERVICES, "市体育中心建设工程", sites.parcelAt(sport).metres(), 150000, true, ResponsibleUnits.CULTURE);
        for (int k = 0; k < 2; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(A6), 0.3, 20);
            Coordinate c = sites.parcelAt(p).metres().getCentroid().getCoordinate();
            String name = k == 0 ? subdistrictOrDistrict(c) + "养老服务中心建设工程" : "市社会福利院迁建工程";
            add(Category.PUBLIC_SERVICES, name, sites.parcelAt(p).metres(), k == 0 ? 4000 : 12000, k == 1, ResponsibleUnits.YICHENG_GOV);
        }
        // points in the city
        for (int k = 0; k < 26; k++) {
            if (k < 12) {
                int p = sites.parcel(Where.CORE, EnumSet.of(A33), 0.2, 20);
                Point pt = sites.pointOn(p);
                String name = k % 3 == 2 ? subdistrictOrDistrict(pt.getCoordinate()) + "中心幼儿园建设工程"
                        : "市第" + ChineseNumerals.of(schoolNumber++) + "小学改扩建工程";
                add(Category.PUBLIC_SERVICES, name, pt, sites.nextDouble(1500, 6000), false, ResponsibleUnits.EDUCATION);
            } else if (k < 20) {
                int p = sites.parcel(Where.CORE, EnumSet.of(A5), 0.05, 20);
                Point pt = sites.pointOn(p);
                add(Category.PUBLIC_SERVICES, subdistrictOrDistrict(pt.getCoordinate()) + nearestRoad(pt) + "社区卫生服务中心", pt,
                        sites.nextDouble(800, 2500), false, ResponsibleUnits.HEALTH);
            } else if (k < 23) {
                int p = sites.parcel(Where.CORE, EnumSet.of(A6), 0.05, 20);
                Point pt = sites.pointOn(p);
                add(Category.PUBLIC_SERVICES, subdistrictOrDistrict(pt.getCoordinate()) + nearestRoad(pt) + "日间照料中心", pt,
                        sites.nextDouble(300, 900), false, ResponsibleUnits.YICHENG_GOV);
            } else {
                int p = sites.parcel(Where.CORE, EnumSet.of(A1), 0.05, 20);
                Point pt = sites.pointOn(p);
                add(Category.PUBLIC_SERVICES, subdistrictOrDistrict(pt.getCoordinate()) + "便民服务中心", pt, sites.nextDouble(500, 1500), false,
                        ResponsibleUnits.YICHENG_GOV);
            }
        }
    }

    private void streetscape() {
        Set<LandUseCode> ok = EnumSet.of(S1);
        Stretch out = sites.extension(3, -4500, ok);
        Draft exit = add(Category.STREETSCAPE, places.roadOf(out) + "西出口景观提升工程", out.metres(), km(out) * 1500, false,
                ResponsibleUnits.URBAN_MANAGEMENT);
        exit.intent = Intent.PARTLY_OUTSIDE;
        exit.address = places.addressOf(out, districtOf(out.metres()));
        Stretch zone = sites.road(Where.ZONE_INSIDE, 2, 5, false, ok);
        street(zone, "示范区" + places.roadOf(zone) + "亮化工程", 700, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        String[] kinds = {"立面整治工程", "亮化工程", "景观提升工程", "店招标牌整治工程", "架空线缆整治工程"};
        double[] rates = {2500, 1000, 2000, 500, 900};
        for (int k = 0; k < 4; k++) {
            Stretch a = sites.road(Where.CORE, 2, 4, true, ok);
            Stretch b = sites.road(Where.CORE, 2, 4, true, ok);
            if (a.vertical() == b.vertical() && a.line() == b.line()) {
                k--;
                continue;
            }
            int t = rnd.nextInt(kinds.length);
            add(Category.STREETSCAPE, places.roadOf(a) + "、" + places.roadOf(b) + kinds[t],
                    gf.createMultiLineString(new LineString[] {a.metres(), b.metres()}), (km(a) + km(b)) * rates[t], false,
                    ResponsibleUnits.URBAN_MANAGEMENT);
        }
        int square = sites.parcel(Where.CORE, EnumSet.of(G3), 0.1, 20);
        add(Category.STREETSCAPE, "人民广场夜景亮化工程", sites.parcelAt(square).metres(), 1800, false, ResponsibleUnits.URBAN_MANAGEMENT);
        for (int k = 0; k < 2; k++) {
            Geometry g = sites.blockGroup(Where.CORE, EnumSet.of(B1), 3);
            add(Category.STREETSCAPE, nearestRoad(g) + "商业街立面整治工程", g, sites.nextDouble(1200, 3500), false, ResponsibleUnits.URBAN_MANAGEMENT);
        }
        while (count(Category.STREETSCAPE) < 35) {
            int t = rnd.nextInt(kinds.length);
            Stretch s = sites.road(Where.CORE, 2, 6, rnd.nextDouble() < 0.7, ok);
            street(s, places.roadOf(s) + "（" + places.crossOf(s, true) + "至" + places.crossOf(s, false) + "）" + kinds[t], rates[t], null);
        }
    }

    private void street(Stretch s, String name, double ratePerKm, String unit) {
        Draft x = add(Category.STREETSCAPE, name, s.metres(), km(s) * ratePerKm * sites.nextDouble(0.8, 1.2), false,
                unit == null ? ResponsibleUnits.URBAN_MANAGEMENT : unit);
        x.address = places.addressOf(s, districtOf(s.metres()));
    }

    private void transportHubs() {
        int hub = sites.parcel(Where.CORE, EnumSet.of(S3), 0.1, 40);
        add(Category.TRANSPORT_HUBS, "高铁站综合交通枢纽停车场", sites.blockGroupFrom(hub, Where.CORE, EnumSet.of(S3, S4), 3), 32000, true,
                ResponsibleUnits.TRANSPORT);
        int station = sites.parcel(Where.CORE, EnumSet.of(S4), 0.6, 20);
        add(Category.TRANSPORT_HUBS, "长途汽车客运东站建设工程", sites.parcelAt(station).metres(), 15000, true, ResponsibleUnits.TRANSPORT);
        for (int k = 0; k < 4; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(S4), 0.15, 20);
            add(Category.TRANSPORT_HUBS, nearestRoad(sites.parcelAt(p).metres()) + "公交首末站建设工程", sites.parcelAt(p).metres(),
                    sites.nextDouble(1500, 4000), true, ResponsibleUnits.TRANSPORT);
        }
        for (int k = 0; k < 3; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(S4, B1), 0.2, 5);
            add(Category.TRANSPORT_HUBS, nearestRoad(sites.parcelAt(p).metres()) + (k == 0 ? "立体停车场建设工程" : "公共停车场建设工程"),
                    sites.parcelAt(p).metres(), sites.nextDouble(1200, 6000), k == 0, ResponsibleUnits.TRANSPORT);
        }
        for (int k = 0; k < 6; k++) {
            int p = sites.parcel(Where.CORE, EnumSet.of(S4, B1, G3), 0.05, 20);
            Point pt = sites.pointOn(p);
            add(Category.TRANSPORT_HUBS, nearestRoad(pt) + (k % 2 == 0 ? "公交充电站建设工程" : "出租车综合服务站"), pt,
                    sites.nextDouble(150, 600), false, ResponsibleUnits.TRANSPORT);
        }
        String[] wrong = {"公园社会停车场建设工程", "公交停保场建设工程"};
        for (String w : wrong) {
            int p = sites.parcel(Where.CORE, EnumSet.of(G1), 0.6, 20);
            Polygon site = sites.shrunk(p, 0.6);
            String name = w.startsWith("公园") ? places.parkStem() + w : nearestRoad(site) + w;
            add(Category.TRANSPORT_HUBS, name, site, sites.nextDouble(1500, 3500), true, ResponsibleUnits.TRANSPORT)
                    .intent = Intent.INCOMPATIBLE_ZONING;
        }
        add(Category.TRANSPORT_HUBS, "城西公路客运物流枢纽", sites.onFarmland(180, 9000, 15000, false), 26000, true,
                ResponsibleUnits.TRANSPORT).intent = Intent.ON_FARMLAND;
        add(Category.TRANSPORT_HUBS, "示范区公交首末站建设工程", sites.zoneBlockPart(0.3, 0.5), 2200, true,
                ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
        int p = sites.parcel(Where.ZONE_INSIDE, EnumSet.of(S4, B1, G3), 0.05, 20);
        add(Category.TRANSPORT_HUBS, "示范区公共自行车服务站", sites.pointOn(p), 260, false, ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE);
    }

    private void heritage() {
        Geometry town = sites.blockGroup(Where.CORE, EnumSet.of(B1, R2, R3), 8);
        add(Category.HERITAGE, "关王庙豫剧特色小镇（一期）", town, 60000, true, ResponsibleUnits.ECONOMIC_ZONE_COMMITTEE);
        for (int k = 0; k < 2; k++) {
            Geometry g = sites.blockGroup(Where.CORE, EnumSet.of(R3), 4);
            add(Category.HERITAGE, nearestRoad(g) + "历史文化街区保护工程", g, sites.nextDouble(20000, 45000), false, ResponsibleUnits.PLANNING);
        }
        int wall = sites.parcel(Where.CORE, EnumSet.of(G1), 0.5, 40);
        add(Category.HERITAGE, "老城墙遗址公园", sites.parcelAt(wall).metres(), 12000, true, ResponsibleUnits.CULTURE);
        int garden = sites.parcel(Where.CORE, EnumSet.of(A2), 0.3, 40);
        add(Category.HERITAGE, "天中文化园建设工程", sites.parcelAt(garden).metres(), 28000, true, ResponsibleUnits.CULTURE);
        int hall = sites.parcel(Where.CORE, EnumSet.of(R3), 0.1, 3);
        add(Category.HERITAGE, "山陕会馆修缮工程", sites.parcelAt(hall).metres(), 3200, false, ResponsibleUnits.CULTURE);
        String[] points = {"古民居修缮工程", "古井保护工程", "革命旧址修缮工程", "老火车站站房保护利用工程", "古槐保护工程"};
        Set<LandUseCode> ok = suitableClasses(Category.HERITAGE);
        for (int k = 0; k < points.length; k++) {
            int p = sites.parcel(Where.CORE, k == 1 || k == 4 ? EnumSet.of(G1) : k == 3 ? EnumSet.of(B1) : EnumSet.of(R3, A2), 0.05, 20);
            Point pt = sites.pointOn(p);
            String name = k == 3 ? points[k] : (k == 0 || k == 2 ? places.village() : nearestRoad(pt)) + points[k];
            if (!ok.containsAll(sites.zoningCodes(pt))) {
                throw new IllegalStateException("heritage point on unsuitable land");
            }
            add(Category.HERITAGE, name, pt, sites.nextDouble(150, 1500), false, ResponsibleUnits.CULTURE);
        }
        add(Category.HERITAGE, places.village() + "汉代遗址公园", sites.onFarmland(120, 9000, 15000, false), 8000, true,
                ResponsibleUnits.CULTURE).intent = Intent.ON_FARMLAND;
    }

    // ---- helpers for sites and names -----------------------------------------------------

    private Draft add(Category category, String name, Geometry metres, double cost, boolean newLand, String unit) {
        Draft d = new Draft();
        d.category = category;
        d.name = unique(name);
        d.metres = metres;
        d.cost = cost;
        d.newLand = newLand;
        d.unit = unit;
        drafts.add(d);
        return d;
    }

    private Draft last() {
        return drafts.get(drafts.size() - 1);
    }

    private String unique(String name) {
        String n = name;
        for (int k = 2; !names.add(n); k++) {
            n = name + "（" + ChineseNumerals.of(k) + "期）";
        }
        return n;
    }

    private int count(Category c) {
        int n = 0;
        for (Draft d : drafts) {
            if (d.category == c) {
                n++;
            }
        }
        return n;
    }

    private static double km(Stretch s) {
        return s.metres().getLength() / 1000;
    }

    private String districtOf(Geometry g) {
        return districts.districtAt(g.getInteriorPoint().getCoordinate());
    }

    private String subdistrictOrDistrict(Coordinate c) {
        String d = districts.districtAt(c);
        if (DistrictMap.YICHENG.equals(d)) {
            return places.subdistrict(c);
        }
        return DistrictMap.DEMONSTRATION_ZONE.equals(d) ? "示范区" : d;
    }

    /** Name of the grid line closest to a site (the street it fronts). */
    private String nearestRoad(Geometry g) {
        Coordinate c = g.getInteriorPoint().getCoordinate();
        int[] n = sites.grid.nearestNode(c);
        Coordinate node = sites.grid.node(n[0], n[1]);
        boolean vertical = Math.abs(c.x - node.x) < Math.abs(c.y - node.y);
        String name = vertical ? sites.grid.vName[n[0]] : sites.grid.hName[n[1]];
        return RoadGrid.RIVER_NAME.equals(name) ? sites.grid.vName[n[0]] : name;
    }

    /** A county road: a slightly bent north–south line of about 2 km in 确山县. */
    private LineString countyLine() {
        Coordinate c = sites.countyPlace();
        double len = sites.nextDouble(1600, 2600);
        return gf.createLineString(new Coordinate[] {
            new Coordinate(c.x + Math.round(sites.nextDouble(-80, 80)), c.y - Math.round(len / 2)),
            new Coordinate(c.x, c.y),
            new Coordinate(c.x + Math.round(sites.nextDouble(-80, 80)), c.y + Math.round(len / 2)),
        });
    }

    // ---- money, status, dates ------------------------------------------------------------

    /**
     * Total investment. Small projects (< 5,000 万元) keep their estimate; the large ones share the
     * rest of the programme total in proportion to their estimates.
     */
    private long[] totals() {
        int n = drafts.size();
        double[] w = new double[n];
        long[] floor = new long[n];
        long[] ceiling = new long[n];
        for (int k = 0; k < n; k++) {
            Draft d = drafts.get(k);
            double est = d.ratePerHa > 0 ? d.ratePerHa * d.metres.getArea() / 1e4 * sites.nextDouble(0.8, 1.25) : d.cost;
            est = Math.max(est, 20);
            w[k] = est;
            if (est < 5000) {
                floor[k] = ceiling[k] = InvestmentAllocator.planLike(est);
            } else {
                floor[k] = 5000;
                ceiling[k] = Long.MAX_VALUE;
            }
        }
        return InvestmentAllocator.allocate(w, floor, ceiling, TOTAL_INVESTMENT);
    }

    private ProjectStatus[] statuses(long[] total) {
        int n = drafts.size();
        ProjectStatus[] s = new ProjectStatus[n];
        Set<Category> quick = EnumSet.of(Category.SANITATION, Category.PARKS, Category.STREETSCAPE, Category.RENEWAL,
                Category.SPONGE_CITY, Category.PIPELINES, Category.PUBLIC_SERVICES);
        // completed: small, quick jobs
        pickTop(s, ProjectStatus.COMPLETED, COMPLETED, k -> {
            Draft d = drafts.get(k);
            return d.intent != Intent.ON_FARMLAND && total[k] <= 3000 && quick.contains(d.category) ? 1.0 : 0;
        });
        // suspended: medium and large works that ran into trouble
        pickTop(s, ProjectStatus.SUSPENDED, SUSPENDED, k -> drafts.get(k).intent != Intent.ON_FARMLAND && total[k] >= 5000 ? 1.0 : 0);
        // under construction: favour large, long-running projects (续建) and roads, water and renewal
        pickTop(s, ProjectStatus.UNDER_CONSTRUCTION, STARTED - COMPLETED - SUSPENDED, k -> {
            Draft d = drafts.get(k);
            if (d.intent == Intent.ON_FARMLAND) {
                return 0;
            }
            double w = switch (d.category) {
                case ROADS, WATER_SYSTEM, RENEWAL, PIPELINES -> 1.4;
                case TRANSPORT_HUBS, HERITAGE -> 0.8;
                default -> 1.0;
            };
            return w * (total[k] >= 50_000 ? 4 : total[k] >= 10_000 ? 2 : 1);
        });
        for (int k = 0; k < n; k++) {
            if (s[k] == null) {
                s[k] = rnd.nextDouble() < 0.55 ? ProjectStatus.PREPARING : ProjectStatus.PLANNED;
            }
        }
        return s;
    }

    /** Weighted sampling without replacement (key u^(1/w)), among projects not yet given a status. */
    private void pickTop(ProjectStatus[] s, ProjectStatus status, int count, IntToDoubleFunction weight) {
        int n = s.length;
        double[] key = new double[n];
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            double u = rnd.nextDouble();
            double w = s[k] == null ? weight.applyAsDouble(k) : 0;
            key[k] = w > 0 ? StrictMath.pow(u, 1 / w) : -1;
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -key[k]).thenComparingInt(k -> k));
        for (int m = 0; m < count; m++) {
            int k = order[m];
            if (key[k] < 0) {
                throw new IllegalStateException("not enough projects eligible to be " + status.code());
            }
            s[k] = status;
        }
    }

    private long[] annualPlans(long[] total, ProjectStatus[] status) {
        int n = total.length;
        double[] w = new double[n];
        long[] floor = new long[n];
        long[] ceiling = new long[n];
        for (int k = 0; k < n; k++) {
            if (status[k] == ProjectStatus.COMPLETED || total[k] < 2000) {
                floor[k] = ceiling[k] = total[k]; // small and finished jobs are planned whole within the year
                w[k] = total[k];
                continue;
            }
            double f = switch (status[k]) {
                case UNDER_CONSTRUCTION -> rnd.nextDouble(0.3, 0.6);
                case SUSPENDED -> rnd.nextDouble(0.1, 0.3);
                case PREPARING -> rnd.nextDouble(0.15, 0.4);
                default -> rnd.nextDouble(0.05, 0.2);
            };
            w[k] = total[k] * f;
            floor[k] = 1;
            ceiling[k] = total[k];
        }
        return InvestmentAllocator.allocate(w, floor, ceiling, ANNUAL_PLAN_INVESTMENT);
    }

    private long[] completedInvestment(long[] annual, ProjectStatus[] status) {
        int n = annual.length;
        double[] w = new double[n];
        long[] floor = new long[n];
        long[] ceiling = new long[n];
        for (int k = 0; k < n; k++) {
            switch (status[k]) {
                case COMPLETED -> {
                    floor[k] = ceiling[k] = annual[k];
                    w[k] = annual[k];
                }
                case UNDER_CONSTRUCTION -> {
                    w[k] = annual[k] * rnd.nextDouble(0.15, 0.6);
                    floor[k] = 1;
                    ceiling[k] = annual[k];
                }
                case SUSPENDED -> {
                    w[k] = annual[k] * rnd.nextDouble(0.05, 0.25);
                    floor[k] = 1;
                    ceiling[k] = annual[k];
                }
                default -> {
                    w[k] = 0;
                    floor[k] = ceiling[k] = 0;
                }
            }
        }
        return InvestmentAllocator.allocate(w, floor, ceiling, COMPLETED_INVESTMENT);
    }

    private DemoProject finish(int k, Draft d, long total, long annual, long completed, ProjectStatus status) {
        String code = String.format(Locale.ROOT, "ZMD-%d-%04d", PLAN_YEAR, k + 1);
        LocalDate plannedStart;
        LocalDate actualStart = null;
        LocalDate actualEnd = null;
        int duration = total < 2000 ? rnd.nextInt(60, 181) : total < 20_000 ? rnd.nextInt(180, 541) : rnd.nextInt(365, 1096);
        switch (status) {
            case COMPLETED -> {
                actualStart = LocalDate.of(2016, 10, 1).plusDays(rnd.nextInt(0, 150));
                long room = REPORT_DATE.toEpochDay() - 3 - actualStart.toEpochDay();
                actualEnd = actualStart.plusDays(rnd.nextLong(Math.min(45, room), room + 1));
                plannedStart = actualStart.plusDays(rnd.nextInt(-20, 11));
                duration = (int) Math.max(30, actualEnd.toEpochDay() - plannedStart.toEpochDay() + rnd.nextInt(-15, 21));
            }
            case UNDER_CONSTRUCTION -> {
                // large works are mostly carried over from 2016 (续建); small ones started this spring
                actualStart = rnd.nextDouble() < (total >= 10_000 ? 0.6 : 0.15)
                        ? LocalDate.of(2016, 4, 1).plusDays(rnd.nextInt(0, 275))
                        : LocalDate.of(2017, 1, 1).plusDays(rnd.nextInt(0, 132));
                plannedStart = actualStart.minusDays(rnd.nextInt(-10, 46));
            }
            case SUSPENDED -> {
                actualStart = LocalDate.of(2016, 5, 1).plusDays(rnd.nextInt(0, 300));
                plannedStart = actualStart.minusDays(rnd.nextInt(0, 30));
            }
            case PREPARING -> plannedStart = LocalDate.of(2017, 3, 1).plusDays(rnd.nextInt(0, 214));
            default -> plannedStart = LocalDate.of(2017, 6, 1).plusDays(rnd.nextInt(0, 198));
        }
        LocalDate plannedEnd = plannedStart.plusDays(duration);
        if (status != ProjectStatus.COMPLETED && plannedEnd.isBefore(LocalDate.of(2017, 6, 30))) {
            plannedEnd = LocalDate.of(2017, 6, 30).plusDays(rnd.nextInt(0, 120));
        }

        String unit = d.unit != null ? d.unit : defaultUnit(d.category);
        if (DistrictMap.QUESHAN.equals(d.district)) {
            unit = ResponsibleUnits.QUESHAN_GOV;
        } else if (DistrictMap.DEMONSTRATION_ZONE.equals(d.district) && rnd.nextDouble() < 0.6) {
            unit = ResponsibleUnits.DEMONSTRATION_ZONE_COMMITTEE;
        } else if (DistrictMap.ECONOMIC_ZONE.equals(d.district) && rnd.nextDouble() < 0.5) {
            unit = ResponsibleUnits.ECONOMIC_ZONE_COMMITTEE;
        }
        Liaison liaison = units.liaisonFor(unit);

        FundingMode funding = funding(d, total);
        LandStatus land;
        if (!d.newLand) {
            land = LandStatus.NOT_REQUIRED;
        } else if (d.intent == Intent.ON_FARMLAND) {
            land = status == ProjectStatus.PREPARING ? LandStatus.IN_PROGRESS : LandStatus.NOT_STARTED;
        } else if (status.started()) {
            land = LandStatus.APPROVED;
        } else if (status == ProjectStatus.PREPARING) {
            land = rnd.nextDouble() < 0.7 ? LandStatus.IN_PROGRESS : LandStatus.APPROVED;
        } else {
            land = LandStatus.NOT_STARTED;
        }

        Geometry lonLat = plane.toLonLat(d.metres);
        Long landArea = lonLat.getDimension() == 2 ? Math.round(LocalPlane.areaM2(lonLat)) : null;
        return new DemoProject(code, d.name, d.category, d.district, d.address, unit, units.leaderOf(unit),
                liaison.name(), liaison.phone(), status, plannedStart, plannedEnd, actualStart, actualEnd, PLAN_YEAR,
                total, annual, completed, funding, land, landArea, d.metres, lonLat, d.intent);
    }

    private String defaultUnit(Category c) {
        double p = rnd.nextDouble();
        return switch (c) {
            case ROADS -> p < 0.5 ? ResponsibleUnits.HOUSING : p < 0.75 ? ResponsibleUnits.TRANSPORT : ResponsibleUnits.CITY_INVESTMENT;
            case WATER_SYSTEM -> p < 0.7 ? ResponsibleUnits.WATER : ResponsibleUnits.ENVIRONMENT;
            case PARKS, SANITATION, STREETSCAPE -> ResponsibleUnits.URBAN_MANAGEMENT;
            case PIPELINES -> p < 0.6 ? ResponsibleUnits.HOUSING : ResponsibleUnits.CITY_INVESTMENT;
            case SPONGE_CITY -> ResponsibleUnits.HOUSING;
            case RENEWAL -> p < 0.6 ? ResponsibleUnits.HOUSING : ResponsibleUnits.YICHENG_GOV;
            case PUBLIC_SERVICES -> ResponsibleUnits.DEVELOPMENT;
            case TRANSPORT_HUBS -> ResponsibleUnits.TRANSPORT;
            case HERITAGE -> ResponsibleUnits.CULTURE;
        };
    }

    private FundingMode funding(Draft d, long total) {
        double p = rnd.nextDouble();
        if (d.category == Category.HERITAGE && total >= 100_000) {
            return FundingMode.PRIVATE;
        }
        if (d.category == Category.RENEWAL && total >= 5000) {
            return p < 0.4 ? FundingMode.SPECIAL_BOND : p < 0.75 ? FundingMode.BANK_LOAN : FundingMode.FISCAL;
        }
        if (d.category == Category.TRANSPORT_HUBS && p < 0.3) {
            return FundingMode.PRIVATE;
        }
        if (total >= 100_000) {
            return p < 0.4 ? FundingMode.PPP : p < 0.7 ? FundingMode.BANK_LOAN : FundingMode.SPECIAL_BOND;
        }
        if (total >= 10_000) {
            return p < 0.35 ? FundingMode.FISCAL : p < 0.6 ? FundingMode.SPECIAL_BOND : p < 0.85 ? FundingMode.BANK_LOAN : FundingMode.PPP;
        }
        return p < 0.85 ? FundingMode.FISCAL : p < 0.95 ? FundingMode.SPECIAL_BOND : FundingMode.PRIVATE;
    }
}
