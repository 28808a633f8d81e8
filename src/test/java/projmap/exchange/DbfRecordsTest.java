package projmap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.h2.value.ValueToObjectConverter;
import org.h2gis.functions.io.dbf.internal.DbaseFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DbfRecords} reads every field as H2GIS's record reader does (the reader it replaced for
 * speed), compared value by value on tables GDAL wrote (UTF-8 and GBK) and on a hand-made one full
 * of edge cases; dates are the one difference: a {@link LocalDate} where H2GIS gives null.
 */
class DbfRecordsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8", "GBK"})
    void reads_what_gdal_wrote_as_h2gis_does(String encoding) throws Exception {
        Gdal.require();
        Path json = dir.resolve("in.geojson");
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String text = i % 7 == 0 ? "null" : "\"  地块 " + i + " 驻马店 R" + (i % 4) + "  \"";
            String whole = i % 11 == 0 ? "null" : String.valueOf(i * 37 - 500);
            String big = i % 13 == 0 ? "null" : String.valueOf(3_000_000_000L + i);
            String real = i % 5 == 0 ? "null" : String.valueOf(i * 1.25 - 40);
            String day = i % 9 == 0 ? "null" : "\"2026-" + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28) + "\"";
            features.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"mc\":").append(text)
                    .append(",\"sl\":").append(whole).append(",\"dsl\":").append(big).append(",\"mj\":").append(real)
                    .append(",\"rq\":").append(day).append("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[114.0,33.0]}}");
        }
        Files.writeString(json, "{\"type\":\"FeatureCollection\",\"features\":[" + features + "]}");
        Path shp = dir.resolve("gdal.shp");
        Gdal.ogr2ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=" + (encoding.equals("GBK") ? "CP936" : "UTF-8"),
                shp.toString(), json.toString());
        List<List<Object>> ours = ours(dir.resolve("gdal.dbf"), Charset.forName(encoding));
        assertThat(ours).hasSize(300);
        assertSameAsH2gis(dir.resolve("gdal.dbf"), Charset.forName(encoding), ours);
        // and the values are the ones written
        List<Object> row1 = ours.get(1);
        assertThat(row1).contains("地块 1 驻马店 R1", -463, 3_000_000_001L, -38.75, LocalDate.of(2026, 2, 2));
        assertThat(ours.get(0)).containsOnlyNulls();
    }

    @Test
    void reads_edge_cases_as_h2gis_does() throws Exception {
        Path dbf = dir.resolve("edges.dbf");
        String[][] rows = {
                // N(20,0)               N(10,2)       C(10)          L  D(8)        F(12,3)
                {"                   7", "      3.25", "  路 口\0\0\0\0", "T", "20261202", "      -0.125"},
                {"-9223372036854775807", "      3,50", "\0         ", "n", "00000000", "************"},
                {"        +12         ", "**********", "          ", "?", "20260230", "           "},
                {"            3,5     ", "     abc  ", "\u3000区\u3000     ", "y", "        ", "1.5e3       "},
                {"  12345678901234567890", "      -0  ", "x         ", " ", "19991231", "          -0"},
        };
        Files.write(dbf, dbf(new char[] {'N', 'N', 'C', 'L', 'D', 'F'}, new int[] {20, 10, 10, 1, 8, 12},
                new int[] {0, 2, 0, 0, 0, 3}, rows));
        List<List<Object>> ours = ours(dbf, StandardCharsets.UTF_8);
        assertSameAsH2gis(dbf, StandardCharsets.UTF_8, ours);
        assertThat(ours.get(0)).containsExactly(7, 3.25, "路 口", true, LocalDate.of(2026, 12, 2), -0.125);
        assertThat(ours.get(1)).containsExactly(-9_223_372_036_854_775_807L, 3.5, null, false, null, null);
        assertThat(ours.get(2)).containsExactly(12, null, null, null, null, null);
        assertThat(ours.get(3)).containsExactly(3.5, null, "区", true, null, 1500.0);
        assertThat(ours.get(4).get(3)).isNull();
        assertThat(ours.get(4).get(4)).isEqualTo(LocalDate.of(1999, 12, 31));
    }

    @Test
    void a_header_whose_fields_are_wider_than_its_records_is_refused() throws Exception {
        Path dbf = dir.resolve("narrow.dbf");
        byte[] bytes = dbf(new char[] {'C', 'N'}, new int[] {10, 8}, new int[] {0, 0}, new String[][] {{"甲", "1"}, {"乙", "2"}});
        bytes[10] = 12;   // the record length (little-endian, bytes 10-11): 12 where the fields need 19
        bytes[11] = 0;
        Files.write(dbf, bytes);
        try (FileChannel ch = FileChannel.open(dbf)) {
            var header = new DbaseFileReader(ch, "UTF-8").getHeader();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DbfRecords(dbf, header, StandardCharsets.UTF_8))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("wider than its records");
        }
    }

    /** Every field of every record through {@link DbfRecords}, normalised as an import does. */
    private static List<List<Object>> ours(Path dbf, Charset encoding) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(dbf)) {
            var header = new DbaseFileReader(ch, encoding.name()).getHeader();
            try (DbfRecords records = new DbfRecords(dbf, header, encoding)) {
                int n = header.getNumRecords();
                // two runs of records, as the reading threads ask for them
                records.read(0, n / 2);
                for (int r = 0; r < n / 2; r++) {
                    out.add(row(records, r, header.getNumFields()));
                }
                records.read(n / 2, n - n / 2);
                for (int r = n / 2; r < n; r++) {
                    out.add(row(records, r, header.getNumFields()));
                }
            }
        }
        return out;
    }

    private static List<Object> row(DbfRecords records, int r, int fields) throws Exception {
        List<Object> row = new ArrayList<>();
        for (int f = 0; f < fields; f++) {
            row.add(Staging.normalise(records.value(r, f)));
        }
        return row;
    }

    /** H2GIS's reading, field by field, equals ours except that its dates are null. */
    private static void assertSameAsH2gis(Path dbf, Charset encoding, List<List<Object>> ours) throws Exception {
        try (FileChannel ch = FileChannel.open(dbf)) {
            DbaseFileReader reader = new DbaseFileReader(ch, encoding.name());
            for (int r = 0; r < reader.getRecordCount(); r++) {
                for (int f = 0; f < reader.getFieldCount(); f++) {
                    Object theirs = Staging.normalise(ValueToObjectConverter.valueToDefaultObject(reader.getFieldValue(r, f), null, false));
                    Object mine = ours.get(r).get(f);
                    if (Character.toUpperCase(reader.getHeader().getFieldType(f)) == 'D') {
                        assertThat(theirs).as("H2GIS's date, record %d", r).isNull();
                        if (mine != null) {
                            assertThat(mine).as("record %d field %d", r, f).isInstanceOf(LocalDate.class);
                        }
                    } else {
                        assertThat(mine).as("record %d field %d", r, f).isEqualTo(theirs);
                    }
                }
            }
        }
    }

    /** A dBASE III table with the given fields (name F0, F1 …) and records (each value exactly its field's width). */
    private static byte[] dbf(char[] types, int[] lengths, int[] decimals, String[][] rows) {
        int recordLength = 1;
        for (int l : lengths) {
            recordLength += l;
        }
        int headerLength = 32 + 32 * types.length + 1;
        ByteBuffer head = ByteBuffer.allocate(headerLength).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 3).put((byte) 126).put((byte) 12).put((byte) 2).putInt(rows.length)
                .putShort((short) headerLength).putShort((short) recordLength);
        head.position(32);
        for (int i = 0; i < types.length; i++) {
            byte[] name = ("F" + i).getBytes(StandardCharsets.US_ASCII);
            int at = head.position();
            head.put(name).position(at + 11);
            head.put((byte) types[i]).position(at + 16);
            head.put((byte) lengths[i]).put((byte) decimals[i]).position(at + 32);
        }
        head.put((byte) 0x0D);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.array());
        for (String[] row : rows) {
            out.write(' ');
            for (int i = 0; i < row.length; i++) {
                byte[] v = row[i].getBytes(StandardCharsets.UTF_8);
                byte[] field = new byte[lengths[i]];
                java.util.Arrays.fill(field, (byte) ' ');
                System.arraycopy(v, 0, field, 0, Math.min(v.length, field.length));
                out.writeBytes(field);
            }
        }
        out.write(0x1A);
        return out.toByteArray();
    }
}
