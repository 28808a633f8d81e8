package projmap.projects;

import java.util.Optional;

/**
 * The programme's eleven project categories (项目类别), the one place the code list is kept.
 *
 * <p>The 2017 programme counts "11 大项"; Zhumadian's 2016 scheme grouped central-city works into
 * 城市道路、生态水系、公园绿地、环卫设施、公共管线及照明, and the provincial programme adds renewal,
 * public services and townscape. The codes are stable identifiers used in URLs, files and filters.
 */
public enum Category implements CodeList {
    ROADS("roads", "城市道路与桥梁", "Roads and bridges"),
    WATER_SYSTEM("water_system", "生态水系", "Ecological waterways"),
    PARKS("parks", "公园绿地", "Parks and green space"),
    SANITATION("sanitation", "环卫设施", "Sanitation facilities"),
    PIPELINES("pipelines", "地下管网与综合管廊", "Pipe networks and utility tunnels"),
    SPONGE_CITY("sponge_city", "海绵城市与雨污分流", "Sponge city and storm/sewage separation"),
    RENEWAL("renewal", "棚户区与老旧小区改造", "Shanty-town and old-neighbourhood renewal"),
    PUBLIC_SERVICES("public_services", "公共服务设施", "Public service facilities"),
    STREETSCAPE("streetscape", "立面整治与亮化", "Façades, lighting and streetscape"),
    TRANSPORT_HUBS("transport_hubs", "交通场站与停车", "Transport hubs and parking"),
    HERITAGE("heritage", "历史文化与特色风貌", "Heritage and townscape character");

    private final String code;
    private final String zh;
    private final String en;

    Category(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String code() { return code; }
    @Override
    public String zh() { return zh; }
    @Override
    public String en() { return en; }

    public static Optional<Category> byCode(String code) {
        return CodeList.find(values(), code);
    }
}
