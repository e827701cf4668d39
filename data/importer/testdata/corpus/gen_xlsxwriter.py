#!/usr/bin/python3
"""Writes OUT/xlsxwriter-{roster,staffing,org}.xlsx from data.json with XlsxWriter."""
import datetime, json, sys
import xlsxwriter
from xlsxwriter.utility import xl_range

out = sys.argv[1]
data = json.load(open(sys.argv[2] if len(sys.argv) > 2 else "data.json", encoding="utf-8"))

for key, t in data.items():
    wb = xlsxwriter.Workbook(f"{out}/xlsxwriter-{key}.xlsx")
    ws = wb.add_worksheet(t["sheet"])
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    merged = {}
    for m in t["merges"]:
        merged[m.split(":")[0]] = m
    for r, row in enumerate(t["rows"]):
        for c, v in enumerate(row):
            ref = xlsxwriter.utility.xl_rowcol_to_cell(r, c)
            if ref in merged:
                ws.merge_range(merged[ref], v, bold if r < 2 else None)
            elif v is None:
                continue
            elif isinstance(v, dict) and "date" in v:
                ws.write_datetime(r, c, datetime.datetime.fromisoformat(v["date"]), date)
            elif isinstance(v, dict) and "rich" in v:
                parts = []
                for text, b in v["rich"]:
                    parts += [bold, text] if b else [text]
                ws.write_rich_string(r, c, *parts)
            else:
                ws.write(r, c, v)
    for i, w in enumerate(t["widths"]):
        ws.set_column(i, i, w)
    wb.close()
