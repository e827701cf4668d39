#!/usr/bin/python3
"""Writes OUT/openpyxl-{roster,staffing,org}.xlsx from data.json with openpyxl."""
import datetime, json, sys
import openpyxl
from openpyxl.styles import Font

out = sys.argv[1]
data = json.load(open(sys.argv[2] if len(sys.argv) > 2 else "data.json", encoding="utf-8"))


def value(c):
    if isinstance(c, dict) and "date" in c:
        return datetime.date.fromisoformat(c["date"])
    if isinstance(c, dict) and "rich" in c:
        # openpyxl 3.0 writes no rich text: the runs as one string.
        return "".join(t for t, _ in c["rich"])
    return c


for key, t in data.items():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = t["sheet"]
    for row in t["rows"]:
        ws.append([value(c) for c in row])
    for r in t["merges"]:
        ws.merge_cells(r)
    for i, w in enumerate(t["widths"]):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width = w
    for c in ws[2 if key == "staffing" else 1]:
        c.font = Font(bold=True)
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, datetime.date):
                c.number_format = "yyyy-mm-dd"
    wb.save(f"{out}/openpyxl-{key}.xlsx")
