#!/usr/bin/env python3
"""Makes the hostile-file corpus and its manifest (manifest.tsv) in this folder.

Run from this folder: python3 make_corpus.py   (needs GDAL's ogr2ogr for the shapefile,
GeoPackage and FlatGeobuf bases; the files are committed, so tests do not run this).
Each manifest line: file, endpoint (projects|zones), query, expected status, expected error code,
what the file is.
"""
import io, os, struct, subprocess, zipfile, shutil, tempfile, json

HERE = os.path.dirname(os.path.abspath(__file__))
rows = []

def put(name, data, status, code, what, endpoint="projects", query=""):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(HERE, name), mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
        f.write(data)
    rows.append((name, endpoint, query, str(status), code, what))

def feature(geom, **props):
    p = {"code": "H-1", "name": "测试", "category": "parks", "status": "planned"}
    p.update(props)
    return {"type": "Feature", "properties": p, "geometry": geom}

def fc(*features, **extra):
    d = {"type": "FeatureCollection", "features": list(features)}
    d.update(extra)
    return json.dumps(d, ensure_ascii=False)

SQUARE = [[[114.0, 32.9], [114.01, 32.9], [114.01, 32.91], [114.0, 32.91], [114.0, 32.9]]]
PT = {"type": "Point", "coordinates": [114.02, 32.98]}

# ---- GeoJSON -----------------------------------------------------------------------------
put("empty.geojson", b"", 400, "empty_file", "zero bytes")
put("whitespace.geojson", "  \n\t\n", 400, "empty_file", "only whitespace")
put("not_json.geojson", "{ this is not json", 400, "invalid_json", "not JSON")
good = fc(feature({"type": "Polygon", "coordinates": SQUARE}))
put("truncated.geojson", good[: len(good) // 2], 400, "invalid_json", "cut in the middle")
put("array_top.geojson", "[1, 2, 3]", 400, "invalid_geojson", "an array at the top")
put("no_type.geojson", '{"features": []}', 400, "invalid_geojson", "no type member")
put("unknown_type.geojson", '{"type": "Topology", "objects": {}}', 400, "invalid_geojson", "TopoJSON, not GeoJSON")
put("features_object.geojson", '{"type": "FeatureCollection", "features": {}}', 400, "invalid_geojson", "features is an object")
put("fc_without_features.geojson", '{"type": "FeatureCollection"}', 400, "invalid_geojson", "no features member")
put("empty_collection.geojson", fc(), 400, "no_features", "no features at all")
put("nan_literal.geojson", good.replace("114.01", "NaN", 1), 400, "invalid_json", "NaN literal (not JSON)")
put("infinity_string.geojson", fc(feature({"type": "Point", "coordinates": ["Infinity", 32.9]})), 422, "rows_rejected", "coordinate as the string Infinity")
put("overflow_number.geojson", fc(feature({"type": "Point", "coordinates": [114.0, 32.9]})).replace("32.9", "1e400"), 422, "rows_rejected", "1e400 overflows to infinity")
put("bowtie.geojson", fc(feature({"type": "Polygon", "coordinates": [[[114.0, 32.9], [114.01, 32.91], [114.01, 32.9], [114.0, 32.91], [114.0, 32.9]]]})), 422, "rows_rejected", "self-intersecting polygon")
put("unclosed_ring.geojson", fc(feature({"type": "Polygon", "coordinates": [[[114.0, 32.9], [114.01, 32.9], [114.01, 32.91], [114.0, 32.91]]]})), 422, "rows_rejected", "ring not closed")
put("short_ring.geojson", fc(feature({"type": "Polygon", "coordinates": [[[114.0, 32.9], [114.01, 32.9], [114.0, 32.9]]]})), 422, "rows_rejected", "ring of three positions")
put("wrong_nesting.geojson", fc(feature({"type": "Polygon", "coordinates": SQUARE[0]})), 422, "rows_rejected", "Polygon with LineString nesting")
put("deep_nesting.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":' + "[" * 5000 + "]" * 5000 + "}}]}", 400, "invalid_json", "5000 nested arrays")
put("null_island.geojson", fc(feature({"type": "Point", "coordinates": [0.0, 0.0]})), 422, "crs_mismatch", "every position at 0,0")
put("outside_china.geojson", fc(feature(PT, code="A"), feature(PT, code="B"), feature({"type": "Point", "coordinates": [2.35, 48.85]}, code="C")), 422, "rows_rejected", "one site in Paris")
put("swapped_axes.geojson", fc(feature({"type": "Point", "coordinates": [32.98, 114.02]})), 422, "crs_required", "latitude first")
put("no_geometry.geojson", fc({"type": "Feature", "properties": {"code": "X"}, "geometry": None}), 422, "rows_rejected", "feature without geometry")
put("geometry_collection.geojson", fc(feature({"type": "GeometryCollection", "geometries": [PT]})), 422, "rows_rejected", "GeometryCollection")
put("missing_code.geojson", fc(feature(PT, code=None)), 422, "rows_rejected", "no project code")
put("bad_category.geojson", fc(feature(PT, category="spaceport")), 422, "rows_rejected", "unknown category")
put("negative_money.geojson", fc(feature(PT, totalInvestment=-5)), 422, "rows_rejected", "negative investment")
put("duplicate_codes.geojson", fc(feature(PT), feature(PT)), 422, "rows_rejected", "the same code twice")
put("long_name.geojson", fc(feature(PT, name="长" * 500)), 422, "rows_rejected", "name of 500 characters")
put("properties_array.geojson", fc({"type": "Feature", "properties": [1, 2], "geometry": PT}), 422, "rows_rejected", "properties is an array")
put("unknown_epsg.geojson", fc(feature(PT), crs={"type": "name", "properties": {"name": "EPSG:999999"}}), 422, "unknown_crs", "crs member names no CRS")
put("garbage_crs.geojson", fc(feature(PT), crs={"type": "name", "properties": {"name": "my local grid"}}), 422, "crs_required", "crs member unreadable")
put("projected_no_crs.geojson", fc(feature({"type": "Point", "coordinates": [501869, 3650530]})), 422, "crs_required", "Gauss-Kruger numbers, no crs")
put("trailing_garbage.geojson", good + " {}", 400, "invalid_geojson", "a second object after the first")
put("binary_garbage.bin", bytes(range(256)) * 4, 400, "unknown_format", "random binary")

# ---- archives ----------------------------------------------------------------------------
def zbytes(entries, compression=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression) as z:
        for name, data in entries:
            z.writestr(name, data)
    return b.getvalue()

tmp = tempfile.mkdtemp()
src = os.path.join(tmp, "in.geojson")
with open(src, "w", encoding="utf-8") as f:
    f.write(fc(*[{"type": "Feature", "properties": {"DLBM": "R%d" % i, "DLMC": "用地%d" % i},
                  "geometry": {"type": "Polygon", "coordinates": [[[114 + i * .01, 32.9], [114.005 + i * .01, 32.9],
                               [114.005 + i * .01, 32.905], [114 + i * .01, 32.9]]]}} for i in range(3)]))
def ogr(*args):
    subprocess.run(["ogr2ogr", *args], check=True, capture_output=True)
ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", os.path.join(tmp, "z.shp"), src)
def part(ext):
    with open(os.path.join(tmp, "z." + ext), "rb") as f:
        return f.read()
shp, shx, dbf, prj, cpg = part("shp"), part("shx"), part("dbf"), part("prj"), part("cpg")
full = [("z.shp", shp), ("z.shx", shx), ("z.dbf", dbf), ("z.prj", prj), ("z.cpg", cpg)]
Z = dict(endpoint="zones", query="kind=zoning&title=hostile")

whole = zbytes(full)
put("truncated.zip", whole[: len(whole) * 2 // 3], 400, "corrupt_zip", "archive cut short", **Z)
put("not_a_zip.zip", "hello, I am text", 400, "no_geometry_columns", "text named .zip", **Z)
put("empty_archive.zip", zbytes([]), 400, "empty_archive", "archive without entries", **Z)
put("zip_slip.zip", zbytes(full + [("../../evil.txt", b"x")]), 400, "unsafe_archive", "../ entry", **Z)
put("zip_absolute.zip", zbytes(full + [("/etc/cron.d/evil", b"x")]), 400, "unsafe_archive", "absolute entry path", **Z)
put("zip_bomb.zip", zbytes([("z.shp", b"\0" * (30 << 20))]), 413, "too_large", "30 MB of zeros in 30 KB", **Z)
many = zbytes([("f%03d.txt" % i, b"") for i in range(100)])
put("too_many_entries.zip", many, 413, "too_large", "100 entries", **Z)
put("ambiguous.zip", zbytes(full + [("other/z.dbf", dbf)]), 400, "ambiguous_archive", "two z.dbf in two folders", **Z)
# a central directory that claims 1.5 GB for a small entry
b = bytearray(zbytes(full))
cd = b.rfind(b"PK\x01\x02")
first_cd = b.find(b"PK\x01\x02")
struct.pack_into("<I", b, first_cd + 24, 1536 << 20)
put("claims_1_5gb.zip", bytes(b), 413, "too_large", "central directory claims 1.5 GB", **Z)
put("missing_shx.zip", zbytes([e for e in full if not e[0].endswith(".shx")]), 400, "missing_part", "no .shx", **Z)
put("missing_dbf.zip", zbytes([e for e in full if not e[0].endswith(".dbf")]), 400, "missing_part", "no .dbf", **Z)
put("only_dbf.zip", zbytes([("z.dbf", dbf)]), 400, "missing_part", "a table without shapes", **Z)
put("shp_truncated.zip", zbytes([("z.shp", shp[:-30])] + full[1:]), 400, "corrupt_shapefile", ".shp cut short", **Z)
big = bytearray(shp); struct.pack_into(">i", big, 24, (1 << 30) // 2)
put("shp_claims_1gb.zip", zbytes([("z.shp", bytes(big))] + full[1:]), 400, "corrupt_shapefile", ".shp header claims 1 GB", **Z)
bad = bytearray(dbf); struct.pack_into("<I", bad, 4, 8)
put("dbf_wrong_count.zip", zbytes(full[:2] + [("z.dbf", bytes(bad))] + full[3:]), 400, "corrupt_shapefile", "DBF says 8 records, holds 3", **Z)
# a consistent DBF of 2 records with the .shp/.shx of 3
ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", "-limit", "2", os.path.join(tmp, "two.shp"), src)
with open(os.path.join(tmp, "two.dbf"), "rb") as f:
    dbf2 = f.read()
put("dbf_count_mismatch.zip", zbytes(full[:2] + [("z.dbf", dbf2)] + full[3:]), 400, "record_count_mismatch", ".dbf of another file", **Z)
bx = bytearray(shx); struct.pack_into(">i", bx, 100 + 8, 999999)
put("shx_points_outside.zip", zbytes([full[0], ("z.shx", bytes(bx))] + full[2:]), 400, "corrupt_shapefile", "index entry beyond the .shp", **Z)
bt = bytearray(shp); struct.pack_into("<i", bt, 32, 99)
put("bad_shape_type.zip", zbytes([("z.shp", bytes(bt))] + full[1:]), 400, "corrupt_shapefile", "shape type 99", **Z)
bc = bytearray(shp); struct.pack_into(">i", bc, 0, 1234)
put("bad_file_code.zip", zbytes([("z.shp", bytes(bc))] + full[1:]), 400, "corrupt_shapefile", "not a shapefile magic", **Z)
put("dbf_is_text.zip", zbytes(full[:2] + [("z.dbf", b"name,code\n" * 20)] + full[3:]), 400, "corrupt_shapefile", "a CSV named .dbf", **Z)
# GBK text with a .cpg that says UTF-8
ogr("-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", os.path.join(tmp, "gbk.shp"), src)
gbk = [("z." + e, open(os.path.join(tmp, "gbk." + e), "rb").read()) for e in ("shp", "shx", "dbf", "prj")]
put("wrong_encoding.zip", zbytes(gbk + [("z.cpg", b"UTF-8")]), 400, "wrong_encoding", "GBK table, .cpg says UTF-8", **Z)
lcc = b'PROJCS["Custom_LCC",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["Central_Meridian",105.0],UNIT["Meter",1.0]]'
put("prj_unknown.zip", zbytes(full[:3] + [("z.prj", lcc), full[4]]), 422, "crs_required", ".prj of a CRS without a code", **Z)
gk = b'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
put("prj_says_gk_coords_lonlat.zip", zbytes(full[:3] + [("z.prj", gk), full[4]]), 422, "crs_mismatch", ".prj says EPSG:4547, numbers are lon/lat", **Z)
ogr("-f", "ESRI Shapefile", "-t_srs", "EPSG:4526", os.path.join(tmp, "proj.shp"), src)
proj = [("z." + e, open(os.path.join(tmp, "proj." + e), "rb").read()) for e in ("shp", "shx", "dbf")]
put("projected_no_prj.zip", zbytes(proj), 422, "crs_required", "zone-prefixed GK numbers without .prj", **Z)
with open(os.path.join(tmp, "bow.geojson"), "w") as f:
    f.write(fc({"type": "Feature", "properties": {"DLBM": "R1"}, "geometry": {"type": "Polygon", "coordinates": [[[114.0, 32.9], [114.01, 32.91], [114.01, 32.9], [114.0, 32.91], [114.0, 32.9]]]}}))
ogr("-f", "ESRI Shapefile", os.path.join(tmp, "bow.shp"), os.path.join(tmp, "bow.geojson"))
bow = [("z." + e, open(os.path.join(tmp, "bow." + e), "rb").read()) for e in ("shp", "shx", "dbf", "prj")]
put("bowtie_shapefile.zip", zbytes(bow), 422, "rows_rejected", "self-intersecting polygon in a shapefile", **Z)
put("lone.shp", shp, 400, "missing_part", "a .shp alone, not zipped", **Z)

# ---- CSV ---------------------------------------------------------------------------------
H = "项目编号,项目名称,项目类别,项目状态,经度,纬度\n"
put("bom_mixed_separators.csv", "\ufeff项目编号,项目名称;项目类别\t经度,纬度\nA,B;C\t1,2\n", 400, "mixed_separators", "BOM and three separators")
put("no_geometry_columns.csv", "项目编号,项目名称\nA,B\n", 400, "no_geometry_columns", "no coordinates at all")
put("unclosed_quote.csv", H + 'C-1,"未闭合的引号,公园绿地,在建,114.02,32.98\n', 422, "rows_rejected", "a quote never closed")
put("nan_coordinates.csv", H + "C-1,名称,公园绿地,在建,NaN,32.98\n", 422, "rows_rejected", "NaN longitude")
put("infinity_coordinates.csv", H + "C-1,名称,公园绿地,在建,Infinity,32.98\n", 422, "rows_rejected", "Infinity longitude")
put("extra_fields.csv", H + "C-1,名称,公园绿地,在建,114.02,32.98,多余,字段\n", 422, "rows_rejected", "more fields than the header")
put("duplicate_header.csv", "项目编号,项目编号,经度,纬度\nA,B,114,32\n", 400, "duplicate_header", "one header twice")
put("nul_bytes.csv", (H + "C-1,名称\0\0,公园绿地,在建,114.02,32.98\n").encode("utf-8"), 400, "not_text", "NUL bytes in text")
put("only_header.csv", H, 400, "no_features", "a header and nothing else")
put("bad_wkt.csv", "code,name,category,status,wkt\nW-1,x,parks,planned,POLYGON((114 32\n", 422, "rows_rejected", "WKT cut short")
put("wrong_encoding.csv", (H + "C-1,名称,公园绿地,在建,114.02,32.98\n").encode("gbk"), 400, "wrong_encoding", "GBK bytes read as UTF-8", query="encoding=UTF-8")

# ---- XLSX (hand-written OOXML, as Excel stores it) ----------------------------------------
def xlsx(sheet_rows, merges=(), extra=(), pad=0):
    def cell(ref, v):
        if isinstance(v, tuple):
            return '<c r="%s"><f>%s</f><v>%s</v></c>' % (ref, v[0], v[1])
        if isinstance(v, (int, float)):
            return '<c r="%s"><v>%s</v></c>' % (ref, v)
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
    body = ""
    for r, row in enumerate(sheet_rows, 1):
        cells = "".join(cell("%s%d" % (chr(65 + c), r), v) for c, v in enumerate(row) if v is not None)
        body += '<row r="%d">%s</row>' % (r, cells)
    mc = ""
    if merges:
        mc = '<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData>%s%s</sheetData>%s</worksheet>' % (" " * pad, body, mc))
    files = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="项目" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", sheet),
    ] + list(extra)
    return zbytes(files)

HX = ["项目编号", "项目名称", "项目类别", "项目状态", "总投资（万元）", "经度", "纬度"]
put("formulas.xlsx", xlsx([HX, ["X-1", "公式", "公园绿地", "在建", ("100*2", 200), 114.02, 32.98]]), 422, "rows_rejected", "a formula in a data cell")
put("merged_data.xlsx", xlsx([HX, ["X-1", "合并", "公园绿地", "在建", 100, 114.02, 32.98], ["X-2", None, "公园绿地", "在建", 100, 114.03, 32.98]], merges=["B2:B3"]), 422, "rows_rejected", "a name merged over two rows")
put("merged_header.xlsx", xlsx([HX, ["X-1", "表头", "公园绿地", "在建", 100, 114.02, 32.98]], merges=["A1:B1"]), 400, "merged_header", "two headers merged")
okx = xlsx([HX, ["X-1", "好", "公园绿地", "在建", 100, 114.02, 32.98]])
put("truncated.xlsx", okx[: len(okx) // 2], 400, "corrupt_zip", "workbook cut short")
put("empty_sheet.xlsx", xlsx([]), 400, "empty_file", "a workbook with an empty sheet")
put("xlsx_bomb.xlsx", xlsx([HX], pad=60 << 20), 413, "too_large", "a sheet of 60 MB of spaces in 60 KB")

# ---- GeoPackage, KML, FlatGeobuf ---------------------------------------------------------
put("truncated.gpkg", b"SQLite format 3\0" + bytes(200), 400, "corrupt_gpkg", "SQLite header, nothing after")
g2 = os.path.join(tmp, "two.gpkg")
ogr("-f", "GPKG", g2, src, "-nln", "a")
ogr("-f", "GPKG", "-update", g2, src, "-nln", "b")
put("two_layers.gpkg", open(g2, "rb").read(), 400, "several_layers", "two feature tables")
g0 = os.path.join(tmp, "none.gpkg")
ogr("-f", "GPKG", g0, src, "-nln", "a", "-where", "1=0")
put("empty_layer.gpkg", open(g0, "rb").read(), 400, "no_features", "a feature table without rows")
K = '<?xml version="1.0" encoding="UTF-8"?>'
put("xxe.kml", K + '<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name><Point><coordinates>114,32.9</coordinates></Point></Placemark></kml>', 400, "unsafe_xml", "external entity (XXE)")
put("billion_laughs.kml", K + '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><kml><Placemark><name>&lol3;</name></Placemark></kml>', 400, "unsafe_xml", "entity expansion bomb")
put("not_kml.kml", K + "<html><body>hello</body></html>", 400, "invalid_kml", "HTML named .kml")
put("malformed.kml", K + '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>x</Placemark>', 400, "invalid_xml", "tags do not nest")
put("bad_coordinates.kml", K + '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><ExtendedData><Data name="code"><value>K-1</value></Data></ExtendedData><Point><coordinates>abc,def</coordinates></Point></Placemark></Document></kml>', 422, "rows_rejected", "coordinates that are not numbers")
put("unclosed_ring.kml", K + '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>114,32.9 114.01,32.9 114.01,32.91 114,32.91</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>', 422, "rows_rejected", "polygon ring not closed")
f1 = os.path.join(tmp, "z.fgb")
ogr("-f", "FlatGeobuf", f1, src)
fgb = open(f1, "rb").read()
put("truncated.fgb", fgb[: len(fgb) // 2], 400, "corrupt_fgb", "FlatGeobuf cut in half", **Z)
fh = bytearray(fgb); struct.pack_into("<I", fh, 8, 0x7FFFFFF0)
put("fgb_claims_2gb_header.fgb", bytes(fh), 400, "corrupt_fgb", "header length of 2 GB", **Z)

shutil.rmtree(tmp)
with open(os.path.join(HERE, "manifest.tsv"), "w", encoding="utf-8") as f:
    f.write("# file\tendpoint\tquery\tstatus\terror\twhat\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(len(rows), "files")
