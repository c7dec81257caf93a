"""Consolidation (整合模拟) and Scenarios (方案比较). Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
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
        "zh": "同一片区内至少两栋楼、同一服务的自有和派遣人员合并对照人员配置标准，超出部分精简：自有人员按用工类型规则（经济补偿、退回派遣、编制内随自然减员），企业人员在合同续签时减少。",
        "en": "In-house and labour-only staff of a service in two or more buildings of a district are set against "
        "the staffing norm of their combined area; the excess goes — in-house staff by the rules of their "
        "employment type (compensation, return to the agency, attrition), vendor staff at renewal.",
    },
    "sim.form.energy": {"zh": "公共机构节能管理", "en": "Energy management"},
    "sim.form.cap": {"zh": "超标收费封顶", "en": "Cap fees above the standard"},
    "sim.form.cap_help": {
        "zh": "服务企业高于统一标准（含容差）的收费在合同到期或调价日压到标准（含容差）；自我保障团队没有收费可压（见人员配置标准）；按实支付项目不封顶。与“统一标准”页“超标收费封顶可释放”的口径一致。",
        "en": "Vendor fees above the unified standard (plus tolerance) are capped there when the contract ends or "
        "its price is reviewed; in-house teams have no fee to cap (see the staffing standard); items paid at "
        "actual are not capped. The same figure as “Released by capping fees” on the Standards page.",
    },
    "sim.form.tolerance": {"zh": "容差（%）", "en": "Tolerance (%)"},
    "sim.form.hurdle": {"zh": "最低转换差额（自有人员费用的 %）", "en": "Minimum conversion differential (% of in-house personnel cost)"},
    "sim.form.hurdle_help": {
        "zh": "每项转换每年至少要节约这么多才计入；默认取参数表的值（OMB A-76：10%）。",
        "en": "A conversion counts only if it saves at least this much a year; the default is the assumption "
        "book's (OMB A-76: 10%).",
    },
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
    "sim.url.adjusted": {
        "zh": "方案参数中有本页无法按原样显示的取值，已调整：{items}。请核对后再保存。",
        "en": "The levers hold values this page cannot show as they are, so they were changed: {items}. "
        "Check them before saving.",
    },
    "sim.reach.lots": {"zh": "“{service}”标段数 {n} 超过上限，按 {max} 计", "en": "{service}: {n} lots is beyond the {max} offered; {max} used"},
    "sim.reach.bundle": {"zh": "“{service}”不能集中采购，已去掉", "en": "{service} cannot be bundled; left out"},
    "sim.reach.start": {"zh": "起始年份 {year} 不在 {low}–{high} 之内，按 {used} 计",
                        "en": "first year {year} is outside {low}-{high}; {used} used"},
    "sim.reach.building": {"zh": "范围中的“{building}”在数据中没有，已去掉",
                           "en": "{building} in the scope is not in the store; left out"},
    "sim.reach.item": {"zh": "转换项目“{building} · {service}”在数据中没有，已去掉",
                       "en": "the conversion of {building} · {service} names no such item; left out"},
    "sim.problem": {"zh": "方案参数有误：{msg}", "en": "The levers cannot be simulated: {msg}"},
    "lever.err.json": {"zh": "方案参数不是有效的 JSON（第 {pos} 个字符处：{msg}）",
                       "en": "levers are not valid JSON ({msg}, position {pos})"},
    "lever.err.object": {"zh": "方案参数须为 JSON 对象", "en": "levers must be a JSON object"},
    "lever.err.fields": {"zh": "{problems}", "en": "levers: {problems}"},
    "lever.err.unknown": {"zh": "不认识的参数 {where}", "en": "unknown key {where}"},
    "lever.err.value": {"zh": "“{where}”的取值不在允许范围内", "en": "{where}: value refused"},
    "lever.err.long": {"zh": "方案参数长 {n} 个字符，最多 {limit} 个", "en": "levers are {n} characters long; at most {limit}"},
    "lever.err.depth": {"zh": "方案参数嵌套超过 {depth} 层", "en": "levers nest deeper than {depth} levels"},
    "lever.err.link_long": {"zh": "链接中的方案参数长 {n} 个字符，最多 {limit} 个",
                            "en": "the levers in the link are {n} characters long; at most {limit}"},
    "lever.err.unpacked": {"zh": "链接中的方案参数解压后超过 {limit} 字节",
                           "en": "the levers in the link unpack to more than {limit} bytes"},
    "lever.err.damaged": {"zh": "链接中的方案参数已损坏（请复制完整链接）",
                          "en": "the levers in the link are damaged (copy the whole link)"},
    "lever.err.start_year": {"zh": "起始年份须晚于基年 {base} 年、且不晚于 {last} 年",
                             "en": "start_year must be after the base year {base} and no later than {last}"},
    "lever.field.horizon_years": {"zh": "测算年限", "en": "horizon_years"},
    "lever.field.start_year": {"zh": "起始年份", "en": "start_year"},
    "lever.field.scope": {"zh": "范围", "en": "scope"},
    "lever.field.buildings": {"zh": "办公楼/区", "en": "buildings"},
    "lever.field.services": {"zh": "服务项目", "en": "services"},
    "lever.field.tolerance": {"zh": "容差", "en": "tolerance"},
    "lever.field.enabled": {"zh": "启用", "en": "enabled"},
    "lever.field.conversions": {"zh": "模式转换", "en": "conversions"},
    "lever.field.convert_rule": {"zh": "转换规则", "en": "convert_rule"},
    "lever.field.building": {"zh": "办公楼/区", "en": "building"},
    "lever.field.service": {"zh": "服务项目", "en": "service"},
    "lever.field.to": {"zh": "转为", "en": "to"},
    "lever.field.from": {"zh": "原方式", "en": "from"},
    "lever.err.scenario": {"zh": "方案“{name}”：{problem}", "en": "scenario '{name}': {problem}"},
    "lever.err.building": {"zh": "数据中没有名为 {names} 的办公楼/区", "en": "no building named {names} in the store"},
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
    "sim.payback.none_needed": {"zh": "无需回收", "en": "nothing to pay back"},
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
    "sim.details.transition": {"zh": "一次性成本：经济补偿与退回派遣 {severance}，招标 {tendering}，交接 {handover}。", "en": "One-time transition costs: severance {severance}, tendering {tendering}, hand-over {handover}."},
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
        "zh": """**口径。** 基数是测算范围内各项服务在 {base} 年的全成本（账面支出加上社保、间接费、监管和合同管理成本，见“模式对比”页）。各项措施按固定顺序作用，每一项只在前一项之后剩下的成本上计算，满效时节约不重复；每项措施的满效节约再乘以其**实现比例**（参数表，依据审计署式的事后评估：GAO、英国国家审计署 NAO，均为估计值的实现程度）：

1. **模式转换**：外包价＝统一标准×面积×12×新签合同价格系数×（1＋合同管理成本率）；没有统一标准的服务（食堂）按本市同类合同每服务人数的中位价。改为派人不配物或自我保障时，人数按配置标准（取整）、工资按现有人员计。预期节约须超过**最低转换差额**（自有人员费用的 {hurdle}）才计入；核心、关键、保密事项不会交给外部企业。由企业承担的服务在**合同到期**后才能转换；自我保障的服务在决定后（经过一段延迟）即可转换，其编制内人员不能辞退，转换后其费用继续发生，直到退休、自然减员或转岗消化。
2. **统一管理**：多部门合用楼宇的间接费用按统一管理节约率节约，经过**筹建期**后逐步（爬坡期）到位。
3. **收费封顶**：只针对服务企业的收费（整体外包合同价、派人不配物的劳务费），高于统一标准×（1＋容差）的部分压到该水平；只能在**合同到期或约定的调价日**实现（政府采购法第五十条：合同不得单方变更）。自我保障团队没有收费可压，由人员配置标准处理。
4. **人员配置标准**：自我保障团队超出配置标准（取整）的岗位精简：先退回劳务派遣人员，再解除编外合同（按劳动合同法第四十七条支付经济补偿：每满一年一个月工资，不满六个月半个月，高收入封顶），劳动合同法第四十二条保护的人员和编制内人员只能随自然减员（参数表）和转岗逐步消化。
5. **集中采购**：标段面积为 A 时价格系数为 1−s·(1−e^(−A/c))，与现在按合同面积的系数之差即节约；各楼在其合同到期后并入标段，每个标段招标一次。
6. **人员统筹**：同一片区内至少两栋楼、同一服务的人员合并对照配置标准，超出部分精简；自有人员按上述用工规则，企业人员在合同续签时减少。
7. **节能管理**：能耗支出×节能率，筹建期后逐步到位。
8. **考核奖惩**：按考核等级对服务费奖惩（扣减为节约，奖励为支出），写入续签的合同。

**时间与风险。** 每项措施另有不确定的**延迟**；招标可能失败（流标，政府采购法第三十六条），此时原合同按原价续期后重新招标。一次性成本（经济补偿、退回派遣、招标、交接重叠）计入发生当年。人工相关的费用（含间接费）按工资增长率增长，其余按物价上涨率增长；净现值按 {discount} 的折现率折到第一年年初。**超过最低转换差额**指：净现值节约超过所计入转换的最低转换差额现值（自各项转换生效起），且每一项转换的预期节约都超过其差额。""",
        "en": """**Basis.** The baseline is the {base} full cost of every service in scope (recorded spending plus on-costs, overhead, supervision and contract administration; see Compare modes). The levers act in a fixed order, each on the cost left by those before it, so nothing is saved twice at full effect; each lever's full-effect saving is then scaled by its **realisation share** (the book, informed by audits of estimated savings: GAO, the UK National Audit Office):

1. **Mode conversion**: an outsourced price = unified standard × area × 12 × new-contract price factor × (1 + contract administration); a service without a standard (the canteen) is priced at the median of the city's own contracts per staff member served. Labour-only or in-house delivery is staffed at the norm (whole workers) at today's wage. A conversion counts only if its expected saving exceeds the **minimum conversion differential** ({hurdle} of the in-house personnel cost); core, key and confidential items never go to an outside vendor. A vendor-delivered service converts only **at its contract's end**; an in-house one after the lever's delay, but its established staff cannot be dismissed: their cost stays until they retire, leave or are redeployed.
2. **Unified management**: a share of the indirect cost of buildings shared by several departments, after a **set-up period**, on a ramp.
3. **Fee cap**: on vendors' fees only (contract prices, labour-only invoices): the part above standard × (1 + tolerance) is capped, **at the contract's end or agreed price-review date** (a running contract cannot be changed unilaterally). In-house teams have no fee: the staffing standard deals with them.
4. **Staffing standard**: in-house posts above the norm (whole workers) go: dispatched staff first, then contract staff with statutory compensation (Labour Contract Law art. 47: a month's wage per year, half a month under six months, capped for high earners); protected (art. 42) and established staff only by attrition (the book's rate) and redeployment.
5. **Bundled procurement**: a lot of area A is priced at 1 − s·(1 − e^(−A/c)); the saving is the difference from today's factor for the area each item is bought with; each item joins its lot at its contract's end; one tender per lot.
6. **Staff pooling**: staff of one service in two or more buildings of a district are set against the norm of their combined area; in-house staff go by the rules above, vendor staff at renewal.
7. **Energy management**: energy cost × the saving rate, after a set-up period, on a ramp.
8. **Quality bonus and penalty**: fees move by the score band's adjustment (a deduction saves, a bonus costs), written into the renewed contract.

**Timing and risk.** Every lever's start slips by an uncertain **delay**; a tender can fail (Government Procurement Law art. 36), and the old contract then rolls over at the old price until a new tender succeeds. One-time costs (compensation, returning dispatched staff, tenders, hand-over overlap) fall in the year they occur. Labour-driven costs (indirect cost included) grow with wages, the rest with prices; the NPV discounts at {discount} to the start of the first year. **Beating the hurdle** means the NPV saving exceeds the present value of the counted conversions' differentials (each from its start), and each conversion's expected saving exceeds its own.""",
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
    "scen.tab.npv": {"zh": "节约有多确定", "en": "How sure the saving is"},
    "scen.tab.levers": {"zh": "节约来自哪里", "en": "Where the saving comes from"},
    "scen.tab.paths": {"zh": "逐年节约", "en": "Saving year by year"},
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
    "scen.col.updated": {"zh": "更新时间（北京时间）", "en": "Updated (Beijing time)"},
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
