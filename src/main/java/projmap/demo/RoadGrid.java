package projmap.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

/**
 * The demo city's road network: a gently warped grid of road centrelines, each line with a class
 * (arterial 主干路, secondary 次干路, branch 支路) that sets its red-line width, and a name.
 *
 * <p>Vertical lines (index i) run north–south, horizontal lines (index j) west–east; node(i, j) is
 * where they cross. Spacing varies between 270 and 340 m; every third or fourth line is an
 * arterial. One horizontal line is not a road but the river 练江河, with its own width and an
 * extra meander. The grid spans ±16 km so it also serves the demonstration zone and the roads
 * that leave the central urban area.
 *
 * <p>{@link #cellCorners} gives the four corners of the block between two pairs of lines: each
 * corner is where the two bounding red lines (centreline offset by half the road width) meet.
 * Neighbouring blocks and road faces are built from the same corner values, which is what keeps
 * the land-use plan free of slivers and overlaps. Immutable after construction.
 */
final class RoadGrid {

    enum RoadClass {
        ARTERIAL(50), SECONDARY(32), BRANCH(22), RIVER(90);

        final double width;

        RoadClass(double width) {
            this.width = width;
        }

        boolean isRoad() {
            return this != RIVER;
        }
    }

    static final double EXTENT = 16_000;
    static final String RIVER_NAME = "练江河";
    /** Lines farther than this from the centre get numbered names (经X路 / 纬X路). */
    private static final double NAMED_CORE = 8_500;

    private static final String[] NS_ARTERIALS = {
        "驿城大道", "雪松大道", "开源大道", "文明大道", "置地大道", "金山大道", "创业大道", "兴业大道",
        "通达大道", "凤鸣大道", "天中大道", "宏达大道",
    };
    private static final String[] EW_ARTERIALS = {
        "练江大道", "乐山大道", "前进大道", "铜山大道", "天中山大道", "淮河大道", "中原大道", "嵖岈山大道",
        "橡林大道", "风光大道", "金河大道", "永乐大道",
    };
    private static final String[] STEMS = {
        "解放", "中华", "交通", "文化", "健康", "人民", "友谊", "团结", "胜利", "建设", "顺河", "新华",
        "西园", "东风", "骏马", "金雀", "富强", "民主", "育才", "新民", "和平", "朝阳", "向阳", "青年",
        "春风", "振兴", "五一", "工业", "科技", "学府", "博学", "书香", "白云", "翠竹", "紫薇", "玉兰",
        "海棠", "芙蓉", "丁香", "梧桐", "银杏", "丹桂", "金桂", "迎宾", "兴华", "新兴", "广场", "市场",
        "车站", "站前", "南海", "北泉", "汝南", "正阳", "遂平", "西平", "平舆", "上蔡", "新蔡", "泌阳",
        "确山", "宿鸭湖", "老街", "刘阁", "香山", "诸市", "水屯", "蚁蜂", "古城", "胡庙", "沙河", "老河",
        "红旗", "仁和", "安康", "景苑", "文苑", "雅苑", "天河", "星光", "明珠", "龙山", "凤凰", "麒麟",
        "中山", "开明", "德政", "崇文", "尚武", "启明", "长青", "永兴", "永安", "长乐", "太平", "福寿",
    };

    final double[] baseX;
    final double[] baseY;
    final RoadClass[] vClass;
    final RoadClass[] hClass;
    final String[] vName;
    final String[] hName;
    final int riverLine;
    private final Coordinate[][] node;
    private final GeometryFactory gf;

    RoadGrid(GeometryFactory gf, SplittableRandom rnd) {
        this.gf = gf;
        this.baseX = spacings(rnd);
        this.baseY = spacings(rnd);
        this.vClass = classes(baseX, rnd);
        this.hClass = classes(baseY, rnd);
        this.riverLine = nearest(baseY, -1400);
        hClass[riverLine] = RoadClass.RIVER;

        double a = rnd.nextDouble(2 * Math.PI);
        double b = rnd.nextDouble(2 * Math.PI);
        double c = rnd.nextDouble(2 * Math.PI);
        double d = rnd.nextDouble(2 * Math.PI);
        double e = rnd.nextDouble(2 * Math.PI);
        node = new Coordinate[baseX.length][baseY.length];
        for (int i = 0; i < baseX.length; i++) {
            for (int j = 0; j < baseY.length; j++) {
                double x = baseX[i] + 110 * StrictMath.sin(2 * Math.PI * baseY[j] / 9500 + a)
                        + 45 * StrictMath.sin(2 * Math.PI * baseY[j] / 3700 + b)
                        + rnd.nextDouble(-9, 9);
                double y = baseY[j] + 100 * StrictMath.sin(2 * Math.PI * baseX[i] / 10500 + c)
                        + 40 * StrictMath.sin(2 * Math.PI * baseX[i] / 4100 + d)
                        + rnd.nextDouble(-9, 9);
                if (j == riverLine) {
                    y += 55 * StrictMath.sin(2 * Math.PI * baseX[i] / 2600 + e);
                }
                node[i][j] = new Coordinate(x, y);
            }
        }
        this.vName = names(baseX, vClass, NS_ARTERIALS, 0, "经");
        this.hName = names(baseY, hClass, EW_ARTERIALS, 1, "纬");
        hName[riverLine] = RIVER_NAME;
    }

    int nx() {
        return baseX.length;
    }

    int ny() {
        return baseY.length;
    }

    Coordinate node(int i, int j) {
        return node[i][j];
    }

    /** The node nearest to a point: {i, j}. */
    int[] nearestNode(Coordinate c) {
        int i0 = nearest(baseX, c.x);
        int j0 = nearest(baseY, c.y);
        int[] best = {i0, j0};
        double bestD = Double.MAX_VALUE;
        for (int i = Math.max(0, i0 - 2); i <= Math.min(nx() - 1, i0 + 2); i++) {
            for (int j = Math.max(0, j0 - 2); j <= Math.min(ny() - 1, j0 + 2); j++) {
                double dd = node[i][j].distance(c);
                if (dd < bestD) {
                    bestD = dd;
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }

    /** The cell {i, j} whose corner nodes (i..i+1, j..j+1) are nearest to surround a point. */
    int[] cellAt(Coordinate c) {
        int[] n = nearestNode(c);
        int i = c.x >= node[n[0]][n[1]].x ? n[0] : n[0] - 1;
        int j = c.y >= node[n[0]][n[1]].y ? n[1] : n[1] - 1;
        return new int[] {Math.max(0, Math.min(nx() - 2, i)), Math.max(0, Math.min(ny() - 2, j))};
    }

    /**
     * The four corners {SW, SE, NE, NW} of the block between vertical lines i, i+1 and horizontal
     * lines j, j+1: each is the meeting point of the two adjacent red lines.
     */
    Coordinate[] cellCorners(int i, int j) {
        double wW = vClass[i].width / 2;
        double wE = vClass[i + 1].width / 2;
        double wS = hClass[j].width / 2;
        double wN = hClass[j + 1].width / 2;
        Coordinate[] west = offset(node[i][j], node[i][j + 1], +wW);     // east side of line i
        Coordinate[] east = offset(node[i + 1][j], node[i + 1][j + 1], -wE); // west side of line i+1
        Coordinate[] south = offset(node[i][j], node[i + 1][j], -wS);    // north side of line j
        Coordinate[] north = offset(node[i][j + 1], node[i + 1][j + 1], +wN); // south side of line j+1
        return new Coordinate[] {
            meet(west, south), meet(east, south), meet(east, north), meet(west, north),
        };
    }

    /** Centreline of vertical line i from node j0 to node j1 (j0 < j1). */
    LineString verticalLine(int i, int j0, int j1) {
        Coordinate[] cs = new Coordinate[j1 - j0 + 1];
        for (int j = j0; j <= j1; j++) {
            cs[j - j0] = node[i][j].copy();
        }
        return gf.createLineString(cs);
    }

    /** Centreline of horizontal line j from node i0 to node i1 (i0 < i1). */
    LineString horizontalLine(int j, int i0, int i1) {
        Coordinate[] cs = new Coordinate[i1 - i0 + 1];
        for (int i = i0; i <= i1; i++) {
            cs[i - i0] = node[i][j].copy();
        }
        return gf.createLineString(cs);
    }

    /**
     * The segment a→b shifted sideways by {@code d} metres: positive to the right of a→b
     * (east of a northward line), negative to the left (north of an eastward line).
     */
    private static Coordinate[] offset(Coordinate a, Coordinate b, double d) {
        double dx = b.x - a.x;
        double dy = b.y - a.y;
        double len = StrictMath.sqrt(dx * dx + dy * dy);
        double nx = dy / len * d;
        double ny = -dx / len * d;
        return new Coordinate[] {new Coordinate(a.x + nx, a.y + ny), new Coordinate(b.x + nx, b.y + ny)};
    }

    /** Intersection of the infinite lines through two segments. */
    private static Coordinate meet(Coordinate[] p, Coordinate[] q) {
        double d1x = p[1].x - p[0].x;
        double d1y = p[1].y - p[0].y;
        double d2x = q[1].x - q[0].x;
        double d2y = q[1].y - q[0].y;
        double den = d1x * d2y - d1y * d2x;
        double t = ((q[0].x - p[0].x) * d2y - (q[0].y - p[0].y) * d2x) / den;
        return new Coordinate(p[0].x + t * d1x, p[0].y + t * d1y);
    }

    private static double[] spacings(SplittableRandom rnd) {
        List<Double> xs = new ArrayList<>();
        double x = -EXTENT;
        while (x <= EXTENT) {
            xs.add(x);
            x += rnd.nextDouble(270, 340);
        }
        double[] out = new double[xs.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = xs.get(k);
        }
        return out;
    }

    /** Arterials every third or fourth line counting out from the one nearest the centre. */
    private static RoadClass[] classes(double[] base, SplittableRandom rnd) {
        RoadClass[] cls = new RoadClass[base.length];
        Arrays.fill(cls, RoadClass.BRANCH);
        int centre = nearest(base, 0);
        for (int dir = -1; dir <= 1; dir += 2) {
            int k = centre;
            while (k >= 0 && k < base.length) {
                cls[k] = RoadClass.ARTERIAL;
                int gap = rnd.nextInt(3, 5);
                int mid = k + dir * (gap == 3 ? 1 : 2);
                if (mid >= 0 && mid < base.length) {
                    cls[mid] = RoadClass.SECONDARY;
                }
                k += dir * gap;
            }
        }
        return cls;
    }

    private static String[] names(double[] base, RoadClass[] cls, String[] arterials, int stemParity, String numberedPrefix) {
        String[] names = new String[base.length];
        Integer[] order = new Integer[base.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        // closest to the centre first, so the core gets the familiar names
        Arrays.sort(order, (p, q) -> Double.compare(Math.abs(base[p]), Math.abs(base[q])));
        int nextArterial = 0;
        int nextStem = stemParity;
        for (int k : order) {
            if (Math.abs(base[k]) > NAMED_CORE) {
                continue;
            }
            if (cls[k] == RoadClass.ARTERIAL && nextArterial < arterials.length) {
                names[k] = arterials[nextArterial++];
            } else if (nextStem < STEMS.length) {
                names[k] = STEMS[nextStem] + "路";
                nextStem += 2; // the two directions take alternate stems, so no name repeats
            }
        }
        int number = 1;
        for (int k = 0; k < base.length; k++) {
            if (names[k] == null) {
                names[k] = numberedPrefix + ChineseNumerals.of(number++) + (cls[k] == RoadClass.ARTERIAL ? "大道" : "路");
            }
        }
        return names;
    }

    static int nearest(double[] sorted, double v) {
        int k = Arrays.binarySearch(sorted, v);
        if (k >= 0) {
            return k;
        }
        int ins = -k - 1;
        if (ins == 0) {
            return 0;
        }
        if (ins >= sorted.length) {
            return sorted.length - 1;
        }
        return v - sorted[ins - 1] <= sorted[ins] - v ? ins - 1 : ins;
    }
}
