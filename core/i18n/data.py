"""Data (数据管理): import, editing, audit, export, backup. Each key's Chinese and English side by side."""

STRINGS: dict[str, dict[str, str]] = {
    "page.data": {"zh": "数据管理", "en": "Data"},
    "data.caption": {
        "zh": "导入前先全部校验、再一次性写入；每一次新增、修改、删除都记入审计日志。",
        "en": "Every file is checked in full before anything is written, then written in one go; every insert, "
        "update and delete is recorded in the audit log.",
    },
    "data.tab.import": {"zh": "导入", "en": "Import"},
    "data.tab.edit": {"zh": "在线编辑", "en": "Edit"},
    "data.tab.checkup": {"zh": "数据体检", "en": "Data check-up"},
    "data.tab.audit": {"zh": "审计日志", "en": "Audit log"},
    "data.tab.export": {"zh": "导出与备份", "en": "Export and backup"},
    "data.table": {"zh": "数据表", "en": "Table"},
    "data.table_auto": {"zh": "按文件名、工作表名或表头自动识别", "en": "Tell from the file, sheet or header"},
    "data.encoding": {"zh": "CSV 编码", "en": "CSV encoding"},
    "data.encoding.auto": {"zh": "自动（UTF-8 或 GBK）", "en": "Automatic (UTF-8 or GBK)"},
    "data.upload": {"zh": "选择 CSV 或 XLSX 文件（可多选）", "en": "Choose CSV or XLSX files (several at once if you like)"},
    "data.upload_help": {
        "zh": "表头可用中文或英文，取值可用中文或英文；单个文件不超过 {limit}。",
        "en": "Headers and values may be in Chinese or English; at most {limit} per file.",
    },
    "data.templates": {"zh": "下载导入模板（含示例、填写说明和下拉选项）",
                       "en": "Download an import template (with an example, notes and drop-down lists)"},
    "data.templates_help": {
        "zh": "XLSX 模板的“示例（不导入）”“填写说明”工作表不会被导入，可以保留；CSV 模板只有表头。",
        "en": "The XLSX template's example and notes sheets are never imported, so they may stay in the file; "
        "the CSV template is the header row alone.",
    },
    "data.template.title": {"zh": "“{table}”导入模板：填写说明", "en": "Import template for {table}: notes"},
    "data.template.rule.key": {
        "zh": "标“关键列”的列合起来确定一行：数据库中已有的行为“修改”，其余为“新增”；导入不会删除数据。",
        "en": "The key columns together name a row: a row already in the store is an update, any other an "
        "insert; an import never deletes.",
    },
    "data.template.rule.blank": {
        "zh": "修改已有的行时，留空的单元格保留数据库中的原值；文件中没有的列也保留原值。",
        "en": "In an update, a blank cell keeps the stored value, and so does a column the file leaves out.",
    },
    "data.template.rule.clear": {
        "zh": "要清空已有的值，请在单元格中填“{clear}”（全角或半角括号均可）。",
        "en": "To empty a stored value, write {clear} in the cell.",
    },
    "data.template.rule.dates": {
        "zh": "日期建议写成 2024-01-31；每列只用一种写法。31/01/2024 这类写法若无法判断日月顺序会被拒绝；只有年份不是日期。",
        "en": "Write dates as 2024-01-31, one format per column; a date such as 01/02/2024 that reads two ways is "
        "refused unless another date in the column settles the order; a year alone is not a date.",
    },
    "data.template.rule.digits": {
        "zh": "数字、日期可用全角（２０２５、１，２３４．５）；是/否可填 是、否、true、false、1、0。",
        "en": "Numbers and dates may use full-width digits and separators (２０２５, １，２３４．５); yes/no may be "
        "是, 否, true, false, 1 or 0.",
    },
    "data.template.rule.formula": {
        "zh": "文字不能以 =、+、-、@ 开头（电子表格会当作公式执行）。",
        "en": "Text may not start with =, +, - or @ (a spreadsheet would run it as a formula).",
    },
    "data.template.rule.example": {
        "zh": "“{example}”工作表是填好的示例，导入时跳过，可以保留。",
        "en": "The {example} sheet is filled in as an example; the import skips it, so it may stay.",
    },
    "data.template.rule.limits": {
        "zh": "单个文件不超过 {mb} MB、{rows} 行、{columns} 列。",
        "en": "At most {mb} MB, {rows} rows and {columns} columns per file.",
    },
    "data.template.rule.month": {
        "zh": "月份填 1–12 表示该月；填 0 表示全年合计（不分月）。",
        "en": "Month 1-12 is that month; 0 is the whole year (not split by month).",
    },
    "data.template.col.column": {"zh": "列", "en": "Column"},
    "data.template.col.required": {"zh": "是否必填", "en": "Needed"},
    "data.template.col.what": {"zh": "填写内容", "en": "What it holds"},
    "data.template.col.word": {"zh": "可以写", "en": "You may write"},
    "data.template.col.means": {"zh": "等同于", "en": "Read as"},
    "data.template.key": {"zh": "关键列（必填）", "en": "key (needed)"},
    "data.template.required": {"zh": "必填", "en": "needed"},
    "data.template.optional": {"zh": "可空", "en": "may be empty"},
    "data.template.synonyms": {"zh": "也接受的写法（同义词）", "en": "Words also accepted (synonyms)"},
    "data.template.kind.choice": {"zh": "从下拉列表中选：{values}", "en": "pick from the list: {values}"},
    "data.template.kind.date": {"zh": "日期，如 2024-01-31", "en": "a date, e.g. 2024-01-31"},
    "data.template.kind.whole": {"zh": "整数", "en": "a whole number"},
    "data.template.kind.number": {"zh": "数字", "en": "a number"},
    "data.template.kind.range": {"zh": "，范围 {low}–{high}", "en": ", from {low} to {high}"},
    "data.template.kind.text": {"zh": "文字，最多 {n} 个字", "en": "text, at most {n} characters"},
    "data.template.invalid_title": {"zh": "不在选项中", "en": "Not in the list"},
    "data.template.invalid": {"zh": "请从下拉列表中选择：{values}", "en": "Pick one of: {values}"},
    "data.template_xlsx": {"zh": "XLSX 模板", "en": "XLSX template"},
    "data.template_csv": {"zh": "CSV 模板", "en": "CSV template"},
    "data.dry_run": {"zh": "试导入结果（尚未写入）", "en": "Dry run (nothing written yet)"},
    "data.problems": {"zh": "发现 {n} 个问题，未写入任何数据。请修改文件后重新上传。",
                      "en": "{n} problem(s) found; nothing was written. Fix the file and upload it again."},
    "data.problems_more": {"zh": "仅显示前 {shown} 个问题，共 {n} 个。", "en": "Showing the first {shown} of {n} problems."},
    "data.nothing": {"zh": "文件中的数据与数据库完全一致，无需导入。", "en": "The file holds nothing that the store does not already hold."},
    "data.confirm": {"zh": "确认导入：新增 {insert} 行，修改 {update} 行", "en": "Import: insert {insert} rows, update {update} rows"},
    "data.imported": {"zh": "已导入：新增 {insert} 行，修改 {update} 行（已记入审计日志）。",
                      "en": "Imported: {insert} rows inserted, {update} updated (recorded in the audit log)."},
    "data.changed_meanwhile": {
        "zh": "试导入之后数据库已被他人修改，未写入。请查看新的试导入结果后再确认。",
        "en": "The store changed after the dry run, so nothing was written. Review the new dry run and confirm again.",
    },
    "data.update_rule": {
        "zh": "规则：自然键（如楼名、楼+服务+年度+月份）已存在的行为“修改”，其余为“新增”；文件中没有的列保持原值；导入不会删除数据。",
        "en": "Rule: a row whose natural key (building name; building + service + year + month …) is already in "
        "the store is an update, every other row an insert; columns missing from the file keep their values; "
        "an import never deletes.",
    },
    "data.col.table": {"zh": "数据表", "en": "Table"},
    "data.col.insert": {"zh": "新增", "en": "Insert"},
    "data.col.update": {"zh": "修改", "en": "Update"},
    "data.col.delete": {"zh": "删除", "en": "Delete"},
    "data.col.unchanged": {"zh": "不变", "en": "Unchanged"},
    "data.col.file": {"zh": "文件", "en": "File"},
    "data.col.sheet": {"zh": "工作表", "en": "Sheet"},
    "data.col.row": {"zh": "行", "en": "Row"},
    "data.col.column": {"zh": "列", "en": "Column"},
    "data.col.value": {"zh": "内容", "en": "Value"},
    "data.col.reason": {"zh": "问题", "en": "Problem"},
    "data.col.key": {"zh": "记录", "en": "Row"},
    "data.col.kind": {"zh": "问题（每类的第一个）", "en": "Problem (the first of each kind)"},
    "data.col.count": {"zh": "个数", "en": "How many"},
    "data.col.action": {"zh": "操作", "en": "Action"},
    "data.col.changes": {"zh": "变动", "en": "Changes"},
    "data.edit_caption": {
        "zh": "直接在表格中修改、增加或删除行，然后保存。保存时按导入同样的规则校验；如果这些行在你打开后被他人改过，保存会被拒绝。",
        "en": "Change, add or delete rows in the grid, then save. Saving checks them like an import does, and is "
        "refused if someone else changed the same rows since you opened the table.",
    },
    "data.save": {"zh": "保存修改", "en": "Save changes"},
    "data.reload": {"zh": "重新载入", "en": "Reload"},
    "data.no_edits": {"zh": "没有需要保存的修改。", "en": "There is nothing to save."},
    "data.saved": {"zh": "已保存：新增 {insert} 行，修改 {update} 行，删除 {delete} 行（已记入审计日志）。",
                   "en": "Saved: {insert} rows inserted, {update} updated, {delete} deleted (recorded in the audit log)."},
    "data.not_saved": {"zh": "未保存：发现 {n} 个问题。", "en": "Not saved: {n} problem(s) found."},
    "data.audit.filter_table": {"zh": "数据表", "en": "Tables"},
    "data.audit.filter_action": {"zh": "操作", "en": "Actions"},
    "data.audit.filter_text": {"zh": "操作人或记录包含", "en": "Who or row contains"},
    "data.audit.filter_dates": {"zh": "日期范围", "en": "Dates"},
    "data.audit.count": {"zh": "共 {n} 条记录（最多显示 {shown} 条）", "en": "{n} entries (showing at most {shown})"},
    "data.audit.empty": {"zh": "没有符合条件的审计记录。", "en": "No audit entries match."},
    "data.export.caption": {
        "zh": "导出全部数据表和审计日志。以 =、+、-、@ 开头的文字前加单引号，电子表格不会把它当作公式执行。",
        "en": "Every table and the audit log. Text starting with =, +, - or @ gets a leading apostrophe so that a "
        "spreadsheet never runs it as a formula.",
    },
    "data.export.xlsx": {"zh": "导出 XLSX（全部表）", "en": "Export XLSX (every table)"},
    "data.export.csv": {"zh": "导出 CSV（全部表，ZIP）", "en": "Export CSV (every table, zipped)"},
    "data.backup": {"zh": "下载整库备份", "en": "Download a backup of the store"},
    "data.backup_caption": {
        "zh": "备份是一个 ZIP 文件（含清单和每张表的数据），取自同一时刻的一致快照。恢复请在服务器上运行 `python -m core restore 文件名`。",
        "en": "A backup is one ZIP file (a manifest and one file per table) read from a single consistent snapshot. "
        "To restore, run `python -m core restore FILE` on the server.",
    },
    "data.action.insert": {"zh": "新增", "en": "Insert"},
    "data.action.update": {"zh": "修改", "en": "Update"},
    "data.action.delete": {"zh": "删除", "en": "Delete"},
    "data.source.import": {"zh": "文件导入", "en": "File import"},
    "data.source.editor": {"zh": "在线编辑", "en": "Editor"},
    "data.source.cli": {"zh": "命令行", "en": "Command line"},
    "data.source.init-db": {"zh": "初始化", "en": "Initialisation"},
    "data.source.restore": {"zh": "恢复备份", "en": "Restore"},
    "data.bool.true": {"zh": "是", "en": "true"},
    "data.bool.false": {"zh": "否", "en": "false"},
    "data.note.export_only": {
        "zh": "{file}：“{sheet}”只导出、不导入（审计日志只能由系统追加，方案在方案页管理），已跳过。",
        "en": "{file}: {sheet} is exported, never imported (only the system appends to the audit log; scenarios "
        "are kept on their page), so it was left out.",
    },
    # python -m core import, in the language chosen with --lang
    "data.cli.note": {"zh": "说明：{note}", "en": "note: {note}"},
    "data.cli.kind": {"zh": "  共 {n} 个：{reason}", "en": "  {n} in all: {reason}"},
    "data.cli.shown": {"zh": "（仅列出前 {shown} 个；--limit 0 列出全部保留的问题）",
                       "en": " (the first {shown} shown; --limit 0 shows all that were kept)"},
    "data.cli.problems": {"zh": "错误：发现 {n} 个问题{more}；未写入任何数据",
                          "en": "error: {n} problems{more}; nothing was written"},
    "data.cli.problem": {"zh": "错误：发现 1 个问题；未写入任何数据", "en": "error: 1 problem; nothing was written"},
    "data.cli.dry_run": {"zh": "试导入：未写入任何数据", "en": "dry run: nothing written"},
    "data.cli.imported": {"zh": "已在一个事务中导入", "en": "imported in one transaction"},
    "data.cli.change": {"zh": "  修改 {table} {key}：{changes}", "en": "  update {table} {key}: {changes}"},
    # rows named as people name them (core.store.wording.row_labels)
    "data.label.whole_year": {"zh": "{year} 年全年", "en": "{year}, whole year"},
    "data.label.month": {"zh": "{year} 年 {month} 月", "en": "{year}, month {month}"},
    "data.label.quarter": {"zh": "{year} 年第 {quarter} 季度", "en": "{year} Q{quarter}"},
    "data.label.tier": {"zh": "等级 {tier}", "en": "tier {tier}"},
    "data.label.area_from": {"zh": "{area} ㎡ 起", "en": "from {area} m²"},
    # the text gate (core.store.text): every write path refuses with these
    "text.too_long": {"zh": "“{field}”过长（{n} 个字符，最多 {limit} 个）。",
                      "en": "{field} is too long ({n} characters; at most {limit})."},
    "text.formula": {
        "zh": "“{field}”以“{char}”开头，电子表格可能把它当作公式执行，已拒绝；如确是文字，请去掉开头的符号。",
        "en": "{field} starts with {char!r}, which a spreadsheet may run as a formula, so it is refused; if it is "
        "meant as text, remove that first character.",
    },
    "data.note.template_sheet": {
        "zh": "{file}：“{sheet}”是导入模板的示例或说明，不导入。",
        "en": "{file}: {sheet} is an import template's example or notes, never imported.",
    },
    # problems: one reason per kind, naming what is wrong and what to do
    "data.problem.and_more": {"zh": "{shown} 等共 {n} 行", "en": "{shown} and more ({n} in all)"},
    "data.problem.mixed_encoding": {
        "zh": "文件混用了两种编码：第 {utf8} 行是 UTF-8，第 {other} 行是 GBK 等其他编码（按任一种读取都会有一部分乱码）；"
        "请把整个文件另存为同一种编码（建议 UTF-8）",
        "en": "the file mixes two encodings: line(s) {utf8} are UTF-8, line(s) {other} another (e.g. GBK), so "
        "either reading garbles part of it; save the whole file in one encoding (UTF-8 is best)",
    },
    "data.problem.too_many_rows": {
        "zh": "超过 {limit} 行（至少到第 {n} 行）；请拆分成几个文件分别导入",
        "en": "more than {limit} rows (it reaches row {n}); split it into several files",
    },
    "data.problem.too_many_columns": {
        "zh": "超过 {limit} 列（有 {n} 列）；请删去此表不用的列",
        "en": "more than {limit} columns ({n}); delete the columns this table does not use",
    },
    "data.problem.too_big": {"zh": "文件大小 {size}，超过上限 {limit}", "en": "the file is {size}; the limit is {limit}"},
    "data.problem.empty": {"zh": "文件是空的", "en": "the file is empty"},
    "data.problem.no_rows": {"zh": "只有表头，没有数据行", "en": "the file has a header but no rows"},
    "data.problem.file_type": {"zh": "不支持的文件类型“{ext}”，请使用 CSV 或 XLSX",
                               "en": "unsupported file type {ext!r}; use CSV or XLSX"},
    "data.problem.encoding": {
        "zh": "第 {line} 行附近不是有效的 {encoding} 编码；请选择正确的编码（或“自动”），或将文件另存为 UTF-8",
        "en": "not valid {encoding} text near line {line}; choose the right encoding (or automatic) or save the file as UTF-8",
    },
    "data.problem.encoding_mismatch": {
        "zh": "文件看起来是 UTF-8 编码，而不是所选的 {encoding}；请选择“自动”或 UTF-8",
        "en": "the file looks like UTF-8, not the {encoding} chosen; choose automatic or UTF-8",
    },
    "data.problem.undecodable": {"zh": "无法识别文件编码（已尝试 UTF-8 和 GB18030），请另存为 UTF-8",
                                 "en": "cannot tell the file's encoding (tried UTF-8 and GB18030); save it as UTF-8"},
    "data.problem.csv_parse": {"zh": "CSV 格式错误：{detail}", "en": "not a well-formed CSV file: {detail}"},
    "data.problem.not_xlsx": {"zh": "不是完整的 XLSX 工作簿（文件已损坏或不完整），请重新保存后上传",
                              "en": "not a complete XLSX workbook (damaged or cut short); save it again and upload it"},
    "data.problem.xlsx_too_big": {"zh": "工作簿解压后超过 {limit}", "en": "the workbook unpacks to more than {limit}"},
    "data.problem.merged_header": {
        "zh": "表头有合并单元格（{ranges}）；请取消合并，每列一个列名",
        "en": "the header row has merged cells ({ranges}); unmerge them so that every column has its own header",
    },
    "data.problem.wrong_sheet": {"zh": "工作簿中没有“{table}”工作表（现有：{sheets}）",
                                 "en": "the workbook has no sheet for {table} (its sheets: {sheets})"},
    "data.problem.unknown_table": {
        "zh": "无法判断是哪张表：请用表名（如“{example}”）命名文件或工作表，或在导入时指定数据表",
        "en": "cannot tell which table this is: name the file or sheet after the table (e.g. {example!r}) or choose the table",
    },
    "data.problem.unknown_column": {"zh": "无法识别的列名；“{table}”的列为：{columns}",
                                    "en": "unknown column; the columns of {table} are: {columns}"},
    "data.problem.blank_header": {"zh": "第 {n} 列有数据但没有列名", "en": "column {n} holds data but has no header"},
    "data.problem.duplicate_column": {"zh": "与第 {n} 列（“{name}”）是同一列", "en": "the same column as column {n} ({name})"},
    "data.problem.missing_column": {"zh": "缺少必填列", "en": "required column missing"},
    "data.problem.required": {"zh": "必填，不能为空", "en": "a value is required"},
    "data.problem.not_number": {"zh": "不是数字", "en": "not a number"},
    "data.problem.not_whole": {"zh": "不是整数", "en": "not a whole number"},
    "data.problem.not_date": {"zh": "不是日期（例如 2024-01-31）", "en": "not a date (e.g. 2024-01-31)"},
    "data.problem.not_bool": {"zh": "不是“是/否”（是、否、true、false、1、0）", "en": "not yes/no (true, false, 1, 0, 是, 否)"},
    "data.problem.not_enum": {"zh": "不是有效取值；可选：{allowed}", "en": "not an allowed value; one of: {allowed}"},
    "data.problem.below": {"zh": "不能小于 {bound}", "en": "must be at least {bound}"},
    "data.problem.not_above": {"zh": "必须大于 {bound}", "en": "must be more than {bound}"},
    "data.problem.above": {"zh": "不能大于 {bound}", "en": "must be at most {bound}"},
    "data.problem.too_long": {"zh": "内容过长（{n} 个字符，最多 {limit} 个）", "en": "too long ({n} characters; at most {limit})"},
    "data.problem.formula": {
        "zh": "以“{char}”开头，可能被电子表格当作公式执行，已拒绝；如确是文字，请去掉开头的符号",
        "en": "starts with {char!r}, which a spreadsheet may run as a formula, so it is refused; if it is meant "
        "as text, remove that first character",
    },
    "data.problem.date_year_only": {"zh": "只有年份，不是日期；请写完整日期（例如 2024-01-31）",
                                    "en": "a year alone is not a date; write the whole date (e.g. 2024-01-31)"},
    "data.problem.date_mixed_formats": {
        "zh": "本列日期写法不一致（既有 2024-01-31 这种，也有 31/01/2024 这种）；每列只用一种写法，建议 YYYY-MM-DD",
        "en": "this column mixes date formats (2024-01-31 and 31/01/2024 kinds); use one format per column, "
        "best YYYY-MM-DD",
    },
    "data.problem.date_mixed_order": {
        "zh": "本列有的日期日在前（如第 {day_row} 行），有的月在前（如第 {month_row} 行）；每列只用一种写法，建议 YYYY-MM-DD",
        "en": "this column has dates with the day first (e.g. row {day_row}) and with the month first (e.g. row "
        "{month_row}); use one format per column, best YYYY-MM-DD",
    },
    "data.problem.date_ambiguous": {
        "zh": "“{value}”既可读作 {day_first}（日在前），也可读作 {month_first}（月在前），本列没有能确定写法的日期；"
        "请改写为 YYYY-MM-DD",
        "en": "{value} reads as {day_first} (day first) or as {month_first} (month first), and no date in this "
        "column settles which; write it as YYYY-MM-DD",
    },
    "data.problem.cannot_clear": {"zh": "此列必须有值，不能清空", "en": "this column needs a value and cannot be cleared"},
    "data.problem.delivery_paid_at_actual": {
        "zh": "“{service}”按实支付，没有提供方式；请让此格留空（修改已有记录时填“（清空）”）",
        "en": "{service} is paid at actual and has no delivery; leave the cell empty (write (clear) to empty a "
        "stored value)",
    },
    "data.problem.delivery_missing": {"zh": "“{service}”须填写提供方式（{allowed}）",
                                      "en": "{service} needs a delivery ({allowed})"},
    "data.problem.contract_missing": {"zh": "提供方式为“{delivery}”，须填写服务企业的合同编号",
                                      "en": "delivered as {delivery}: the vendor's contract code is required"},
    "data.problem.staff_outsourced": {
        "zh": "提供方式为“{delivery}”，不应有自有人员（现为 {n} 人）；自有人员只属于自我保障的项目",
        "en": "delivered as {delivery}, so no in-house staff ({n} given); in-house staff belong to in-house items",
    },
    "data.problem.contract_in_house": {
        "zh": "自我保障的项目没有外包合同；请去掉合同编号“{contract}”（修改已有记录时填“（清空）”）",
        "en": "an in-house item has no outsourcing contract; remove the contract code {contract} (write (clear) "
        "to empty a stored value)",
    },
    "data.problem.contract_elsewhere": {
        "zh": "合同“{contract}”用于{where}，与本行的楼和服务都不相同；请核对合同编号",
        "en": "contract {contract} serves {where}: neither this building nor this service; check the code",
    },
    "data.problem.and_others": {"zh": "等 {n} 项", "en": " and {n} more"},
    "data.problem.unknown_ref": {"zh": "在“{table}”中找不到（数据库和本次导入中都没有）",
                                 "en": "not found in {table}, neither in the store nor in this import"},
    "data.problem.duplicate_key": {"zh": "与第 {first} 行重复（{key}）", "en": "duplicates row {first} ({key})"},
    "data.problem.duplicate_store": {"zh": "数据库中已有“{key}”", "en": "{key} is already in the store"},
    "data.problem.duplicate_unique": {"zh": "与“{other}”重复，此列必须唯一", "en": "same as {other}; this column must be unique"},
    "data.problem.self_parent": {"zh": "上级部门不能是自己", "en": "a department cannot be its own parent"},
    "data.problem.end_before_start": {"zh": "结束日期早于开始日期", "en": "ends before it starts"},
    "data.problem.review_outside_term": {"zh": "价格调整日期不在合同期内", "en": "the price review falls outside the term"},
    "data.problem.staff_types_exceed": {"zh": "编制内、编外合同、劳务派遣人数合计超过自有人员数",
                                        "en": "established, contract and dispatched staff add up to more than the in-house staff"},
    "data.problem.band_order": {"zh": "面积上限必须大于面积下限", "en": "the upper area bound must exceed the lower"},
    "data.problem.low_high": {"zh": "下限大于上限", "en": "low is above high"},
    "data.problem.conflict": {
        "zh": "你打开此表后，这一行已被他人修改；请点“重新载入”后再改",
        "en": "someone else changed this row after you opened the table; reload and edit again",
    },
    "data.problem.conflict_deleted": {
        "zh": "你打开此表后，这一行已被他人删除；请点“重新载入”",
        "en": "someone else deleted this row after you opened the table; reload",
    },
    "data.problem.referenced": {"zh": "仍有 {n} 行“{table}”引用它，不能删除", "en": "{n} rows of {table} refer to it, so it cannot be deleted"},
    "data.problem.unreadable": {"zh": "无法读取此文件（{detail}），请另存为 CSV（UTF-8）或 XLSX 后重试",
                                "en": "this file cannot be read ({detail}); save it as CSV (UTF-8) or XLSX and try again"},
    "data.problem.database": {"zh": "数据库拒绝写入：{detail}", "en": "the database refused the write: {detail}"},
    # large changes against the stored value (core.files.changes), the uploader, the changed cells
    "data.large.refused": {
        "zh": "有 {n} 处数值变动超过原值的 {pct}，须勾选“我已核对以上变动”后才能写入；未写入任何数据。",
        "en": "{n} change(s) move a stored figure by more than {pct}; tick “I have checked these changes” to "
        "write them. Nothing was written.",
    },
    "data.large.title": {"zh": "以下 {n} 处变动超过原值的 {pct}，请逐项核对",
                         "en": "{n} change(s) move a stored figure by more than {pct}: check each one"},
    "data.large.confirm": {"zh": "我已核对以上变动", "en": "I have checked these changes"},
    "data.large.confirm_help": {
        "zh": "核对线是参数表中的“数据修改核对线”，由本局设定。未勾选时不会写入任何数据。",
        "en": "The line is the assumption book's “Data edits: confirm changes beyond”, set by the Bureau. "
        "Nothing is written until this is ticked.",
    },
    "data.large.from_zero": {"zh": "原值为 0", "en": "stored value was 0"},
    "data.large.col.table": {"zh": "数据表", "en": "Table"},
    "data.large.col.key": {"zh": "记录", "en": "Row"},
    "data.large.col.column": {"zh": "列", "en": "Column"},
    "data.large.col.old": {"zh": "原值", "en": "Stored"},
    "data.large.col.new": {"zh": "新值", "en": "New"},
    "data.large.col.change": {"zh": "变动幅度", "en": "Change"},
    "data.cells.title": {"zh": "待保存的修改（{n} 处单元格）", "en": "Changes to save ({n} cells)"},
    "data.cells.saved": {"zh": "刚才保存的修改（{n} 处单元格）", "en": "Just saved ({n} cells)"},
    "data.cells.rows": {"zh": "另有新增 {insert} 行、删除 {delete} 行。", "en": "Also {insert} rows added and {delete} deleted."},
    "data.cells.large": {"zh": "超过核对线", "en": "Beyond the line"},
    "data.upload.replaced": {"zh": "同名文件只按最后上传的一份处理：{names}",
                             "en": "Of files with the same name only the last uploaded counts: {names}"},
    "data.upload.clear": {"zh": "清空已选文件", "en": "Clear the chosen files"},
    "data.cli.large": {"zh": "{table} · {key} · {column}：{old} → {new}（{change}）",
                       "en": "{table} · {key} · {column}: {old} → {new} ({change})"},
    "data.cli.large_hint": {
        "zh": "核对无误后加 --confirm-large-changes 重新导入。",
        "en": "Once checked, import again with --confirm-large-changes.",
    },
}
