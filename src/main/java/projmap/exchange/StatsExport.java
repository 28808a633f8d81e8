package projmap.exchange;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import projmap.http.ApiException;
import projmap.projects.Category;
import projmap.projects.ProjectRoutes;
import projmap.projects.ProjectStats;
import projmap.projects.ProjectStatus;
import projmap.projects.ProjectStore;

/**
 * {@code GET /api/stats/{by}.xlsx}: one breakdown table of the dashboard (by category, status,
 * district or department) as a workbook, with the list's filters, the dashboard's sort
 * ({@code sort}, {@code dir}) and language ({@code lang}). Same conventions as the project export:
 * money in 万元 named in the header, a frozen header row, a 合计 row. Rates are fractions formatted
 * as percentages so that a spreadsheet can compute with them.
 */
public final class StatsExport {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** A breakdown: its path name, its field in {@link ProjectStats}, its key column's headers. */
    enum By {
        CATEGORY("category", ProjectStats::byCategory, "类别", "Category"),
        STATUS("status", ProjectStats::byStatus, "状态", "Status"),
        DISTRICT("district", ProjectStats::byDistrict, "区域", "District"),
        DEPARTMENT("department", ProjectStats::byDepartment, "责任单位", "Department");

        final String id;
        final Function<ProjectStats, List<ProjectStats.Row>> rows;
        final String zh;
        final String en;

        By(String id, Function<ProjectStats, List<ProjectStats.Row>> rows, String zh, String en) {
            this.id = id;
            this.rows = rows;
            this.zh = zh;
            this.en = en;
        }
    }

    enum Kind { COUNT, MONEY, RATE }

    /** The dashboard's table columns (web/js/dashboard.js COLUMNS), in its order, headed as its CSV. */
    enum Col {
        PROJECTS("projects", "项目数", "Projects", Kind.COUNT, r -> r.projects()),
        TOTAL("totalInvestment", "总投资（万元）", "Total investment (10k CNY)", Kind.MONEY, r -> r.totalInvestment().doubleValue()),
        ANNUAL("annualPlanInvestment", "年度计划投资（万元）", "Planned investment this year (10k CNY)", Kind.MONEY,
                r -> r.annualPlanInvestment().doubleValue()),
        DONE("completedInvestment", "完成投资（万元）", "Investment completed (10k CNY)", Kind.MONEY,
                r -> r.completedInvestment().doubleValue()),
        PLAN_RATE("planRate", "完成年度计划比例", "Share of plan completed", Kind.RATE,
                r -> ratio(r.completedInvestment(), r.annualPlanInvestment())),
        STARTED("started", "已开工", "Started", Kind.COUNT, r -> r.started()),
        START_RATE("startRate", "开工率", "Start rate", Kind.RATE,
                r -> ratio(BigDecimal.valueOf(r.started()), BigDecimal.valueOf(r.projects()))),
        COMPLETED("completed", "已竣工", "Completed", Kind.COUNT, r -> r.completed());

        final String key;
        final String zh;
        final String en;
        final Kind kind;
        final ToDoubleFunction<ProjectStats.Row> value;

        Col(String key, String zh, String en, Kind kind, ToDoubleFunction<ProjectStats.Row> value) {
            this.key = key;
            this.zh = zh;
            this.en = en;
            this.kind = kind;
            this.value = value;
        }
    }

    private final ProjectStore projects;

    public StatsExport(ProjectStore projects) {
        this.projects = projects;
    }

    /** {@code GET /api/stats/{by}.xlsx?…filters…&sort=&dir=&lang=} */
    public void xlsx(Context ctx) {
        String name = ctx.pathParam("by");
        By by = Arrays.stream(By.values()).filter(b -> b.id.equals(name)).findFirst().orElseThrow(() ->
                ApiException.badParameter("by", "unknown breakdown '" + name + "'; expected category, status, district or department"));
        boolean en = english(ctx.queryParam("lang"));
        List<ProjectStats.Row> rows = sorted(by, by.rows.apply(projects.stats(ProjectRoutes.query(ctx))),
                ctx.queryParam("sort"), ctx.queryParam("dir"), en);
        byte[] body = workbook(by, rows, en);
        ctx.contentType(XLSX);
        ctx.header("Content-Disposition", "attachment; filename=\"projmap-" + by.id + ".xlsx\"");
        ctx.result(body);
    }

    private static boolean english(String lang) {
        if (lang == null || lang.isBlank() || lang.startsWith("zh")) {
            return false;
        }
        if (lang.startsWith("en")) {
            return true;
        }
        throw ApiException.badParameter("lang", "expected zh-CN or en, got '" + lang + "'");
    }

    /**
     * The rows in the dashboard's order: unsorted, categories and statuses in programme order and
     * the others as the store gives them (largest investment first); else by a column or the label.
     */
    static List<ProjectStats.Row> sorted(By by, List<ProjectStats.Row> rows, String sort, String dir, boolean en) {
        List<ProjectStats.Row> out = new ArrayList<>(rows);
        if (sort == null || sort.isBlank()) {
            if (by == By.CATEGORY) {
                out.sort(Comparator.comparingInt(r -> Category.byCode(r.key()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
            } else if (by == By.STATUS) {
                out.sort(Comparator.comparingInt(r -> ProjectStatus.byCode(r.key()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
            }
            return out;
        }
        boolean asc;
        if (dir == null || dir.isBlank() || dir.equals("desc")) {
            asc = false;
        } else if (dir.equals("asc")) {
            asc = true;
        } else {
            throw ApiException.badParameter("dir", "expected asc or desc, got '" + dir + "'");
        }
        Comparator<ProjectStats.Row> cmp;
        if (sort.equals("label")) {
            Collator collator = Collator.getInstance(Locale.SIMPLIFIED_CHINESE);
            cmp = Comparator.comparing(r -> label(r, en), collator);
        } else {
            Col col = Arrays.stream(Col.values()).filter(c -> c.key.equals(sort)).findFirst().orElseThrow(() ->
                    ApiException.badParameter("sort", "unknown column '" + sort + "'; expected label or one of "
                            + String.join(", ", Arrays.stream(Col.values()).map(c -> c.key).toList())));
            cmp = Comparator.comparingDouble(r -> orLowest(col.value.applyAsDouble(r)));
        }
        out.sort(asc ? cmp : cmp.reversed());
        return out;
    }

    private static double orLowest(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private static double ratio(BigDecimal a, BigDecimal b) {
        return b == null || b.signum() == 0 || a == null ? Double.NaN : a.doubleValue() / b.doubleValue();
    }

    static String label(ProjectStats.Row r, boolean en) {
        String l = en ? r.labelEn() : r.labelZh();
        return l == null || l.isBlank() ? r.key() : l;
    }

    static byte[] workbook(By by, List<ProjectStats.Row> rows, boolean en) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(en ? "By " + by.id : "按" + by.zh);
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle head = wb.createCellStyle();
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            head.setBorderBottom(BorderStyle.THIN);
            head.setWrapText(true);
            short moneyFormat = wb.createDataFormat().getFormat("#,##0.00");
            short rateFormat = wb.createDataFormat().getFormat("0.0%");
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(moneyFormat);
            CellStyle rate = wb.createCellStyle();
            rate.setDataFormat(rateFormat);
            CellStyle total = wb.createCellStyle();
            total.setFont(bold);
            total.setBorderTop(BorderStyle.THIN);
            CellStyle totalMoney = wb.createCellStyle();
            totalMoney.cloneStyleFrom(total);
            totalMoney.setDataFormat(moneyFormat);
            CellStyle totalRate = wb.createCellStyle();
            totalRate.cloneStyleFrom(total);
            totalRate.setDataFormat(rateFormat);

            Col[] cols = Col.values();
            Row h = sheet.createRow(0);
            String[] first = en ? new String[] {by.en, "Code"} : new String[] {by.zh, "代码"};
            for (int c = 0; c < 2; c++) {
                h.createCell(c).setCellValue(first[c]);
                h.getCell(c).setCellStyle(head);
            }
            for (int c = 0; c < cols.length; c++) {
                Cell cell = h.createCell(c + 2);
                cell.setCellValue(en ? cols[c].en : cols[c].zh);
                cell.setCellStyle(head);
            }
            sheet.setColumnWidth(0, 28 * 256);
            sheet.setColumnWidth(1, 20 * 256);
            for (int c = 0; c < cols.length; c++) {
                sheet.setColumnWidth(c + 2, 16 * 256);
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < rows.size(); i++) {
                ProjectStats.Row r = rows.get(i);
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(label(r, en));
                row.createCell(1).setCellValue(r.key());
                for (int c = 0; c < cols.length; c++) {
                    double v = cols[c].value.applyAsDouble(r);
                    if (Double.isNaN(v)) {
                        continue;   // a rate over nothing: an empty cell, as the dashboard shows "—"
                    }
                    Cell cell = row.createCell(c + 2);
                    cell.setCellValue(v);
                    if (cols[c].kind == Kind.MONEY) {
                        cell.setCellStyle(money);
                    } else if (cols[c].kind == Kind.RATE) {
                        cell.setCellStyle(rate);
                    }
                }
            }
            // the total row: sums as formulas, rates from the sums (as the dashboard's footer)
            int last = rows.size() + 1;
            Row sum = sheet.createRow(last);
            sum.createCell(0).setCellValue(en ? "Total" : "合计");
            sum.getCell(0).setCellStyle(total);
            for (int c = 0; c < cols.length; c++) {
                Cell cell = sum.createCell(c + 2);
                String col = CellReference.convertNumToColString(c + 2);
                if (cols[c].kind == Kind.RATE) {
                    Col num = cols[c] == Col.PLAN_RATE ? Col.DONE : Col.STARTED;
                    Col den = cols[c] == Col.PLAN_RATE ? Col.ANNUAL : Col.PROJECTS;
                    String n = CellReference.convertNumToColString(num.ordinal() + 2) + (last + 1);
                    String d = CellReference.convertNumToColString(den.ordinal() + 2) + (last + 1);
                    cell.setCellFormula("IF(" + d + "=0,\"\"," + n + "/" + d + ")");
                    cell.setCellStyle(totalRate);
                } else {
                    cell.setCellFormula(rows.isEmpty() ? "0" : "SUM(" + col + "2:" + col + last + ")");
                    cell.setCellStyle(cols[c].kind == Kind.MONEY ? totalMoney : total);
                }
            }
            // cached results, so that readers which do not calculate (and our tests) see the totals
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
