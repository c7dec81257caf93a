"""Overview (总览). Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
    "page.overview": {"zh": "总览", "en": "Overview"},
    "overview.caption": {
        "zh": "{year} 年度账面支出（预算执行数），按各楼当前保障安排推导保障模式。",
        "en": "Recorded spending (budget outturn) for {year}; each building's support mode is derived "
        "from its current arrangements.",
    },
    "overview.year": {"zh": "统计年度", "en": "Year shown"},
    "overview.kpi.total": {"zh": "后勤服务总支出", "en": "Total spending"},
    "overview.kpi.per_m2": {"zh": "每平方米年支出（元）", "en": "Spending per m²·yr (CNY)"},
    "overview.kpi.staff": {"zh": "服务人员（自有 / 企业）", "en": "Staff: in-house / vendor"},
    "overview.kpi.budget_dev": {"zh": "预算执行偏差", "en": "Budget deviation"},
    "overview.kpi.buildings": {"zh": "办公楼/区", "en": "Buildings"},
    "overview.kpi.area": {"zh": "总建筑面积", "en": "Total floor area"},
    "overview.kpi.delta_prev": {"zh": "较上年", "en": "vs previous year"},
    "overview.kpi.delta_pp": {"zh": "{pp:+.1f} 个百分点", "en": "{pp:+.1f} pp"},
    "overview.kpi.budget_dev_help": {
        "zh": "（实际 − 预算）/ 预算；正数为超支。小图为 2019 年以来各年偏差。",
        "en": "(actual − budget) / budget; positive means overspent. The small chart shows each year since 2019.",
    },
    "overview.kpi.staff_help": {
        "zh": "自有劳务用工人数 / 服务企业派驻人数（当前安排）。",
        "en": "Agency-hired workers / vendor workers on site (current arrangements).",
    },
    "overview.modes.title": {"zh": "各保障模式的楼宇、面积与支出", "en": "Buildings, floor area and spending by mode"},
    "overview.trend.title": {"zh": "2019 年以来各模式支出走势", "en": "Spending by mode since 2019"},
    "overview.budget.title": {"zh": "预算与实际：每年的偏差", "en": "Budget vs actual: the deviation each year"},
    "overview.budget.caption": {
        "zh": "柱为全市合计偏差；点为各楼偏差，离散越大说明预算越不稳定——这正是统一管理要解决的问题。",
        "en": "Bars: city-wide deviation; dots: each building. The wider the dots spread, the less "
        "reliable the budgets — the swing unified management is meant to end.",
    },
    "overview.table.title": {"zh": "各楼概况", "en": "Buildings at a glance"},
    "overview.modes.count": {"zh": "{n} 栋", "en": "{n} buildings"},
    "overview.glossary": {"zh": "术语表", "en": "Glossary"},
    "chart.share_of_cost": {"zh": "支出占比", "en": "Share of spending"},
    "chart.share_of_area": {"zh": "面积占比", "en": "Share of floor area"},
    "chart.share_of_buildings": {"zh": "楼宇占比", "en": "Share of buildings"},
    "chart.deviation_pct": {"zh": "偏差（%）", "en": "Deviation (%)"},
    "chart.showing_top": {
        "zh": "共 {total} 项，此处显示最需关注的 {n} 项；全部数据见下载",
        "en": "Showing the {n} that most need attention, of {total}; all of them in the download",
    },
    "chart.city_total": {"zh": "全市合计", "en": "City total"},
    "chart.per_building": {"zh": "各楼", "en": "Each building"},
    "chart.spending_wan": {"zh": "支出（万元）", "en": "Spending (CNY 10k)"},
    "overview.takeaway.mix": {
        "zh": "{mode}的 {n} 栋楼占全市建筑面积的 {area}、后勤支出的 {spend}。",
        "en": "The {n} buildings under {mode} hold {area} of the floor area and {spend} of spending.",
    },
    "overview.takeaway.trend": {
        "zh": "{year} 年后勤支出 {total}，比 {first} 年{direction} {pct}。",
        "en": "Spending in {year} was {total}, {pct} {direction} than in {first}.",
    },
    "overview.takeaway.up": {"zh": "增长", "en": "more"},
    "overview.takeaway.down": {"zh": "减少", "en": "less"},
    "overview.takeaway.budget": {
        "zh": "{first}—{last} 年全市预算偏差在 {low} 到 {high} 之间摆动，单栋楼偏差最大达 {worst}。",
        "en": "City-wide budget deviation swung between {low} and {high} over {first}–{last}; "
        "single buildings missed by up to {worst}.",
    },
    "table.budget": {"zh": "预算（万元）", "en": "Budget (CNY 10k)"},
    "table.actual_yuan": {"zh": "实际支出（元）", "en": "Actual (CNY)"},
    "table.budget_yuan": {"zh": "预算（元）", "en": "Budget (CNY)"},
    "table.staff_in_house": {"zh": "自有人员", "en": "In-house staff"},
    "table.staff_vendor": {"zh": "企业人员", "en": "Vendor staff"},
    "table.spend": {"zh": "年支出（万元）", "en": "Spending (CNY 10k)"},
    "table.spend_per_m2": {"zh": "元/㎡·年", "en": "CNY/m²·yr"},
    "table.managed_by": {"zh": "管理单位", "en": "Managed by"},
    # spending by service item
    "overview.services.title": {"zh": "各服务项目支出", "en": "Spending by service item"},
    "overview.services.legend.delivered": {"zh": "按保障方式提供", "en": "Delivered in a mode"},
    "overview.services.legend.at_actual": {"zh": "按实支付（能耗、维修）", "en": "Paid at actual"},
    "overview.services.col.spend": {"zh": "支出（万元）", "en": "CNY 10k"},
    "overview.services.col.share": {"zh": "占比（%）", "en": "Share %"},
    "overview.services.col.cheapest": {"zh": "最省方式", "en": "Cheapest"},
    "overview.services.col.per_m2": {"zh": "{way}全成本（元/㎡·年）", "en": "{way}: full cost (CNY/m²·yr)"},
    "overview.services.col.paid_at_actual": {"zh": "按实支付", "en": "Paid at actual"},
    "overview.services.at_actual": {"zh": "按实支付", "en": "Paid at actual"},
    "overview.services.one_way": {"zh": "仅{way}", "en": "{way} only"},
    "overview.services.wins": {"zh": "{way} {n} 项", "en": "{way} for {n}"},
    "overview.services.items": {"zh": "{n} 项", "en": "{n} items"},
    "overview.services.item_share": {"zh": "{service}（{share}）", "en": "{service} ({share})"},
    "overview.services.table": {"zh": "各服务项目支出与最省的保障方式", "en": "Spending by service and its cheapest delivery"},
    "overview.takeaway.services": {
        "zh": "{year} 年支出最多的是{top}，合计占 {share}；{k} 个可比较的服务项目中，按每平方米全成本最省的是{counts}。",
        "en": "In {year} the most went to {top}, {share} together; of the {k} services that can be compared, "
        "the cheapest delivery by full cost per m² is {counts}.",
    },
    "overview.services.caption": {
        "zh": "最省的保障方式按同一口径计算：该方式下各楼该项全成本之和 ÷ 这些楼的建筑面积（元/㎡·年），与“模式对比”的最省模式口径一致，"
              "未按楼宇规模、等级、楼龄调整；能耗、房屋维修按实支付，不比较保障方式；只有一种方式的项目无从比较。",
        "en": "The cheapest delivery is measured one way: the full cost of the service in the buildings delivered that way ÷ "
              "their floor area (CNY/m²·yr), as for the cheapest mode on Compare modes; not adjusted for size, tier or age. "
              "Energy and repairs are paid at actual and not compared; a service delivered one way only has nothing to compare.",
    },
    "kf.services.top": {"zh": "支出最多的服务项目：{service}", "en": "Largest service item: {service}"},
    "kf.services.at_actual": {"zh": "按实支付项目占比", "en": "Share paid at actual"},
    "kf.services.compared": {"zh": "可比较保障方式的服务项目", "en": "Services with deliveries to compare"},
}
