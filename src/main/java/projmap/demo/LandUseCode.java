package projmap.demo;

/**
 * The GB 50137-2011 mid classes (中类) the demo land-use plan uses, with their Chinese names and
 * the ranges the demo draws the floor-area ratio (容积率) and green ratio (绿地率) from.
 *
 * <p>A range of {@code NaN} means the attribute is not set for that class (roads, water and green
 * space carry no floor-area ratio). The ranges are typical regulatory-plan values, not a standard.
 */
enum LandUseCode {
    R1("一类居住用地", 0.8, 1.2, 0.40, 0.45),
    R2("二类居住用地", 1.8, 3.2, 0.30, 0.40),
    R3("三类居住用地", 1.2, 2.0, 0.25, 0.30),
    A1("行政办公用地", 1.0, 2.5, 0.30, 0.40),
    A2("文化设施用地", 0.8, 2.0, 0.30, 0.40),
    A33("中小学用地", 0.6, 1.0, 0.35, 0.40),
    A4("体育用地", 0.3, 0.8, 0.30, 0.35),
    A5("医疗卫生用地", 1.2, 2.5, 0.35, 0.40),
    A6("社会福利用地", 0.8, 1.5, 0.35, 0.40),
    B1("商业用地", 2.0, 4.5, 0.20, 0.30),
    B2("商务用地", 3.0, 6.0, 0.20, 0.30),
    M1("一类工业用地", 0.8, 1.5, 0.15, 0.20),
    M2("二类工业用地", 0.8, 1.2, 0.15, 0.20),
    W1("一类物流仓储用地", 0.8, 1.2, 0.15, 0.20),
    S1("城市道路用地", Double.NaN, Double.NaN, Double.NaN, Double.NaN),
    S3("交通枢纽用地", 0.5, 1.5, 0.20, 0.30),
    S4("交通场站用地", 0.3, 0.8, 0.20, 0.30),
    U1("供应设施用地", 0.5, 1.0, 0.30, 0.35),
    U2("环境设施用地", 0.3, 0.8, 0.30, 0.35),
    G1("公园绿地", Double.NaN, Double.NaN, 0.70, 0.85),
    G2("防护绿地", Double.NaN, Double.NaN, 0.85, 0.95),
    G3("广场用地", Double.NaN, Double.NaN, 0.20, 0.35),
    E1("水域", Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private final String nameZh;
    final double farMin;
    final double farMax;
    final double greenMin;
    final double greenMax;

    LandUseCode(String nameZh, double farMin, double farMax, double greenMin, double greenMax) {
        this.nameZh = nameZh;
        this.farMin = farMin;
        this.farMax = farMax;
        this.greenMin = greenMin;
        this.greenMax = greenMax;
    }

    String nameZh() {
        return nameZh;
    }

    boolean residential() {
        return this == R1 || this == R2 || this == R3;
    }
}
