// Writes OUT/poi-*.xlsx (XSSF) and OUT/poi-*.xls (HSSF) from data.json
// with Apache POI (XSSF only where its full schemas are installed): java -cp POI_JARS:. Gen OUT [data.json].
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.LocalDate;
import java.util.*;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

public class Gen {
    public static void main(String[] args) throws Exception {
        String json = new String(Files.readAllBytes(Paths.get(args.length > 1 ? args[1] : "data.json")), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) new Json(json).value();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            try {
                write(new XSSFWorkbook(), e.getKey(), e.getValue(), args[0] + "/poi-" + e.getKey() + ".xlsx");
            } catch (NoClassDefFoundError err) {
                // Debian's poi-ooxml-schemas 4.0.1 lacks the xmlbeans type
                // system XSSF needs: no .xlsx from POI on such a system.
                System.err.println("POI XSSF unavailable (" + err.getMessage() + "); poi-" + e.getKey() + ".xlsx not written");
            }
            write(new HSSFWorkbook(), e.getKey(), e.getValue(), args[0] + "/poi-" + e.getKey() + ".xls");
        }
    }

    @SuppressWarnings("unchecked")
    static void write(Workbook wb, String key, Object table, String path) throws IOException {
        Map<String, Object> t = (Map<String, Object>) table;
        Sheet sh = wb.createSheet((String) t.get("sheet"));
        CreationHelper ch = wb.getCreationHelper();
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(ch.createDataFormat().getFormat("yyyy-mm-dd"));
        Font bold = wb.createFont();
        bold.setBold(true);
        List<Object> rows = (List<Object>) t.get("rows");
        for (int r = 0; r < rows.size(); r++) {
            Row row = sh.createRow(r);
            List<Object> cells = (List<Object>) rows.get(r);
            for (int c = 0; c < cells.size(); c++) {
                Object v = cells.get(c);
                if (v == null) continue;
                Cell cell = row.createCell(c);
                if (v instanceof String) {
                    cell.setCellValue((String) v);
                } else if (v instanceof Double) {
                    cell.setCellValue((Double) v);
                } else {
                    Map<String, Object> m = (Map<String, Object>) v;
                    if (m.containsKey("date")) {
                        cell.setCellValue(java.sql.Date.valueOf(LocalDate.parse((String) m.get("date"))));
                        cell.setCellStyle(dateStyle);
                    } else {
                        StringBuilder text = new StringBuilder();
                        List<int[]> boldRuns = new ArrayList<>();
                        for (Object run : (List<Object>) m.get("rich")) {
                            List<Object> rr = (List<Object>) run;
                            String s = (String) rr.get(0);
                            if ((Boolean) rr.get(1)) boldRuns.add(new int[] {text.length(), text.length() + s.length()});
                            text.append(s);
                        }
                        RichTextString rich = ch.createRichTextString(text.toString());
                        for (int[] b : boldRuns) rich.applyFont(b[0], b[1], bold);
                        cell.setCellValue(rich);
                    }
                }
            }
        }
        for (Object m : (List<Object>) t.get("merges")) sh.addMergedRegion(CellRangeAddress.valueOf((String) m));
        List<Object> widths = (List<Object>) t.get("widths");
        for (int i = 0; i < widths.size(); i++) sh.setColumnWidth(i, (int) (256 * (Double) widths.get(i)));
        try (OutputStream out = new FileOutputStream(path)) {
            wb.write(out);
        }
        wb.close();
    }

    // Json is just enough of a JSON reader for data.json (numbers as Double).
    static class Json {
        final String s;
        int i;
        Json(String s) { this.s = s; }
        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
        Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++; ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws(); String k = (String) value(); ws(); i++; // ':'
                    m.put(k, value()); ws();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++; ws();
                if (s.charAt(i) == ']') { i++; return l; }
                while (true) {
                    l.add(value()); ws();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (s.charAt(i) != '"') {
                    char d = s.charAt(i++);
                    if (d == '\\') {
                        char e = s.charAt(i++);
                        if (e == 'u') { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                        else b.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                    } else b.append(d);
                }
                i++;
                return b.toString();
            }
            if (s.startsWith("null", i)) { i += 4; return null; }
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            int j = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(j, i));
        }
    }
}
