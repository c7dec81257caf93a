"""The frame, shared widgets and messages, units. Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
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
