// Writes OUT/sheetjs-*.xlsx and OUT/exceljs-*.xlsx from data.json with
// SheetJS (npm xlsx) and ExcelJS: node gen_node.js OUT [data.json].
// NODE_PATH must reach both packages (make.sh installs them).
"use strict";
const fs = require("fs");
const XLSX = require("xlsx");
const ExcelJS = require("exceljs");

const out = process.argv[2];
const data = JSON.parse(fs.readFileSync(process.argv[3] || "data.json", "utf8"));
const date = (c) => new Date(c.date + "T00:00:00Z");

async function main() {
  for (const [key, t] of Object.entries(data)) {
    // SheetJS: dates as t="d" cells (cellDates), rich text as its runs joined.
    const aoa = t.rows.map((r) => r.map((c) => (c && c.date ? date(c) : c && c.rich ? c.rich.map((x) => x[0]).join("") : c)));
    const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: "yyyy-mm-dd" });
    ws["!merges"] = t.merges.map((m) => XLSX.utils.decode_range(m));
    ws["!cols"] = t.widths.map((w) => ({ wch: w }));
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, t.sheet);
    XLSX.writeFile(wb, `${out}/sheetjs-${key}.xlsx`, { cellDates: true, compression: true });

    // ExcelJS: dates as serial numbers with a format, rich text as runs.
    const ewb = new ExcelJS.Workbook();
    ewb.creator = "corpus";
    const es = ewb.addWorksheet(t.sheet);
    t.rows.forEach((r, i) => {
      const row = es.getRow(i + 1);
      r.forEach((c, j) => {
        if (c === null) return;
        const cell = row.getCell(j + 1);
        if (c.date) {
          cell.value = date(c);
          cell.numFmt = "yyyy-mm-dd";
        } else if (c.rich) {
          cell.value = { richText: c.rich.map(([text, bold]) => (bold ? { text, font: { bold: true } } : { text })) };
        } else {
          cell.value = c;
        }
      });
    });
    t.merges.forEach((m) => es.mergeCells(m));
    t.widths.forEach((w, i) => (es.getColumn(i + 1).width = w));
    await ewb.xlsx.writeFile(`${out}/exceljs-${key}.xlsx`);
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
