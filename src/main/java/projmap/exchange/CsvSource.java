package projmap.exchange;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV sheet: RFC 4180 quoting, a UTF-8/UTF-16 byte-order mark honoured and dropped, the
 * encoding given or else UTF-8 when the bytes are valid UTF-8 and GB18030 otherwise (Excel in a
 * Chinese office saves CSV as GBK), the separator (comma, semicolon, tab) taken from the header
 * line. A header that mixes separators is refused; a data row with more fields than the header is
 * a rejected row.
 *
 * <p>The parser is written here (about 40 lines) rather than taken from H2's {@code Csv} because
 * rejected rows must name the file's line number, which that reader does not expose.
 */
final class CsvSource {
    private CsvSource() {
    }

    static SourceData read(Path file, ImportOptions options, ImportLimits limits) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new FileRejectedException("unreadable_file", "the file cannot be read: " + e.getMessage());
        }
        Charset cs = options.encoding();
        int skip = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            cs = cs == null ? StandardCharsets.UTF_8 : cs;
            skip = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        if (cs == null) {
            cs = DbfEncoding.isUtf8(bytes) ? StandardCharsets.UTF_8 : DbfEncoding.GB18030;
        }
        String text = new String(bytes, skip, bytes.length - skip, cs);
        if (text.isBlank()) {
            throw new FileRejectedException("empty_file", "the file is empty");
        }
        if (text.indexOf('\uFFFD') >= 0) {
            throw new FileRejectedException("wrong_encoding", "the file does not decode as " + cs.name()
                    + "; give the right one with encoding=GBK or UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            throw new FileRejectedException("not_text", "the file holds NUL bytes: it is not a CSV text file");
        }
        String headerLine = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        char sep = separator(headerLine);
        List<Row> rows = parse(text, sep);
        int h = 0;
        while (h < rows.size() && rows.get(h).cells.stream().allMatch(c -> c == null || c.toString().isBlank())) {
            h++;
        }
        TableSource.Builder b = new TableSource.Builder(rows.get(h).cells);
        for (int i = h + 1; i < rows.size(); i++) {
            if (i - h > limits.maxFeatures()) {
                throw FileRejectedException.tooLarge("the file has more than " + limits.maxFeatures() + " rows");
            }
            Row r = rows.get(i);
            b.add(r.line, r.cells, r.problem);
        }
        return new SourceData(ExchangeFormat.CSV, b.features(), null, cs.name());
    }

    private static char separator(String header) {
        int commas = count(header, ',');
        int semis = count(header, ';');
        int tabs = count(header, '\t');
        int kinds = (commas > 0 ? 1 : 0) + (semis > 0 ? 1 : 0) + (tabs > 0 ? 1 : 0);
        if (kinds > 1) {
            throw new FileRejectedException("mixed_separators", "the header line mixes separators (" + commas + " commas, "
                    + semis + " semicolons, " + tabs + " tabs); save the sheet with one separator");
        }
        return tabs > 0 ? '\t' : semis > 0 ? ';' : ',';
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    private record Row(int line, List<Object> cells, String problem) {
    }

    private static List<Row> parse(String text, char sep) {
        List<Row> rows = new ArrayList<>();
        List<Object> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int rowLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (c == sep) {
                cells.add(value(cell, wasQuoted));
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(value(cell, wasQuoted));
                rows.add(new Row(rowLine, cells, null));
                cells = new ArrayList<>();
                cell.setLength(0);
                wasQuoted = false;
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            cells.add(value(cell, true));
            rows.add(new Row(rowLine, cells, "a quoted field opened on line " + rowLine + " is never closed"));
        } else if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(value(cell, wasQuoted));
            rows.add(new Row(rowLine, cells, null));
        }
        return rows;
    }

    private static Object value(StringBuilder cell, boolean quoted) {
        String s = quoted ? cell.toString() : cell.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
