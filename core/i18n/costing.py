"""Compare modes (模式对比) and Standards (统一标准): the full-cost model and the benchmark. Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
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
    "compare.tab.adjusted": {"zh": "剔除面积与等级差异后", "en": "Adjusted for size and tier"},
    "compare.tab.quality": {"zh": "费用与服务质量", "en": "Cost and service quality"},
    "compare.table.title": {"zh": "各模式全成本与归一化指标", "en": "Full cost and normalised measures by mode"},
    "compare.table.note": {
        "zh": "“最低”一律按每平方米全成本 = 该模式各楼全成本合计 ÷ 建筑面积合计判断，各楼中位数仅作稳健性检验。"
        "每平方米、每服务对象、每服务人员费用 = 该模式各楼全成本合计 ÷ 面积、入驻人员、服务人员合计；"
        "质量得分和预算波动为各楼平均。预算波动 = 2019 年以来各年“实际 ÷ 预算”的变异系数（标准差 ÷ 均值）。",
        "en": "'Cheapest' is always full cost per m² = the mode's total full cost ÷ its total floor area; the median "
        "of buildings is only a robustness check. Per m², per served staff member and per service worker: the "
        "mode's total full cost divided by "
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
    "compare.col.median_cost_per_m2": {"zh": "各楼中位数（元/㎡·年，稳健性检验）", "en": "Median of buildings (CNY/m²·yr, check)"},
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
        "zh": "{year} 年{cheapest}",
        "en": "In {year}: {cheapest}",
    },
    "compare.takeaway.composition": {
        "zh": "账面支出低估了真实成本：{top}的全成本比账面高 {top_pct}，{bottom}只高 {bottom_pct}。",
        "en": "The ledger understates cost: full cost is {top_pct} above recorded spending under {top}, "
        "only {bottom_pct} under {bottom}.",
    },
    "compare.takeaway.quality_none": {
        "zh": "{n} 栋楼的质量得分与每平方米全成本之间没有统计上显著的关系（等级相关 {rho}，p = {p}）："
        "现有数据不足以判断多花钱是否换来更好的服务。",
        "en": "Across {n} buildings quality and full cost per m² show no statistically significant relation (rank "
        "correlation {rho}, p = {p}): the data cannot tell whether spending more buys better service.",
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
}
