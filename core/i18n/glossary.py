"""The domain's terms, shown on the Overview and used throughout: (term zh, term en, meaning zh, meaning en)."""
from typing import Final

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
