"""The phased, risk-aware simulator's words (分年安排、人员、关键数字), adopted plans (采纳方案) and Delivery
(执行跟踪). Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
    # levers added by the phased model
    "sim.lever.staffing_standard": {"zh": "人员配置标准", "en": "Staffing standard"},
    "sim.form.std": {"zh": "自有团队按人员配置标准精简", "en": "Bring in-house teams to the staffing standard"},
    "sim.form.std_help": {
        "zh": "自我保障团队超出统一人员配置标准的岗位按用工类型精简：劳务派遣退回派遣单位，编外合同人员依法支付经济补偿，"
        "编制内人员只能随退休、自然减员和转岗逐步消化。",
        "en": "In-house posts above the unified staffing norm are released by employment type: dispatched staff "
        "go back to their agency, contract staff with statutory compensation, established staff only as they "
        "retire, leave or are redeployed.",
    },
    "sim.view.schedule": {"zh": "分年安排与人员", "en": "By year and people"},
    # employment types and people
    "plans.type.established": {"zh": "编制内", "en": "established"},
    "plans.type.contract": {"zh": "编外合同", "en": "contract"},
    "plans.type.dispatched": {"zh": "劳务派遣", "en": "dispatched"},
    "plans.people.none": {"zh": "不涉及人员调整", "en": "no one's job is affected"},
    "plans.people.part": {"zh": "{type} {n} 人", "en": "{n} {type}"},
    "plans.people.some": {"zh": "涉及人员 {n} 人（{parts}）", "en": "{n} people are affected ({parts})"},
    "plans.people.title": {"zh": "每年精简人员（按用工类型）", "en": "People released each year, by employment type"},
    "plans.people.by_lever": {"zh": "各项措施涉及的人员", "en": "People affected, by lever"},
    "plans.people.caption": {
        "zh": "人数为按参数取值的期望值（实现比例不足一时可能有小数）；编制内人员随自然减员和转岗逐年消化，编外合同和劳务派遣人员在措施实施时离岗。",
        "en": "Expected numbers at the book's values (fractions where a lever is only partly realised); established "
        "staff go year by year with attrition and redeployment, contract and dispatched staff when the lever starts.",
    },
    "plans.unit.persons": {"zh": "人", "en": "people"},
    "plans.axis.persons": {"zh": "人数", "en": "People"},
    # the key figures
    "plans.headline": {
        "zh": "{who}预计 {start}—{end} 年共可节约（净现值）{p50}，有 80% 的可能在 {range}之间，实现节约的可能性为 {chance}。"
        "{budget}；{full}。{one_time}；{people}。",
        "en": "{who} would save {p50} in present value over {start}–{end}, with an 80% chance of lying in the range {range}; "
        "the chance of saving money is {chance}. {budget}; {full}. {one_time}; {people}.",
    },
    "plans.budget.cut": {"zh": "{year} 年预算可压减{amount}", "en": "The {year} budget can be cut by {amount}"},
    "plans.budget.value_cut": {"zh": "可压减{amount}", "en": "cut by {amount}"},
    "plans.budget.value_rise": {"zh": "需增加{amount}", "en": "rise by {amount}"},
    "plans.kf.budget_year": {"zh": "{year} 年预算", "en": "{year} budget"},
    "plans.budget.rise": {"zh": "{year} 年预算需增加{amount}（一次性成本先于节约发生）",
                          "en": "The {year} budget must rise by {amount} (one-time costs come before the saving)"},
    "plans.full.year": {"zh": "{year} 年达到全部效果，此后每年节约{annual}",
                        "en": "full effect in {year}, {annual} a year from then"},
    "plans.full.partial": {"zh": "到 {end} 年达到全部效果的 {share}（全部到位后每年节约{annual}）",
                           "en": "{share} of the full effect by {end} ({annual} a year once all of it is in place)"},
    "plans.one_time.none": {"zh": "无一次性成本", "en": "No one-time costs"},
    "plans.one_time.some": {"zh": "一次性成本{amount}，{payback}", "en": "One-time costs {amount}, {payback}"},
    "plans.tile.npv": {"zh": "净现值节约（万元）", "en": "NPV saving (CNY m)"},
    "plans.tile.npv_help": {"zh": "{start}—{end} 年，中位数；有 80% 的可能在 {range}之间。",
                            "en": "{start}–{end}, median; an 80% chance of lying in the range {range}."},
    "plans.tile.chance": {"zh": "实现节约的可能性", "en": "Chance of saving"},
    "plans.tile.chance_help": {
        "zh": "蒙特卡洛抽样中净现值为正的比例，已计入各项措施的实现比例、延迟和流标风险。",
        "en": "The share of Monte Carlo draws with a positive NPV, each lever's realisation share, delay and "
        "the risk of a failed tender included.",
    },
    "plans.tile.budget": {"zh": "{year} 年预算可压减（万元）", "en": "{year} budget cut (CNY m)"},
    "plans.tile.budget_rise": {"zh": "{year} 年预算需增加（万元）", "en": "{year} budget rise (CNY m)"},
    "plans.tile.budget_help": {"zh": "{year} 年节约减去当年一次性成本（中位数）；有 80% 的可能在 {range}之间。",
                               "en": "The {year} saving less that year's one-time costs (median); an 80% chance "
                               "of lying in the range {range}."},
    "plans.tile.budget_rise_help": {"zh": "{year} 年一次性成本超过当年节约（中位数）；有 80% 的可能需增加 {range}。",
                                    "en": "The {year} one-time costs exceed that year's saving (median); an 80% "
                                    "chance of a rise in the range {range}."},
    "plans.tile.full": {"zh": "达到全部效果", "en": "Full effect"},
    "plans.tile.after": {"zh": "{end} 年后", "en": "after {end}"},
    "plans.tile.people": {"zh": "涉及人员（人）", "en": "People affected"},
    "plans.tile.one_time": {"zh": "一次性成本（万元）", "en": "One-time costs (CNY m)"},
    "plans.kf.npv_range": {"zh": "{p50}（有 80% 的可能在 {range}之间）", "en": "{p50} (80% chance: {range})"},
    "plans.kf.budget_short": {"zh": "第一年预算", "en": "First-year budget"},
    "plans.kf.first_year": {"zh": "{year} 年节约", "en": "Saving in {year}"},
    "plans.kf.pack_budget": {"zh": "“{name}”{year} 年预算", "en": "“{name}”: {year} budget"},
    "plans.kf.pack_full": {"zh": "“{name}”达到全部效果", "en": "“{name}”: full effect"},
    "plans.kf.pack_people": {"zh": "“{name}”涉及人员", "en": "“{name}”: people affected"},
    # the schedule
    "plans.schedule.title": {"zh": "每年节约（按措施）与一次性成本", "en": "Saving each year by lever, and one-time costs"},
    "plans.schedule.one_time": {"zh": "一次性成本", "en": "One-time costs"},
    "plans.schedule.range": {"zh": "合计（中位数与 P10–P90）", "en": "Total (median, P10–P90)"},
    "plans.axis.saving_wan": {"zh": "万元", "en": "CNY 10k"},
    "plans.col.total": {"zh": "合计（按参数，万元）", "en": "Total at book values (CNY 10k)"},
    "plans.col.p10": {"zh": "合计 P10（万元）", "en": "Total P10 (CNY 10k)"},
    "plans.col.p50": {"zh": "合计 P50（万元）", "en": "Total P50 (CNY 10k)"},
    "plans.col.p90": {"zh": "合计 P90（万元）", "en": "Total P90 (CNY 10k)"},
    "plans.col.one_time": {"zh": "一次性成本（万元）", "en": "One-time costs (CNY 10k)"},
    "plans.col.net": {"zh": "净节约（万元）", "en": "Net saving (CNY 10k)"},
    "plans.col.people_established": {"zh": "编制内（人）", "en": "Established (people)"},
    "plans.col.people_contract": {"zh": "编外合同（人）", "en": "Contract (people)"},
    "plans.col.people_dispatched": {"zh": "劳务派遣（人）", "en": "Dispatched (people)"},
    "plans.takeaway.schedule": {
        "zh": "{who}的节约逐年到位：{first} 年{first_amount}，{year} 年达到全部效果（每年{annual}）。",
        "en": "{who} saves step by step: {first_amount} in {first}, full effect in {year} ({annual} a year).",
    },
    "plans.takeaway.schedule_partial": {
        "zh": "{who}的节约逐年到位：{first} 年{first_amount}，到 {end} 年达到全部效果的 {share}。",
        "en": "{who} saves step by step: {first_amount} in {first}, {share} of the full effect by {end}.",
    },
    "plans.takeaway.people": {
        "zh": "{who}在 {start}—{end} 年涉及人员约 {n} 人，其中编制内 {established} 人只能随退休和转岗逐步消化。",
        "en": "{who} affects about {n} people over {start}–{end}; the {established} established staff among them go "
        "only as they retire or are redeployed.",
    },
    "plans.takeaway.people_none": {"zh": "{who}不涉及人员调整。", "en": "{who} affects no one's job."},
    # the do-nothing path beside the ledger
    "plans.paths.history": {"zh": "账面历史", "en": "Ledger history"},
    "plans.history.short": {"zh": "账面记录不足两年，无法与历史增长比较。",
                            "en": " The ledger holds fewer than two years: no history to compare with."},
    "plans.history.above": {
        "zh": "账面历史 {first}—{last} 年年均增长 {past}，而维持现状的测算按参数表（工资年增 {wages}、物价年增 {prices}）年均增长 {ahead}，"
        "高于本市历史：节约的绝对额可能因此偏大。",
        "en": " The ledger grew {past} a year over {first}–{last}; the do-nothing projection, at the book's wage "
        "growth {wages} and inflation {prices}, grows {ahead} a year — faster than the city's own history, which "
        "may overstate the savings in money.",
    },
    "plans.history.in_line": {
        "zh": "账面历史 {first}—{last} 年年均增长 {past}，维持现状的测算按参数表（工资年增 {wages}、物价年增 {prices}）年均增长 {ahead}，与历史相近。",
        "en": " The ledger grew {past} a year over {first}–{last}; the do-nothing projection, at the book's wage "
        "growth {wages} and inflation {prices}, grows {ahead} a year, in line with the city's history.",
    },
    # adopted plans: refusals
    "plans.store.name_empty": {"zh": "计划名称不能为空。", "en": "A plan needs a name."},
    "plans.store.approver_empty": {"zh": "请写明批准人（或批准的会议）。", "en": "Say who approved the plan (a person or a meeting)."},
    # the Delivery page (执行跟踪)
    "page.delivery": {"zh": "执行跟踪", "en": "Delivery"},
    "delivery.caption": {
        "zh": "已采纳计划的每一年：计划节约与账面实际节约（受影响项目的基年全成本按当年实际工资、物价指数结转，减去当年全成本）。"
        "统一管理节约的间接费用按参数计提，账面无法体现。",
        "en": "Each year of an adopted plan: planned saving against the saving the ledger shows (each affected item's "
        "base-year full cost carried forward with that year's actual wage and price indices, less its full cost "
        "that year). Indirect cost saved by unified management is imputed, so the ledger cannot show it.",
    },
    "delivery.none": {
        "zh": "还没有采纳的计划。在“整合模拟”页载入已保存的方案后，可将其采纳为计划（需管理员权限）。",
        "en": "No plan has been adopted yet. Load a saved scenario on the Consolidation page to adopt it as the plan "
        "(an administrator's action).",
    },
    "delivery.pick": {"zh": "计划", "en": "Plan"},
    "delivery.title": {"zh": "“{name}”（第 {version} 版，{date} 经{who}批准）", "en": "“{name}” (version {version}, approved by {who} on {date})"},
    "delivery.headline": {
        "zh": "{title}{first}—{last} 年计划节约{planned}，账面实际节约{actual}，完成计划的 {share}。",
        "en": "{title}: {planned} planned over {first}–{last}, {actual} delivered by the ledger, {share} of the plan.",
    },
    "delivery.headline.none": {
        "zh": "{title}从 {first} 年起实施，账面尚无该年的记录。",
        "en": "{title} starts in {first}; the ledger has no record of that year yet.",
    },
    "delivery.flags.none": {"zh": "没有低于计划 P10 的项目。", "en": " No cell fell below the plan's P10."},
    "delivery.flags.some": {"zh": "{n} 项低于计划的 P10，差距最大的是：{cells}。", "en": " {n} fell below the plan's P10, the widest: {cells}."},
    "delivery.flag.cell": {"zh": "{year} 年{building}{lever}", "en": "{lever} at {building} in {year}"},
    "delivery.flag.below": {"zh": "低于 P10", "en": "below P10"},
    "delivery.planned": {"zh": "计划", "en": "Planned"},
    "delivery.actual": {"zh": "实际", "en": "Actual"},
    "delivery.years.title": {"zh": "每年计划与实际节约（按措施）", "en": "Planned and actual saving each year, by lever"},
    "delivery.buildings.title": {"zh": "各楼宇计划与实际节约（累计）", "en": "Planned and actual saving by building (to date)"},
    "delivery.takeaway.buildings": {"zh": "差距最大的是{building}，比计划少{gap}。", "en": "The widest gap is at {building}: {gap} short of the plan."},
    "delivery.takeaway.buildings_ok": {"zh": "各楼宇均达到或超过计划。", "en": "Every building meets or beats the plan."},
    "delivery.col.planned": {"zh": "计划（万元）", "en": "Planned (CNY 10k)"},
    "delivery.col.p10": {"zh": "计划 P10（万元）", "en": "Plan P10 (CNY 10k)"},
    "delivery.col.actual": {"zh": "实际（万元）", "en": "Actual (CNY 10k)"},
    "delivery.col.variance": {"zh": "差额（万元）", "en": "Variance (CNY 10k)"},
    "delivery.col.planned_yuan": {"zh": "计划（元）", "en": "Planned (CNY)"},
    "delivery.col.p10_yuan": {"zh": "计划 P10（元）", "en": "Plan P10 (CNY)"},
    "delivery.col.actual_yuan": {"zh": "实际（元）", "en": "Actual (CNY)"},
    "delivery.col.variance_yuan": {"zh": "差额（元）", "en": "Variance (CNY)"},
    "delivery.col.flag": {"zh": "提示", "en": "Flag"},
    "delivery.kf.planned": {"zh": "计划节约（至今）", "en": "Planned to date"},
    "delivery.kf.actual": {"zh": "实际节约（至今）", "en": "Delivered to date"},
    "delivery.kf.share": {"zh": "完成比例", "en": "Share delivered"},
    "delivery.kf.flags": {"zh": "低于 P10 的项目", "en": "Cells below P10"},
    "delivery.table": {"zh": "明细：楼宇 × 措施 × 年度（元，精确到分）", "en": "Detail: building × lever × year (CNY, to the fen)"},
    "delivery.plan.levers": {"zh": "采纳时的措施与测算", "en": "What was adopted"},
    "delivery.plan.figures": {
        "zh": "采纳时测算 {first}—{last} 年净现值节约约 {p50}（有 80% 的可能在 {range}之间，{draws} 次抽样）。措施：{levers}。{note}",
        "en": "Forecast when adopted: about {p50} in present value over {first}–{last} (80% chance: {range}, "
        "{draws} draws). Levers: {levers}. {note}",
    },
    # adopting a scenario as the plan (on the Consolidation page)
    "adopt.button": {"zh": "采纳为计划", "en": "Adopt as the plan"},
    "adopt.help": {
        "zh": "把已保存的方案采纳为计划：按楼宇、措施、年度冻结测算结果，记录批准人和日期；之后在“执行跟踪”页逐年对照账面。",
        "en": "Adopt the saved scenario as the plan: its forecast by building, lever and year is frozen with who approved "
        "it and when; the Delivery page then checks it against the ledger year by year.",
    },
    "adopt.needs_saved": {"zh": "请先保存方案（未改动的已保存方案才能采纳）。", "en": "Save the scenario first: only a saved, unchanged scenario can be adopted."},
    "adopt.name": {"zh": "计划名称", "en": "Plan name"},
    "adopt.approved_by": {"zh": "批准人（或批准会议）", "en": "Approved by (person or meeting)"},
    "adopt.date": {"zh": "批准日期", "en": "Approved on"},
    "adopt.note": {"zh": "备注", "en": "Note"},
    "adopt.confirm": {"zh": "确认采纳", "en": "Adopt"},
    "adopt.done": {"zh": "已采纳为计划“{name}”（第 {version} 版）。", "en": "Adopted as the plan “{name}” (version {version})."},
}
