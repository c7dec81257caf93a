"""Standards (统一标准). Each key's Chinese and English side by side; every count and figure with its unit."""

STRINGS: dict[str, dict[str, str]] = {
    "standards.caption": {
        "zh": "{year} 年各楼各服务项目的账面支出（元/㎡·月）与其服务等级、面积档次对应的统一收费标准和人员配置标准对比。"
              "收费项目与按实支付项目（能耗、房屋维修）分开计算。",
        "en": "Recorded spending per m² per month in {year} for every building and service, against the "
        "unified fee standard and staffing norm for its tier and area band. Fees and items paid at actual "
        "(energy, repairs) are counted apart.",
    },
    "standards.year": {"zh": "统计年度", "en": "Year shown"},
    "standards.amber": {"zh": "黄色预警：超标准（%）", "en": "Amber above the standard by (%)"},
    "standards.red": {"zh": "红色预警：超标准（%）", "en": "Red above the standard by (%)"},
    "standards.low": {"zh": "黄色提示：低于标准（%）", "en": "Amber below the standard by (%)"},
    "standards.low_help": {
        "zh": "费用低于标准超过此比例的项目以黄色提示：可能存在服务不到位，需核实。默认值来自参数库。",
        "en": "Items this far below their standard are shown amber: the service may not be delivered in full. "
        "Default from the assumption book.",
    },
    "standards.tolerance": {"zh": "封顶容差（%）", "en": "Capping tolerance (%)"},
    "standards.tolerance_help": {
        "zh": "收费超过标准但在容差以内的不封顶。默认值来自参数库。",
        "en": "Fees above the standard but within the tolerance are left alone. Default from the assumption book.",
    },
    "standards.red_below_amber": {
        "zh": "红色预警线低于黄色预警线，已按黄色预警线处理。",
        "en": "The red threshold is below the amber one; amber is used for both.",
    },
    "standards.kpi.red": {"zh": "收费项目：红色（严重超标）", "en": "Fees: red (far above)"},
    "standards.kpi.amber": {"zh": "收费项目：黄色（超标）", "en": "Fees: amber (above)"},
    "standards.kpi.green": {"zh": "收费项目：绿色（达标）", "en": "Fees: green (within)"},
    "standards.kpi.low": {"zh": "收费项目：远低于标准", "en": "Fees: far below"},
    "standards.kpi.low_help": {
        "zh": "费用低于标准 {low} 以上的收费项目（黄色提示）：可能存在服务不到位，需核实。",
        "en": "Fees more than {low} below their standard (shown amber): the service may not be delivered in full.",
    },
    "standards.kpi.release": {"zh": "超标收费封顶可释放", "en": "Released by capping fees"},
    "standards.kpi.release_yr": {"zh": "超标收费封顶每年可释放", "en": "Released a year by capping fees"},
    "standards.kpi.release_help": {
        "zh": "把服务企业超出标准（含容差）的收费压到标准（含容差）每年可节约的金额（合同到期或调价时才能实现）；"
        "自我保障没有收费可压，按人员配置标准另行测算；能耗、中修大修按实支付，不封顶。整合模拟使用此数（再乘实现比例）。",
        "en": "What capping every vendor fee above its standard (plus tolerance) at that level would save a year "
        "(only when the contract ends or its price is reviewed); in-house teams have no fee to cap and go by the "
        "staffing standard instead; energy and medium/major repairs are paid at actual and not capped. The "
        "consolidation simulator uses this figure (times its realisation share).",
    },
    "standards.items": {"zh": "{n} 项", "en": "{n} items"},
    "standards.item": {"zh": "{n} 项", "en": "{n} item"},
    "standards.persons": {"zh": "{n} 人", "en": "{n} workers"},
    "standards.wan_yr": {"zh": "{v} 万元/年", "en": "CNY {v} a year"},  # en: the same figure in yuan
    "standards.per_year": {"zh": "{v}/年", "en": "{v} a year"},
    "standards.rank_by": {"zh": "超标收费排序", "en": "Rank fees above the standard"},
    "standards.rank.money": {"zh": "按超出金额（万元/年）", "en": "By money above (CNY 10k a year)"},
    "standards.rank.pct": {"zh": "按超出比例（%）", "en": "By percentage above"},
    "standards.outliers.table": {"zh": "超标收费清单（两种排名）", "en": "Fees above the standard (both ranks)"},
    "standards.at_actual.heading": {"zh": "按实支付项目（不封顶，单列）", "en": "Paid at actual (never capped, apart)"},
    "standards.low.heading": {"zh": "远低于标准的项目：可能服务不到位", "en": "Far below the standard: possible under-service"},
    "standards.status.red": {"zh": "红色", "en": "Red"},
    "standards.status.amber": {"zh": "黄色", "en": "Amber"},
    "standards.status.low": {"zh": "黄色（远低于标准）", "en": "Amber (far below)"},
    "standards.status.green": {"zh": "绿色", "en": "Green"},
    "standards.status.none": {"zh": "无标准", "en": "No standard"},
    "standards.col.building": {"zh": "办公楼/区", "en": "Building"},
    "standards.col.service_name": {"zh": "服务项目", "en": "Service"},
    "standards.col.item_name": {"zh": "服务项目", "en": "Service"},
    "standards.at_actual": {"zh": "（按实支付）", "en": " (paid at actual)"},
    "standards.map.at_actual": {"zh": "<br>（按实支付）", "en": " †"},
    "standards.legend.at_actual": {"zh": "标注“按实支付”的项目不封顶", "en": "† paid at actual: never capped"},
    "standards.legend.red": {"zh": "红色：高于标准 {red} 以上", "en": "Red: more than {red} above"},
    "standards.legend.amber": {"zh": "黄色：高于标准 {amber} 以上", "en": "Amber: more than {amber} above"},
    "standards.legend.low": {"zh": "黄色：低于标准 {low} 以上（可能服务不到位）",
                             "en": "Amber: more than {low} below (possible under-service)"},
    "standards.legend.green": {"zh": "绿色：达标", "en": "Green: within"},
    "standards.legend.none": {"zh": "灰色：无标准", "en": "Grey: no standard"},
    "standards.col.cost_per_m2_month": {"zh": "实际（元/㎡·月）", "en": "Actual (CNY/m²·month)"},
    "standards.col.standard_per_m2_month": {"zh": "标准（元/㎡·月）", "en": "Standard (CNY/m²·month)"},
    "standards.col.deviation_pct": {"zh": "偏离标准（%）", "en": "Deviation (%)"},
    "standards.col.excess_wan": {"zh": "超出标准（万元/年）", "en": "Above standard (CNY 10k/yr)"},
    "standards.col.annual_cost_wan": {"zh": "年支出（万元）", "en": "Spending (CNY 10k)"},
    "standards.col.status_name": {"zh": "预警", "en": "Status"},
    "standards.col.rank_money": {"zh": "按金额排名", "en": "Rank: money"},
    "standards.col.rank_pct": {"zh": "按比例排名", "en": "Rank: %"},
    "standards.col.staff": {"zh": "实际人数（人）", "en": "Workers"},
    "standards.col.norm_staff": {"zh": "定员标准人数（人）", "en": "Norm (workers)"},
    "standards.col.staff_deviation_pct": {"zh": "人员偏离（%）", "en": "Staff deviation (%)"},
    "standards.map.title": {"zh": "各楼各服务项目与统一收费标准的偏离（%）", "en": "Every building and service against its fee standard (%)"},
    "standards.unit": {"zh": "元/㎡·月（实际 / 标准）", "en": "CNY/m²·month (actual / standard)"},
    "standards.hover.excess": {"zh": "超出标准 {v} 万元/年", "en": "{v} CNY 10k a year above the standard"},
    "standards.outliers.title.money": {"zh": "超出标准金额最多的收费项目（万元/年）",
                                       "en": "Fees furthest above their standard, by money (CNY 10k a year)"},
    "standards.outliers.title.pct": {"zh": "超出标准比例最高的收费项目（%）",
                                     "en": "Fees furthest above their standard, by percentage"},
    "standards.at_actual.title": {"zh": "按实支付项目超出预算标准的金额（万元/年）",
                                  "en": "Items paid at actual above their budget standard (CNY 10k a year)"},
    "standards.low.title": {"zh": "低于标准 {low} 以上的项目（%）", "en": "Items more than {low} below their standard (%)"},
    "standards.axis.deviation": {"zh": "偏离标准（%）", "en": "Deviation from the standard (%)"},
    "standards.axis.excess": {"zh": "超出标准（万元/年）", "en": "Above the standard (CNY 10k a year)"},
    "standards.staffing.title": {"zh": "服务人员与定员标准（人，虚线为标准）",
                                 "en": "Service workers against the staffing norm (workers; dotted: the norm)"},
    "standards.staffing.norm": {"zh": "定员标准", "en": "Norm"},
    "standards.staffing.x": {"zh": "按标准应配人数（人）", "en": "Workers by the norm"},
    "standards.staffing.y": {"zh": "实际人数（人）", "en": "Actual workers"},
    "standards.takeaway.map": {
        "zh": "{year} 年有标准可比的 {rated} 项中，收费项目红色预警 {red} 项、黄色预警 {amber} 项；按实支付项目超出预警线 {actual} 项；"
              "{low} 项低于标准 {lowpct} 以上（黄色），可能服务不到位。",
        "en": "Of the {rated} items with a standard in {year}: {red} fees red and {amber} amber; {actual} items paid "
        "at actual above the amber line; {low} items more than {lowpct} below the standard (amber: possible under-service).",
    },
    "standards.takeaway.outliers": {
        "zh": "{n} 项收费超出预警线，合计超出标准 {excess}；按金额最多的是{money}（{money_v}，{money_p}），"
              "按比例最高的是{pct}（{pct_v}）；封顶到标准（容差 {tol}）可释放 {release}。",
        "en": "{n} fees are above the amber line, {excess} above their standard in all; by money the largest is "
        "{money} ({money_v}, {money_p}), by percentage {pct} ({pct_v}); capping at the standard (tolerance {tol}) "
        "would release {release}.",
    },
    "standards.takeaway.no_outliers": {
        "zh": "没有超出预警线的收费项目。",
        "en": "No fee is above the amber line.",
    },
    "standards.takeaway.at_actual": {
        "zh": "按实支付的 {n} 项超出预警线，合计超出预算标准 {excess}，不在封顶之列，需从用量和维修计划上管控；最多的是{worst}（{v}，{pct}）。",
        "en": "{n} items paid at actual are above the amber line, {excess} above their budget standard in all; they are "
        "never capped and are managed through use and repair plans; the largest is {worst} ({v}, {pct}).",
    },
    "standards.takeaway.at_actual_none": {
        "zh": "按实支付项目均未超出预警线。",
        "en": "No item paid at actual is above the amber line.",
    },
    "standards.takeaway.low": {
        "zh": "{n} 项费用低于标准 {low} 以上（黄色），可能存在服务不到位，需逐项核实；最低的是{worst}，低于标准 {pct}。",
        "en": "{n} items cost more than {low} less than their standard (amber): the service may not be delivered "
        "in full; check each; the lowest is {worst}, {pct} below.",
    },
    "standards.takeaway.low_none": {
        "zh": "没有低于标准 {low} 以上的项目。",
        "en": "No item is more than {low} below its standard.",
    },
    "standards.takeaway.staffing": {
        "zh": "{total} 项有定员标准的服务中，{n} 项的人数超过标准（按整人计），合计多出 {excess}。",
        "en": "Of {total} services with a staffing norm, {n} have more workers than the norm rounded up to whole "
        "workers, {excess} in all.",
    },
    "standards.caveat.at_actual": {
        "zh": "能耗、中修大修按实支付，对照预算标准单列，不计入封顶可释放金额。",
        "en": "Energy and medium/major repairs are paid at actual: listed apart against their budget standard, "
        "not in what capping releases.",
    },
    "standards.caveat.low": {
        "zh": "远低于标准不一定是节约，可能是服务不到位或推迟维修，需核实。",
        "en": "Far below the standard is not necessarily a saving: it may be a service not delivered or repairs "
        "put off; check.",
    },
    "kf.standards.outliers": {"zh": "超出预警线的收费项目", "en": "Fees above the amber line"},
    "kf.standards.excess_total": {"zh": "合计超出标准", "en": "Above the standard in all"},
    "kf.standards.over_norm": {"zh": "人员超标的服务", "en": "Services above the staffing norm"},
    "kf.standards.excess": {"zh": "超出定员的人数", "en": "Workers above the norm"},
    "kf.standards.red": {"zh": "{year} 年收费项目红色预警", "en": "Red fees in {year}"},
    "kf.standards.amber": {"zh": "{year} 年收费项目黄色预警", "en": "Amber fees in {year}"},
    "kf.standards.fee_red": {"zh": "收费项目红色预警", "en": "Red fees"},
    "kf.standards.fee_amber": {"zh": "收费项目黄色预警", "en": "Amber fees"},
    "kf.standards.at_actual": {"zh": "按实支付项目超出预警线", "en": "Paid at actual above the amber line"},
    "kf.standards.at_actual_excess": {"zh": "按实支付项目超出标准", "en": "Paid at actual above the standard"},
    "kf.standards.low": {"zh": "低于标准 {low} 以上", "en": "More than {low} below the standard"},
}
