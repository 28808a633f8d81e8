package projmap.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import projmap.projects.Category;
import projmap.projects.FundingMode;
import projmap.projects.LandStatus;
import projmap.projects.ProjectStatus;

/**
 * From the columns of an incoming file to the project register's fields, and from the cells'
 * values to the register's values.
 *
 * <p>The default mapping recognises the headers Chinese programme sheets use (项目名称, 项目编号,
 * 建设单位/责任单位, 总投资, 年度计划投资 …; the table is {@link #PROJECT_ALIASES} and the README's
 * "Exchange" section), the API's own camelCase names, and the 10-character DBF names of our
 * Shapefile export. Units in brackets are ignored for matching, except that an area given in 亩 is
 * converted to m² and money given in 元 or 亿元 to 万元. Codes may be given by their Chinese name
 * (在建 → {@code under_construction}). A mapping the caller gives ({@code 源列=field}) wins over the
 * default; columns that map to nothing are kept as the record's extra attributes.
 */
public final class FieldMapping {
    /** Project field → headers that mean it (compared after {@link TableSource#key}). */
    static final Map<String, List<String>> PROJECT_ALIASES = new LinkedHashMap<>();

    static {
        PROJECT_ALIASES.put("code", List.of("code", "项目编号", "项目代码", "编号", "项目编码", "xmbh"));
        PROJECT_ALIASES.put("name", List.of("name", "项目名称", "名称", "xmmc"));
        PROJECT_ALIASES.put("category", List.of("category", "项目类别", "类别", "项目类型", "项目分类", "categoryname"));
        PROJECT_ALIASES.put("district", List.of("district", "所属区域", "区县", "县区", "所在区域", "行政区", "所属县区"));
        PROJECT_ALIASES.put("address", List.of("address", "建设地点", "项目地址", "地址", "项目位置"));
        PROJECT_ALIASES.put("department", List.of("department", "dept", "建设单位", "责任单位", "牵头单位", "实施单位", "项目单位"));
        PROJECT_ALIASES.put("leader", List.of("leader", "责任领导", "分包领导", "联系领导", "包抓领导"));
        PROJECT_ALIASES.put("contactName", List.of("contactname", "contact", "联系人", "项目联系人"));
        PROJECT_ALIASES.put("contactPhone", List.of("contactphone", "phone", "联系电话", "电话", "联系方式"));
        PROJECT_ALIASES.put("status", List.of("status", "项目状态", "建设状态", "状态", "进展状态", "statusname"));
        PROJECT_ALIASES.put("plannedStart", List.of("plannedstart", "plan_start", "计划开工时间", "计划开工日期", "开工时间"));
        PROJECT_ALIASES.put("plannedEnd", List.of("plannedend", "plan_end", "计划竣工时间", "计划完工时间", "计划竣工日期", "竣工时间"));
        PROJECT_ALIASES.put("actualStart", List.of("actualstart", "act_start", "实际开工时间", "实际开工日期"));
        PROJECT_ALIASES.put("actualEnd", List.of("actualend", "act_end", "实际竣工时间", "实际竣工日期"));
        PROJECT_ALIASES.put("planYear", List.of("planyear", "plan_year", "计划年度", "年度", "实施年度"));
        PROJECT_ALIASES.put("totalInvestment", List.of("totalinvestment", "total_inv", "总投资", "计划总投资", "项目总投资"));
        PROJECT_ALIASES.put("annualPlanInvestment", List.of("annualplaninvestment", "annual_inv", "年度计划投资",
                "年度计划", "本年计划投资", "年度投资计划"));
        PROJECT_ALIASES.put("completedInvestment", List.of("completedinvestment", "done_inv", "已完成投资", "累计完成投资",
                "完成投资", "累计完成"));
        PROJECT_ALIASES.put("fundingMode", List.of("fundingmode", "funding", "资金来源", "筹资方式", "融资模式"));
        PROJECT_ALIASES.put("landStatus", List.of("landstatus", "land_stat", "用地手续", "土地手续", "用地手续办理"));
        PROJECT_ALIASES.put("landArea", List.of("landarea", "land_area", "用地面积", "占地面积", "用地规模"));
    }

    /** Zone feature field → headers (land-use tables: DLBM/DLMC of the third land survey, YDDM …). */
    static final Map<String, List<String>> ZONE_ALIASES = Map.of(
            "code", List.of("code", "代码", "编码", "地类编码", "dlbm", "用地代码", "yddm", "分类代码", "ydlb", "用地类别代码"),
            "name", List.of("name", "名称", "地类名称", "dlmc", "用地名称", "ydmc", "用地类别"));

    private static final Map<String, String> PROJECT_LOOKUP = invert(PROJECT_ALIASES);
    private static final Map<String, String> ZONE_LOOKUP = invert(ZONE_ALIASES);
    private static final Set<String> MONEY = Set.of("totalInvestment", "annualPlanInvestment", "completedInvestment");
    private static final Set<String> DATES = Set.of("plannedStart", "plannedEnd", "actualStart", "actualEnd");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Columns our own exports add that are derived or kept by the server (ids, versions, names of codes). */
    private static final Set<String> DERIVED = Set.of("id", "version", "createdat", "createdby", "updatedat", "updatedby",
            "categoryname", "statusname", "fundingmodename", "landstatusname", "landareamu", "序号", "cat_name", "stat_name",
            "项目类别代码", "项目状态代码");

    private final Map<String, String> custom;
    /** Headers normalised so far; an import's checking threads share it. */
    private final Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code custom}: source header → field name (project or zone field), applied before the defaults. */
    public FieldMapping(Map<String, String> custom) {
        Map<String, String> m = new HashMap<>();
        custom.forEach((k, v) -> m.put(TableSource.key(k), v));
        this.custom = m;
    }

    private static Map<String, String> invert(Map<String, List<String>> aliases) {
        Map<String, String> out = new HashMap<>();
        aliases.forEach((field, names) -> names.forEach(n -> out.put(TableSource.key(n), field)));
        return out;
    }

    static boolean isKnownHeader(String key) {
        return PROJECT_LOOKUP.containsKey(key) || ZONE_LOOKUP.containsKey(key);
    }

    /** The result of mapping one record: the properties for the reader, and what is left over. */
    public record Mapped(ObjectNode properties, Map<String, Object> extra) {
    }

    /** Maps a record to a project's camelCase properties; throws {@link IllegalArgumentException} naming the column. */
    public Mapped project(Map<String, Object> attributes) {
        ObjectNode props = JSON.createObjectNode();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (var e : attributes.entrySet()) {
            String header = e.getKey();
            if (DERIVED.contains(TableSource.key(header)) && !custom.containsKey(TableSource.key(header))) {
                continue;
            }
            String field = field(header, PROJECT_LOOKUP);
            if (field == null || props.has(field)) {
                if (e.getValue() != null) {
                    extra.put(header, e.getValue());
                }
                continue;
            }
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            try {
                put(props, field, header, v);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(field + " (column '" + header + "'): " + ex.getMessage());
            }
        }
        return new Mapped(props, extra);
    }

    /** Maps a record to a zone feature's code, name and attributes (all other columns). */
    public ZoneFields zone(Map<String, Object> attributes) {
        String code = null;
        String name = null;
        java.util.Set<String> others = null;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (var e : attributes.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            String field = field(e.getKey(), ZONE_LOOKUP);
            if (field == null || (others != null && others.contains(field))) {
                extra.put(e.getKey(), v);
            } else if (field.equals("code")) {
                if (code == null) {
                    code = text(v);
                } else {
                    extra.put(e.getKey(), v);
                }
            } else if (field.equals("name")) {
                if (name == null) {
                    name = text(v);
                } else {
                    extra.put(e.getKey(), v);
                }
            } else {
                // a column mapped to a field zones do not have: used up, as the first of its field
                others = others == null ? new java.util.HashSet<>() : others;
                others.add(field);
            }
        }
        return new ZoneFields(code, name, extra);
    }

    /** A zone record's code and name, and the attributes that map to neither (kept as they are). */
    public record ZoneFields(String code, String name, Map<String, Object> extra) {
    }

    private String field(String header, Map<String, String> lookup) {
        // the same few headers come back on every record of a file: normalise each once
        String k = keys.computeIfAbsent(header == null ? "" : header, TableSource::key);
        String c = custom.get(k);
        if (c != null) {
            return c.equals("-") ? null : c;
        }
        return lookup.get(k);
    }

    private static void put(ObjectNode props, String field, String header, Object v) {
        switch (field) {
            case "category" -> props.put(field, code(text(v), Category::byCode,
                    s -> Arrays.stream(Category.values()).filter(c -> c.zh().equals(s) || c.en().equalsIgnoreCase(s)).findFirst()
                            .map(Category::code)));
            case "status" -> props.put(field, code(text(v), ProjectStatus::byCode,
                    s -> Arrays.stream(ProjectStatus.values()).filter(c -> c.zh().equals(s) || c.en().equalsIgnoreCase(s)
                            || synonyms(c).contains(s)).findFirst().map(ProjectStatus::code)));
            case "fundingMode" -> props.put(field, code(text(v), FundingMode::byCode,
                    s -> Arrays.stream(FundingMode.values()).filter(c -> c.zh().equals(s) || c.en().equalsIgnoreCase(s)).findFirst()
                            .map(FundingMode::code)));
            case "landStatus" -> props.put(field, code(text(v), LandStatus::byCode,
                    s -> Arrays.stream(LandStatus.values()).filter(c -> c.zh().equals(s) || c.en().equalsIgnoreCase(s)).findFirst()
                            .map(LandStatus::code)));
            case "planYear" -> {
                BigDecimal y = number(v);
                if (y.stripTrailingZeros().scale() > 0) {
                    throw new IllegalArgumentException("'" + v + "' is not a year");
                }
                props.put(field, y.intValueExact());
            }
            case "landArea" -> {
                BigDecimal a = number(v);
                if (header.contains("亩")) {
                    a = a.multiply(BigDecimal.valueOf(10000)).divide(BigDecimal.valueOf(15), 2, RoundingMode.HALF_UP);
                } else if (header.contains("公顷")) {
                    a = a.multiply(BigDecimal.valueOf(10000));
                }
                props.put(field, a);
            }
            default -> {
                if (MONEY.contains(field)) {
                    BigDecimal m = number(v);
                    if (header.contains("亿元")) {
                        m = m.multiply(BigDecimal.valueOf(10000));
                    } else if (header.matches(".*[（(]\\s*元\\s*[)）].*")) {
                        m = m.divide(BigDecimal.valueOf(10000), 6, RoundingMode.HALF_UP).stripTrailingZeros();
                    }
                    props.put(field, m);
                } else if (DATES.contains(field)) {
                    props.put(field, date(v).toString());
                } else {
                    props.put(field, text(v));
                }
            }
        }
    }

    private static List<String> synonyms(ProjectStatus s) {
        return switch (s) {
            case PLANNED -> List.of("储备", "谋划", "计划");
            case PREPARING -> List.of("前期", "筹备", "拟开工", "新开工");
            case UNDER_CONSTRUCTION -> List.of("在建", "续建", "施工中", "建设中");
            case COMPLETED -> List.of("竣工", "已竣工", "完工", "已完工", "建成");
            case SUSPENDED -> List.of("停工", "暂停", "缓建");
        };
    }

    private static <T> String code(String s, Function<String, Optional<T>> byCode, Function<String, Optional<String>> byName) {
        if (byCode.apply(s).isPresent()) {
            return s;
        }
        return byName.apply(s).orElse(s);   // unknown: the reader names the known values
    }

    static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return v.toString().strip();
    }

    static BigDecimal number(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("'" + v + "' is not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        String s = v.toString().strip().replace(",", "").replace("，", "").replace("万元", "").replace("亩", "");
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
    }

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d"), DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu.M.d"), DateTimeFormatter.ofPattern("uuuu年M月d日"), DateTimeFormatter.BASIC_ISO_DATE);

    static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        String s = text(v);
        for (DateTimeFormatter f : DATE_FORMATS) {
            try {
                return LocalDate.parse(s, f);
            } catch (DateTimeParseException e) {
                // next
            }
        }
        // a month only (2017年5月, 2017.5, 2017-05): its first day
        var m = java.util.regex.Pattern.compile("^(\\d{4})\\s*[年./-]\\s*(\\d{1,2})\\s*月?$").matcher(s);
        if (m.matches()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                return LocalDate.of(Integer.parseInt(m.group(1)), month, 1);
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a date (2017-05-15, 2017/5/15, 2017年5月15日)");
    }

    /**
     * The extra attributes as a JSON object text, written here character by character: through an
     * {@code ObjectNode} and its {@code toString} (and then a generator per record) it took a third
     * of a big import's checking work. The text is exactly what Jackson writes for the same values
     * ({@code FieldMappingJsonTest} compares them).
     */
    static String json(Map<String, Object> extra) {
        StringBuilder out = new StringBuilder(16 + 24 * extra.size()).append('{');
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            quoted(out, e.getKey()).append(':');
            if (v instanceof BigDecimal || v instanceof Long || v instanceof Integer || v instanceof Boolean
                    || v instanceof Double d && Double.isFinite(d)) {
                out.append(v);
            } else {
                quoted(out, v.toString());
            }
        }
        return out.append('}').toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A JSON string as Jackson's default writer escapes it: quote, backslash and control characters. */
    private static StringBuilder quoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
