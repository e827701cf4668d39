#!/usr/bin/env python3
"""Writes data.json: the made-up roster, staffing table and org structure
every writer of the corpus writes, as grids (rows of cells) with merges.
Prints the figures a correct import gives, derived from the data here.

Cells: a string, a number, null, {"date": "YYYY-MM-DD"} or
{"rich": [[text, bold], ...]}. Nobody here is a real person."""
import json

COMPANY = "星河科技有限公司"

# 工号, 姓名, 一级部门, 二级部门, 岗位, 入职日期, 在职状态
PEOPLE = [
    ("E001", "陈志强", "总经办", "", "总经理", "2015-03-02", "在职"),
    ("E002", "林晓燕", "行政人事部", "", "行政人事经理", "2016-07-18", "在职"),
    ("E003", "黄丽娟", "行政人事部", "", "人事专员", "2019-04-01", "在职"),
    ("E004", "周建华", "财务部", "", "财务经理", "2017-01-09", "在职"),
    ("E005", "吴婷", "财务部", "", "会计", "2020-08-17", "在职"),
    ("E006", "郑浩然", "技术部", "研发组", "研发工程师", "2018-05-21", "在职"),
    ("E007", "王磊", "技术部", "研发组", "研发工程师", "2021-03-15", "在职"),
    ("E008", "刘思远", "技术部", "研发组", "研发工程师", "2023-11-06", "试用"),
    ("E009", "赵敏", "技术部", "测试组", "测试工程师", "2020-02-24", "在职"),
    ("E010", "孙凯", "技术部", "测试组", "测试工程师", "2022-09-13", "离职"),
    ("E011", "钱佳怡", "销售部", "华东销售组", "销售经理", "2016-10-10", "在职"),
    ("E012", "冯涛", "销售部", "华东销售组", "销售代表", "2019-06-03", "在职"),
    ("E013", "何雪", "销售部", "华东销售组", "销售代表", "2022-04-18", "在职"),
    ("E014", "许文斌", "销售部", "华南销售组", "销售代表", "2021-07-05", "在职"),
    ("E015", "邓雅琪", "销售部", "华南销售组", "销售代表", "2024-02-19", "试用"),
]

# 部门 → [(岗位名称, 人员数量, 备注)]
STAFFING = [
    ("总经办", [("总经理", 1, "")]),
    ("行政人事部", [("行政人事经理", 1, ""), ("人事专员", 2, ""), ("行政专员", 1, "兼前台"), ("司机", 1, "")]),
    ("财务部", [("财务经理", 1, ""), ("会计", 1, ""), ("出纳", 1, "")]),
    ("技术部", [("技术总监", 1, ""), ("研发工程师", 4, ""), ("测试工程师", 2, "")]),
    ("销售部", [("销售经理", 2, "华东、华南各1名"), ("销售代表", 6, "华东4名、华南2名")]),
]

# 部门编码, 部门名称, 上级部门编码
ORG = [
    (100, COMPANY, None),
    (110, "总经办", 100), (120, "行政人事部", 100), (130, "财务部", 100),
    (140, "技术部", 100), (141, "研发组", 140), (142, "测试组", 140),
    (150, "销售部", 100), (151, "华东销售组", 150), (152, "华南销售组", 150),
]


def roster():
    rows = [["工号", "姓名", "一级部门", "二级部门", "岗位", "入职日期", "在职状态"]]
    for no, name, d1, d2, post, hired, status in PEOPLE:
        rows.append([no, name, d1, d2 or None, post, {"date": hired}, status])
    return {"sheet": "花名册", "rows": rows, "merges": [], "widths": [8, 10, 12, 12, 14, 12, 10]}


def staffing():
    title = COMPANY + "人员配置明细表"
    rows = [[title, None, None, None, None], ["序号", "部门", "岗位名称", "人员数量", "备注"]]
    merges = ["A1:E1"]
    seq = total = 0
    for dept, posts in STAFFING:
        first = len(rows) + 1
        for i, (post, n, note) in enumerate(posts):
            seq += 1
            cell = note or None
            if note == "兼前台":
                cell = {"rich": [["兼", False], ["前台", True]]}
            rows.append([seq, dept if i == 0 else None, post, n, cell])
        last = len(rows)
        if last > first:
            merges.append(f"B{first}:B{last}")
        n = sum(p[1] for p in posts)
        total += n
        rows.append([f"{dept} ({n}人)", None, None, n, None])
        merges.append(f"A{len(rows)}:C{len(rows)}")
    rows.append([f"合计 ({total}人)", None, None, total, None])
    merges.append(f"A{len(rows)}:C{len(rows)}")
    return {"sheet": "人员配置明细表", "rows": rows, "merges": merges, "widths": [6, 12, 14, 10, 20]}


def org():
    rows = [["部门编码", "部门名称", "上级部门编码"]]
    rows += [[c, n, p] for c, n, p in ORG]
    return {"sheet": "组织架构", "rows": rows, "merges": [], "widths": [10, 20, 12]}


def figures():
    units = {(d1,) for _, _, d1, _, _, _, _ in PEOPLE} | {(d1, d2) for _, _, d1, d2, _, _, _ in PEOPLE if d2}
    posts = {(d1, d2, p) for _, _, d1, d2, p, _, _ in PEOPLE}
    left = sum(1 for p in PEOPLE if p[6] == "离职")
    print(f"roster: {len(PEOPLE)} people ({left} left), {len(units)} units, {len(posts)} posts, 编制 {len(PEOPLE) - left}")
    posts = sum(len(p) for _, p in STAFFING)
    total = sum(n for _, p in STAFFING for _, n, _ in p)
    print(f"staffing: 0 people, {len(STAFFING)} units, {posts} posts, 编制 {total}")
    print(f"org: 0 people, {len(ORG)} units, 0 posts, 编制 0")


if __name__ == "__main__":
    with open("data.json", "w", encoding="utf-8") as f:
        # One row a line, so a change to the data reads as a change to a row.
        tables = {"roster": roster(), "staffing": staffing(), "org": org()}
        f.write("{\n")
        for i, (key, t) in enumerate(tables.items()):
            f.write(f' "{key}": {{"sheet": {json.dumps(t["sheet"], ensure_ascii=False)}, '
                    f'"merges": {json.dumps(t["merges"])}, "widths": {json.dumps(t["widths"])}, "rows": [\n')
            f.write(",\n".join("  " + json.dumps(r, ensure_ascii=False) for r in t["rows"]))
            f.write("\n ]}" + ("," if i < len(tables) - 1 else "") + "\n")
        f.write("}\n")
    figures()
