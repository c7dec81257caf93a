"""The data check-up (数据体检). Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
    "checkup.title": {"zh": "数据体检", "en": "Data check-up"},
    "checkup.caption": {
        "zh": "会前检查：哪些数据会让看板上的数字不可信。每一条都列出涉及的记录，点“查看”在编辑表中只显示这些行。",
        "en": "Before a meeting: what in the data would make the dashboard's figures untrustworthy. Each finding "
        "names its rows; “View” opens the editor on those rows alone.",
    },
    "checkup.year": {"zh": "检查年度", "en": "Year checked"},
    "checkup.none": {"zh": "{year} 年数据未发现问题。", "en": "Nothing to check in {year}'s data."},
    "checkup.book_missing": {
        "zh": "参数库缺少数据体检所需的参数（{missing}）；请运行 `python -m core init-db --if-empty` 补齐。",
        "en": "The assumption book lacks a factor the check-up needs ({missing}); run `python -m core init-db "
        "--if-empty` to add it.",
    },
    "checkup.no_costs": {"zh": "还没有费用记录，无法体检。", "en": "No spending is on record yet: nothing to check."},
    "checkup.col.kind": {"zh": "类别", "en": "Kind"},
    "checkup.col.rows": {"zh": "涉及", "en": "Concerns"},
    "checkup.col.detail": {"zh": "说明", "en": "What was found"},
    "checkup.col.link": {"zh": "记录", "en": "Rows"},
    "checkup.view": {"zh": "查看", "en": "View"},
    "checkup.filtered": {
        "zh": "编辑表只显示数据体检指出的 {n} 行“{table}”。",
        "en": "The editor shows only the {n} row(s) of {table} the check-up named.",
    },
    "checkup.show_all": {"zh": "显示全部行", "en": "Show every row"},
    "checkup.kind.ledger_vs_price": {"zh": "账面与合同价不符", "en": "Ledger off the contract price"},
    "checkup.kind.missing_months": {"zh": "缺月份", "en": "Months missing"},
    "checkup.kind.month_and_year": {"zh": "全年与月度重复", "en": "Whole year and months both"},
    "checkup.kind.no_cost": {"zh": "有安排无支出", "en": "Arrangement without cost"},
    "checkup.kind.cost_without_arrangement": {"zh": "有支出无安排", "en": "Cost without arrangement"},
    "checkup.kind.staffing": {"zh": "人员配置异常", "en": "Staffing implausible"},
    "checkup.kind.yoy_jump": {"zh": "支出大幅变动", "en": "Year-on-year jump"},
    "checkup.kind.no_assessment": {"zh": "企业近期无考核", "en": "Vendor not assessed"},
    "checkup.say.ledger_vs_price": {
        "zh": "合同 {contract}（{vendor}）{year} 年账面结算 {actual}，年合同价 {reference}，相差 {pct}。",
        "en": "Contract {contract} ({vendor}): {year} ledger billed {actual} against an annual price of "
        "{reference}, {pct} apart.",
    },
    "checkup.say.missing_months": {
        "zh": "{year} 年按月记账，缺 {months} 月（本年账目已记到 {last} 月）。",
        "en": "Recorded by month in {year}, months {months} missing (the year is on record up to month {last}).",
    },
    "checkup.say.month_and_year": {
        "zh": "{year} 年既有全年（月份 0）记录又有月度记录，支出会被重复计算。",
        "en": "{year} has a whole-year record (month 0) and monthly ones: the spending counts twice.",
    },
    "checkup.say.no_cost": {"zh": "{year} 年没有支出记录。", "en": "No spending on record in {year}."},
    "checkup.say.cost_without_arrangement": {
        "zh": "{year} 年有支出 {actual}，但保障安排中没有人提供此项：{why}。",
        "en": "{actual} spent in {year}, but the arrangement has nobody delivering it: {why}.",
    },
    "checkup.why.no_delivery": {"zh": "未填提供方式", "en": "no delivery given"},
    "checkup.why.no_staff": {"zh": "自我保障却没有自有人员", "en": "in-house with no in-house staff"},
    "checkup.why.no_contract": {"zh": "外包却没有合同", "en": "outsourced with no contract"},
    "checkup.say.staffing": {
        "zh": "在岗 {staff} 人；按 {area} ㎡ 和配置标准约需 {norm} 人。",
        "en": "{staff} on site; the staffing norm for {area} m² is about {norm}.",
    },
    "checkup.say.yoy_jump": {
        "zh": "{year} 年支出 {actual}，上年 {reference}，变动 {pct}。",
        "en": "{actual} spent in {year} against {reference} the year before: {pct}.",
    },
    "checkup.say.no_assessment": {
        "zh": "有在用合同（{contract}），但所服务的楼最近 {n} 个考核季度都没有考核记录。",
        "en": "Has contracts in use ({contract}), but none of the buildings it serves was assessed in the "
        "last {n} assessed quarters.",
    },
    "checkup.line": {
        "zh": "数据完整度：{year} 年 {total} 项保障安排中 {clean} 项（{rate}）未发现问题；数据体检另有 {n} 处需核对（{kinds}）。",
        "en": "Data completeness: {clean} of {total} arrangements ({rate}) show no problem in {year}; the data "
        "check-up lists {n} thing(s) to check ({kinds}).",
    },
    "checkup.line_clean": {
        "zh": "数据完整度：{year} 年全部 {total} 项保障安排未发现问题（数据体检无待核对事项）。",
        "en": "Data completeness: none of the {total} arrangements shows a problem in {year} (the data check-up "
        "lists nothing to check).",
    },
    "checkup.kf": {"zh": "数据完整度（{year} 年）", "en": "Data completeness ({year})"},
    "checkup.kf_value": {"zh": "{rate}，{n} 处需核对", "en": "{rate}, {n} to check"},
}
