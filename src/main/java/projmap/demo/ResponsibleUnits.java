package projmap.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The responsible units (责任单位) of the demo programme: each with its leader in charge
 * (分管领导) and a few named liaisons (联络员) with office phone numbers, as the 2017 meeting asked
 * ("每个单位明确一名分管领导和联络员").
 *
 * <p>All people are invented: names are drawn from common surnames and given names, phone numbers
 * from the Zhumadian area code (0396) with random local numbers. Any likeness to real people is
 * accidental.
 */
final class ResponsibleUnits {

    record Liaison(String name, String phone) {
    }

    static final String HOUSING = "市住房和城乡建设局";
    static final String URBAN_MANAGEMENT = "市城市管理局";
    static final String TRANSPORT = "市交通运输局";
    static final String WATER = "市水利局";
    static final String PLANNING = "市自然资源和规划局";
    static final String EDUCATION = "市教育局";
    static final String HEALTH = "市卫生健康委员会";
    static final String CULTURE = "市文化广电和旅游局";
    static final String ENVIRONMENT = "市生态环境局";
    static final String DEVELOPMENT = "市发展和改革委员会";
    static final String YICHENG_GOV = "驿城区人民政府";
    static final String ECONOMIC_ZONE_COMMITTEE = "经济开发区管委会";
    static final String DEMONSTRATION_ZONE_COMMITTEE = "城乡一体化示范区管委会";
    static final String CITY_INVESTMENT = "市城乡建设投资有限公司";
    static final String QUESHAN_GOV = "确山县人民政府";

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
        "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁", "邓", "许", "傅", "沈",
    };
    private static final String[] GIVEN = {
        "建国", "明远", "国强", "海峰", "志刚", "晓东", "红梅", "丽娟", "秀英", "文博", "立新", "振华", "卫东", "春生",
        "玉兰", "俊杰", "宏伟", "静怡", "思远", "子涵", "雪峰", "永刚", "金花", "长林", "德胜", "光辉", "新民", "家豪",
        "慧敏", "少华", "保国", "向阳", "晓燕", "宇航", "瑞霞", "鹏飞", "东升", "亚楠", "学军", "艳芳", "天佑", "凤英",
    };

    private final Map<String, String> leaders = new LinkedHashMap<>();
    private final Map<String, List<Liaison>> liaisons = new LinkedHashMap<>();
    private final SplittableRandom rnd;

    ResponsibleUnits(SplittableRandom rnd) {
        this.rnd = rnd;
        String viceMayorBuild = person() + " 副市长";
        String viceMayorTransport = person() + " 副市长";
        String viceMayorSocial = person() + " 副市长";
        String executiveViceMayor = person() + " 常务副市长";
        assign(viceMayorBuild, HOUSING, URBAN_MANAGEMENT, PLANNING, CITY_INVESTMENT);
        assign(viceMayorTransport, TRANSPORT, WATER, ENVIRONMENT);
        assign(viceMayorSocial, EDUCATION, HEALTH, CULTURE);
        assign(executiveViceMayor, DEVELOPMENT);
        assign(person() + " 驿城区区长", YICHENG_GOV);
        assign(person() + " 经济开发区党工委书记", ECONOMIC_ZONE_COMMITTEE);
        assign(person() + " 城乡一体化示范区党工委书记", DEMONSTRATION_ZONE_COMMITTEE);
        assign(person() + " 确山县县长", QUESHAN_GOV);
        for (String unit : leaders.keySet()) {
            List<Liaison> ls = new ArrayList<>();
            int n = rnd.nextInt(2, 5);
            for (int k = 0; k < n; k++) {
                ls.add(new Liaison(person(), "0396-28" + String.valueOf(rnd.nextInt(10_000, 100_000))));
            }
            liaisons.put(unit, ls);
        }
    }

    String leaderOf(String unit) {
        String l = leaders.get(unit);
        if (l == null) {
            throw new IllegalArgumentException("unknown unit " + unit);
        }
        return l;
    }

    Liaison liaisonFor(String unit) {
        List<Liaison> ls = liaisons.get(unit);
        return ls.get(rnd.nextInt(ls.size()));
    }

    private void assign(String leader, String... units) {
        for (String u : units) {
            leaders.put(u, leader);
        }
    }

    private String person() {
        return SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
    }
}
