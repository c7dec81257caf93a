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
_GATES: dict[str, Entry] = {}


# --- Data (数据管理): import, editing, audit, export, backup ----------------------------------------
_DATA: dict[str, Entry] = {}


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
    return f"{wan(value):,.1f} 万元"


def fmt_pct(value: float, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage: 0.052 → ``5.2%`` (``+5.2%`` when signed)."""
    return f"{value * 100:{'+' if signed else ''},.{digits}f}%"


def fmt_num(value: float, digits: int = 0) -> str:
    """A number with thousands separators."""
    return f"{value:,.{digits}f}"
