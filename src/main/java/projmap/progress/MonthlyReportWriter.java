package projmap.progress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import projmap.projects.Category;
import projmap.projects.Project;

/**
 * The monthly report to the provincial office (月报表) and the supervision list as XLSX: a summary
 * sheet by category and one sheet per category in the shape such offices exchange — code, name,
 * department, total investment, annual plan, completed this month, cumulative this year, completion
 * rate of the annual plan, status, problems — each with a totals row. Money in 万元.
 *
 * <p>The figures of a project for month M: its report for M unless rejected (this month's and the
 * cumulative investment, the problems); without one, this month 0 and the cumulative of its newest
 * approved report earlier in the year. Text cells are written as text, never as formulas.
 */
public final class MonthlyReportWriter {
    private static final String[] HEADERS = {"项目编号", "项目名称", "责任单位", "总投资（万元）", "年度计划投资（万元）",
        "本月完成投资（万元）", "本年累计完成（万元）", "年度计划完成率", "项目状态", "存在问题"};

    private MonthlyReportWriter() {
    }

    /** One project's line. */
    record Line(Project project, BigDecimal month, BigDecimal cumulative, String problems) {
    }

    public static byte[] monthly(List<Project> projects, List<ProgressReport> reports, YearMonth month) {
        Map<Long, List<ProgressReport>> byProject = new LinkedHashMap<>();
        for (ProgressReport r : reports) {
            byProject.computeIfAbsent(r.projectId(), k -> new ArrayList<>()).add(r);
        }
        Map<Category, List<Line>> byCategory = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            byCategory.put(c, new ArrayList<>());
        }
        for (Project p : projects.stream().sorted(Comparator.comparing(Project::code)).toList()) {
            List<ProgressReport> rs = byProject.getOrDefault(p.id(), List.of());
            ProgressReport current = rs.stream().filter(r -> r.period().equals(month)
                    && !ProgressReport.REJECTED.equals(r.state())).findFirst().orElse(null);
            BigDecimal cumulative;
            BigDecimal thisMonth;
            String problems = null;
            if (current != null) {
                thisMonth = current.investmentMonth();
                cumulative = current.investmentCumulative();
                problems = current.problems();
            } else {
                thisMonth = BigDecimal.ZERO;
                cumulative = rs.stream().filter(r -> ProgressReport.APPROVED.equals(r.state())
                                && r.period().getYear() == month.getYear() && r.period().isBefore(month))
                        .max(Comparator.comparing(ProgressReport::period)).map(ProgressReport::investmentCumulative)
                        .orElse(BigDecimal.ZERO);
            }
            byCategory.get(p.category()).add(new Line(p, thisMonth, cumulative, problems));
        }
        try (Workbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            Sheet summary = wb.createSheet("汇总");
            title(summary, st, month + " 百城建设提质工程项目进展汇总表（单位：万元）", 7);
            header(summary, st, new String[] {"类别", "项目数", "总投资", "年度计划投资", "本月完成投资", "本年累计完成",
                "年度计划完成率"});
            int row = 2;
            BigDecimal[] grand = zeros(5);
            for (var e : byCategory.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                BigDecimal[] sums = sums(e.getValue());
                Row r = summary.createRow(row++);
                text(r, 0, e.getKey().zh());
                num(r, 1, BigDecimal.valueOf(e.getValue().size()), st.integer);
                for (int i = 0; i < 4; i++) {
                    num(r, 2 + i, sums[i + 1], st.money);
                }
                num(r, 6, rate(sums[4], sums[2]), st.percent);
                for (int i = 0; i < 5; i++) {
                    grand[i] = grand[i].add(sums[i]);
                }
                categorySheet(wb, st, e.getKey(), e.getValue(), month);
            }
            Row total = summary.createRow(row);
            text(total, 0, "合计");
            num(total, 1, grand[0], st.integer);
            for (int i = 0; i < 4; i++) {
                num(total, 2 + i, grand[i + 1], st.money);
            }
            num(total, 6, rate(grand[4], grand[2]), st.percent);
            bold(total, st);
            widths(summary, 7);
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void categorySheet(Workbook wb, Styles st, Category c, List<Line> lines, YearMonth month) {
        Sheet s = wb.createSheet(WorkbookUtil.createSafeSheetName(c.zh()));
        title(s, st, month + " " + c.zh() + "类项目进展表（单位：万元）", HEADERS.length);
        header(s, st, HEADERS);
        int row = 2;
        for (Line l : lines) {
            Project p = l.project();
            Row r = s.createRow(row++);
            text(r, 0, p.code());
            text(r, 1, p.name());
            text(r, 2, p.department());
            num(r, 3, p.totalInvestment(), st.money);
            num(r, 4, p.annualPlanInvestment(), st.money);
            num(r, 5, l.month(), st.money);
            num(r, 6, l.cumulative(), st.money);
            num(r, 7, rate(l.cumulative(), p.annualPlanInvestment()), st.percent);
            text(r, 8, p.status().zh());
            text(r, 9, l.problems());
        }
        BigDecimal[] sums = sums(lines);
        Row total = s.createRow(row);
        text(total, 0, "合计");
        text(total, 1, lines.size() + " 个项目");
        for (int i = 1; i < 5; i++) {
            num(total, 2 + i, sums[i], st.money);
        }
        num(total, 7, rate(sums[4], sums[2]), st.percent);
        bold(total, st);
        widths(s, HEADERS.length);
    }

    /** The supervision list as one sheet. */
    public static byte[] supervision(List<Supervision.DepartmentList> list, java.time.LocalDate asOf) {
        try (Workbook wb = new XSSFWorkbook()) {
            Styles st = new Styles(wb);
            Sheet s = wb.createSheet("督办清单");
            String[] headers = {"责任单位", "类型", "项目编号", "项目名称", "事项", "应完成日期", "逾期天数"};
            title(s, st, "截至 " + asOf + " 逾期事项督办清单", headers.length);
            header(s, st, headers);
            int row = 2;
            for (Supervision.DepartmentList d : list) {
                for (var m : d.overdueMilestones()) {
                    Row r = s.createRow(row++);
                    cells(r, d.department(), "时间节点逾期", m.code(), m.name(), m.milestone(), m.dueDate().toString());
                    num(r, 6, BigDecimal.valueOf(m.daysOverdue()), st.integer);
                }
                for (var m : d.missingReports()) {
                    Row r = s.createRow(row++);
                    cells(r, d.department(), "月报未报送", m.code(), m.name(), m.period() + " 月报", m.dueDate().toString());
                    num(r, 6, BigDecimal.valueOf(m.daysOverdue()), st.integer);
                }
            }
            widths(s, headers.length);
            return bytes(wb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Styles {
        final CellStyle money;
        final CellStyle percent;
        final CellStyle integer;
        final CellStyle header;
        final CellStyle bold;

        Styles(Workbook wb) {
            money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            integer = wb.createCellStyle();
            integer.setDataFormat(wb.createDataFormat().getFormat("0"));
            Font f = wb.createFont();
            f.setBold(true);
            header = wb.createCellStyle();
            header.setFont(f);
            header.setWrapText(true);
            bold = wb.createCellStyle();
            bold.setFont(f);
        }
    }

    private static void title(Sheet s, Styles st, String text, int columns) {
        Row r = s.createRow(0);
        Cell c = r.createCell(0);
        c.setCellValue(text);
        c.setCellStyle(st.bold);
        s.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, columns - 1));
    }

    private static void header(Sheet s, Styles st, String[] headers) {
        Row r = s.createRow(1);
        for (int i = 0; i < headers.length; i++) {
            Cell c = r.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(st.header);
        }
        s.createFreezePane(0, 2);
    }

    private static void cells(Row r, String... values) {
        for (int i = 0; i < values.length; i++) {
            text(r, i, values[i]);
        }
    }

    private static void text(Row r, int col, String v) {
        // setCellValue(String) always makes a text cell: "=HYPERLINK(…)" stays text
        r.createCell(col).setCellValue(v == null ? "" : v);
    }

    private static void num(Row r, int col, BigDecimal v, CellStyle style) {
        Cell c = r.createCell(col);
        if (v != null) {
            c.setCellValue(v.doubleValue());
        }
        c.setCellStyle(style);
    }

    private static void bold(Row r, Styles st) {
        for (Cell c : r) {
            if (c.getCellStyle().getDataFormat() == 0) {
                c.setCellStyle(st.bold);
            }
        }
    }

    private static void widths(Sheet s, int columns) {
        for (int i = 0; i < columns; i++) {
            s.setColumnWidth(i, (i == 1 || i == 4 || i == 9 ? 30 : 16) * 256);
        }
    }

    /** Count, total, annual plan, this month, cumulative. */
    private static BigDecimal[] sums(List<Line> lines) {
        BigDecimal[] s = zeros(5);
        for (Line l : lines) {
            s[0] = s[0].add(BigDecimal.ONE);
            s[1] = s[1].add(nz(l.project().totalInvestment()));
            s[2] = s[2].add(nz(l.project().annualPlanInvestment()));
            s[3] = s[3].add(nz(l.month()));
            s[4] = s[4].add(nz(l.cumulative()));
        }
        return s;
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] z = new BigDecimal[n];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static BigDecimal rate(BigDecimal done, BigDecimal plan) {
        return plan == null || plan.signum() == 0 ? null : nz(done).divide(plan, MathContext.DECIMAL64);
    }

    private static byte[] bytes(Workbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }
}
