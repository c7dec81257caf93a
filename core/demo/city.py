"""The demo city as described: its departments, buildings (area, tier, district, how each service is delivered), vendors, and the constants that shape its ledger. Synthetic: every page that shows it says so. :mod:`core.demo.synth` generates the tables from this description."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Generation parameters of the synthetic ledger (not cost-model factors: those are in the book).
# service: (m² per worker at tier 2, minimum workers, wage multiple of a cleaner,
#           materials CNY per m²·yr, agency equipment depreciation CNY per m²·yr)
SERVICE_INTENSITY: dict[str, tuple[float, int, float, float, float]] = {
    "property_mgmt": (12_000, 1, 1.6, 0.6, 0.10),
    "cleaning": (2_500, 1, 1.0, 2.6, 0.30),
    "security": (4_000, 3, 1.1, 0.4, 0.20),
    "reception": (12_000, 1, 1.2, 0.2, 0.05),
    "greening": (15_000, 1, 1.0, 0.7, 0.10),
    "conference": (10_000, 1, 1.2, 0.4, 0.20),
    "facilities": (6_000, 1, 1.4, 3.5, 0.80),
    "mail_print": (20_000, 1, 1.1, 1.2, 0.20),
}


CANTEEN_DINERS_PER_WORKER = 50


CANTEEN_SUBSIDY_PER_DINER = 1_800.0  # CNY/yr of ingredients the agency pays


CANTEEN_DEPRECIATION_PER_DINER = 60.0


DINER_SHARE = 0.75


CONFIDENTIAL_STAFF = 2


CONFIDENTIAL_MATERIALS = 20_000.0


CONFIDENTIAL_DEPRECIATION = 10_000.0


ENERGY_TREND = -0.012  # per year: lighting and HVAC retrofits


TIER_INTENSITY = {1: 1.2, 2: 1.0, 3: 0.85}


DELIVERY_STAFFING = {"in_house": 1.12, "labour_only": 1.0, "contracted": 0.95}


CONTRACT_MATERIALS_FACTOR = 0.92  # vendors buy consumables in bulk


MATERIAL_INFLATION = 0.02


USABLE_SHARE = 0.72


# Budget swing (sd of budget vs need) and outturn noise by planned mode: fixed-price contracts are
# steadier than self-run services, which is the volatility unified management is meant to end.
BUDGET_SD = {"full": 0.03, "partial": 0.06, "mixed": 0.10, "self": 0.15}


ACTUAL_SD = {"full": 0.015, "partial": 0.03, "mixed": 0.05, "self": 0.07}


# Fee-standard construction: level at tier 2 and 10,001-20,000 m² (CNY/m²·month), labelled assumption
# except repairs, whose bands are the Sichuan figures in REFERENCE.md.
AREA_BANDS: tuple[tuple[float, float], ...] = (
    (0, 3_000), (3_000, 7_000), (7_000, 10_000), (10_000, 20_000),
    (20_000, 30_000), (30_000, 40_000), (40_000, 1_000_000),
)


SICHUAN_REPAIRS = (0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.3)


STANDARD_LEVEL: dict[str, float | None] = {
    "property_mgmt": 0.85, "cleaning": 2.10, "security": 1.75, "reception": 0.60, "canteen": None,
    "greening": 0.50, "conference": 0.55, "facilities": 1.40, "repairs": None, "energy": 3.60,
    "mail_print": 0.55, "confidential": None,
}


STAFFING_NORM: dict[str, tuple[float, str]] = {
    "cleaning": (2_500, "Offices: more intensive than the residential rule of thumb of one worker per "
                        "8,000-10,000 m² (level 1); office figure is our assumption"),
    "security": (4_000, "Offices: more intensive than the residential rule of thumb of one per "
                        "6,000-8,000 m² (level 1); office figure is our assumption"),
    "facilities": (6_000, "Offices with lifts and HVAC: more intensive than the residential maintenance "
                          "rule of thumb of one per 20,000-25,000 m²; office figure is our assumption"),
    "property_mgmt": (12_000, "Assumption: management and customer-service staff per m²"),
}


TIER_STANDARD = {1: 1.15, 2: 1.0, 3: 0.88}


# How the demo city employs its in-house teams (用工类型): established posts (编制内, 工勤编制) per team of
# n workers, by service; the rest on labour contracts (编外合同), except cleaners and guards of the
# self-run buildings, half of whom an agency dispatches (劳务派遣).
ESTABLISHED_POSTS: dict[str, Callable[[int], int]] = {
    "confidential": lambda n: n,
    "property_mgmt": lambda n: n // 2,
    "facilities": lambda n: min(n, 1),
    "conference": lambda n: 1 if n >= 3 else 0,
    "reception": lambda n: 1 if n >= 3 else 0,
    "canteen": lambda n: 1 if n >= 4 else 0,
}


DISPATCHED_SERVICES = frozenset({"cleaning", "security"})


@dataclass(frozen=True)
class BuildingPlan:
    """What the generator needs to know about one building."""

    name: str
    district: str
    area: float
    year_built: int
    tier: int
    managed_by: str
    mode: str  # the planned support mode: full, partial, mixed, self
    occupants: tuple[tuple[str, float], ...]  # (department, share of its staff located here)
    confidential: bool = False
    restricted_security: bool = False
    deliveries: dict[str, str] = field(default_factory=dict)  # per-service overrides
    vendors: dict[str, str] = field(default_factory=dict)  # per-service vendor, on a contract of its own


@dataclass(frozen=True)
class VendorPlan:
    name: str
    lines: tuple[str, ...]
    level: int
    status: str
    quality: float  # mean assessment score the vendor delivers
    cleared: bool = False  # approved for restricted items
    capital_wan: float = 500
    founded: int = 2005
    reason: str = ""


# --- the demo city ---------------------------------------------------------------------------------
DEPARTMENTS: tuple[tuple[str, str, int, str], ...] = (
    # (name, kind, authorised staff, parent)
    ("市机关事务管理局", "bureau", 45, ""),
    ("市委办公室", "agency", 60, ""), ("市政府办公室", "agency", 75, ""),
    ("市人大常委会办公室", "agency", 40, ""), ("市政协办公室", "agency", 35, ""),
    ("市纪委监委", "agency", 90, ""), ("市委组织部", "agency", 50, ""),
    ("市委宣传部", "agency", 35, ""), ("市委统战部", "agency", 25, ""),
    ("市委政法委", "agency", 30, ""), ("市委老干部局", "agency", 20, ""),
    ("市机关党工委", "agency", 15, ""), ("市发展和改革委员会", "agency", 55, ""),
    ("市教育局", "agency", 60, ""), ("市科学技术局", "agency", 25, ""),
    ("市工业和信息化局", "agency", 45, ""), ("市公安局", "agency", 180, ""),
    ("市民政局", "agency", 40, ""), ("市司法局", "agency", 45, ""),
    ("市财政局", "agency", 85, ""), ("市人力资源和社会保障局", "agency", 70, ""),
    ("市自然资源和规划局", "agency", 80, ""), ("市生态环境局", "agency", 50, ""),
    ("市住房和城乡建设局", "agency", 75, ""), ("市交通运输局", "agency", 65, ""),
    ("市水利农机局", "agency", 45, ""), ("市农业农村局", "agency", 60, ""),
    ("市商务局", "agency", 35, ""), ("市文体广电和旅游局", "agency", 45, ""),
    ("市卫生健康委员会", "agency", 55, ""), ("市退役军人事务局", "agency", 20, ""),
    ("市应急管理局", "agency", 40, ""), ("市审计局", "agency", 40, ""),
    ("市市场监督管理局", "agency", 90, ""), ("市统计局", "agency", 30, ""),
    ("市医疗保障局", "agency", 35, ""), ("市城市管理局", "agency", 70, ""),
    ("市信访局", "agency", 25, ""), ("市行政审批局", "agency", 60, ""),
    ("市物价局", "agency", 25, ""), ("市住房保障和房产管理局", "agency", 45, ""),
    ("市档案馆", "agency", 30, ""), ("市总工会", "agency", 25, ""),
    ("团市委", "agency", 12, ""), ("市妇联", "agency", 12, ""),
    ("市残疾人联合会", "agency", 12, ""), ("市科学技术协会", "agency", 10, ""),
    ("市财政局国库集中收付中心", "subordinate", 20, "市财政局"),
    ("市住房公积金管理中心", "subordinate", 35, "市住房和城乡建设局"),
    ("市不动产登记中心", "subordinate", 60, "市自然资源和规划局"),
    ("市公共资源交易中心", "subordinate", 30, "市行政审批局"),
    ("市社会保险基金管理中心", "subordinate", 50, "市人力资源和社会保障局"),
    ("市卫生监督所", "subordinate", 30, "市卫生健康委员会"),
    ("市教育考试院", "subordinate", 15, "市教育局"),
    ("市农业技术推广中心", "subordinate", 35, "市农业农村局"),
    ("市城市管理综合执法大队", "subordinate", 80, "市城市管理局"),
    ("市交通运输综合执法大队", "subordinate", 50, "市交通运输局"),
    ("市市场监管综合执法大队", "subordinate", 60, "市市场监督管理局"),
    ("市水利工程管理处", "subordinate", 40, "市水利农机局"),
    ("市退役军人服务中心", "subordinate", 12, "市退役军人事务局"),
    ("市机关会议接待中心", "subordinate", 25, "市机关事务管理局"),
    ("市机关食堂管理中心", "subordinate", 10, "市机关事务管理局"),
    ("市老年大学", "subordinate", 15, "市委老干部局"),
    ("市政务服务管理办公室", "subordinate", 20, "市行政审批局"),
)


BUREAU = "市机关事务管理局"


DEMO_BUILDINGS: tuple[BuildingPlan, ...] = (
    BuildingPlan(
        "市行政中心", "城中街道", 58_000, 2008, 1, BUREAU, "mixed",
        (("市机关事务管理局", 0.85), ("市委办公室", 1), ("市政府办公室", 1), ("市人大常委会办公室", 1),
         ("市政协办公室", 1), ("市纪委监委", 1), ("市委组织部", 1), ("市委宣传部", 1), ("市委统战部", 1),
         ("市发展和改革委员会", 1), ("市科学技术局", 1), ("市工业和信息化局", 1), ("市审计局", 1),
         ("市信访局", 1), ("市机关党工委", 1), ("市物价局", 1), ("市机关会议接待中心", 1),
         ("市机关食堂管理中心", 1)),
        confidential=True,
        deliveries={"property_mgmt": "in_house", "reception": "in_house", "canteen": "in_house",
                    "conference": "in_house", "cleaning": "contracted", "security": "labour_only",
                    "facilities": "contracted", "greening": "contracted"},
    ),
    BuildingPlan(
        "市民服务中心", "城东街道", 32_000, 2016, 1, BUREAU, "full",
        (("市行政审批局", 1), ("市公共资源交易中心", 1), ("市不动产登记中心", 1), ("市住房公积金管理中心", 1),
         ("市社会保险基金管理中心", 1), ("市医疗保障局", 1), ("市政务服务管理办公室", 1),
         ("市机关事务管理局", 0.15)),
    ),
    BuildingPlan(
        "政法综合楼", "城西街道", 24_000, 2011, 1, "市公安局", "mixed",
        (("市公安局", 1), ("市司法局", 1), ("市委政法委", 1)),
        confidential=True, restricted_security=True,
        deliveries={"cleaning": "labour_only", "greening": "contracted", "facilities": "contracted",
                    "canteen": "contracted", "conference": "in_house", "reception": "in_house"},
    ),
    BuildingPlan(
        "财税大楼", "城中街道", 16_500, 2003, 2, BUREAU, "partial",
        (("市财政局", 1), ("市财政局国库集中收付中心", 1), ("市统计局", 1)),
    ),
    BuildingPlan(
        "城建大楼", "城中街道", 14_000, 1999, 2, BUREAU, "partial",
        (("市住房和城乡建设局", 1), ("市自然资源和规划局", 1), ("市住房保障和房产管理局", 1),
         ("市城市管理局", 1)),
    ),
    BuildingPlan(
        "人社民政大楼", "城东街道", 9_800, 2013, 2, BUREAU, "full",
        (("市人力资源和社会保障局", 1), ("市民政局", 1), ("市退役军人事务局", 1), ("市退役军人服务中心", 1)),
    ),
    BuildingPlan(
        "市场监管大楼", "高新区", 7_600, 2010, 2, "市市场监督管理局", "full",
        (("市市场监督管理局", 1), ("市市场监管综合执法大队", 1)),
    ),
    BuildingPlan(
        "交通水利大楼", "城西街道", 11_200, 2005, 2, BUREAU, "mixed",
        (("市交通运输局", 1), ("市水利农机局", 1), ("市交通运输综合执法大队", 1), ("市水利工程管理处", 1)),
        deliveries={"cleaning": "contracted", "security": "labour_only", "facilities": "contracted"},
    ),
    BuildingPlan(
        "农业农村大楼", "城北街道", 8_400, 1996, 3, "市农业农村局", "self",
        (("市农业农村局", 1), ("市农业技术推广中心", 1)),
    ),
    BuildingPlan(
        "教育卫健大楼", "城东街道", 10_600, 2002, 2, BUREAU, "mixed",
        (("市教育局", 1), ("市教育考试院", 1), ("市卫生健康委员会", 1), ("市卫生监督所", 1)),
        deliveries={"cleaning": "labour_only", "security": "labour_only", "greening": "contracted",
                    "facilities": "in_house", "canteen": "contracted"},
        vendors={"greening": "翠景园艺有限公司"},
    ),
    BuildingPlan(
        "市档案馆", "新城区", 4_600, 2017, 2, "市档案馆", "self",
        (("市档案馆", 1),), confidential=True, restricted_security=True,
    ),
    BuildingPlan(
        "生态应急大楼", "高新区", 6_300, 2009, 2, BUREAU, "partial",
        (("市生态环境局", 1), ("市应急管理局", 1)),
        vendors={"cleaning": "净源环境服务有限公司"},
    ),
    BuildingPlan(
        "群团大楼", "城北街道", 3_600, 1994, 3, BUREAU, "self",
        (("市总工会", 1), ("团市委", 1), ("市妇联", 1), ("市残疾人联合会", 1), ("市科学技术协会", 1)),
    ),
    BuildingPlan(
        "老干部活动中心", "城中街道", 2_400, 1991, 3, "市委老干部局", "self",
        (("市委老干部局", 1), ("市老年大学", 1)),
    ),
    BuildingPlan(
        "城管执法基地", "城西街道", 5_200, 2007, 3, "市城市管理局", "mixed",
        (("市城市管理综合执法大队", 1),),
        deliveries={"cleaning": "labour_only"},
    ),
    BuildingPlan(
        "文体商务楼", "新城区", 6_800, 2014, 2, "市文体广电和旅游局", "mixed",
        (("市文体广电和旅游局", 1), ("市商务局", 1)),
        deliveries={"cleaning": "contracted", "security": "contracted", "greening": "contracted",
                    "mail_print": "contracted"},
        vendors={"mail_print": "速印文印服务有限公司"},  # a restricted item with a vendor not cleared
    ),
)


DEMO_VENDORS: tuple[VendorPlan, ...] = (
    VendorPlan("锦城物业服务有限公司", ("property_mgmt", "cleaning", "security", "reception", "conference",
                                  "facilities", "greening", "mail_print"), 1, "admitted", 91, True, 2000, 1998),
    VendorPlan("恒安物业管理有限公司", ("property_mgmt", "cleaning", "security", "reception", "conference",
                                  "facilities", "greening", "mail_print"), 1, "admitted", 88, False, 1200, 2003),
    VendorPlan("城南物业服务有限公司", ("property_mgmt", "cleaning", "security", "reception", "facilities"),
               2, "admitted", 84, False, 500, 2009),
    VendorPlan("嘉禾物业有限公司", ("property_mgmt", "cleaning", "reception", "conference"), 2, "applied", 0,
               capital_wan=300, founded=2015),
    VendorPlan("洁美保洁服务有限公司", ("cleaning",), 2, "admitted", 86, capital_wan=200, founded=2008),
    VendorPlan("净源环境服务有限公司", ("cleaning", "greening"), 2, "admitted", 79, capital_wan=300, founded=2012),
    VendorPlan("安邦保安服务有限公司", ("security",), 1, "admitted", 90, True, 1000, 2001),
    VendorPlan("卫士保安服务有限公司", ("security",), 2, "admitted", 83, capital_wan=500, founded=2010),
    VendorPlan("金盾保安服务有限公司", ("security",), 3, "blacklisted", 68, capital_wan=100, founded=2014,
               reason="2022年第3、4季度考核均低于合格线，且发生值守脱岗事件"),
    VendorPlan("味和餐饮管理有限公司", ("canteen",), 1, "admitted", 87, capital_wan=800, founded=2006),
    VendorPlan("百味团膳服务有限公司", ("canteen",), 2, "admitted", 81, capital_wan=300, founded=2011),
    VendorPlan("乡厨餐饮有限公司", ("canteen",), 3, "applied", 0, capital_wan=50, founded=2019),
    VendorPlan("绿茵园林绿化工程有限公司", ("greening",), 2, "admitted", 85, capital_wan=600, founded=2004),
    VendorPlan("翠景园艺有限公司", ("greening",), 3, "suspended", 74, capital_wan=100, founded=2016,
               reason="2025年第2季度起绿养护考核不达标，整改期间暂停新项目"),
    VendorPlan("申达电梯设备工程有限公司", ("facilities",), 1, "admitted", 89, capital_wan=1500, founded=2000),
    VendorPlan("恒温机电设备维保有限公司", ("facilities",), 2, "admitted", 85, capital_wan=600, founded=2007),
    VendorPlan("众诚人力资源服务有限公司", ("cleaning", "security", "reception", "conference", "property_mgmt",
                                     "mail_print"), 2, "admitted", 82, True, 300, 2010),
    VendorPlan("汇才劳务派遣有限公司", ("cleaning", "security", "reception", "greening"), 3, "admitted", 80,
               capital_wan=200, founded=2013),
    VendorPlan("华庭会务服务有限公司", ("conference", "reception"), 2, "admitted", 88, capital_wan=200,
               founded=2012),
    VendorPlan("速印文印服务有限公司", ("mail_print",), 3, "admitted", 83, capital_wan=50, founded=2015),
)


DECLINING_VENDOR = "净源环境服务有限公司"  # two low quarters at the end of 2025: flagged for replacement
