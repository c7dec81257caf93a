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
_COSTING: dict[str, Entry] = {}


# --- Consolidation (整合模拟) and Scenarios (方案比较) ---------------------------------------------
_SIMULATOR: dict[str, Entry] = {}


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
_DATA: dict[str, Entry] = {}


# --- Meeting pack (会议材料) and chart export ---------------------------------------------------------
_SHARING: dict[str, Entry] = {}


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
    return f"{wan(value):,.1f} 万元"


def fmt_pct(value: float, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.052 → ``5.2%`` (``+5.2%`` when signed)."""
    return f"{value * 100:{'+' if signed else ''},.{digits}f}%"


def fmt_num(value: float, digits: int = 0) -> str:
    """A number with thousands separators."""
    return f"{value:,.{digits}f}"
