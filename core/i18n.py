"""Chinese (default) and English for every visible string, the domain glossary, and number formats.

``STRINGS`` maps a key to ``{"zh": …, "en": …}``; :func:`t` looks one up. Keys are grouped by the
page or area that uses them; the enum labels (modes, services, channels …) are generated from the
tables below so every enum value has a name in both languages.
"""
from __future__ import annotations

import math
from typing import Final, Literal

Lang = Literal["zh", "en"]
LANGS: Final[tuple[Lang, ...]] = ("zh", "en")
DEFAULT_LANG: Final[Lang] = "zh"

Entry = dict[str, str]

# --- the frame, shared widgets and messages -------------------------------------------------------
_FRAME: dict[str, Entry] = {
    "app.title": {"zh": "机关后勤服务保障决策看板", "en": "Agency Support-Services Decision Dashboard"},
    "app.subtitle": {
        "zh": "机关事务管理局 · 后勤服务统一管理",
        "en": "Government Offices Administration · unified management of logistics services",
    },
    "app.language": {"zh": "语言", "en": "Language"},
    "nav.analysis": {"zh": "分析", "en": "Analysis"},
    "nav.decide": {"zh": "决策", "en": "Decide"},
    "nav.manage": {"zh": "管理", "en": "Manage"},
    "demo.notice": {
        "zh": "示例数据：本看板当前显示的是合成的示例城市数据，并非任何真实城市的实际数据。",
        "en": "Demo data: the dashboard is showing a synthetic example city, not any real city's data.",
    },
    "store.error": {"zh": "无法打开数据库：{msg}", "en": "Cannot open the database: {msg}"},
    "store.empty": {
        "zh": "数据库中还没有数据。请在项目目录运行 `make run`（或 `python -m core init-db --demo`）载入示例数据。",
        "en": "The database holds no data yet. Run `make run` (or `python -m core init-db --demo`) "
        "in the project folder to load the demo city.",
    },
    "common.year": {"zh": "年度", "en": "Year"},
    "common.building": {"zh": "办公楼/区", "en": "Building"},
    "common.buildings": {"zh": "办公楼/区", "en": "Buildings"},
    "common.department": {"zh": "部门", "en": "Department"},
    "common.departments": {"zh": "入驻部门", "en": "Departments"},
    "common.service": {"zh": "服务项目", "en": "Service"},
    "common.services": {"zh": "服务项目", "en": "Services"},
    "common.mode": {"zh": "保障模式", "en": "Support mode"},
    "common.area": {"zh": "建筑面积（㎡）", "en": "Floor area (m²)"},
    "common.tier": {"zh": "服务等级", "en": "Tier"},
    "common.year_built": {"zh": "建成年份", "en": "Year built"},
    "common.cost": {"zh": "费用（万元）", "en": "Cost (CNY 10k)"},
    "common.cost_per_m2": {"zh": "每平方米年费用（元/㎡·年）", "en": "Cost per m² per year (CNY/m²·yr)"},
    "common.no_mode": {"zh": "未定", "en": "none"},
    "common.all": {"zh": "全部", "en": "All"},
    "common.total": {"zh": "合计", "en": "Total"},
    "common.download": {"zh": "下载", "en": "Download"},
    "common.source": {"zh": "来源", "en": "Source"},
    "unit.wan": {"zh": "万元", "en": "CNY 10k"},
    "unit.persons": {"zh": "人", "en": "persons"},
    "unit.yuan_m2_yr": {"zh": "元/㎡·年", "en": "CNY/m²·yr"},
}

# --- Overview (总览) --------------------------------------------------------------------------------
_OVERVIEW: dict[str, Entry] = {
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
}

# --- Compare modes (模式对比) and Standards (统一标准) ---------------------------------------------
_COSTING: dict[str, Entry] = {
    # pages and filters
    "page.compare": {"zh": "模式对比", "en": "Compare modes"},
    "page.standards": {"zh": "统一标准", "en": "Standards"},
    "compare.caption": {
        "zh": "{year} 年度全成本（账面支出加上账面未反映的社保、间接费用、折旧、监管和合同管理成本），"
        "按楼宇归一化后比较四种保障模式。",
        "en": "Full cost in {year} (recorded spending plus the on-costs, overhead, depreciation, supervision "
        "and contract administration the ledger leaves out), normalised per building, for the four modes.",
    },
    "compare.year": {"zh": "统计年度", "en": "Year shown"},
    "compare.services": {"zh": "服务项目", "en": "Service items"},
    "compare.buildings": {"zh": "办公楼/区", "en": "Buildings"},
    "compare.tax_neutral": {"zh": "不含增值税（税收中性）", "en": "Leave out VAT (tax-neutral)"},
    "compare.tax_neutral_help": {
        "zh": "服务企业发票中的增值税最终回到财政；打开后比较时不计增值税，自我保障与外包在同一口径下比较。",
        "en": "VAT on vendor invoices returns to the treasury; switch on to compare in-house and outsourced "
        "services without it.",
    },
    "compare.empty": {
        "zh": "所选服务项目和楼宇在 {year} 年没有费用记录，请放宽筛选条件。",
        "en": "The selected services and buildings have no costs in {year}; widen the filters.",
    },
    "compare.tab.modes": {"zh": "模式对比", "en": "Modes side by side"},
    "compare.tab.departments": {"zh": "部门费用与分摊", "en": "Departments and cost sharing"},
    "compare.tab.working": {"zh": "计算过程", "en": "Show the working"},
    "compare.table.title": {"zh": "各模式全成本与归一化指标", "en": "Full cost and normalised measures by mode"},
    "compare.table.note": {
        "zh": "每平方米、每服务对象、每服务人员费用 = 该模式各楼全成本合计 ÷ 面积、入驻人员、服务人员合计；"
        "质量得分和预算波动为各楼平均。预算波动 = 2019 年以来各年“实际 ÷ 预算”的变异系数（标准差 ÷ 均值）。",
        "en": "Per m², per served staff member and per service worker: the mode's total full cost divided by "
        "its buildings' total area, occupants' staff and service workers; quality and budget volatility are "
        "means over buildings. Budget volatility is the coefficient of variation (sd ÷ mean) of actual ÷ "
        "budget across the years since 2019.",
    },
    "compare.adjusted.note": {
        "zh": "方法：以每平方米全成本的对数为因变量，对保障模式（以自我保障为基准）做最小二乘回归，控制建筑面积（对数）、"
        "楼龄和服务等级；区间为 95% 置信区间（t 分布）。另做 Kruskal-Wallis 秩和检验，看各模式是否存在差异。",
        "en": "Method: least squares of log full cost per m² on the support mode (self-provided as the baseline), "
        "controlling for floor area (log), building age and tier; bars are 95% confidence intervals "
        "(Student t). A Kruskal-Wallis rank test asks whether the modes differ at all.",
    },
    # the comparison table and exhibits
    "compare.col.mode": {"zh": "保障模式", "en": "Support mode"},
    "compare.col.measure": {"zh": "指标", "en": "Measure"},
    "compare.col.buildings": {"zh": "楼宇数（栋）", "en": "Buildings"},
    "compare.col.area_m2": {"zh": "建筑面积（㎡）", "en": "Floor area (m²)"},
    "compare.col.annual_cost": {"zh": "全成本（万元）", "en": "Full cost (CNY 10k)"},
    "compare.col.full_cost": {"zh": "全成本（元）", "en": "Full cost (CNY)"},
    "compare.col.recorded": {"zh": "账面支出（万元）", "en": "Recorded (CNY 10k)"},
    "compare.col.cost_per_m2": {"zh": "全成本（元/㎡·年）", "en": "Full cost per m² (CNY/yr)"},
    "compare.col.cost_per_staff": {"zh": "每服务对象（元/人·年）", "en": "Per served staff member (CNY/yr)"},
    "compare.col.cost_per_worker": {"zh": "每服务人员（元/人·年）", "en": "Per service worker (CNY/yr)"},
    "compare.col.staff_in_house": {"zh": "自有服务人员（人）", "en": "In-house workers"},
    "compare.col.staff_vendor": {"zh": "企业服务人员（人）", "en": "Vendor workers"},
    "compare.col.quality": {"zh": "质量得分", "en": "Quality score"},
    "compare.col.quality_mean": {"zh": "质量得分（各楼平均）", "en": "Quality score (mean of buildings)"},
    "compare.col.budget_cv": {"zh": "预算波动（变异系数）", "en": "Budget volatility (CV)"},
    "compare.col.served_staff": {"zh": "服务对象（入驻人员）", "en": "Served staff"},
    "compare.col.recorded_per_m2": {"zh": "账面支出（元/㎡·年）", "en": "Recorded (CNY/m²·yr)"},
    "compare.col.full_per_m2": {"zh": "全成本（元/㎡·年）", "en": "Full cost (CNY/m²·yr)"},
    "compare.col.uplift": {"zh": "全成本高于账面", "en": "Full cost above recorded"},
    "compare.col.effect": {"zh": "与基准差异", "en": "Difference from baseline"},
    "compare.col.low": {"zh": "95% 区间下限", "en": "95% CI low"},
    "compare.col.high": {"zh": "95% 区间上限", "en": "95% CI high"},
    "compare.col.p_value": {"zh": "p 值", "en": "p value"},
    "compare.col.adjusted_cost_per_m2": {"zh": "调整后 元/㎡·年", "en": "Adjusted CNY/m²·yr"},
    "compare.measure.cost_per_m2": {"zh": "全成本：元/㎡·年", "en": "Full cost: CNY per m²·yr"},
    "compare.measure.cost_per_staff": {"zh": "全成本：元/服务对象·年", "en": "Full cost: CNY per served staff·yr"},
    "compare.measure.cost_per_worker": {"zh": "全成本：万元/服务人员·年", "en": "Full cost: CNY 10k per service worker·yr"},
    "compare.measure.budget_cv": {"zh": "预算波动：变异系数（%）", "en": "Budget volatility: CV (%)"},
    "compare.spread.title": {"zh": "各楼的归一化指标（每点一栋楼）", "en": "Normalised measures, one dot per building"},
    "compare.composition.title": {"zh": "各模式每平方米全成本构成", "en": "What a m² costs under each mode, line by line"},
    "compare.composition.recorded": {"zh": "账面支出", "en": "Recorded spending"},
    "compare.adjusted.title": {
        "zh": "控制面积、楼龄、等级后与{ref}的差异",
        "en": "Difference from {ref} at equal size, age and tier",
    },
    "compare.adjusted.axis": {"zh": "每平方米全成本差异（95% 置信区间）", "en": "Difference in full cost per m² (95% CI)"},
    "compare.quality.title": {"zh": "质量与成本（每点一栋楼）", "en": "Quality against cost, one dot per building"},
    "compare.quality.axis": {"zh": "考核得分（加权）", "en": "Assessment score (weighted)"},
    "compare.takeaway.spread": {
        "zh": "{year} 年每平方米全成本中位数：{low_mode}最低（{low} 元），{high_mode}最高（{high} 元）；"
        "同一模式内各楼差异也很大。",
        "en": "Median full cost per m² in {year}: lowest under {low_mode} (CNY {low}), highest under "
        "{high_mode} (CNY {high}); buildings differ widely within each mode too.",
    },
    "compare.takeaway.composition": {
        "zh": "账面支出低估了真实成本：{top}的全成本比账面高 {top_pct}，{bottom}只高 {bottom_pct}。",
        "en": "The ledger understates cost: full cost is {top_pct} above recorded spending under {top}, "
        "only {bottom_pct} under {bottom}.",
    },
    "compare.takeaway.quality_none": {
        "zh": "{n} 栋楼的质量得分与每平方米全成本没有显著关系（等级相关 {rho}，p = {p}）：多花钱不等于服务更好。",
        "en": "Across {n} buildings quality and full cost per m² show no clear relation (rank correlation {rho}, "
        "p = {p}): spending more does not by itself buy better service.",
    },
    "compare.takeaway.quality_pos": {
        "zh": "{n} 栋楼中，每平方米全成本越高的楼质量得分也越高（等级相关 {rho}，p = {p}）。",
        "en": "Across {n} buildings, those that cost more per m² also score higher (rank correlation {rho}, p = {p}).",
    },
    "compare.takeaway.quality_neg": {
        "zh": "{n} 栋楼中，每平方米全成本越高的楼质量得分反而越低（等级相关 {rho}，p = {p}）：多花钱没有换来更好的服务。",
        "en": "Across {n} buildings, those that cost more per m² score lower (rank correlation {rho}, p = {p}): "
        "the extra spending does not buy better service.",
    },
    "compare.takeaway.no_quality": {
        "zh": "{year} 年没有质量考核记录（考核自 2023 年开始），无法比较质量与成本。",
        "en": "There are no quality assessments for {year}, so quality cannot be set against cost.",
    },
    "compare.adjusted.effect": {
        "zh": "{mode} {pct}（区间 {low} 至 {high}）",
        "en": "{mode} {pct} (CI {low} to {high})",
    },
    "compare.adjusted.significant": {
        "zh": "在面积、楼龄和等级相同的条件下，与{ref}相比差异显著的是：{items}。",
        "en": "At equal size, age and tier, these differ significantly from {ref}: {items}.",
    },
    "compare.adjusted.rest": {
        "zh": "其余差异不显著（区间包含零）：{items}。",
        "en": "The rest are not significant (the interval includes zero): {items}.",
    },
    "compare.adjusted.none_significant": {
        "zh": "在面积、楼龄和等级相同的条件下，各模式与{ref}的差异都不显著（区间都包含零）：{items}。",
        "en": "At equal size, age and tier, no mode differs significantly from {ref} (every interval includes "
        "zero): {items}.",
    },
    "compare.adjusted.caution": {
        "zh": "只有 {n} 栋楼，置信区间很宽，“不显著”只表示数据不足以下结论，不表示各模式成本相同。",
        "en": "With only {n} buildings the intervals are wide: 'not significant' means the data cannot tell, "
        "not that the modes cost the same.",
    },
    "compare.kruskal.differ": {
        "zh": "秩和检验表明各模式的每平方米成本确有差异（p = {p}）。",
        "en": "A rank test says the modes' costs per m² do differ (p = {p}).",
    },
    "compare.kruskal.same": {
        "zh": "秩和检验未能证明各模式的每平方米成本存在差异（p = {p}）。",
        "en": "A rank test finds no clear difference between the modes' costs per m² (p = {p}).",
    },
    "compare.adjusted.too_few": {
        "zh": "所选范围只有 {n} 栋楼（或只有一种模式），不足以做控制面积、楼龄和等级的回归比较。",
        "en": "The selection holds only {n} buildings (or a single mode): too few for a comparison "
        "controlling for size, age and tier.",
    },
    # key figures (the meeting pack shows them beside each chart)
    "kf.compare.uplift": {"zh": "{mode}：全成本高于账面", "en": "{mode}: full cost above recorded"},
    "kf.compare.buildings": {"zh": "参与比较的楼宇", "en": "Buildings compared"},
    "kf.compare.significant": {"zh": "差异显著的模式数", "en": "Modes significantly different"},
    "kf.compare.kruskal_p": {"zh": "秩和检验 p 值", "en": "Rank test p value"},
    "kf.compare.rho": {"zh": "质量与成本等级相关", "en": "Rank correlation, quality and cost"},
    "kf.compare.rho_p": {"zh": "相关性 p 值", "en": "Its p value"},
    "kf.compare.full_cost": {"zh": "{year} 年全成本", "en": "Full cost in {year}"},
    "kf.compare.above_recorded": {"zh": "全成本高于账面支出", "en": "Full cost above recorded spending"},
    "kf.compare.per_m2": {"zh": "每平方米全成本", "en": "Full cost per m² a year"},
    "kf.costing.departments": {"zh": "分摊到的部门", "en": "Departments charged"},
    "kf.costing.median_per_staff": {"zh": "每人费用中位数", "en": "Median cost per staff member"},
    "kf.standards.outliers": {"zh": "超出预警线的项目", "en": "Items above the amber line"},
    "kf.standards.over_norm": {"zh": "人员超标的服务", "en": "Services above the staffing norm"},
    "kf.standards.excess": {"zh": "超出定员的人数", "en": "Workers above the norm"},
    "kf.standards.red": {"zh": "{year} 年红色预警", "en": "Red items in {year}"},
    "kf.standards.amber": {"zh": "{year} 年黄色预警", "en": "Amber items in {year}"},
    # departments (transparency)
    "costing.departments.title": {"zh": "各部门后勤服务费用（分摊）", "en": "What each department's services cost"},
    "costing.departments.basis": {"zh": "分摊依据", "en": "Share buildings by"},
    "costing.basis.area": {"zh": "占用面积", "en": "Floor area occupied"},
    "costing.basis.staff": {"zh": "入驻人数", "en": "Staff located there"},
    "costing.basis_in_text.area": {"zh": "占用面积", "en": "the floor area each occupies"},
    "costing.basis_in_text.staff": {"zh": "入驻人数", "en": "the staff each has there"},
    "costing.departments.note": {
        "zh": "每栋楼的全成本按各部门{basis}占比分摊，分到“分”为止，各部门分摊额之和与楼宇全成本完全相等；"
        "无入驻记录的楼宇由管理单位承担。",
        "en": "Each building's full cost is shared among its departments by {basis}, to the fen, so the "
        "shares add up exactly to the building's cost; a building with no occupants is charged to the "
        "department that manages it.",
    },
    "costing.departments.detail": {"zh": "分摊明细（楼宇 × 部门）", "en": "How it was shared (building × department)"},
    "costing.departments.chart": {"zh": "每名工作人员的后勤服务费用（前 {n} 个部门）",
                                  "en": "Services cost per staff member (top {n} departments)"},
    "costing.departments.axis": {"zh": "元/人·年", "en": "CNY per person·yr"},
    "costing.takeaway.departments": {
        "zh": "{year} 年每名工作人员的后勤服务费用从 {low} 元到 {high} 元不等，最高的是{top}。",
        "en": "In {year} services cost between CNY {low} and CNY {high} per staff member; the highest is {top}.",
    },
    "costing.col.department": {"zh": "部门", "en": "Department"},
    "costing.col.kind": {"zh": "类别", "en": "Kind"},
    "costing.col.buildings": {"zh": "所在楼宇", "en": "Buildings"},
    "costing.col.floor_area_m2": {"zh": "占用面积（㎡）", "en": "Floor area (m²)"},
    "costing.col.staff": {"zh": "入驻人数", "en": "Staff"},
    "costing.col.allocated": {"zh": "分摊全成本（万元）", "en": "Allocated full cost (CNY 10k)"},
    "costing.col.per_staff": {"zh": "元/人·年", "en": "CNY/person·yr"},
    "costing.col.per_m2": {"zh": "元/㎡·年（占用面积）", "en": "CNY/m²·yr (occupied)"},
    "costing.col.mode": {"zh": "所在楼宇保障模式", "en": "Support mode of its building"},
    "costing.col.share": {"zh": "分摊比例", "en": "Share"},
    "costing.col.building": {"zh": "办公楼/区", "en": "Building"},
    # show the working
    "costing.working.building": {"zh": "选择楼宇", "en": "Building"},
    "costing.working.chart": {"zh": "{building}：从账面支出到全成本（{year} 年）",
                              "en": "{building}: from recorded spending to full cost ({year})"},
    "costing.takeaway.working": {
        "zh": "{building} {year} 年账面支出 {recorded}，计入全部成本后为 {full}（{pct}）。",
        "en": "{building} recorded {recorded} in {year}; its full cost is {full} ({pct}).",
    },
    "costing.working.note": {
        "zh": "自我保障项目的社保公积金按参数库的法定费率重新计算，不采用账面数：各单位对劳务用工社保的记账口径不一"
        "（有的全额记入、有的部分、有的不记），只有统一口径才能公平比较（美国 GAO 对成本基线的批评即在于此）。",
        "en": "In-house on-costs are imputed at the assumption book's statutory rate instead of the ledger's "
        "figure: agencies book hired labour's social insurance against the service in full, in part or not "
        "at all, and only one rule for all makes the comparison fair (the flaw GAO found in cost baselines).",
    },
    "bookunit.share of wages": {"zh": "占工资的比例", "en": "share of wages"},
    "bookunit.share of personnel cost": {"zh": "占人员费用的比例", "en": "share of personnel cost"},
    "bookunit.share of vendor invoice": {"zh": "占企业发票金额的比例", "en": "share of vendor invoice"},
    "bookunit.share of contract price": {"zh": "占合同价的比例", "en": "share of contract price"},
    "costing.col.service": {"zh": "服务项目", "en": "Service"},
    "costing.col.delivery": {"zh": "提供方式", "en": "Delivery"},
    "costing.col.line": {"zh": "成本项", "en": "Cost line"},
    "costing.col.amount": {"zh": "金额（元）", "en": "Amount (CNY)"},
    "costing.col.rule": {"zh": "计算方法", "en": "How it was found"},
    "costing.col.factor": {"zh": "所用参数", "en": "Factor used"},
    "costing.col.value": {"zh": "参数值", "en": "Value"},
    "costing.col.unit": {"zh": "单位", "en": "Unit"},
    "costing.col.basis": {"zh": "依据类别", "en": "Basis"},
    "costing.col.source": {"zh": "来源", "en": "Source"},
    "costing.kind.actual": {"zh": "按实支付", "en": "Paid at actual"},
    "costing.rule.recorded": {"zh": "账面数", "en": "As recorded"},
    "costing.rule.depreciation": {"zh": "单位自有设备年折旧（保障安排）", "en": "Yearly depreciation of agency equipment (arrangement)"},
    "costing.rule.imputed": {
        "zh": "工资 × 社保费率（账面记 {booked}，不采用）",
        "en": "Wages × on-cost rate (ledger booked {booked}, not used)",
    },
    "costing.rule.indirect_in_house": {"zh": "人员费用 {base} × 间接费用率", "en": "Personnel cost {base} × overhead rate"},
    "costing.rule.indirect_labour_only": {"zh": "企业发票 {base} × 监管成本率", "en": "Vendor invoice {base} × supervision rate"},
    "costing.rule.indirect_contracted": {"zh": "合同价 {base} × 合同管理成本率", "en": "Contract price {base} × administration rate"},
    "costing.line.labour": {"zh": "人工工资", "en": "Wages"},
    "costing.line.on_costs": {"zh": "社保公积金", "en": "On-costs"},
    "costing.line.materials": {"zh": "物料", "en": "Materials"},
    "costing.line.management_fee": {"zh": "管理费及利润", "en": "Management fee"},
    "costing.line.tax": {"zh": "税金", "en": "Tax"},
    "costing.line.energy": {"zh": "能耗", "en": "Energy"},
    "costing.line.repairs": {"zh": "维修", "en": "Repairs"},
    "costing.line.depreciation": {"zh": "折旧", "en": "Depreciation"},
    "costing.line.indirect": {"zh": "间接、监管与合同管理", "en": "Overhead, supervision, contract admin"},
    "costing.step.recorded": {"zh": "账面支出", "en": "Recorded"},
    "costing.step.on_costs": {"zh": "社保按统一费率", "en": "On-costs at one rate"},
    "costing.step.depreciation": {"zh": "设备折旧", "en": "Depreciation"},
    "costing.step.overhead": {"zh": "间接费用", "en": "Overhead"},
    "costing.step.supervision": {"zh": "监管成本", "en": "Supervision"},
    "costing.step.contract_admin": {"zh": "合同管理", "en": "Contract admin"},
    "costing.step.full_cost": {"zh": "全成本", "en": "Full cost"},
    # standards
    "standards.caption": {
        "zh": "{year} 年各楼各服务项目的账面支出（元/㎡·月）与其服务等级、面积档次对应的统一收费标准和人员配置标准对比。",
        "en": "Recorded spending per m² per month in {year} for every building and service, against the "
        "unified fee standard and staffing norm for its tier and area band.",
    },
    "standards.year": {"zh": "统计年度", "en": "Year shown"},
    "standards.amber": {"zh": "黄色预警：超标准（%）", "en": "Amber above the standard by (%)"},
    "standards.red": {"zh": "红色预警：超标准（%）", "en": "Red above the standard by (%)"},
    "standards.tolerance": {"zh": "封顶容差（%）", "en": "Capping tolerance (%)"},
    "standards.tolerance_help": {
        "zh": "收费超过标准但在容差以内的不封顶。默认值来自参数库。",
        "en": "Fees above the standard but within the tolerance are left alone. Default from the assumption book.",
    },
    "standards.red_below_amber": {
        "zh": "红色预警线低于黄色预警线，已按黄色预警线处理。",
        "en": "The red threshold is below the amber one; amber is used for both.",
    },
    "standards.kpi.red": {"zh": "红色（严重超标）", "en": "Red (far above)"},
    "standards.kpi.amber": {"zh": "黄色（超标）", "en": "Amber (above)"},
    "standards.kpi.green": {"zh": "绿色（达标）", "en": "Green (within)"},
    "standards.kpi.release": {"zh": "超标收费封顶可释放", "en": "Released by capping fees"},
    "standards.kpi.release_help": {
        "zh": "把超出标准（含容差）的收费压到标准（含容差）每年可节约的金额；能耗、中修大修按实支付，不封顶。整合模拟使用此数。",
        "en": "What capping every fee above its standard (plus tolerance) at that level would save a year; "
        "energy and medium/major repairs are paid at actual and not capped. The consolidation simulator uses "
        "this figure.",
    },
    "standards.outliers.table": {"zh": "超标清单", "en": "Outliers"},
    "standards.status.red": {"zh": "红色", "en": "Red"},
    "standards.status.amber": {"zh": "黄色", "en": "Amber"},
    "standards.status.green": {"zh": "绿色", "en": "Green"},
    "standards.status.none": {"zh": "无标准", "en": "No standard"},
    "standards.col.building": {"zh": "办公楼/区", "en": "Building"},
    "standards.col.service_name": {"zh": "服务项目", "en": "Service"},
    "standards.col.item_name": {"zh": "服务项目", "en": "Service"},
    "standards.at_actual": {"zh": "（按实支付）", "en": " (paid at actual)"},
    "standards.legend.red": {"zh": "红色：高于标准 {red} 以上", "en": "Red: more than {red} above"},
    "standards.legend.amber": {"zh": "黄色：高于标准 {amber} 以上", "en": "Amber: more than {amber} above"},
    "standards.legend.green": {"zh": "绿色：达标", "en": "Green: within"},
    "standards.legend.none": {"zh": "灰色：无标准", "en": "Grey: no standard"},
    "standards.col.cost_per_m2_month": {"zh": "实际（元/㎡·月）", "en": "Actual (CNY/m²·month)"},
    "standards.col.standard_per_m2_month": {"zh": "标准（元/㎡·月）", "en": "Standard (CNY/m²·month)"},
    "standards.col.deviation_pct": {"zh": "偏离标准（%）", "en": "Deviation (%)"},
    "standards.col.status_name": {"zh": "预警", "en": "Status"},
    "standards.col.staff": {"zh": "实际人数", "en": "Workers"},
    "standards.col.norm_staff": {"zh": "定员标准人数", "en": "Norm"},
    "standards.col.staff_deviation_pct": {"zh": "人员偏离（%）", "en": "Staff deviation (%)"},
    "standards.col.annual_cost": {"zh": "年支出（元）", "en": "Annual spending (CNY)"},
    "standards.map.title": {"zh": "各楼各服务项目与统一收费标准的偏离", "en": "Every building and service against its fee standard"},
    "standards.unit": {"zh": "元/㎡·月（实际 / 标准）", "en": "CNY/m²·month (actual / standard)"},
    "standards.outliers.title": {"zh": "超标最多的 {n} 项", "en": "The {n} items furthest above their standard"},
    "standards.axis.deviation": {"zh": "高于标准（%）", "en": "Above the standard (%)"},
    "standards.staffing.title": {"zh": "服务人员与定员标准（虚线为标准）", "en": "Service workers against the staffing norm (dotted: the norm)"},
    "standards.staffing.norm": {"zh": "定员标准", "en": "Norm"},
    "standards.staffing.x": {"zh": "按标准应配人数", "en": "Workers by the norm"},
    "standards.staffing.y": {"zh": "实际人数", "en": "Actual workers"},
    "standards.takeaway.map": {
        "zh": "{year} 年有标准可比的 {rated} 项中，{red} 项红色预警、{amber} 项黄色预警。",
        "en": "Of the {rated} items with a standard in {year}, {red} are red and {amber} amber.",
    },
    "standards.takeaway.outliers": {
        "zh": "{n} 项收费超出预警线，最突出的是{worst}（{pct}）；把超标收费封顶到标准（容差 {tol}）每年可释放 {release}。",
        "en": "{n} items are above the amber line, worst {worst} ({pct}); capping fees at the standard "
        "(tolerance {tol}) would release {release} a year.",
    },
    "standards.takeaway.no_outliers": {
        "zh": "没有超出预警线的项目。",
        "en": "No item is above the amber line.",
    },
    "standards.takeaway.staffing": {
        "zh": "{total} 项有定员标准的服务中，{n} 项的人数超过标准（按整人计），合计多出 {excess} 人。",
        "en": "Of {total} services with a staffing norm, {n} have more workers than the norm rounded up to "
        "whole workers, {excess} in all.",
    },
}


# --- Consolidation (整合模拟) and Scenarios (方案比较) ---------------------------------------------
_SIMULATOR: dict[str, Entry] = {
    # pages
    "page.consolidation": {"zh": "整合模拟", "en": "Consolidation"},
    "page.scenarios": {"zh": "方案比较", "en": "Scenarios"},
    "sim.caption": {
        "zh": "以 {base} 年全成本为基数（{scope}，{cost}），测算 {start}—{end} 年。瀑布图和回收年份按参数表取值计算，区间来自 {draws} 次蒙特卡洛抽样。",
        "en": "Baseline: the {base} full cost ({scope}, {cost}); simulated {start}–{end}. The waterfall and the "
        "payback year use the assumption book's values; ranges come from {draws} Monte Carlo draws.",
    },
    "sim.scope.all": {"zh": "全部楼宇和服务", "en": "every building and service"},
    "sim.scope.some": {"zh": "{b} 栋楼、{s} 项服务", "en": "{b} buildings, {s} services"},
    "unit.wan_yr": {"zh": "万元/年", "en": "CNY 10k a year"},
    "sim.months": {"zh": "{n} 个月", "en": "{n} months"},
    "sim.fullstop": {"zh": "。", "en": "."},
    "sim.named": {"zh": "“{name}”方案", "en": "scenario “{name}”"},
    "sim.this_scenario": {"zh": "当前方案", "en": "this scenario"},
    # the levers
    "sim.lever.conversion": {"zh": "模式转换", "en": "Mode conversion"},
    "sim.lever.unified_management": {"zh": "统一管理", "en": "Unified management"},
    "sim.lever.fee_cap": {"zh": "收费封顶", "en": "Fee cap"},
    "sim.lever.bundling": {"zh": "集中采购", "en": "Bundled procurement"},
    "sim.lever.staff_pooling": {"zh": "人员统筹", "en": "Staff pooling"},
    "sim.lever.energy": {"zh": "节能管理", "en": "Energy management"},
    "sim.lever.quality_gate": {"zh": "考核奖惩", "en": "Quality bonus and penalty"},
    "sim.levers.none": {"zh": "未启用任何措施", "en": "no lever"},
    # the lever panel
    "sim.panel.title": {"zh": "方案参数", "en": "Levers"},
    "sim.group.scope": {"zh": "测算范围与年限", "en": "Scope and horizon"},
    "sim.group.management": {"zh": "统一管理", "en": "Unified management"},
    "sim.group.standards": {"zh": "统一标准", "en": "Unified standards"},
    "sim.group.procurement": {"zh": "统一采购", "en": "Procurement"},
    "sim.group.gates": {"zh": "三关", "en": "The three gates"},
    "sim.group.conversion": {"zh": "模式转换", "en": "Mode conversion"},
    "sim.group.run": {"zh": "模拟设置", "en": "Simulation"},
    "sim.form.buildings": {"zh": "楼宇", "en": "Buildings"},
    "sim.form.services": {"zh": "服务项目", "en": "Services"},
    "sim.form.horizon": {"zh": "测算年限（年）", "en": "Horizon (years)"},
    "sim.form.start": {"zh": "起始年份", "en": "First year"},
    "sim.form.um": {"zh": "多部门合用楼统一管理", "en": "Unify management of shared buildings"},
    "sim.form.um_help": {
        "zh": "两个及以上部门合用的楼宇由机关事务管理局统一管理，节约其间接费用（管理、监管、合同管理）的一部分。",
        "en": "Buildings shared by two or more departments are run by the Bureau, saving part of their indirect "
        "cost (overhead, supervision, contract administration).",
    },
    "sim.form.pool": {"zh": "同片区人员统筹", "en": "Pool staff within each district"},
    "sim.form.pool_help": {
        "zh": "同一片区同一服务的自有和派遣人员合并对照人员配置标准，超出部分按实现率精简。",
        "en": "In-house and labour-only staff of a service within a district are set against the staffing norm "
        "of their combined area; the excess is released at the realisation rate.",
    },
    "sim.form.energy": {"zh": "公共机构节能管理", "en": "Energy management"},
    "sim.form.cap": {"zh": "超标收费封顶", "en": "Cap fees above the standard"},
    "sim.form.cap_help": {
        "zh": "高于统一标准（含容差）的收费压到标准（含容差）；按实支付项目不封顶。与“统一标准”页“超标收费封顶可释放”的口径一致。",
        "en": "Fees above the unified standard (plus tolerance) are capped there; items paid at actual are not. "
        "The same figure as “Released by capping fees” on the Standards page.",
    },
    "sim.form.tolerance": {"zh": "容差（%）", "en": "Tolerance (%)"},
    "sim.form.bundle": {"zh": "打包采购的服务", "en": "Services to bundle"},
    "sim.form.bundle_help": {
        "zh": "所选服务的外包项目按片区、面积均衡分成若干标段统一招标；标段越大单价越低（曲线参数不确定）。",
        "en": "The outsourced items of each chosen service are tendered in lots, by district and balanced by "
        "area; the larger the lot, the lower the price (along an uncertain curve).",
    },
    "sim.form.lots": {"zh": "{service}：标段数", "en": "{service}: lots"},
    "sim.form.quality": {"zh": "服务质量关：按考核等级奖惩", "en": "Quality gate: bonus and penalty by band"},
    "sim.form.quality_help": {
        "zh": "按考核得分所在等级调整服务费：优秀奖励，合格和不合格扣减。",
        "en": "Fees move with the quality band of the assessment score: a bonus for excellent, deductions for "
        "pass and below pass.",
    },
    "sim.form.rule": {"zh": "按规则批量转换", "en": "Convert by rule"},
    "sim.form.rule_from": {"zh": "现在的方式", "en": "From"},
    "sim.form.rule_to": {"zh": "改为", "en": "To"},
    "sim.form.rule_services": {"zh": "适用的服务（不选为全部）", "en": "For services (none chosen = all)"},
    "sim.form.to": {"zh": "逐项改为{delivery}", "en": "Item by item, to {delivery}"},
    "sim.form.conversion_help": {
        "zh": "每年节约超过最低转换差额（自有人员费用的 10%）的转换才计入；核心、关键、保密事项不会外包。",
        "en": "A conversion counts only if it saves more than the minimum conversion differential (10% of the "
        "in-house personnel cost) a year; core, key and confidential items never go to an outside vendor.",
    },
    "sim.form.restricted_tag": {"zh": "（涉密）", "en": " (restricted)"},
    "sim.form.none_chosen": {"zh": "未选择", "en": "None chosen"},
    "sim.form.draws": {"zh": "抽样次数", "en": "Draws"},
    "sim.form.seed": {"zh": "随机种子", "en": "Seed"},
    "sim.form.seed_help": {
        "zh": "同一种子给出完全相同的结果，便于复核。",
        "en": "The same seed gives exactly the same result, so anyone can check it.",
    },
    # the scenario bar
    "sim.bar.scenario": {"zh": "方案", "en": "Scenario"},
    "sim.bar.unsaved": {"zh": "（未保存的方案）", "en": "(unsaved scenario)"},
    "sim.bar.modified": {"zh": "参数已改动，尚未保存（基于第 {version} 版）", "en": "Changed since version {version}, not saved"},
    "sim.bar.version": {"zh": "第 {version} 版 · {owner}", "en": "Version {version} · {owner}"},
    "sim.bar.save": {"zh": "保存", "en": "Save"},
    "sim.bar.name": {"zh": "方案名称", "en": "Name"},
    "sim.bar.description": {"zh": "说明", "en": "Description"},
    "sim.bar.save_new": {"zh": "另存为新方案", "en": "Save as new"},
    "sim.bar.save_over": {"zh": "保存为第 {version} 版", "en": "Save as version {version}"},
    "sim.bar.share": {"zh": "分享", "en": "Share"},
    "sim.bar.share_help": {
        "zh": "复制下面的链接发给他人：打开后恢复同样的方案参数和视图。",
        "en": "Copy this link: opening it restores the same levers and view.",
    },
    "sim.bar.reset": {"zh": "恢复默认参数", "en": "Reset the levers"},
    "sim.saved": {"zh": "已保存方案“{name}”（第 {version} 版）。", "en": "Saved “{name}” (version {version})."},
    "sim.url.unknown": {
        "zh": "链接中的方案“{name}”不存在（可能已改名或删除），现在显示的是当前参数。",
        "en": "The link names a scenario “{name}” that is not saved (renamed or deleted?); showing the current levers.",
    },
    "sim.url.bad": {"zh": "链接中的方案参数无法读取：{msg}", "en": "The link's levers cannot be read: {msg}"},
    "sim.problem": {"zh": "方案参数有误：{msg}", "en": "The levers cannot be simulated: {msg}"},
    "sim.running": {"zh": "正在模拟……", "en": "Simulating…"},
    # views
    "sim.view": {"zh": "视图", "en": "View"},
    "sim.view.savings": {"zh": "节约构成", "en": "Savings"},
    "sim.view.risk": {"zh": "风险与敏感性", "en": "Risk"},
    "sim.view.details": {"zh": "转换与分组明细", "en": "Details"},
    "sim.view.method": {"zh": "口径与参数", "en": "Method"},
    # the sentence read aloud and the key figures
    "sim.headline": {
        "zh": "{who}在 {start}—{end} 年预计节约净现值 {p50}（十次中有八次在 {p10} 至 {p90} 之间），实现节约的把握为 {prob}；一次性转换成本 {transition}，{payback}。",
        "en": "{who} would save {p50} in present value over {start}–{end} (eight times in ten between {p10} and "
        "{p90}), with a {prob} chance of saving money; one-time transition costs are {transition}, {payback}.",
    },
    "sim.headline.none": {
        "zh": "当前方案尚未启用任何措施：请在左侧打开至少一项。",
        "en": "This scenario uses no lever yet: turn on at least one in the sidebar.",
    },
    "sim.payback.year": {"zh": "{year} 年即可收回", "en": "paid back in {year}"},
    "sim.payback.never": {"zh": "到 {end} 年仍未收回", "en": "not paid back by {end}"},
    "sim.payback.none_needed": {"zh": "无需回收", "en": "so there is nothing to pay back"},
    "sim.kf.npv_p50": {"zh": "净现值节约（中位数）", "en": "NPV saving (median)"},
    "sim.metric.npv": {"zh": "净现值（万元）", "en": "Median NPV (CNY m)"},
    "sim.metric.prob": {"zh": "实现节约的概率", "en": "Chance of saving"},
    "sim.metric.payback": {"zh": "收回成本的年份", "en": "Paid back in"},
    "sim.metric.transition": {"zh": "转换成本（万元）", "en": "Transition (CNY m)"},
    "sim.metric.annual": {"zh": "每年节约（万元）", "en": "Saving a year (CNY m)"},
    "sim.kf.npv_p10": {"zh": "净现值节约 P10（偏悲观）", "en": "NPV saving, P10 (cautious)"},
    "sim.kf.npv_p90": {"zh": "净现值节约 P90（偏乐观）", "en": "NPV saving, P90 (hopeful)"},
    "sim.kf.npv_range": {"zh": "十次中有八次在", "en": "Eight times in ten between"},
    "sim.kf.prob_positive": {"zh": "实现节约的概率", "en": "Chance of saving money"},
    "sim.kf.prob_beats": {"zh": "超过最低转换差额的概率", "en": "Chance of beating the hurdle"},
    "sim.kf.payback": {"zh": "收回转换成本的年份", "en": "Paid back in"},
    "sim.kf.transition": {"zh": "一次性转换成本", "en": "One-time transition costs"},
    "sim.kf.annual": {"zh": "每年节约（满效，{year} 年价格）", "en": "Annual saving (full effect, {year} prices)"},
    "sim.kf.annual_short": {"zh": "每年节约（满效）", "en": "Annual saving (full effect)"},
    "sim.kf.share_of_cost": {"zh": "占范围内全成本", "en": "Share of the scope's full cost"},
    "sim.kf.cumulative": {"zh": "{n} 年累计净节约", "en": "Net saving over {n} years"},
    "sim.kf.hurdle": {"zh": "最低转换差额（现值）", "en": "Minimum conversion differential (present value)"},
    "sim.kf.top_factor": {"zh": "最敏感的参数", "en": "The factor that matters most"},
    "sim.kf.volatility": {"zh": "预算波动（现状 → 方案后）", "en": "Budget volatility (now → after)"},
    "sim.kf.years": {"zh": "测算年份", "en": "Years"},
    "sim.kf.levers": {"zh": "启用的措施", "en": "Levers used"},
    "sim.kf.pack_npv": {"zh": "“{name}”净现值节约 P50（P10–P90）", "en": "“{name}”: NPV saving P50 (P10–P90)"},
    "sim.kf.pack_prob": {"zh": "“{name}”实现节约的概率", "en": "“{name}”: chance of saving money"},
    # takeaways
    "sim.takeaway.waterfall": {
        "zh": "{who}全面实施后每年可节约 {annual}，占范围内全成本的 {pct}；最大的一项是{top}（{top_amount}）。",
        "en": "At full effect {who} saves {annual} a year, {pct} of the scope's full cost; the largest part is "
        "{top} ({top_amount}).",
    },
    "sim.takeaway.waterfall_none": {"zh": "尚未启用任何措施，没有节约。", "en": "No lever is on, so nothing is saved."},
    "sim.takeaway.paths": {
        "zh": "到 {year} 年，{who}使范围内全成本从 {baseline} 降到 {scenario}；{n} 年累计净节约 {cumulative}（已扣除一次性转换成本）。",
        "en": "By {year} {who} brings the scope's full cost from {baseline} down to {scenario}; over {n} years the "
        "net saving adds up to {cumulative}, transition costs paid.",
    },
    "sim.takeaway.fan": {
        "zh": "{who}第一年（{first_year} 年，扣除一次性成本后）净节约中位数为 {first}，到 {year} 年为 {p50}，十次中有八次在 {p10} 至 {p90} 之间。",
        "en": "Net saving under {who}: {first} in {first_year} (after transition costs) and {p50} by {year}, "
        "eight times in ten between {p10} and {p90}.",
    },
    "sim.takeaway.npv": {
        "zh": "在 {draws} 次抽样中，{who}净现值为正的情形占 {prob}",
        "en": "In {draws} draws {who} saves money in {prob} of cases",
    },
    "sim.takeaway.npv_hurdle": {
        "zh": "，超过最低转换差额（{hurdle}）且每项转换都达标的占 {beats}",
        "en": ", and beats the minimum conversion differential ({hurdle}) with every conversion in {beats}",
    },
    "sim.takeaway.tornado": {
        "zh": "{who}的结论最依赖“{factor}”：它从 {low} 变到 {high}，净现值相差 {swing}。",
        "en": "The answer for {who} hangs most on “{factor}”: from {low} to {high} the NPV saving moves by {swing}.",
    },
    "sim.takeaway.breakeven": {
        "zh": "它要到 {value} 时净现值才会降到零。",
        "en": " Only at {value} would the saving fall to zero.",
    },
    "sim.takeaway.no_breakeven": {
        "zh": "即使超出其取值范围三倍，净现值也不会降到零。",
        "en": " Even three times beyond its range the saving stays above zero.",
    },
    "sim.takeaway.tornado_flat": {
        "zh": "当前方案的节约不受不确定参数影响。", "en": "No uncertain factor moves this scenario's saving.",
    },
    "sim.takeaway.compare": {
        "zh": "{best}的净现值节约中位数最高（{p50}）；{surest}实现节约的把握最大（{prob}）。",
        "en": "{best} has the highest median NPV saving ({p50}); {surest} is the likeliest to save money ({prob}).",
    },
    "sim.takeaway.compare_dist": {
        "zh": "{names}的净现值分布：{widest}的不确定性最大（P10 {low}，P90 {high}）。",
        "en": "NPV saving of {names}: {widest} is the least certain (P10 {low}, P90 {high}).",
    },
    "sim.takeaway.compare_levers": {
        "zh": "各方案差别最大的一项是{lever}，每年相差 {amount}。",
        "en": "The scenarios differ most in {lever}: by {amount} a year.",
    },
    "sim.takeaway.compare_paths": {
        "zh": "到 {year} 年，{best}每年的净节约中位数最高（{p50}）。",
        "en": "By {year} {best} has the highest median net saving a year ({p50}).",
    },
    # charts
    "sim.waterfall.title": {"zh": "每年节约从哪里来（{year} 年价格，满效）", "en": "Where the annual saving comes from ({year} prices, full effect)"},
    "sim.waterfall.total": {"zh": "合计", "en": "Total"},
    "sim.axis.saving_wan": {"zh": "每年节约（万元）", "en": "Saving a year (CNY 10k)"},
    "sim.axis.net_wan": {"zh": "净节约（万元）", "en": "Net saving (CNY 10k)"},
    "sim.axis.npv_wan": {"zh": "净现值节约（万元）", "en": "NPV saving (CNY 10k)"},
    "sim.axis.share_of_draws": {"zh": "抽样占比", "en": "Share of draws"},
    "sim.paths.title": {"zh": "全成本走势：现状与方案", "en": "Full cost: as things are and under the scenario"},
    "sim.paths.baseline": {"zh": "维持现状", "en": "As things are"},
    "sim.paths.scenario": {"zh": "实施方案（含一次性成本）", "en": "Scenario (transition costs included)"},
    "sim.fan.title": {"zh": "每年净节约的不确定范围", "en": "Net saving each year, with its uncertainty"},
    "sim.fan.p10_p90": {"zh": "P10–P90", "en": "P10–P90"},
    "sim.fan.p25_p75": {"zh": "P25–P75", "en": "P25–P75"},
    "sim.fan.p50": {"zh": "中位数", "en": "Median"},
    "sim.npv.title": {"zh": "净现值节约的分布", "en": "Distribution of the NPV saving"},
    "sim.npv.p10": {"zh": "P10 {v}", "en": "P10 {v}"},
    "sim.npv.p50": {"zh": "中位数 {v}", "en": "Median {v}"},
    "sim.npv.p90": {"zh": "P90 {v}", "en": "P90 {v}"},
    "sim.npv.hurdle": {"zh": "最低转换差额 {v}", "en": "Hurdle {v}"},
    "sim.tornado.title": {"zh": "哪个参数影响最大（各参数取 P10 与 P90）", "en": "Which factor matters most (each at its P10 and P90)"},
    "sim.tornado.at_p10": {"zh": "参数取 P10", "en": "Factor at P10"},
    "sim.tornado.at_p90": {"zh": "参数取 P90", "en": "Factor at P90"},
    "sim.compare.figures_title": {"zh": "方案关键数字", "en": "Key figures of the scenarios"},
    "sim.compare.dist_title": {"zh": "各方案净现值节约的分布", "en": "NPV saving of each scenario"},
    "sim.compare.levers_title": {"zh": "各方案每年节约的来源", "en": "Where each scenario's saving comes from"},
    "sim.compare.paths_title": {"zh": "各方案每年的净节约（中位数）", "en": "Median net saving each year"},
    # table columns
    "sim.col.lever": {"zh": "措施", "en": "Lever"},
    "sim.col.saving_wan": {"zh": "每年节约（万元）", "en": "Saving a year (CNY 10k)"},
    "sim.col.p10_wan": {"zh": "P10（万元）", "en": "P10 (CNY 10k)"},
    "sim.col.p90_wan": {"zh": "P90（万元）", "en": "P90 (CNY 10k)"},
    "sim.col.share_of_cost": {"zh": "占全成本（%）", "en": "Share of full cost (%)"},
    "sim.col.year": {"zh": "年度", "en": "Year"},
    "sim.col.baseline": {"zh": "维持现状（万元）", "en": "As things are (CNY 10k)"},
    "sim.col.scenario": {"zh": "实施方案（万元）", "en": "Scenario (CNY 10k)"},
    "sim.col.saving": {"zh": "节约（万元）", "en": "Saving (CNY 10k)"},
    "sim.col.one_time": {"zh": "一次性成本（万元）", "en": "One-time costs (CNY 10k)"},
    "sim.col.net": {"zh": "净节约（万元）", "en": "Net saving (CNY 10k)"},
    "sim.col.cumulative": {"zh": "累计净节约（万元）", "en": "Cumulative (CNY 10k)"},
    "sim.col.from_wan": {"zh": "自（万元）", "en": "From (CNY 10k)"},
    "sim.col.to_wan": {"zh": "至（万元）", "en": "To (CNY 10k)"},
    "sim.col.draws": {"zh": "抽样次数", "en": "Draws"},
    "sim.col.share": {"zh": "占比（%）", "en": "Share (%)"},
    "sim.col.factor": {"zh": "参数", "en": "Factor"},
    "sim.col.p10": {"zh": "P10", "en": "P10"},
    "sim.col.p90": {"zh": "P90", "en": "P90"},
    "sim.col.npv_at_p10": {"zh": "取 P10 时净现值（万元）", "en": "NPV at P10 (CNY 10k)"},
    "sim.col.npv_at_p90": {"zh": "取 P90 时净现值（万元）", "en": "NPV at P90 (CNY 10k)"},
    "sim.col.swing": {"zh": "变动幅度（万元）", "en": "Swing (CNY 10k)"},
    "sim.col.breakeven": {"zh": "盈亏平衡值", "en": "Break-even value"},
    "sim.col.sobol_first": {"zh": "Sobol 一阶指数", "en": "Sobol first-order"},
    "sim.col.sobol_total": {"zh": "Sobol 总效应指数", "en": "Sobol total"},
    "sim.col.from": {"zh": "现方式", "en": "From"},
    "sim.col.to": {"zh": "改为", "en": "To"},
    "sim.col.none": {"zh": "—", "en": "—"},
    "sim.col.decision": {"zh": "结论", "en": "Decision"},
    "sim.col.differential_wan": {"zh": "最低转换差额（万元/年）", "en": "Differential (CNY 10k a year)"},
    "sim.col.one_time_wan": {"zh": "遣散与交接（万元）", "en": "Severance and hand-over (CNY 10k)"},
    "sim.col.lot": {"zh": "标段", "en": "Lot"},
    "sim.col.area": {"zh": "面积（㎡）", "en": "Area (m²)"},
    "sim.col.district": {"zh": "片区", "en": "District"},
    "sim.col.staff": {"zh": "现有人员", "en": "Staff"},
    "sim.col.norm": {"zh": "按标准需要", "en": "Needed by the norm"},
    "sim.col.excess": {"zh": "超出", "en": "Above the norm"},
    "sim.col.released": {"zh": "预计精简", "en": "Released"},
    "sim.col.value": {"zh": "取值", "en": "Value"},
    "sim.col.distribution": {"zh": "不确定范围", "en": "Uncertainty"},
    "sim.col.basis": {"zh": "依据类别", "en": "Basis"},
    "sim.col.source": {"zh": "来源", "en": "Source"},
    "sim.col.figure": {"zh": "指标", "en": "Figure"},
    "sim.dist.triangular": {"zh": "三角分布", "en": "triangular"},
    "sim.dist.uniform": {"zh": "均匀分布", "en": "uniform"},
    "sim.dist.normal": {"zh": "正态分布（P10–P90）", "en": "normal (P10–P90)"},
    "sim.dist.fixed": {"zh": "固定", "en": "fixed"},
    # decisions on conversions
    "sim.decision.accepted": {"zh": "计入", "en": "Counted"},
    "sim.decision.restricted": {"zh": "不予转换：核心、关键、保密事项不得交给外部企业", "en": "Refused: restricted items never go to an outside vendor"},
    "sim.decision.paid_at_actual": {"zh": "不予转换：按实支付项目没有提供方式", "en": "Refused: paid at actual, no delivery to change"},
    "sim.decision.unchanged": {"zh": "无需转换：已是该方式", "en": "Nothing to do: already delivered this way"},
    "sim.decision.no_arrangement": {"zh": "不予转换：该楼没有此项服务（或基年无支出）", "en": "Refused: no such service with cost in the base year"},
    "sim.decision.out_of_scope": {"zh": "不予转换：不在测算范围内", "en": "Refused: outside the scenario's scope"},
    "sim.decision.no_price": {"zh": "不予转换：没有统一标准，也没有可比的合同价", "en": "Refused: no unified standard and no contract to compare"},
    "sim.decision.no_saving": {"zh": "不计入：转换后反而更贵", "en": "Not counted: it would cost more"},
    "sim.decision.below_hurdle": {"zh": "不计入：节约未超过最低转换差额", "en": "Not counted: saves less than the differential"},
    # sections of the page
    "sim.details.conversions": {"zh": "模式转换", "en": "Mode conversions"},
    "sim.details.conversions_none": {"zh": "本方案没有要求转换。", "en": "This scenario asks for no conversion."},
    "sim.details.lots": {"zh": "集中采购的标段", "en": "Procurement lots"},
    "sim.details.pools": {"zh": "人员统筹：超出配置标准的片区", "en": "Staff pooling: districts above the staffing norm"},
    "sim.details.transition": {"zh": "一次性转换成本：遣散 {severance}，招标 {tendering}，交接 {handover}。", "en": "One-time transition costs: severance {severance}, tendering {tendering}, hand-over {handover}."},
    "sim.volatility": {
        "zh": "预算波动（各楼实际÷预算的变异系数，取平均）：现状 {before}，方案实施后约 {after}（按本市各保障模式的实际波动和方案后的模式构成估算）。",
        "en": "Budget volatility (CV of actual ÷ budget, mean over buildings): {before} now, about {after} after the "
        "scenario (each building's mode change weighted by the city's own volatility per mode).",
    },
    "sim.volatility.none": {"zh": "预算记录不足两年，无法估算预算波动。", "en": "Fewer than two years of budgets: no budget volatility."},
    "sim.sobol.caption": {
        "zh": "盈亏平衡值：该参数变到多少时净现值降为零（其他参数取中位数），“—”表示放宽三倍范围也不会降为零。Sobol 一阶指数：单个参数能解释的净现值方差比例；总效应指数：连同与其他参数交互的部分。",
        "en": "Break-even: the value at which the NPV saving would fall to zero (the other factors at their "
        "medians); “—”: not even three times beyond its range. Sobol first-order index: the share of the NPV "
        "saving's variance one factor explains alone; total: with its interactions.",
    },
    "sim.col.p10_value": {"zh": "参数 P10", "en": "Factor at P10"},
    "sim.col.p90_value": {"zh": "参数 P90", "en": "Factor at P90"},
    "sim.method.body": {
        "zh": """**口径。** 基数是测算范围内各项服务在 {base} 年的全成本（账面支出加上社保、间接费、监管和合同管理成本，见“模式对比”页）。各项措施按固定顺序作用，每一项只在前一项之后剩下的成本上计算，节约不重复：

1. **模式转换**：外包价＝统一标准×面积×12×新签合同价格系数×（1＋合同管理成本率）；没有统一标准的服务（食堂）按本市同类合同每服务人数的中位价。改为派人不配物或自我保障时，人数按配置标准（取整）、工资按现有人员计。每年节约须超过**最低转换差额**（自有人员费用的 {hurdle}，OMB A-76）才计入；核心、关键、保密事项不会交给外部企业。一次性成本计入第一年：经济补偿（劳动合同法第四十七条，每满一年一个月工资）、每个标段的招标成本、交接期重叠。
2. **统一管理**：多部门合用楼宇的间接费用按统一管理节约率节约。
3. **收费封顶**：高于统一标准×（1＋容差）的项目压到该水平（按实支付项目除外），与“统一标准”页一致。
4. **集中采购**：标段面积为 A 时价格系数为 1−s·(1−e^(−A/c))，与现在按合同面积的系数之差即节约。
5. **人员统筹**：同片区同服务的人员超出配置标准的部分按实现率精简。
6. **节能管理**：能耗支出×节能率。
7. **考核奖惩**：按考核等级对服务费奖惩（扣减为节约，奖励为支出）。

人工相关的费用按工资增长率增长，其余按物价上涨率增长；净现值按 {discount} 的折现率折到第一年年初。**超过最低转换差额**指：净现值节约超过所计入转换的最低转换差额现值，且每一项转换的节约都超过其差额。""",
        "en": """**Basis.** The baseline is the {base} full cost of every service in scope (recorded spending plus on-costs, overhead, supervision and contract administration; see Compare modes). The levers act in a fixed order, each on the cost left by those before it, so nothing is saved twice:

1. **Mode conversion**: an outsourced price = unified standard × area × 12 × new-contract price factor × (1 + contract administration); a service without a standard (the canteen) is priced at the median of the city's own contracts per staff member served. Labour-only or in-house delivery is staffed at the norm (whole workers) at today's wage. A conversion counts only if it saves more than the **minimum conversion differential** ({hurdle} of the in-house personnel cost, OMB A-76) a year; core, key and confidential items never go to an outside vendor. One-time costs fall in the first year: severance (Labour Contract Law art. 47: a month's wage per year of service), one tender per lot, and a hand-over overlap.
2. **Unified management**: a share of the indirect cost of buildings shared by several departments.
3. **Fee cap**: items above standard × (1 + tolerance) are capped there (not items paid at actual), as on the Standards page.
4. **Bundled procurement**: a lot of area A is priced at 1 − s·(1 − e^(−A/c)); the saving is the difference from today's factor for the area each item is bought with.
5. **Staff pooling**: staff above the norm of a district's combined area, released at the realisation rate.
6. **Energy management**: energy cost × the saving rate.
7. **Quality bonus and penalty**: fees move by the score band's adjustment (a deduction saves, a bonus costs).

Labour-driven costs grow with wages, the rest with prices; the NPV discounts at {discount} to the start of the first year. **Beating the hurdle** means the NPV saving exceeds the present value of the counted conversions' differentials, and each conversion saves more than its own.""",
    },
    "sim.method.assumptions": {"zh": "所用参数（参数表）", "en": "Factors used (the assumption book)"},
    # the Scenarios page
    "scen.caption": {
        "zh": "把两到四个已保存的方案放在一起比较；链接会记住所选方案。相同的随机种子（{seed}）和抽样次数（{draws}）。",
        "en": "Two to four saved scenarios side by side; the link remembers the choice. Same seed ({seed}) and "
        "number of draws ({draws}) for each.",
    },
    "scen.pick": {"zh": "比较的方案", "en": "Scenarios to compare"},
    "scen.pick_help": {"zh": "选择两到四个方案。", "en": "Choose two to four."},
    "scen.too_few": {"zh": "请至少选择两个方案进行比较。", "en": "Choose at least two scenarios to compare."},
    "scen.none": {
        "zh": "还没有保存的方案。请在“整合模拟”页调好参数后保存。",
        "en": "No scenario is saved yet. Set the levers on the Consolidation page and save them.",
    },
    "scen.open": {"zh": "在整合模拟中打开“{name}”", "en": "Open “{name}” in Consolidation"},
    "scen.figures": {"zh": "关键数字", "en": "Key figures"},
    "scen.waterfalls": {"zh": "各方案的节约构成", "en": "Each scenario's saving, lever by lever"},
    "scen.manage": {"zh": "管理方案：改名、复制、删除", "en": "Manage: rename, duplicate, delete"},
    "scen.saved": {"zh": "已保存的方案", "en": "Saved scenarios"},
    "scen.which": {"zh": "方案", "en": "Scenario"},
    "scen.new_name": {"zh": "新名称", "en": "New name"},
    "scen.rename": {"zh": "改名", "en": "Rename"},
    "scen.duplicate": {"zh": "复制为新方案", "en": "Duplicate"},
    "scen.delete": {"zh": "删除", "en": "Delete"},
    "scen.delete_confirm": {"zh": "确认删除“{name}”", "en": "Yes, delete “{name}”"},
    "scen.renamed": {"zh": "已改名为“{name}”。", "en": "Renamed to “{name}”."},
    "scen.duplicated": {"zh": "已复制为“{name}”。", "en": "Duplicated as “{name}”."},
    "scen.deleted": {"zh": "已删除“{name}”。", "en": "Deleted “{name}”."},
    "scen.col.name": {"zh": "方案", "en": "Scenario"},
    "scen.col.owner": {"zh": "创建人", "en": "Owner"},
    "scen.col.description": {"zh": "说明", "en": "Description"},
    "scen.col.version": {"zh": "版本", "en": "Version"},
    "scen.col.updated": {"zh": "更新时间（UTC）", "en": "Updated (UTC)"},
    "scen.col.levers": {"zh": "启用的措施", "en": "Levers used"},
    # refused changes to saved scenarios
    "sim.store.name_empty": {"zh": "方案名称不能为空。", "en": "A scenario needs a name."},
    "sim.store.name_long": {"zh": "方案名称最多 100 个字（现为 {n} 个）。", "en": "A scenario name has at most 100 characters ({n} given)."},
    "sim.store.name_taken": {"zh": "已有名为“{name}”的方案，请换一个名称。", "en": "A scenario named “{name}” exists already; choose another name."},
    "sim.store.stale": {
        "zh": "未保存：方案“{name}”在您载入第 {seen} 版之后已被他人修改（现为第 {version} 版）。请重新载入后再修改，或另存为新方案。",
        "en": "Not saved: someone changed “{name}” after you loaded version {seen} (it is now version {version}). "
        "Load it again before changing it, or save yours as a new scenario.",
    },
    "sim.store.gone": {
        "zh": "未保存：您载入的方案（第 {version} 版）已被他人删除。可以另存为新方案。",
        "en": "Not saved: the scenario you loaded (version {version}) has been deleted. Save yours as a new scenario.",
    },
    "sim.store.gone_name": {"zh": "方案“{name}”不存在。", "en": "No scenario is named “{name}”."},
}


# --- Vendors & quality (企业与质量): the three gates and the scorecard ------------------------------
_GATES: dict[str, Entry] = {
    "page.vendors": {"zh": "企业与质量", "en": "Vendors & quality"},
    "gates.caption": {
        "zh": "三关：企业准入关、项目收费关、服务质量关，以及统一管理评分。合同状态按 {on} 判断；费用、预算与考核取 {year} 年。",
        "en": "The three gates — vendor admission, fee control, quality assessment — and the unified-management "
        "scorecard. Contract states are judged on {on}; fees, budgets and assessments are those of {year}.",
    },
    "gates.on": {"zh": "判断日期", "en": "Reference date"},
    "gates.months": {"zh": "到期预警期（月）", "en": "Expiring within (months)"},
    "gates.flag_above": {"zh": "非竞争方式金额预警线（万元/年）", "en": "Flag single-source and direct awards above (CNY 10k/yr)"},
    "gates.rules": {"zh": "局可设定的规则与权重", "en": "Rules and weights the Bureau sets"},
    "gates.rules.help": {
        "zh": "修改后立即用于本页。点“保存”才写入参数库：作为今天起生效的新记录，原记录保留，并记入操作日志。",
        "en": "Changes apply to this page at once. “Save” writes them to the assumption book as new rows in force "
        "from today; earlier rows stay, and the change is audited.",
    },
    "gates.min_qualification": {"zh": "准入最低资质等级（1 为最高）", "en": "Lowest qualification admitted (1 is highest)"},
    "gates.min_score": {"zh": "准入最低考核均分（近四个季度）", "en": "Minimum mean score, last four quarters"},
    "gates.replace_below": {"zh": "更换预警线（分）", "en": "Replacement threshold (score)"},
    "gates.weights": {"zh": "考核权重（自动归一）", "en": "Assessment weights (normalised)"},
    "gates.save": {"zh": "保存为局定规则", "en": "Save as the Bureau's rules"},
    "gates.saved": {"zh": "已写入参数库 {n} 项规则。", "en": "{n} rules written to the assumption book."},
    "gates.nothing_to_save": {"zh": "规则与参数库一致，无需保存。", "en": "The rules match the assumption book; nothing to save."},
    "gates.tab.register": {"zh": "企业名录与准入", "en": "Register and admission"},
    "gates.tab.contracts": {"zh": "合同与收费", "en": "Contracts and fees"},
    "gates.tab.quality": {"zh": "质量考核", "en": "Quality"},
    "gates.tab.scorecard": {"zh": "统一管理评分", "en": "Unified-management scorecard"},
    "gates.kpi.vendors": {"zh": "已准入企业", "en": "Admitted vendors"},
    "gates.kpi.vendors_help": {"zh": "已准入 / 名录内全部企业；{applied} 家待审。", "en": "Admitted / all vendors on the register; {applied} applications pending."},
    "gates.kpi.spend": {"zh": "合同年金额（万元）", "en": "Spend (CNY m/yr)"},
    "gates.kpi.spend_help": {"zh": "履行中、即将到期及已到期仍在服务的合同，共 {n} 份。", "en": "Annual price of the {n} contracts in use: running, expiring, or ended but still serving."},
    "gates.kpi.noncompetitive": {"zh": "超线非竞争合同", "en": "Flagged awards"},
    "gates.kpi.noncompetitive_help": {"zh": "单一来源或直接委托、年金额超过预警线的在用合同。", "en": "Single-source or direct awards in use whose annual price is above the line set in the sidebar."},
    "gates.kpi.replace": {"zh": "建议更换企业", "en": "To be replaced"},
    "gates.kpi.replace_help": {"zh": "连续两个季度考核低于更换预警线；一个季度只作提醒。", "en": "Vendors below the replacement threshold in two consecutive quarters; one quarter is only a warning."},
    "gates.kpi.compliance": {"zh": "统一管理合规率", "en": "Compliance"},
    "gates.kpi.compliance_long": {"zh": "统一管理合规率", "en": "Scorecard compliance"},
    "gates.kpi.compliance_help": {
        "zh": "各楼适用检查中达标的比例；{k}/{n} 栋楼全部达标。按当前保障安排与 {year} 年账面、考核计算。",
        "en": "Share of the applicable checks met across buildings; {k} of {n} buildings meet every check. "
        "From current arrangements and the {year} ledger and assessments.",
    },
    "gates.flags": {"zh": "需关注", "en": "Needs attention"},
    "gates.flag.replacement": {"zh": "连续两个季度低于更换预警线，建议更换", "en": "Below the replacement threshold two quarters running: replace"},
    "gates.flag.not_admitted_in_use": {"zh": "不在准入状态，仍有在用合同", "en": "Not admitted, yet still on contracts in use"},
    "gates.flag.noncompetitive": {"zh": "单一来源或直接委托且金额超过预警线", "en": "Single-source or direct award above the line"},
    "gates.flag.signed_while_barred": {"zh": "签订合同时不在准入状态", "en": "Contract signed while the vendor was not admitted"},
    "gates.flag.restricted_not_cleared": {"zh": "承担保密事项但未获审批", "en": "Delivers a restricted item without approval"},
    "gates.flag.fails_rules": {"zh": "已准入，但按现行准入规则不合格", "en": "Admitted, but fails the current admission rules"},
    "gates.rule.min_qualification": {"zh": "资质等级", "en": "Qualification"},
    "gates.rule.no_blacklist": {"zh": "无黑名单记录", "en": "No blacklist entry"},
    "gates.rule.min_score": {"zh": "近四季度考核均分", "en": "Mean score, last four quarters"},
    "gates.state.running": {"zh": "履行中", "en": "Running"},
    "gates.state.expiring": {"zh": "即将到期", "en": "Expiring"},
    "gates.state.lapsed": {"zh": "已到期仍在服务", "en": "Ended, still serving"},
    "gates.state.ended": {"zh": "已结束", "en": "Ended"},
    "gates.state.future": {"zh": "未开始", "en": "Not started"},
    "gates.fee.green": {"zh": "不超标准", "en": "Within standard"},
    "gates.fee.amber": {"zh": "超标", "en": "Above standard"},
    "gates.fee.red": {"zh": "严重超标", "en": "Well above standard"},
    "gates.fee.none": {"zh": "无标准", "en": "No standard"},
    "gates.band.excellent": {"zh": "优秀", "en": "Excellent"},
    "gates.band.good": {"zh": "良好", "en": "Good"},
    "gates.band.fair": {"zh": "合格", "en": "Pass"},
    "gates.band.poor": {"zh": "不合格", "en": "Below pass"},
    "gates.band.none": {"zh": "未考核", "en": "Not assessed"},
    "gates.level.low": {"zh": "不集中", "en": "Unconcentrated"},
    "gates.level.moderate": {"zh": "中等集中", "en": "Moderately concentrated"},
    "gates.level.high": {"zh": "高度集中", "en": "Highly concentrated"},
    "gates.check.unified_management": {"zh": "统一管理", "en": "Unified management"},
    "gates.check.unified_standard": {"zh": "统一标准", "en": "Unified standards"},
    "gates.check.vendors_admitted": {"zh": "企业均已准入", "en": "Vendors admitted"},
    "gates.check.fees_within_standard": {"zh": "合同单价不超标准", "en": "Contract prices within standard"},
    "gates.check.quality_passed": {"zh": "质量已考核且达标", "en": "Quality assessed and passed"},
    "gates.check.restricted_kept": {"zh": "保密事项合规", "en": "Restricted items kept"},
    "gates.check.sourced": {"zh": "原文", "en": "source"},
    "gates.check.own": {"zh": "看板检查", "en": "dashboard check"},
    "gates.check.help.unified_management": {"zh": "两个及以上部门合用的楼（下属单位随其主管部门计）由机关事务管理局统一管理。", "en": "A building shared by two or more departments (a subordinate unit counts with its parent) is managed by the Bureau."},
    "gates.check.help.unified_standard": {"zh": "有标准的项目合计，当年实际支出与预算均不超过统一标准加黄色预警幅度。", "en": "Over items with a standard, the year's spending and budget are each within the unified standard plus the amber tolerance."},
    "gates.check.help.vendors_admitted": {"zh": "为该楼服务的企业均处于已准入状态。", "en": "Every vendor serving the building is admitted."},
    "gates.check.help.fees_within_standard": {"zh": "为该楼服务的在用合同，单价均不超过统一标准加黄色预警幅度。", "en": "Every contract in use serving the building is priced within the standard plus the amber tolerance."},
    "gates.check.help.quality_passed": {"zh": "当年已考核，且没有一项服务的考核分低于更换预警线。", "en": "Assessed in the year, and no assessed service below the replacement threshold."},
    "gates.check.help.restricted_kept": {"zh": "核心、关键、保密事项自我保障，或由经审批的企业承担。", "en": "Core, key and confidential items are in-house or with an approved vendor."},
    "gates.scorecard.note": {
        "zh": "原文提出“五统一”，但只点明了其中两项：统一管理、统一标准（标“原文”）。其余四项是本看板自设的检查（标“看板检查”），不是原文另外三项统一的名称。✓ 达标，✗ 未达标，— 不适用。",
        "en": "The source article speaks of “five unifications” but names only two: unified management and unified "
        "standards (marked “source”). The other four are the dashboard's own checks (marked “dashboard check”), "
        "not the article's other three unifications. ✓ met, ✗ not met, — not applicable.",
    },
    "gates.scorecard.departments": {"zh": "各部门（按所在楼宇）", "en": "Departments (by the buildings they occupy)"},
    "gates.decide.title": {"zh": "准入决定", "en": "Admission decision"},
    "gates.decide.vendor": {"zh": "企业", "en": "Vendor"},
    "gates.decide.to": {"zh": "新状态", "en": "New status"},
    "gates.decide.reason": {"zh": "理由（必填）", "en": "Reason (required)"},
    "gates.decide.submit": {"zh": "记录决定", "en": "Record the decision"},
    "gates.decide.done": {"zh": "已记录：{vendor} → {status}", "en": "Recorded: {vendor} → {status}"},
    "gates.decide.help": {"zh": "准入时按现行规则逐项核验，不合格不能准入；每项决定连同核验结果记入决定记录和操作日志。", "en": "Admission is checked against the current rules and refused if any fails; every decision is recorded with the checks and audited."},
    "gates.new.title": {"zh": "登记新申请企业", "en": "Register an applicant"},
    "gates.new.name": {"zh": "企业名称", "en": "Company name"},
    "gates.new.credit_code": {"zh": "统一社会信用代码（18 位）", "en": "Unified social credit code (18 characters)"},
    "gates.new.lines": {"zh": "服务范围", "en": "Service lines"},
    "gates.new.capital": {"zh": "注册资本（万元）", "en": "Registered capital (CNY 10k)"},
    "gates.new.founded": {"zh": "成立年份", "en": "Founded"},
    "gates.new.submit": {"zh": "登记", "en": "Register"},
    "gates.new.done": {"zh": "已登记：{name}", "en": "Registered: {name}"},
    "gates.applied_reason": {"zh": "提交准入申请", "en": "Applied for admission"},
    "gates.drill.title": {"zh": "企业详情：合同、考核与准入记录", "en": "Vendor details: contracts, assessments and decisions"},
    "gates.drill.pick": {"zh": "选择企业", "en": "Choose a vendor"},
    "gates.drill.contracts": {"zh": "合同", "en": "Contracts"},
    "gates.drill.assessments": {"zh": "考核记录（合同期内，按楼和考核项）", "en": "Assessments (while under contract, by building and criterion)"},
    "gates.drill.decisions": {"zh": "准入决定记录", "en": "Admission decisions"},
    "gates.drill.none": {"zh": "无记录。", "en": "None on record."},
    "gates.contracts.title": {"zh": "合同登记", "en": "Contract register"},
    "gates.quality.buildings": {"zh": "各楼考核排名", "en": "Buildings ranked by score"},
    "gates.quality.bonus": {"zh": "{year} 年按考核等次的收费奖惩：奖励 {bonus}，扣减 {penalty}，合计 {net}。", "en": "Bonus and penalty on {year} fees by score band: bonuses {bonus}, penalties {penalty}, net {net}."},
    "gates.col.vendor": {"zh": "企业", "en": "Vendor"},
    "gates.col.status": {"zh": "准入状态", "en": "Status"},
    "gates.col.status_reason": {"zh": "状态原因", "en": "Reason"},
    "gates.col.status_date": {"zh": "状态日期", "en": "Since"},
    "gates.col.qualification": {"zh": "资质等级", "en": "Qualification"},
    "gates.col.credit_code": {"zh": "统一社会信用代码", "en": "Credit code"},
    "gates.col.lines": {"zh": "服务范围", "en": "Service lines"},
    "gates.col.capital": {"zh": "注册资本（万元）", "en": "Capital (CNY 10k)"},
    "gates.col.founded": {"zh": "成立年份", "en": "Founded"},
    "gates.col.cleared": {"zh": "可承担保密事项", "en": "Approved for restricted items"},
    "gates.col.admitted_because": {"zh": "准入依据", "en": "Admitted on"},
    "gates.col.eligible": {"zh": "符合现行规则", "en": "Meets current rules"},
    "gates.col.contracts": {"zh": "在用合同", "en": "Contracts in use"},
    "gates.col.spend_wan": {"zh": "年金额（万元）", "en": "Per year (CNY 10k)"},
    "gates.col.share_pct": {"zh": "金额占比（%）", "en": "Share of spend (%)"},
    "gates.col.score_mean": {"zh": "近四季度均分", "en": "Mean, last 4 quarters"},
    "gates.col.latest": {"zh": "最近一季", "en": "Latest quarter"},
    "gates.col.change": {"zh": "变化", "en": "Change"},
    "gates.col.trend": {"zh": "各季度走势", "en": "Quarterly trend"},
    "gates.col.band": {"zh": "等次", "en": "Band"},
    "gates.col.low_streak": {"zh": "连续低分季度", "en": "Low quarters in a row"},
    "gates.col.flagged": {"zh": "建议更换", "en": "Replace"},
    "gates.col.rank": {"zh": "排名", "en": "Rank"},
    "gates.col.flags": {"zh": "提示", "en": "Flags"},
    "gates.col.code": {"zh": "合同编号", "en": "Contract"},
    "gates.col.title": {"zh": "合同名称", "en": "Title"},
    "gates.col.channel": {"zh": "采购方式", "en": "Channel"},
    "gates.col.term": {"zh": "期限", "en": "Term"},
    "gates.col.end": {"zh": "到期日", "en": "Ends"},
    "gates.col.months_left": {"zh": "剩余月数", "en": "Months left"},
    "gates.col.state": {"zh": "状态", "en": "State"},
    "gates.col.price_wan": {"zh": "年合同价（万元）", "en": "Annual price (CNY 10k)"},
    "gates.col.price_m2": {"zh": "单价（元/㎡·月）", "en": "Price (CNY/m²·month)"},
    "gates.col.standard_m2": {"zh": "标准（元/㎡·月）", "en": "Standard (CNY/m²·month)"},
    "gates.col.deviation_pct": {"zh": "偏离标准（%）", "en": "Against standard (%)"},
    "gates.col.fee_status": {"zh": "收费", "en": "Fee"},
    "gates.col.quarter": {"zh": "季度", "en": "Quarter"},
    "gates.col.criterion": {"zh": "考核项", "en": "Criterion"},
    "gates.col.decided_on": {"zh": "日期", "en": "Date"},
    "gates.col.change_status": {"zh": "状态变化", "en": "Status change"},
    "gates.col.reason": {"zh": "理由", "en": "Reason"},
    "gates.col.criteria": {"zh": "核验结果", "en": "Checks"},
    "gates.col.decided_by": {"zh": "决定人", "en": "Decided by"},
    "gates.col.vendors_n": {"zh": "企业数", "en": "Vendors"},
    "gates.col.top_vendor": {"zh": "最大企业", "en": "Largest vendor"},
    "gates.col.level": {"zh": "集中程度", "en": "Level"},
    "gates.col.compliance_pct": {"zh": "合规率（%）", "en": "Compliance (%)"},
    "gates.chart.vendors.title": {"zh": "企业考核：近四个季度均分", "en": "Vendor scores: mean of the last four quarters"},
    "gates.chart.trend.title": {"zh": "企业考核分逐季走势", "en": "Vendor scores, quarter by quarter"},
    "gates.chart.channel.title": {"zh": "在用合同金额：按采购方式", "en": "Contracts in use: spend by channel"},
    "gates.chart.hhi.title": {"zh": "各服务项目的企业集中度（HHI）", "en": "Vendor concentration per service line (HHI)"},
    "gates.chart.price.title": {"zh": "合同单价与统一标准", "en": "Contract prices against the unified standard"},
    "gates.chart.scorecard.title": {"zh": "统一管理评分：各楼 × 各项检查", "en": "Unified-management scorecard: buildings × checks"},
    "gates.chart.score": {"zh": "考核分", "en": "Score"},
    "gates.chart.threshold": {"zh": "更换预警线 {v:g}", "en": "replacement threshold {v:g}"},
    "gates.chart.min_score": {"zh": "准入均分线 {v:g}", "en": "admission minimum {v:g}"},
    "gates.chart.spend_wan": {"zh": "年金额（万元）", "en": "Per year (CNY 10k)"},
    "gates.chart.hhi": {"zh": "HHI（0–10000）", "en": "HHI (0–10,000)"},
    "gates.chart.hhi_zones": {
        "zh": "HHI：{moderate:,.0f} 以下不集中 · {moderate:,.0f}–{high:,.0f} 中等 · {high:,.0f} 以上高度集中",
        "en": "HHI: <{moderate:,.0f} low · {moderate:,.0f}–{high:,.0f} moderate · >{high:,.0f} high",
    },
    "gates.chart.deviation": {"zh": "单价偏离标准", "en": "Price against standard"},
    "gates.chart.others": {"zh": "其他企业", "en": "Other vendors"},
    "gates.chart.n_contracts": {"zh": "{n} 份", "en": "{n} contracts"},
    "gates.takeaway.vendors": {
        "zh": "{n} 家企业有考核记录，{best}均分最高（{top:.1f}）；{flagged}",
        "en": "{n} vendors were assessed; {best} scores best ({top:.1f}). {flagged}",
    },
    "gates.takeaway.flagged": {"zh": "{names} 连续两个季度低于 {v:g} 分，建议更换。", "en": "{names}: below {v:g} two quarters running — flagged for replacement."},
    "gates.takeaway.no_flag": {"zh": "没有企业连续两个季度低于 {v:g} 分。", "en": "No vendor is below {v:g} two quarters running."},
    "gates.takeaway.trend": {
        "zh": "最近一季（{q}）最低的是{worst}（{low:.1f} 分）；较上一季下降最多的是{drop}（{d:+.1f}）。",
        "en": "In the latest quarter ({q}) {worst} scored lowest ({low:.1f}); {drop} fell most from the quarter before ({d:+.1f}).",
    },
    "gates.takeaway.channel": {
        "zh": "单一来源和直接委托占在用合同年金额的 {share}；其中 {n} 份超过 {line}，须复核。",
        "en": "Single-source and direct awards make up {share} of annual spend on contracts in use; {n} of them exceed {line} and need review.",
    },
    "gates.takeaway.hhi": {
        "zh": "{n} 个服务项目高度集中；{service}最集中：{vendor}占 {share}（HHI {hhi:,.0f}）。",
        "en": "{n} service lines are highly concentrated; {service} most of all: {vendor} holds {share} (HHI {hhi:,.0f}).",
    },
    "gates.takeaway.price": {
        "zh": "{m} 份有标准的在用合同中，{n} 份单价超过标准 {amber} 以上；最高的是 {code}（{dev}）。",
        "en": "Of {m} contracts in use with a standard, {n} are priced more than {amber} above it; the highest is {code} ({dev}).",
    },
    "gates.takeaway.scorecard": {
        "zh": "{k}/{n} 栋楼各项检查全部达标，适用检查达标率 {rate}；未达标最多的是“{weakest}”。",
        "en": "{k} of {n} buildings meet every check; {rate} of the applicable checks are met. Most often missed: “{weakest}”.",
    },
    "gates.takeaway.scorecard_all": {"zh": "全部 {n} 栋楼各项适用检查均已达标。", "en": "All {n} buildings meet every check that applies."},
    "gates.takeaway.no_scores": {"zh": "尚无企业考核记录。", "en": "No vendor has been assessed yet."},
    "gates.takeaway.no_contracts": {"zh": "尚无在用合同。", "en": "No contract is in use."},
    "gates.takeaway.no_priced": {"zh": "在用合同中没有可与统一标准比较的。", "en": "No contract in use can be compared with a standard."},
    "gates.err.no_vendor": {"zh": "找不到编号为 {id} 的企业。", "en": "No vendor with id {id}."},
    "gates.err.same_status": {"zh": "{vendor} 已经是“{status}”状态。", "en": "{vendor} is already “{status}”."},
    "gates.err.reason": {"zh": "请填写决定理由。", "en": "Please give a reason for the decision."},
    "gates.err.rules": {"zh": "{vendor} 不符合准入规则：{rules}。", "en": "{vendor} does not meet the admission rules: {rules}."},
    "gates.err.name": {"zh": "请填写企业名称。", "en": "Please give the company's name."},
    "gates.err.credit_code": {"zh": "统一社会信用代码应为 18 位字母或数字。", "en": "The unified social credit code has 18 letters or digits."},
    "gates.err.lines": {"zh": "请至少选择一个服务项目。", "en": "Please choose at least one service line."},
    "gates.err.exists": {"zh": "名称或信用代码已在名录中：{name}。", "en": "A vendor with this name or credit code is already registered: {name}."},
}


# --- Data (数据管理): import, editing, audit, export, backup ----------------------------------------
_DATA: dict[str, Entry] = {
    "page.data": {"zh": "数据管理", "en": "Data"},
    "data.caption": {
        "zh": "导入前先全部校验、再一次性写入；每一次新增、修改、删除都记入审计日志。",
        "en": "Every file is checked in full before anything is written, then written in one go; every insert, "
        "update and delete is recorded in the audit log.",
    },
    "data.actor": {"zh": "操作人", "en": "Your name"},
    "data.actor_help": {
        "zh": "记入审计日志的姓名；不填则记录浏览器地址。",
        "en": "The name the audit log records; left empty, it records the browser's address.",
    },
    "data.tab.import": {"zh": "导入", "en": "Import"},
    "data.tab.edit": {"zh": "在线编辑", "en": "Edit"},
    "data.tab.audit": {"zh": "审计日志", "en": "Audit log"},
    "data.tab.export": {"zh": "导出与备份", "en": "Export and backup"},
    "data.table": {"zh": "数据表", "en": "Table"},
    "data.table_auto": {"zh": "按文件名、工作表名或表头自动识别", "en": "Tell from the file, sheet or header"},
    "data.encoding": {"zh": "CSV 编码", "en": "CSV encoding"},
    "data.encoding.auto": {"zh": "自动（UTF-8 或 GBK）", "en": "Automatic (UTF-8 or GBK)"},
    "data.upload": {"zh": "选择 CSV 或 XLSX 文件（可多选）", "en": "Choose CSV or XLSX files (several at once if you like)"},
    "data.upload_help": {
        "zh": "表头可用中文或英文，取值可用中文或英文；单个文件不超过 {limit}。",
        "en": "Headers and values may be in Chinese or English; at most {limit} per file.",
    },
    "data.templates": {"zh": "下载导入模板（含一行示例）", "en": "Download an import template (with an example row)"},
    "data.template_xlsx": {"zh": "XLSX 模板", "en": "XLSX template"},
    "data.template_csv": {"zh": "CSV 模板", "en": "CSV template"},
    "data.dry_run": {"zh": "试导入结果（尚未写入）", "en": "Dry run (nothing written yet)"},
    "data.problems": {"zh": "发现 {n} 个问题，未写入任何数据。请修改文件后重新上传。",
                      "en": "{n} problem(s) found; nothing was written. Fix the file and upload it again."},
    "data.problems_more": {"zh": "仅显示前 {shown} 个问题，共 {n} 个。", "en": "Showing the first {shown} of {n} problems."},
    "data.nothing": {"zh": "文件中的数据与数据库完全一致，无需导入。", "en": "The file holds nothing that the store does not already hold."},
    "data.confirm": {"zh": "确认导入：新增 {insert} 行，修改 {update} 行", "en": "Import: insert {insert} rows, update {update} rows"},
    "data.imported": {"zh": "已导入：新增 {insert} 行，修改 {update} 行（已记入审计日志）。",
                      "en": "Imported: {insert} rows inserted, {update} updated (recorded in the audit log)."},
    "data.changed_meanwhile": {
        "zh": "试导入之后数据库已被他人修改，未写入。请查看新的试导入结果后再确认。",
        "en": "The store changed after the dry run, so nothing was written. Review the new dry run and confirm again.",
    },
    "data.update_rule": {
        "zh": "规则：自然键（如楼名、楼+服务+年度+月份）已存在的行为“修改”，其余为“新增”；文件中没有的列保持原值；导入不会删除数据。",
        "en": "Rule: a row whose natural key (building name; building + service + year + month …) is already in "
        "the store is an update, every other row an insert; columns missing from the file keep their values; "
        "an import never deletes.",
    },
    "data.col.table": {"zh": "数据表", "en": "Table"},
    "data.col.insert": {"zh": "新增", "en": "Insert"},
    "data.col.update": {"zh": "修改", "en": "Update"},
    "data.col.delete": {"zh": "删除", "en": "Delete"},
    "data.col.unchanged": {"zh": "不变", "en": "Unchanged"},
    "data.col.file": {"zh": "文件", "en": "File"},
    "data.col.sheet": {"zh": "工作表", "en": "Sheet"},
    "data.col.row": {"zh": "行", "en": "Row"},
    "data.col.column": {"zh": "列", "en": "Column"},
    "data.col.value": {"zh": "内容", "en": "Value"},
    "data.col.reason": {"zh": "问题", "en": "Problem"},
    "data.col.key": {"zh": "记录", "en": "Row"},
    "data.col.action": {"zh": "操作", "en": "Action"},
    "data.col.changes": {"zh": "变动", "en": "Changes"},
    "data.edit_caption": {
        "zh": "直接在表格中修改、增加或删除行，然后保存。保存时按导入同样的规则校验；如果这些行在你打开后被他人改过，保存会被拒绝。",
        "en": "Change, add or delete rows in the grid, then save. Saving checks them like an import does, and is "
        "refused if someone else changed the same rows since you opened the table.",
    },
    "data.save": {"zh": "保存修改", "en": "Save changes"},
    "data.reload": {"zh": "重新载入", "en": "Reload"},
    "data.no_edits": {"zh": "没有需要保存的修改。", "en": "There is nothing to save."},
    "data.saved": {"zh": "已保存：新增 {insert} 行，修改 {update} 行，删除 {delete} 行（已记入审计日志）。",
                   "en": "Saved: {insert} rows inserted, {update} updated, {delete} deleted (recorded in the audit log)."},
    "data.not_saved": {"zh": "未保存：发现 {n} 个问题。", "en": "Not saved: {n} problem(s) found."},
    "data.audit.filter_table": {"zh": "数据表", "en": "Tables"},
    "data.audit.filter_action": {"zh": "操作", "en": "Actions"},
    "data.audit.filter_text": {"zh": "操作人或记录包含", "en": "Who or row contains"},
    "data.audit.filter_dates": {"zh": "日期范围", "en": "Dates"},
    "data.audit.count": {"zh": "共 {n} 条记录（最多显示 {shown} 条）", "en": "{n} entries (showing at most {shown})"},
    "data.audit.empty": {"zh": "没有符合条件的审计记录。", "en": "No audit entries match."},
    "data.export.caption": {
        "zh": "导出全部数据表和审计日志。以 =、+、-、@ 开头的文字前加单引号，电子表格不会把它当作公式执行。",
        "en": "Every table and the audit log. Text starting with =, +, - or @ gets a leading apostrophe so that a "
        "spreadsheet never runs it as a formula.",
    },
    "data.export.xlsx": {"zh": "导出 XLSX（全部表）", "en": "Export XLSX (every table)"},
    "data.export.csv": {"zh": "导出 CSV（全部表，ZIP）", "en": "Export CSV (every table, zipped)"},
    "data.backup": {"zh": "下载整库备份", "en": "Download a backup of the store"},
    "data.backup_caption": {
        "zh": "备份是一个 ZIP 文件（含清单和每张表的数据），取自同一时刻的一致快照。恢复请在服务器上运行 `python -m core restore 文件名`。",
        "en": "A backup is one ZIP file (a manifest and one file per table) read from a single consistent snapshot. "
        "To restore, run `python -m core restore FILE` on the server.",
    },
    "data.action.insert": {"zh": "新增", "en": "Insert"},
    "data.action.update": {"zh": "修改", "en": "Update"},
    "data.action.delete": {"zh": "删除", "en": "Delete"},
    "data.source.import": {"zh": "文件导入", "en": "File import"},
    "data.source.editor": {"zh": "在线编辑", "en": "Editor"},
    "data.source.cli": {"zh": "命令行", "en": "Command line"},
    "data.source.init-db": {"zh": "初始化", "en": "Initialisation"},
    "data.source.restore": {"zh": "恢复备份", "en": "Restore"},
    "data.bool.true": {"zh": "是", "en": "true"},
    "data.bool.false": {"zh": "否", "en": "false"},
    "data.note.export_only": {
        "zh": "{file}：“{sheet}”只导出、不导入（审计日志只能由系统追加，方案在方案页管理），已跳过。",
        "en": "{file}: {sheet} is exported, never imported (only the system appends to the audit log; scenarios "
        "are kept on their page), so it was left out.",
    },
    # problems: one reason per kind, naming what is wrong and what to do
    "data.problem.too_big": {"zh": "文件大小 {size}，超过上限 {limit}", "en": "the file is {size}; the limit is {limit}"},
    "data.problem.empty": {"zh": "文件是空的", "en": "the file is empty"},
    "data.problem.no_rows": {"zh": "只有表头，没有数据行", "en": "the file has a header but no rows"},
    "data.problem.file_type": {"zh": "不支持的文件类型“{ext}”，请使用 CSV 或 XLSX",
                               "en": "unsupported file type {ext!r}; use CSV or XLSX"},
    "data.problem.encoding": {
        "zh": "第 {line} 行附近不是有效的 {encoding} 编码；请选择正确的编码（或“自动”），或将文件另存为 UTF-8",
        "en": "not valid {encoding} text near line {line}; choose the right encoding (or automatic) or save the file as UTF-8",
    },
    "data.problem.encoding_mismatch": {
        "zh": "文件看起来是 UTF-8 编码，而不是所选的 {encoding}；请选择“自动”或 UTF-8",
        "en": "the file looks like UTF-8, not the {encoding} chosen; choose automatic or UTF-8",
    },
    "data.problem.undecodable": {"zh": "无法识别文件编码（已尝试 UTF-8 和 GB18030），请另存为 UTF-8",
                                 "en": "cannot tell the file's encoding (tried UTF-8 and GB18030); save it as UTF-8"},
    "data.problem.csv_parse": {"zh": "CSV 格式错误：{detail}", "en": "not a well-formed CSV file: {detail}"},
    "data.problem.not_xlsx": {"zh": "不是完整的 XLSX 工作簿（文件已损坏或不完整），请重新保存后上传",
                              "en": "not a complete XLSX workbook (damaged or cut short); save it again and upload it"},
    "data.problem.xlsx_too_big": {"zh": "工作簿解压后超过 {limit}", "en": "the workbook unpacks to more than {limit}"},
    "data.problem.merged_header": {
        "zh": "表头有合并单元格（{ranges}）；请取消合并，每列一个列名",
        "en": "the header row has merged cells ({ranges}); unmerge them so that every column has its own header",
    },
    "data.problem.wrong_sheet": {"zh": "工作簿中没有“{table}”工作表（现有：{sheets}）",
                                 "en": "the workbook has no sheet for {table} (its sheets: {sheets})"},
    "data.problem.unknown_table": {
        "zh": "无法判断是哪张表：请用表名（如“{example}”）命名文件或工作表，或在导入时指定数据表",
        "en": "cannot tell which table this is: name the file or sheet after the table (e.g. {example!r}) or choose the table",
    },
    "data.problem.unknown_column": {"zh": "无法识别的列名；“{table}”的列为：{columns}",
                                    "en": "unknown column; the columns of {table} are: {columns}"},
    "data.problem.blank_header": {"zh": "第 {n} 列有数据但没有列名", "en": "column {n} holds data but has no header"},
    "data.problem.duplicate_column": {"zh": "与第 {n} 列（“{name}”）是同一列", "en": "the same column as column {n} ({name})"},
    "data.problem.missing_column": {"zh": "缺少必填列", "en": "required column missing"},
    "data.problem.required": {"zh": "必填，不能为空", "en": "a value is required"},
    "data.problem.not_number": {"zh": "不是数字", "en": "not a number"},
    "data.problem.not_whole": {"zh": "不是整数", "en": "not a whole number"},
    "data.problem.not_date": {"zh": "不是日期（例如 2024-01-31）", "en": "not a date (e.g. 2024-01-31)"},
    "data.problem.not_bool": {"zh": "不是“是/否”（是、否、true、false、1、0）", "en": "not yes/no (true, false, 1, 0, 是, 否)"},
    "data.problem.not_enum": {"zh": "不是有效取值；可选：{allowed}", "en": "not an allowed value; one of: {allowed}"},
    "data.problem.below": {"zh": "不能小于 {bound}", "en": "must be at least {bound}"},
    "data.problem.not_above": {"zh": "必须大于 {bound}", "en": "must be more than {bound}"},
    "data.problem.above": {"zh": "不能大于 {bound}", "en": "must be at most {bound}"},
    "data.problem.too_long": {"zh": "内容过长（{n} 个字符，最多 {limit} 个）", "en": "too long ({n} characters; at most {limit})"},
    "data.problem.formula": {
        "zh": "以“{char}”开头，可能被电子表格当作公式执行，已拒绝；如确是文字，请去掉开头的符号",
        "en": "starts with {char!r}, which a spreadsheet may run as a formula, so it is refused; if it is meant "
        "as text, remove that first character",
    },
    "data.problem.unknown_ref": {"zh": "在“{table}”中找不到（数据库和本次导入中都没有）",
                                 "en": "not found in {table}, neither in the store nor in this import"},
    "data.problem.duplicate_key": {"zh": "与第 {first} 行重复（{key}）", "en": "duplicates row {first} ({key})"},
    "data.problem.duplicate_store": {"zh": "数据库中已有“{key}”", "en": "{key} is already in the store"},
    "data.problem.duplicate_unique": {"zh": "与“{other}”重复，此列必须唯一", "en": "same as {other}; this column must be unique"},
    "data.problem.self_parent": {"zh": "上级部门不能是自己", "en": "a department cannot be its own parent"},
    "data.problem.end_before_start": {"zh": "结束日期早于开始日期", "en": "ends before it starts"},
    "data.problem.band_order": {"zh": "面积上限必须大于面积下限", "en": "the upper area bound must exceed the lower"},
    "data.problem.low_high": {"zh": "下限大于上限", "en": "low is above high"},
    "data.problem.conflict": {
        "zh": "你打开此表后，这一行已被他人修改；请点“重新载入”后再改",
        "en": "someone else changed this row after you opened the table; reload and edit again",
    },
    "data.problem.conflict_deleted": {
        "zh": "你打开此表后，这一行已被他人删除；请点“重新载入”",
        "en": "someone else deleted this row after you opened the table; reload",
    },
    "data.problem.referenced": {"zh": "仍有 {n} 行“{table}”引用它，不能删除", "en": "{n} rows of {table} refer to it, so it cannot be deleted"},
    "data.problem.unreadable": {"zh": "无法读取此文件（{detail}），请另存为 CSV（UTF-8）或 XLSX 后重试",
                                "en": "this file cannot be read ({detail}); save it as CSV (UTF-8) or XLSX and try again"},
    "data.problem.database": {"zh": "数据库拒绝写入：{detail}", "en": "the database refused the write: {detail}"},
}


# --- Meeting pack (会议材料) and chart export ---------------------------------------------------------
_SHARING: dict[str, Entry] = {
    "page.pack": {"zh": "会议材料", "en": "Meeting pack"},
    "pack.caption": {
        "zh": "选择方案和章节，一键生成会议用的 PDF、PowerPoint、Excel 和 HTML 材料；图表与各页面所见一致。",
        "en": "Choose scenarios and sections, then build the meeting's PDF, PowerPoint, Excel and HTML "
        "in one click; the charts are the ones the pages show.",
    },
    "pack.scenarios": {"zh": "方案", "en": "Scenarios"},
    "pack.scenarios_help": {
        "zh": "已保存的整合方案；不选则材料反映现状。",
        "en": "Saved consolidation scenarios; choose none for the current state.",
    },
    "pack.scenarios_placeholder": {"zh": "不选方案（反映现状）", "en": "No scenario (the current state)"},
    "pack.scenarios_none": {
        "zh": "尚无已保存的方案：材料将反映现状。方案在“整合模拟”页保存后即可在此选择。",
        "en": "No scenario has been saved yet, so the pack shows the current state. Scenarios saved on "
        "the Consolidation page can be chosen here.",
    },
    "pack.sections": {"zh": "章节", "en": "Sections"},
    "pack.year": {"zh": "数据年度", "en": "Year"},
    "pack.formats": {"zh": "格式", "en": "Formats"},
    "pack.build": {"zh": "生成会议材料", "en": "Build the meeting pack"},
    "pack.nothing": {"zh": "请至少选择一个章节和一种格式。", "en": "Choose at least one section and one format."},
    "pack.done": {
        "zh": "已生成（{seconds:.1f} 秒）：{exhibits} 张图表。",
        "en": "Built in {seconds:.1f} s: {exhibits} charts.",
    },
    "pack.download_all": {"zh": "全部下载（ZIP）", "en": "Everything (ZIP)"},
    "pack.failed": {"zh": "会议材料生成失败：{msg}", "en": "The meeting pack could not be built: {msg}"},
    "pack.skipped": {"zh": "未生成：{formats}。", "en": "Not built: {formats}."},
    "pack.step.collect": {"zh": "汇总各章节图表…", "en": "Collecting the sections' charts…"},
    "pack.step.render": {"zh": "绘制图表 {i}/{n}…", "en": "Drawing chart {i} of {n}…"},
    "pack.step.xlsx": {"zh": "写入 Excel…", "en": "Writing the Excel workbook…"},
    "pack.step.html": {"zh": "生成 HTML…", "en": "Writing the HTML version…"},
    "pack.step.pdf": {"zh": "排版 PDF…", "en": "Typesetting the PDF…"},
    "pack.step.pptx": {"zh": "生成 PowerPoint…", "en": "Building the PowerPoint deck…"},
    "pack.step.done": {"zh": "完成", "en": "Done"},
    "pack.format.pdf": {"zh": "PDF（A4 打印）", "en": "PDF (A4, for print)"},
    "pack.format.pptx": {"zh": "PowerPoint 演示文稿", "en": "PowerPoint deck"},
    "pack.format.xlsx": {"zh": "Excel 数据表", "en": "Excel tables"},
    "pack.format.html": {"zh": "HTML（可交互，离线可看）", "en": "HTML (interactive, works offline)"},
    # the documents themselves
    "pack.title": {"zh": "机关后勤服务保障会议材料", "en": "Agency Support Services: Meeting Pack"},
    "pack.file_stem": {"zh": "会议材料", "en": "meeting-pack"},
    "pack.prepared": {"zh": "编制日期：{date}", "en": "Prepared on {date}"},
    "pack.year_line": {"zh": "数据年度：{year} 年", "en": "Figures for {year}"},
    "pack.scenario_line": {"zh": "方案：{names}", "en": "Scenarios: {names}"},
    "pack.no_scenario": {"zh": "方案：未选（反映现状）", "en": "Scenarios: none (the current state)"},
    "pack.demo_badge": {"zh": "示例数据", "en": "Demo data"},
    "pack.key_figures": {"zh": "关键数字", "en": "Key figures"},
    "pack.contents": {"zh": "目录", "en": "Contents"},
    "pack.data_show": {"zh": "查看图表数据（{n} 行）", "en": "Show the data ({n} rows)"},
    "pack.data_rows": {"zh": "图表数据（共 {n} 行，完整数据见 Excel）", "en": "The data ({n} rows; all of it in the Excel workbook)"},
    "pack.source": {
        "zh": "数据：{dataset}，{year} 年度及以前的账面记录。",
        "en": "Data: {dataset}, recorded figures up to {year}.",
    },
    "pack.dataset_demo": {"zh": "示例城市（合成数据）", "en": "the demo city (synthetic)"},
    "pack.dataset_real": {"zh": "本市数据库", "en": "the city's database"},
    "pack.assumptions": {"zh": "所用参数及来源", "en": "Assumptions used and their sources"},
    "pack.assumptions_none": {
        "zh": "所选章节均为账面记录数据的统计，未使用参数库中的测算参数。",
        "en": "The chosen sections summarise recorded figures and use no factor of the assumption book.",
    },
    "pack.col.factor": {"zh": "参数", "en": "Factor"},
    "pack.col.value": {"zh": "取值", "en": "Value"},
    "pack.col.unit": {"zh": "单位", "en": "Unit"},
    "pack.col.basis": {"zh": "依据类型", "en": "Basis"},
    "pack.col.source": {"zh": "来源", "en": "Source"},
    "pack.col.effective": {"zh": "生效日期", "en": "In force from"},
    "pack.col.sheet": {"zh": "工作表", "en": "Sheet"},
    "pack.col.section": {"zh": "章节", "en": "Section"},
    "pack.col.chart": {"zh": "图表", "en": "Chart"},
    "pack.col.takeaway": {"zh": "要点", "en": "Takeaway"},
    "pack.col.figure": {"zh": "指标", "en": "Figure"},
    "pack.col.lever": {"zh": "方案参数", "en": "Lever"},
    "pack.levers": {"zh": "方案“{name}”的参数（第 {version} 版）", "en": "Levers of scenario “{name}” (version {version})"},
    "pack.levers_none": {"zh": "（未设置参数）", "en": "(no levers set)"},
    "pack.sheet.contents": {"zh": "目录", "en": "Contents"},
    "pack.sheet.figures": {"zh": "关键数字", "en": "Key figures"},
    "pack.sheet.assumptions": {"zh": "参数", "en": "Assumptions"},
    "pack.unknown_scenario": {
        "zh": "没有名为“{name}”的已保存方案（已保存：{saved}）",
        "en": "no saved scenario is named {name!r} (saved: {saved})",
    },
    # one chart's downloads
    "sharing.download": {"zh": "下载", "en": "Download"},
    "sharing.download_help": {
        "zh": "下载此图：PNG（2 倍清晰度，用于文件）、SVG（矢量）、交互式 HTML，或图表数据。",
        "en": "Download this chart: PNG (2×, for documents), SVG (vector), interactive HTML, or its data.",
    },
    "sharing.png": {"zh": "PNG 图片（2 倍清晰度）", "en": "PNG image (2×)"},
    "sharing.svg": {"zh": "SVG 矢量图", "en": "SVG vector image"},
    "sharing.html": {"zh": "交互式 HTML", "en": "Interactive HTML"},
    "sharing.xlsx": {"zh": "图表数据（Excel）", "en": "Chart data (Excel)"},
    "sharing.missing": {
        "zh": "服务器缺少{what}，因此无法生成 PNG/SVG 图片、PDF 和 PowerPoint。请管理员安装："
        "`sudo apt install chromium fonts-noto-cjk`（Debian/Ubuntu），或将环境变量 BROWSER_PATH 指向 "
        "Chrome/Chromium。HTML 和 Excel 仍可下载。",
        "en": "The server lacks {what}, so PNG/SVG images, PDF and PowerPoint cannot be made. Ask the "
        "administrator to install it: `sudo apt install chromium fonts-noto-cjk` (Debian/Ubuntu), or set "
        "BROWSER_PATH to a Chrome/Chromium executable. HTML and Excel downloads still work.",
    },
    "sharing.missing.chromium": {"zh": "无界面浏览器 Chromium", "en": "the Chromium browser"},
    "sharing.missing.fonts": {"zh": "中文字体（fonts-noto-cjk）", "en": "Chinese fonts (fonts-noto-cjk)"},
    # the Overview's key figures (on slides, in the PDF and on the pack's cover)
    "kf.mode_spend_share": {"zh": "{mode}支出占比", "en": "{mode}: share of spending"},
    "kf.mode_area_share": {"zh": "{mode}面积占比", "en": "{mode}: share of floor area"},
    "kf.spend_per_m2": {"zh": "每平方米年支出", "en": "Spending per m² a year"},
    "kf.year_spend": {"zh": "{year} 年后勤支出", "en": "Spending in {year}"},
    "kf.change_since": {"zh": "较 {first} 年", "en": "Change since {first}"},
    "kf.annual_growth": {"zh": "年均增长", "en": "Average growth a year"},
    "kf.year_deviation": {"zh": "{year} 年预算偏差", "en": "Budget deviation {year}"},
    "kf.deviation_range": {"zh": "各年偏差范围", "en": "Range over the years"},
    "kf.worst_building": {"zh": "单栋最大偏差", "en": "Largest miss, one building"},
    "kf.estate": {"zh": "办公楼/区及面积", "en": "Buildings and floor area"},
    "kf.estate_value": {"zh": "{n} 栋 · {area} ㎡", "en": "{n} buildings, {area} m²"},
}


# --- enum labels ------------------------------------------------------------------------------------
_ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "mode": {
        "full": ("完全社会化", "Full outsourcing"),
        "partial": ("社会化外包", "Partial outsourcing"),
        "mixed": ("社会化与自我保障相结合", "Mixed"),
        "self": ("自我保障", "Self-provided"),
    },
    "mode_long": {
        "full": ("完全社会化（整体或分项外包）", "Full outsourcing (whole building or whole service items)"),
        "partial": ("社会化外包（服务企业派人，业主方配物）", "Partial outsourcing (vendor staff, agency materials)"),
        "mixed": ("社会化与自我保障相结合（部分外包）", "Mixed (some services outsourced, some in-house)"),
        "self": ("自我保障（劳务用工）", "Self-provided (agency-hired labour)"),
    },
    "delivery": {
        "in_house": ("自我保障", "In-house"),
        "labour_only": ("派人不配物", "Labour only"),
        "contracted": ("整体外包", "Contracted"),
    },
    "service": {
        "property_mgmt": ("物业综合管理", "Property management"),
        "cleaning": ("保洁", "Cleaning"),
        "security": ("秩序维护", "Security and order"),
        "reception": ("前台接待", "Reception"),
        "canteen": ("餐饮", "Canteen"),
        "greening": ("绿化", "Greening"),
        "conference": ("会务", "Conference service"),
        "facilities": ("设施设备运维", "Facility operation"),
        "repairs": ("房屋维修", "Building repairs"),
        "energy": ("能耗", "Energy"),
        "mail_print": ("收发文印", "Mail and printing"),
        "confidential": ("机要保密服务", "Confidential services"),
    },
    "channel": {
        "public_tender": ("公开招标", "Public tender"),
        "competitive_consultation": ("竞争性磋商", "Competitive consultation"),
        "single_source": ("单一来源", "Single source"),
        "direct_award": ("直接委托", "Direct award"),
    },
    "status": {
        "applied": ("已申请", "Applied"),
        "admitted": ("已准入", "Admitted"),
        "suspended": ("暂停", "Suspended"),
        "blacklisted": ("列入黑名单", "Blacklisted"),
    },
    "dept_kind": {
        "bureau": ("机关事务管理局", "The Bureau"),
        "agency": ("机关部门", "Agency"),
        "subordinate": ("下属单位", "Subordinate unit"),
    },
    "criterion": {
        "customer_service": ("客户服务", "Customer service"),
        "building_mgmt": ("房屋管理", "Building management"),
        "facilities": ("公用设施设备", "Shared facilities and equipment"),
        "public_order": ("公共秩序", "Public order"),
        "cleaning": ("保洁", "Cleaning"),
        "greening": ("绿化", "Greening"),
        "conference": ("会务服务", "Conference service"),
    },
    "basis": {
        "sourced": ("有出处", "Sourced"),
        "rule_of_thumb": ("行业经验值", "Rule of thumb"),
        "assumption": ("假设", "Assumption"),
    },
    "cost": {
        "labour": ("人工工资", "Wages"),
        "on_costs": ("社保公积金等", "On-costs"),
        "materials": ("物料", "Materials"),
        "management_fee": ("管理费及利润", "Management fee"),
        "tax": ("税金", "Tax"),
        "energy": ("能耗", "Energy"),
        "repairs": ("维修", "Repairs"),
    },
}

# --- glossary: the domain's terms, shown on the Overview and used throughout ---------------------
GLOSSARY: Final[tuple[tuple[str, str, str, str], ...]] = (
    # (中文, English, 中文释义, English definition)
    ("统一管理", "Unified management",
     "机关事务管理局对多部门合用办公楼的后勤服务实行集中统一管理。",
     "The Bureau runs the logistics services of buildings shared by several departments."),
    ("统一标准", "Unified standards",
     "按服务等级和建筑面积分档的统一收费标准与人员配置标准。",
     "Fee and staffing standards set per service, tier and building-area band."),
    ("保障模式", "Support mode",
     "由一栋楼各服务项目的提供方式推导得出，不单独填报。",
     "Derived from how each of a building's services is delivered; never entered by hand."),
    ("按实支付", "Paid at actual",
     "能耗和中修、大修按标准编制预算、按实际发生支付，不区分提供方式。",
     "Energy and medium/major repairs: budgeted against a standard, paid at actual cost."),
    ("核心、关键、保密事项", "Core, key and confidential items",
     "只能自我保障或由经审批的企业承担，任何方案都不得外包给其他企业。",
     "May only be in-house or with an approved vendor; no scenario moves them elsewhere."),
    ("三关", "The three gates",
     "企业准入关、项目收费关、服务质量关。",
     "Vendor admission, fee control, quality assessment."),
    ("全成本", "Full cost",
     "账面支出加上账面未反映的社保、间接费、折旧、监管与合同管理成本。",
     "Recorded spending plus on-costs, overhead, depreciation, supervision and contract "
     "administration that the ledger leaves out."),
)


def _enum_entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for group, values in _ENUMS.items():
        for value, (zh, en) in values.items():
            out[f"{group}.{value}"] = {"zh": zh, "en": en}
    return out


STRINGS: Final[dict[str, Entry]] = {
    **_FRAME, **_OVERVIEW, **_COSTING, **_SIMULATOR, **_GATES, **_DATA, **_SHARING, **_enum_entries(),
}


def t(key: str, lang: str = DEFAULT_LANG, /, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (falls back to Chinese), formatted with ``fmt``."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**fmt) if fmt else text


def label(group: str, value: object, lang: str = DEFAULT_LANG) -> str:
    """The name of an enum value (``label("mode", "full", "en")`` → ``"Full outsourcing"``)."""
    raw = getattr(value, "value", value)
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return t("common.no_mode", lang)
    return t(f"{group}.{raw}", lang)


def labels(group: str, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every value of an enum group mapped to its name, in the group's defined order."""
    return {value: t(f"{group}.{value}", lang) for value in _ENUMS[group]}


def wan(value: float) -> float:
    """CNY → 万元 (10,000 CNY), the unit Chinese budgets are read in."""
    return value / 10_000


def fmt_money(value: float, lang: str = DEFAULT_LANG) -> str:
    """A sum of money as a leader reads it: ``1,234.5 万元`` or ``CNY 12.35 m``."""
    if lang == "en":
        return f"CNY {value / 1e6:,.2f} m"
    if abs(value) >= 1e8:  # 亿元 from a hundred million on, as Chinese budgets are read
        return f"{value / 1e8:,.2f} 亿元"
    return f"{wan(value):,.1f} 万元"


def fmt_pct(value: float, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.052 → ``5.2%`` (``+5.2%`` when signed)."""
    return f"{value * 100:{'+' if signed else ''},.{digits}f}%"


def fmt_num(value: float, digits: int = 0) -> str:
    """A number with thousands separators."""
    return f"{value:,.{digits}f}"
