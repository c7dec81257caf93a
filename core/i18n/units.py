"""Units of the assumption book in both languages. The book writes its units in Chinese; a unit given
in English (an older book, a row imported from elsewhere) is shown in Chinese all the same."""

UNITS: tuple[tuple[str, str], ...] = (
    ("元/月", "CNY/month"), ("比例", "share"), ("占工资的比例", "share of wages"),
    ("占人员费用的比例", "share of personnel cost"), ("占企业发票金额的比例", "share of vendor invoice"),
    ("占合同价的比例", "share of contract price"), ("月/年（每满一年）", "months per year"), ("每年", "per year"),
    ("年", "years"), ("元/标段", "CNY per lot"), ("月（新旧服务方重叠运行）", "months of double running"),
    ("占标准的比例", "share of standard"), ("占价格的比例", "share of price"), ("平方米", "m²"),
    ("占间接费用的比例", "share of indirect cost"), ("占能耗费用的比例", "share of energy cost"), ("倍数", "ratio"),
    ("分", "score"), ("占服务费的比例", "share of fee"), ("权重", "weight"), ("等级（1 为最高）", "level (1 highest)"),
    ("超出标准的比例", "share above standard"), ("低于标准的比例", "share below standard"), ("元/年", "CNY per year"),
    ("月", "months"), ("HHI 指数（0–10000）", "HHI (0-10000)"), ("与原值相比的变动比例", "share of the stored value"),
    ("比例（延迟年数）", "years of delay"), ("人", "persons"), ("元", "CNY"), ("万元", "CNY 10k"),
    ("占自有人员的比例", "share of in-house staff"), ("占自我保障人员费用的比例", "share of in-house personnel cost"),
    ("占直接成本的比例", "share of direct cost"), ("每年比例", "share per year"),
    ("占上年的比例", "share of last year"), ("定员的倍数", "multiple of the norm"),
    ("占测算节约的比例", "share of estimated saving"), ("占富余岗位的比例", "share of surplus posts"),
    ("占目标节约的比例", "share of target saving"), ("占考核奖惩金额的比例", "share of adjustments"),
    ("每轮招标失败的比例", "share of tender rounds"), ("月/每次流标", "months per failed round"),
    ("占编制内人员的比例/年", "share of established staff per year"), ("占富余人员的比例/年", "share of surplus per year"),
    ("月工资", "months of wage"), ("占合同制人员的比例", "share of contract staff"),
)
_BY_EITHER: dict[str, tuple[str, str]] = {u.casefold(): (zh, en) for zh, en in UNITS for u in (zh, en)}


def unit_text(unit: str, lang: str) -> str:
    """A book unit in ``lang`` (as written when the vocabulary does not know it)."""
    pair = _BY_EITHER.get((unit or "").strip().casefold())
    if pair is None:
        return unit or ""
    return pair[1] if lang == "en" else pair[0]


def is_share(unit: str) -> bool:
    """Whether values in this unit are fractions shown as percentages."""
    pair = _BY_EITHER.get((unit or "").strip().casefold())
    return pair is not None and ("比例" in pair[0] or pair[1] in ("per year",)) and "年数" not in pair[0]
