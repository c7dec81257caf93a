"""数据管理 Data: import with full checks, in-app editing, the audit log, export and backup."""
import datetime as dt
import hashlib
from typing import Literal

import streamlit as st

import ui
from core.files import backup, editor, exports, io, loader, templates
from core.i18n import t
from core.store import access, layout, limits
from core.store.access import Permission
from ui import data_page

lang = ui.lang()
engine = data_page.data_store()
who = ui.actor()  # every change below is made, and audited, as the signed-in user
ui.page_header("page.data", ui.tr("data.caption"))
data_page.flash()
TABLES = list(layout.SPECS)
MINE = [n for n in TABLES if who.may(access.TABLE_PERMISSIONS.get(n, Permission.edit_data))]  # the tables I may edit


def table_name(name: str | None) -> str:  # format functions name the language: AppTest calls them outside a run
    return t("data.table_auto", lang) if name is None else layout.table_label(name, lang)


linked = data_page.linked_rows()  # ?edit=<table>&rows=<ids>: a check-up finding's rows, opened in the editor
tab_names = [ui.tr(f"data.tab.{k}") for k in ("import", "checkup", "edit", "audit", "export")]
# the open tab is kept in the session, so that a save or an import leaves the analyst where they were. The
# check-up, the audit log and the export run only when open (a 2,000-entry audit log is most of the page's
# work); the import and the editor always run, so that a chosen file or an unsaved edit survives a look elsewhere.
tab_import, tab_check, tab_edit, tab_audit, tab_export = st.tabs(
    tab_names, default=tab_names[2] if linked else None, key="data_tab", on_change="rerun")
KEEP: Literal["session"] = "session"  # the audit filters outlive a look at another tab

with tab_import:
    st.caption(ui.tr("data.update_rule"))
    left, right = st.columns(2)
    table = left.selectbox(ui.tr("data.table"), [None, *TABLES], format_func=table_name, key="data_import_table")
    encoding = right.selectbox(ui.tr("data.encoding"), io.ENCODINGS, key="data_encoding", format_func=lambda e: (
        t("data.encoding.auto", lang) if e == "auto" else {"utf-8": "UTF-8", "gb18030": "GBK / GB18030"}[e]))
    files = data_page.uploaded_files(ui.tr("data.upload_help", limit=f"{limits.MAX_FILE_MB} MB"))
    with st.expander(ui.tr("data.templates")):
        st.caption(ui.tr("data.templates_help"))
        wanted = st.selectbox(ui.tr("data.table"), TABLES, format_func=table_name, key="data_template_table")
        c = st.columns(2)
        stem = layout.table_label(wanted, lang) if lang == "zh" else wanted
        c[0].download_button(ui.tr("data.template_xlsx"), lambda: templates.template(wanted, lang, "xlsx"), f"{stem}.xlsx",
                             on_click="ignore", icon=":material/download:")
        c[1].download_button(ui.tr("data.template_csv"), lambda: templates.template(wanted, lang, "csv"), f"{stem}.csv",
                             on_click="ignore", icon=":material/download:")
    if files:
        digest = hashlib.sha256(b"".join(hashlib.sha256(d).digest() for _, d in files)).hexdigest()
        key = (digest, table, encoding, lang, data_page.store_version(engine))
        plan = data_page.refused(lambda: data_page.memo("data_dry_run", key, lambda: loader.import_files(
            engine, files, table=table, encoding=encoding, lang=lang, dry_run=True, actor=who)))
        n = plan.counts() if plan is not None else {"insert": 0, "update": 0}
        if plan is not None and not plan.ok:
            data_page.problems(plan, "data.problems")
        elif plan is not None and not n["insert"] and not n["update"]:
            st.info(ui.tr("data.nothing"), icon=":material/check:")
        elif plan is not None:
            st.subheader(ui.tr("data.dry_run"))
            data_page.plan_review(plan)
            confirmed = data_page.large_review(plan, key=f"data_import_large_{digest}")
            if st.button(ui.tr("data.confirm", insert=n["insert"], update=n["update"]), type="primary",
                         disabled=confirmed is None):
                data_page.imported(data_page.refused(lambda: loader.import_files(
                    engine, files, table=table, encoding=encoding, lang=lang, actor=who, source="import",
                    expect=plan.fingerprint(), confirmed=confirmed or frozenset())))

if tab_check.open:
    with tab_check:
        data_page.checkup_section()

with tab_edit:
    st.caption(ui.tr("data.edit_caption"))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    start = linked[0] if linked and linked[0] in MINE else "buildings"
    table = left.selectbox(ui.tr("data.table"), MINE, index=MINE.index(start), format_func=table_name,
                           key="data_edit_table")
    slot = f"data_loaded_{table}"
    if right.button(ui.tr("data.reload"), icon=":material/refresh:") or slot not in st.session_state:
        st.session_state[slot] = (editor.load_table(engine, table), st.session_state.get(slot, (None, 0))[1] + 1)
    loaded, generation = st.session_state[slot]
    loaded, shown_rows = data_page.only_linked(loaded, table, linked)
    grid = f"data_editor_{table}_{generation}{shown_rows}"
    edited = st.data_editor(
        editor.editor_frame(loaded, table, lang), key=grid, num_rows="dynamic",
        hide_index=True, column_order=list(layout.SPECS[table].columns),
        column_config=data_page.editor_columns(table, editor.ref_options(engine, table, lang)))
    checked = data_page.edit_review(data_page.pending_edit(engine, table, loaded, edited, grid), slot)
    if st.button(ui.tr("data.save"), type="primary", icon=":material/save:", disabled=checked is None):
        data_page.saved(data_page.refused(lambda: editor.save_edit(engine, table=table, loaded=loaded, edited=edited,
                                                                   actor=who, lang=lang, confirmed=checked or frozenset())), slot)

if tab_audit.open:
    with tab_audit:
        c = st.columns([2, 2, 2, 2])
        tables = ui.multiselect(ui.tr("data.audit.filter_table"), [*TABLES, "scenarios", "users", "store"], where=c[0],
                                key="audit_tables", format_func=lambda n: exports.audit_table_label(n, lang),
                                placeholder=ui.tr("common.all"), persist_state=KEEP)
        actions = ui.multiselect(ui.tr("data.audit.filter_action"), exports.AUDIT_ACTIONS, where=c[1], key="audit_actions",
                                 format_func=lambda a: t(f"data.action.{a}", lang), placeholder=ui.tr("common.all"),
                                 persist_state=KEEP)
        contains = c[2].text_input(ui.tr("data.audit.filter_text"), key="audit_text", persist_state=KEEP)
        dates = ui.date_input(ui.tr("data.audit.filter_dates"), (), where=c[3], key="audit_dates",
                              help=ui.tr("common.date_range_help"), persist_state=KEEP)
        since, until = [*dates, None, None][:2] if isinstance(dates, tuple) else (dates, dates)
        log, total = exports.read_audit(engine, lang, tables=tables, actions=actions, contains=contains.strip(),
                                       since=since, until=until or since, limit=2_000)
        st.caption(ui.tr("data.audit.count", n=f"{total:,}", shown=f"{2_000:,}"))
        if len(log):
            st.dataframe(log, hide_index=True)
        else:
            st.info(ui.tr("data.audit.empty"))

if tab_export.open:
    with tab_export:
        st.caption(ui.tr("data.export.caption"))
        stamp = dt.date.today().isoformat()
        c = st.columns(3)
        c[0].download_button(ui.tr("data.export.xlsx"), lambda: exports.export_file(engine, lang, "xlsx"),
                             f"jgsw-data-{stamp}.xlsx", on_click="ignore", icon=":material/table_view:")
        c[1].download_button(ui.tr("data.export.csv"), lambda: exports.export_file(engine, lang, "csv"),
                             f"jgsw-data-{stamp}-csv.zip", on_click="ignore", icon=":material/folder_zip:")
        if who.may(Permission.backup):  # a backup holds the accounts' password hashes: the admin's
            c[2].download_button(ui.tr("data.backup"), lambda: backup.backup_bytes(engine, actor=who)[0],
                                 f"jgsw-backup-{stamp}.zip", on_click="ignore", icon=":material/backup:")
            st.caption(ui.tr("data.backup_caption"))
