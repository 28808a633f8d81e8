package projmap.demo;

import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import projmap.demo.SitePicker.Stretch;

/**
 * Names of places in the demo city — subdistricts (街道), townships (乡镇), villages, housing
 * estates, parks — and the addresses written on projects ("驿城区西园街道解放路以东、人民路以北",
 * "雪松大道（解放路至中华路）", "骏马路与和平路交叉口东北角").
 *
 * <p>Subdistrict and township names are real place names of the Zhumadian area used as labels
 * for synthetic places; they do not mark the real places' positions.
 */
final class PlaceNames {

    private static final String[] SUBDISTRICTS_BY_OCTANT = {
        "东风街道", "橡林街道", "雪松街道", "新华街道", "西园街道", "刘阁街道", "南海街道", "顺河街道",
    };
    private static final String[] TOWNSHIPS_BY_OCTANT = {
        "沙河店镇", "水屯镇", "诸市镇", "蚁蜂镇", "老河乡", "古城乡", "胡庙乡", "朱古洞乡",
    };
    private static final String[] COUNTY_SUBDISTRICTS = {"盘龙街道", "三里河街道", "朗陵街道"};
    private static final String[] VILLAGE_SURNAMES = {
        "李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "胡", "朱", "高", "何", "郭", "马", "罗",
        "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "程", "曹", "袁", "邓", "许", "蔡", "潘", "田", "姚", "彭",
    };
    private static final String[] VILLAGE_SUFFIXES = {"庄", "营", "寨", "店", "楼", "湾", "岗", "桥", "集", "屯"};
    private static final String[] ESTATES = {
        "电西小区", "纺织厂家属院", "化肥厂家属院", "糖厂小区", "面粉厂家属院", "农机厂小区", "棉纺厂家属院",
        "铁路小区", "邮电小区", "供销社家属院", "食品公司家属院", "粮食局家属院", "交通局家属院", "水利局家属院",
        "卫生局家属院", "税务小区", "运输公司家属院", "汽修厂小区", "五金公司家属院", "百货公司家属院", "印刷厂小区",
        "酒厂家属院", "柴油机厂小区", "制药厂家属院", "建材厂小区", "电业局小区", "气象局家属院", "地质队小区",
        "烟草公司家属院", "师范学校家属院", "二轻局小区", "物资局家属院", "自来水公司小区", "外贸小区", "工商小区",
        "林业局家属院", "畜牧局家属院", "文化局家属院", "公路局小区", "房管所小区",
    };
    private static final String[] PARK_STEMS = {
        "翠竹", "月季", "玉兰", "樱花", "银杏", "香樟", "荷花", "紫荆", "白鹭", "明月", "清风", "碧水", "金秋", "春晓",
        "青年", "儿童", "植物", "体育", "文化", "科技", "和谐", "健身", "怡景", "芳草", "丹桂", "海棠", "芙蓉", "梧桐",
        "枫林", "竹韵", "书香", "乐山", "龙潭", "凤鸣", "天中", "驿站",
    };

    private final RoadGrid grid;
    private final SplittableRandom rnd;

    PlaceNames(RoadGrid grid, SplittableRandom rnd) {
        this.grid = grid;
        this.rnd = rnd;
    }

    /** The subdistrict of a place in 驿城区 (two in the old centre, eight around it). */
    String subdistrict(Coordinate c) {
        if (StrictMath.hypot(c.x, c.y) < 2600) {
            return c.x < 0 ? "老街街道" : "人民街道";
        }
        return SUBDISTRICTS_BY_OCTANT[octant(c)];
    }

    String township(Coordinate c) {
        return TOWNSHIPS_BY_OCTANT[octant(c)];
    }

    String countySubdistrict() {
        return COUNTY_SUBDISTRICTS[rnd.nextInt(COUNTY_SUBDISTRICTS.length)];
    }

    String village() {
        return VILLAGE_SURNAMES[rnd.nextInt(VILLAGE_SURNAMES.length)] + VILLAGE_SUFFIXES[rnd.nextInt(VILLAGE_SUFFIXES.length)];
    }

    String estate() {
        return ESTATES[rnd.nextInt(ESTATES.length)];
    }

    String parkStem() {
        return PARK_STEMS[rnd.nextInt(PARK_STEMS.length)];
    }

    /** The road a stretch runs along. */
    String roadOf(Stretch s) {
        return s.vertical() ? grid.vName[s.line()] : grid.hName[s.line()];
    }

    /** The cross street at the stretch's start (true) or end (false). */
    String crossOf(Stretch s, boolean start) {
        int node = start ? s.from() : s.to();
        return s.vertical() ? grid.hName[node] : grid.vName[node];
    }

    /** "雪松大道（解放路至中华路）", prefixed with the district (and subdistrict in 驿城区). */
    String addressOf(Stretch s, String district) {
        Coordinate mid = s.metres().getCoordinateN(s.metres().getNumPoints() / 2);
        return prefix(mid, district) + roadOf(s) + "（" + crossOf(s, true) + "至" + crossOf(s, false) + "）";
    }

    /** "…骏马路与和平路交叉口东北角" for points, "…解放路以东、人民路以北" for areas. */
    String addressOf(Geometry g, String district) {
        Coordinate c = g.getInteriorPoint().getCoordinate();
        if (DistrictMap.QUESHAN.equals(district)) {
            return district + countySubdistrict();
        }
        if (g.getDimension() == 0) {
            int[] n = grid.nearestNode(c);
            Coordinate node = grid.node(n[0], n[1]);
            String side = (c.y >= node.y ? "北" : "南");
            String corner = (c.x >= node.x ? "东" : "西") + side + "角";
            String cross = grid.hName[n[1]];
            if (RoadGrid.RIVER_NAME.equals(cross)) {
                return prefix(c, district) + grid.vName[n[0]] + "练江河桥" + (c.x >= node.x ? "东" : "西") + side + "侧";
            }
            return prefix(c, district) + grid.vName[n[0]] + "与" + cross + "交叉口" + corner;
        }
        int[] cell = grid.cellAt(c);
        String south = grid.hName[cell[1]];
        return prefix(c, district) + grid.vName[cell[0]] + "以东、" + south + "以北";
    }

    /** Address of a rural site: "驿城区水屯镇李庄村". */
    String ruralAddress(Coordinate c, String district) {
        return district + township(c) + village() + "村";
    }

    private String prefix(Coordinate c, String district) {
        return DistrictMap.YICHENG.equals(district) ? district + subdistrict(c) : district;
    }

    private static int octant(Coordinate c) {
        double deg = StrictMath.toDegrees(StrictMath.atan2(c.y, c.x));
        return (int) Math.floorMod(Math.round(deg / 45), 8);
    }
}
