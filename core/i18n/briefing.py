"""The briefing (汇报提纲), the pack's cover, the one definition of the cheapest mode, and saved
scenarios' versions and approval. Each key's Chinese and English side by side."""

_NUM_ZH = "一二三四五六七八九十"

STRINGS: dict[str, dict[str, str]] = {
    # the five paragraphs
    "brief.title": {"zh": "汇报提纲", "en": "Briefing"},
    "brief.subtitle": {
        "zh": "关于机关后勤服务统一管理有关情况的汇报",
        "en": "Report on the unified management of agency support services",
    },
    "brief.para.basic": {"zh": "一、基本情况", "en": "1. Where we stand"},
    "brief.para.problems": {"zh": "二、存在问题", "en": "2. Problems"},
    "brief.para.results": {"zh": "三、测算结果", "en": "3. What the scenario would save"},
    "brief.para.proposals": {"zh": "四、下一步建议", "en": "4. Proposals"},
    "brief.para.requests": {"zh": "五、请示事项", "en": "5. For the leadership group's decision"},
    "brief.basic": {
        "zh": "目前纳入统计的办公楼（区）共 {buildings} 栋，建筑面积约 {area} 万平方米，涉及部门和单位 {departments} 个。"
        "{year} 年后勤服务账面支出 {total}，折合每平方米 {per_m2} 元。按保障模式分：{modes}。",
        "en": "The statistics cover {buildings} office buildings of about {area} ten-thousand m², used by "
        "{departments} departments and units. Recorded spending on support services in {year} was {total}, "
        "CNY {per_m2} per m². By support mode: {modes}. ",
    },
    "brief.mode_count": {"zh": "{mode} {n} 栋", "en": "{mode} {n} buildings"},
    "brief.problem.standards": {
        "zh": "收费标准不统一，{year} 年有 {red} 项服务费用超出统一标准 {red_pct} 以上、{amber} 项超出 {amber_pct}～{red_pct}，"
        "超出标准的金额合计约 {excess}（按实支付的能耗、维修另列，不计入）",
        "en": "fees are not unified: in {year}, {red} service items cost more than {red_pct} above the unified "
        "standard and {amber} between {amber_pct} and {red_pct} above, about {excess} above the standards in all (energy and "
        "repairs paid at actual are listed apart and not counted)",
    },
    "brief.problem.standards_none": {
        "zh": "{year} 年各项服务费用均在统一标准预警线以内",
        "en": "in {year} every service item's cost was within the standards' warning line",
    },
    "brief.problem.budget": {
        "zh": "预算执行波动较大，{first}—{last} 年各年实际支出与预算的偏差在 {low} 至 {high} 之间",
        "en": "budgets swing: between {first} and {last} actual spending differed from the budget by {low} to {high}",
    },
    "brief.problem.channels": {
        "zh": "采购渠道不一，仍有 {n} 份合同采用单一来源或直接委托方式，年合同额 {amount}",
        "en": "purchasing channels differ: {n} contracts, worth {amount} a year, were single-source or directly awarded",
    },
    "brief.problem.channels_none": {
        "zh": "现行合同均通过竞争方式采购，采购渠道问题主要在于标准不一",
        "en": "every running contract was competitively procured; the channels differ in their standards",
    },
    "brief.problem.ledger": {
        "zh": "支出不够透明，账面支出低估了真实成本，计入自有人员社保公积金、间接费用和合同管理成本后，全成本比账面高 {uplift}",
        "en": "spending is not transparent: the ledger understates cost, and with in-house on-costs, overheads and "
        "contract administration counted, full cost is {uplift} above recorded spending",
    },
    "brief.results": {
        "zh": "以“{name}”方案（第 {version} 版，{status}）测算：{headline}方案采取的措施为：{levers}。"
        "以上为模型测算，实际节约取决于合同到期、重新招标和人员安置的进度。",
        "en": "Scenario “{name}” (version {version}, {status}): {headline} Its levers: {levers}. These are model "
        "estimates; the actual saving depends on when contracts end, on re-tendering and on staff redeployment.",
    },
    "brief.results.none": {
        "zh": "本次材料未选择整合方案，不含节约测算；可在“整合模拟”页形成方案后再行测算。",
        "en": "No consolidation scenario was chosen for this pack, so it contains no estimate of savings.",
    },
    "brief.proposal.scenario": {
        "zh": "以“{name}”方案为基础，分步推进统一管理，先易后难，合同到期一批、整合一批",
        "en": "build on scenario “{name}” and consolidate step by step, each contract as it ends",
    },
    "brief.proposal.scenario_none": {
        "zh": "在统一标准的基础上形成整合方案，提交领导小组审议",
        "en": "draw up a consolidation scenario on the unified standards for the leadership group",
    },
    "brief.proposal.standards": {
        "zh": "执行统一收费标准和服务标准，在合同续签或重新招标时将超标收费降至标准以内，明显低于标准的项目核查服务是否到位",
        "en": "apply the unified fee and service standards, bring fees above them down at renewal or re-tender, "
        "and check that items far below the standard are fully served",
    },
    "brief.proposal.procurement": {
        "zh": "规范采购渠道，减少单一来源和直接委托，推行打包采购",
        "en": "regularise purchasing: fewer single-source and direct awards, bundled lots",
    },
    "brief.proposal.budget": {
        "zh": "按全成本编制预算，减少年度间波动",
        "en": "budget on full cost to reduce the swings between years",
    },
    "brief.proposal.tracking": {
        "zh": "建立执行跟踪机制，每年对照测算核实实际节约",
        "en": "track delivery: check the actual saving against the estimate every year",
    },
    "brief.request.scenario": {
        "zh": "审议“{name}”方案，同意以该方案作为统一管理工作的测算基础",
        "en": "consider scenario “{name}” and agree to it as the basis of unified management",
    },
    "brief.request.scenario_none": {
        "zh": "同意由机关事务管理局会同有关部门形成整合方案，提交下次会议审议",
        "en": "agree that the Bureau, with the departments concerned, draws up a scenario for the next meeting",
    },
    "brief.request.standards": {
        "zh": "同意由机关事务管理局牵头，会同财政局、物价局制定并发布统一收费标准和服务标准",
        "en": "agree that the Bureau, with the Finance and Price bureaus, issues the unified fee and service standards",
    },
    "brief.request.lead": {
        "zh": "同意由监察局对采购渠道和标准执行情况进行监督",
        "en": "agree that the Supervision Bureau oversees the purchasing channels and the standards' application",
    },
    "brief.join.item": {"zh": "；", "en": "; "},
    "brief.join.request": {"zh": "；", "en": "; "},
    "brief.end": {"zh": "。", "en": "."},
    **{f"brief.item.{i}": {"zh": f"{_NUM_ZH[i - 1]}是{{text}}",
                           "en": ("First, " if i == 1 else ("second, ", "third, ", "fourth, ", "fifth, ", "sixth, ")[i - 2]
                                  if i <= 6 else "and ") + "{text}"} for i in range(1, 10)},
    **{f"brief.request.{i}": {"zh": f"（{_NUM_ZH[i - 1]}）{{text}}", "en": f"({i}) {{text}}"} for i in range(1, 10)},
    "brief.edit": {"zh": "汇报提纲（可逐段修改）", "en": "Briefing (edit any paragraph)"},
    "brief.edit_help": {
        "zh": "各段由数据和所选方案自动起草；修改后点“保存提纲和设置”，导出的材料即用修改后的文字。清空一段即恢复自动起草。",
        "en": "Each paragraph is drafted from the data and the chosen scenario; edit it and press “Save briefing and "
        "settings” and the pack uses your text. Clear a paragraph to go back to the draft.",
    },
    "brief.save": {"zh": "保存提纲和设置", "en": "Save briefing and settings"},
    "brief.saved": {"zh": "已保存（第 {version} 版，{who}，{when}）。", "en": "Saved (version {version}, {who}, {when})."},
    "brief.saved_line": {
        "zh": "已保存的设置：第 {version} 版，{who}，{when}（北京时间）。",
        "en": "Saved settings: version {version}, by {who}, {when} (Beijing time).",
    },
    "brief.edited": {"zh": "（已修改）", "en": " (edited)"},
    "brief.stale": {
        "zh": "会议材料设置已被他人保存为更新的版本（您看到的是第 {version} 版），未写入。请刷新后重试。",
        "en": "Someone saved newer pack settings since you loaded version {version}; nothing was written. Reload and retry.",
    },
    "brief.too_long": {
        "zh": "“{para}”一段有 {n} 个字，超过 {limit} 字的上限，未保存。",
        "en": "The paragraph “{para}” has {n} characters, above the limit of {limit}; nothing was saved.",
    },
    "brief.internal": {"zh": "内部资料 注意保存", "en": "INTERNAL — not for circulation"},
    "brief.page": {"zh": "第 {n} 页", "en": "Page {n}"},
    "common.yes": {"zh": "是", "en": "Yes"},
    "common.no": {"zh": "否", "en": "No"},
    # a scenario's settings in words
    "setting.on": {"zh": "采用", "en": "used"},
    "setting.off": {"zh": "不采用", "en": "not used"},
    "setting.book": {"zh": "按参数库取值", "en": "as the assumption book has it"},
    "setting.none": {"zh": "无", "en": "none"},
    "setting.fee_cap": {
        "zh": "超出统一标准（容差：{tolerance}）的收费，在合同续签或重新招标时降至标准",
        "en": "fees above the unified standard (tolerance {tolerance}) are brought down to it at renewal or re-tender",
    },
    "setting.lots": {"zh": "{service}分 {n} 个标段", "en": "{service} in {n} lot(s)"},
    "setting.convert_rule": {"zh": "{services}由{frm}转为{to}", "en": "{services}: from {frm} to {to}"},
    "setting.conversion": {"zh": "{building}{service}转为{to}", "en": "{building}, {service}: to {to}"},
    "setting.scope": {"zh": "楼宇：{buildings}；服务：{services}", "en": "buildings: {buildings}; services: {services}"},
    "setting.all_buildings": {"zh": "全部楼宇", "en": "every building"},
    "setting.all_services": {"zh": "全部服务项目", "en": "every service"},
    "setting.years": {"zh": "{n} 年", "en": "{n} years"},
    "setting.name.convert_rule": {"zh": "模式转换规则", "en": "Conversion rule"},
    "setting.name.conversions": {"zh": "逐项转换", "en": "Conversions, item by item"},
    "setting.name.scope": {"zh": "范围", "en": "Scope"},
    "setting.name.horizon_years": {"zh": "测算年限", "en": "Horizon"},
    "setting.name.enabled": {"zh": "启用", "en": "Used"},
    "setting.name.tolerance": {"zh": "容差", "en": "Tolerance"},
    # the cover
    "cover.title": {"zh": "关键数字", "en": "Key figures"},
    "cover.spend": {"zh": "{year} 年后勤服务支出", "en": "Support-services spending in {year}"},
    "cover.spend_note": {
        "zh": "{buildings} 栋办公楼（区）、{area} 平方米的账面支出合计，含按实支付的能耗和维修。",
        "en": "Recorded spending of {buildings} buildings ({area} m²), energy and repairs paid at actual included.",
    },
    "cover.per_m2": {"zh": "每平方米年支出", "en": "Spending per m² a year"},
    "cover.per_m2_note": {
        "zh": "账面支出 ÷ 建筑面积；用于与统一标准和其他城市比较。",
        "en": "Recorded spending ÷ floor area; the figure to set against the standards and other cities.",
    },
    "cover.cheapest": {"zh": "每平方米全成本最低的保障模式", "en": "Cheapest support mode per m² (full cost)"},
    "cover.above": {"zh": "超出统一标准的服务项目", "en": "Service items above the unified standard"},
    "cover.above_value": {"zh": "{n} 项", "en": "{n} items"},
    "cover.above_note": {
        "zh": "超出标准 {red_pct} 以上 {red} 项、{amber_pct}～{red_pct} {amber} 项；超标收费降至标准（含容差）每年可释放约 {release}。",
        "en": "{red} items more than {red_pct} above, {amber} between {amber_pct} and {red_pct}; capping the fees at the standard (with "
        "its tolerance) would release about {release} a year.",
    },
    "cover.npv": {"zh": "“{name}”方案测算期内节约（中位数）", "en": "Saving of “{name}” over the horizon (median)"},
    "cover.npv_note": {
        "zh": "按折现后的净节约计，扣除一次性转换成本；有 80% 的可能在 {range}之间。",
        "en": "Discounted net saving after one-time transition costs; an 80% chance of lying in the range {range}.",
    },
    "cover.prob": {"zh": "实现正节约的可能性", "en": "Chance of a net saving"},
    "cover.prob_note": {
        "zh": "在 {draws} 次随机模拟中，净节约大于零的比例；反映价格、实现程度等不确定因素。",
        "en": "Share of {draws} simulated futures with a net saving above zero, prices and realisation uncertain.",
    },
    # the one definition of the cheapest mode
    "cheapest.head": {
        "zh": "按各模式全成本合计 ÷ 建筑面积合计计算，{mode}每平方米全成本最低（{value} 元/㎡·年）",
        "en": "Measured as each mode's total full cost ÷ its total floor area, {mode} is cheapest (CNY {value} per m² a year)",
    },
    "cheapest.robust": {
        "zh": "；按各楼中位数检验，结论相同。",
        "en": "; the median of buildings names the same mode.",
    },
    "cheapest.fragile": {
        "zh": "；但按各楼中位数检验，{mode}最低（{value} 元），结论对口径敏感，不宜据此直接选择模式。",
        "en": "; by the median of buildings, however, {mode} is lowest (CNY {value}): the answer depends on the "
        "measure and should not by itself decide the mode.",
    },
    "cheapest.none": {"zh": "没有可比较的保障模式。", "en": "No support mode can be compared."},
    # saved scenarios: versions and approval
    "scen.status.title": {"zh": "审批", "en": "Approval"},
    "scen.status.line": {"zh": "状态：{status}", "en": "Status: {status}"},
    "scen.status.drafted": {"zh": "拟稿：{who}，{when}", "en": "Drafted by {who}, {when}"},
    "scen.status.submitted": {"zh": "送审：{who}，{when}", "en": "Submitted by {who}, {when}"},
    "scen.status.approved_line": {"zh": "批准：{who}，{when}", "en": "Approved by {who}, {when}"},
    "scen.status.submit": {"zh": "送审", "en": "Submit for approval"},
    "scen.status.approve": {"zh": "批准", "en": "Approve"},
    "scen.status.send_back": {"zh": "退回修改", "en": "Send back"},
    "scen.status.submitted_done": {"zh": "“{name}”已送审。", "en": "“{name}” was submitted for approval."},
    "scen.status.approved_done": {"zh": "“{name}”已批准。", "en": "“{name}” was approved."},
    "scen.status.sent_back_done": {"zh": "“{name}”已退回拟稿。", "en": "“{name}” was sent back to draft."},
    "scen.status.step_refused": {
        "zh": "方案“{name}”当前为“{status_from}”，不能改为“{status_to}”，未写入。",
        "en": "Scenario “{name}” is {status_from} and cannot become {status_to}; nothing was written.",
    },
    "scen.status.approver_only": {
        "zh": "批准和退回需要管理员权限。",
        "en": "Approving and sending back need an administrator.",
    },
    "scen.col.status": {"zh": "审批状态", "en": "Status"},
    "scen.col.approved": {"zh": "批准人及时间（北京时间）", "en": "Approved by, when (Beijing time)"},
    "scen.col.saved_npv": {"zh": "保存时测算的节约（中位数）", "en": "Saving when saved (median)"},
    "scen.col.data": {"zh": "数据变化", "en": "Data since"},
    "scen.data.same": {"zh": "保存后数据未变", "en": "unchanged since saving"},
    "scen.data.changed": {"zh": "数据已于 {when} 更新", "en": "data changed {when}"},
    "scen.data.unknown": {"zh": "保存时未记录结果", "en": "no results kept when saved"},
    "scen.frozen": {
        "zh": "“{name}”第 {version} 版保存于 {saved}（北京时间），当时测算：{headline}",
        "en": "“{name}” version {version} was saved on {saved} (Beijing time), when it computed: {headline}",
    },
    "scen.frozen_changed": {
        "zh": "此后数据已于 {when} 更新，按当前数据重新测算的结果见下方；保存时的结果保留不变。",
        "en": "The data changed on {when}; below are the figures on today's data. The saved results are kept as they were.",
    },
}
