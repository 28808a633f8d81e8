package projmap.exchange;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads one sheet of an XLSX workbook (the one asked for with {@code sheet=}, else the first that
 * holds a table) with Apache POI (whose {@code ZipSecureFile} refuses
 * zip bombs). A title row above the header is allowed; the header is the first row naming known
 * columns. Values are taken as typed in the sheet (numbers, text, dates). Two things a pasted
 * provincial sheet often holds are refused row by row rather than guessed at: a formula in a data
 * cell (its cached result may be stale — paste values) and merged cells across data rows (the value
 * belongs to one row only). A totals row (合计) is skipped, formulas and all.
 */
final class XlsxSource {
    private XlsxSource() {
    }

    static SourceData read(Path file, String wanted, ImportLimits limits) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
             XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            if (wb.getNumberOfSheets() == 0) {
                throw new FileRejectedException("empty_file", "the workbook has no sheet");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                names.add(wb.getSheetName(i));
            }
            Sheet sheet = choose(wb, wanted, names);
            if (sheet.getLastRowNum() + 1 > limits.maxFeatures() + 20) {
                throw FileRejectedException.tooLarge("the sheet has " + (sheet.getLastRowNum() + 1) + " rows; at most "
                        + limits.maxFeatures() + " are accepted");
            }
            List<List<Object>> first = new ArrayList<>();
            for (int r = 0; r <= Math.min(sheet.getLastRowNum(), 9); r++) {
                first.add(cells(sheet.getRow(r), null));
            }
            int header = TableSource.headerRow(first);
            if (header < 0) {
                throw new FileRejectedException("empty_file", "the sheet '" + sheet.getSheetName() + "' is empty");
            }
            for (CellRangeAddress m : sheet.getMergedRegions()) {
                if (m.getFirstRow() <= header && m.getLastRow() >= header && m.getFirstColumn() != m.getLastColumn()) {
                    throw new FileRejectedException("merged_header", "the header row has merged cells ("
                            + m.formatAsString() + "); give every column its own header");
                }
            }
            TableSource.Builder b = new TableSource.Builder(first.get(header));
            for (int r = header + 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                String[] problem = new String[1];
                List<Object> cells = cells(row, problem);
                for (CellRangeAddress m : sheet.getMergedRegions()) {
                    if (m.getFirstRow() <= r && m.getLastRow() >= r && m.getFirstRow() != m.getLastRow() && problem[0] == null) {
                        problem[0] = "merged cells " + m.formatAsString() + " span several rows; unmerge them and fill every row";
                    }
                }
                b.add(r + 1, cells, problem[0]);
            }
            return new SourceData(ExchangeFormat.XLSX, SourceFeatures.of(b.features()), null, "UTF-8", sheet.getSheetName(),
                    List.copyOf(names));
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw new FileRejectedException("corrupt_xlsx", "the file is not a readable XLSX workbook: " + e.getMessage());
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("Zip bomb")) {
                throw FileRejectedException.tooLarge("the workbook inflates suspiciously much: refused as a zip bomb");
            }
            throw new FileRejectedException("corrupt_xlsx", "the workbook cannot be read: " + ShapefileSource.rootMessage(e));
        } catch (FileRejectedException e) {
            throw e;
        } catch (RuntimeException e) {
            String m = ShapefileSource.rootMessage(e);
            if (m.contains("Zip bomb")) {
                throw FileRejectedException.tooLarge("the workbook inflates suspiciously much: refused as a zip bomb");
            }
            throw new FileRejectedException("corrupt_xlsx", "the workbook cannot be read: " + m);
        }
    }

    /**
     * The sheet {@code wanted} names (its name, or its 1-based number), else the first sheet with
     * a table in its first rows — a workbook often opens with a cover or notes sheet.
     */
    private static Sheet choose(XSSFWorkbook wb, String wanted, List<String> names) {
        if (wanted != null) {
            int i = names.indexOf(wanted);
            if (i < 0 && wanted.matches("\\d{1,3}")) {
                i = Integer.parseInt(wanted) - 1;
            }
            if (i < 0 || i >= names.size()) {
                throw new FileRejectedException("unknown_sheet", "the workbook has no sheet '" + wanted + "'; its sheets are "
                        + names + " (sheet= takes a name or a number from 1)");
            }
            return wb.getSheetAt(i);
        }
        for (int i = 0; i < names.size(); i++) {
            Sheet s = wb.getSheetAt(i);
            List<List<Object>> first = new ArrayList<>();
            for (int r = 0; r <= Math.min(s.getLastRowNum(), 9); r++) {
                first.add(cells(s.getRow(r), null));
            }
            if (TableSource.knownHeaderRow(first) >= 0) {
                return s;
            }
        }
        return wb.getSheetAt(0);
    }

    private static List<Object> cells(Row row, String[] problem) {
        List<Object> out = new ArrayList<>();
        if (row == null) {
            return out;
        }
        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
            Cell cell = row.getCell(c);
            if (cell == null) {
                out.add(null);
                continue;
            }
            CellType type = cell.getCellType();
            if (type == CellType.FORMULA) {
                if (problem != null && problem[0] == null) {
                    problem[0] = "cell " + new CellReference(cell).formatAsString() + " holds a formula (="
                            + cell.getCellFormula() + "); paste values instead of formulas";
                }
                type = cell.getCachedFormulaResultType();
            }
            out.add(switch (type) {
                case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate()
                        : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros();
                case STRING -> {
                    String s = cell.getStringCellValue().strip();
                    yield s.isEmpty() ? null : s;
                }
                case BOOLEAN -> cell.getBooleanCellValue();
                default -> null;
            });
        }
        return out;
    }
}
