"""会议材料 Meeting pack: choose scenarios and sections, then build the PDF, PowerPoint, Excel and HTML."""
import streamlit as st

import ui
from core.i18n import join, t
from core.sharing import pack
from core.views.exhibits import PackOptions
from ui import pack_page

SHORT = {"pdf": "PDF", "pptx": "PowerPoint", "xlsx": "Excel", "html": "HTML"}  # names of formats, in any language
lang = ui.lang()  # bound here: format functions may run where the session is not at hand
p = ui.portfolio()
ui.page_header("page.pack", ui.tr("pack.caption"))

saved = ui.saved_scenarios()
stored = pack_page.saved_settings()
if "pack_scenarios" not in st.session_state and stored.settings.get("scenarios"):
    st.session_state["pack_scenarios"] = [n for n in stored.settings["scenarios"] if n in saved["name"].tolist()]
names = ui.multiselect(
    ui.tr("pack.scenarios"), saved["name"].tolist(), key="pack_scenarios", help=ui.tr("pack.scenarios_help"),
    disabled=saved.empty, placeholder=ui.tr("pack.scenarios_placeholder"),
)
if saved.empty:
    st.caption(ui.tr("pack.scenarios_none"))
sections = ui.multiselect(
    ui.tr("pack.sections"), list(pack.SECTIONS), default=list(pack.SECTIONS), key="pack_sections",
    format_func=lambda key: t(pack.SECTIONS[key].title_key, lang),
)
left, right = st.columns([1, 3])
year = left.selectbox(ui.tr("pack.year"), p.years[::-1], key="pack_year")
formats = right.pills(
    ui.tr("pack.formats"), pack.FORMATS, selection_mode="multi", default=list(pack.FORMATS), key="pack_formats",
    format_func=lambda f: t(f"pack.format.{f}", lang),
) or []

edited = pack_page.editor(year, pack_page.scenario_keys(saved, names), stored)
pack_page.save_button({"scenarios": names, "sections": sections, "year": year, "formats": formats}, edited, stored)

problem = ui.export_missing()
if problem and pack.NEEDS_BROWSER & set(formats):
    st.warning(problem, icon=":material/warning:")

choice = (tuple(names), tuple(sections), year, tuple(formats), lang, tuple(sorted(edited.items())))
if st.button(ui.tr("pack.build"), type="primary", icon=":material/auto_awesome:", disabled=not sections or not formats):
    bar = st.progress(0.0, ui.tr("pack.step.collect"))
    built = ui.build_pack(p, PackOptions(year=year, briefing=tuple(edited.items())), saved, names, sections, formats,
                          progress=bar.progress)
    bar.empty()
    st.session_state["pack_built"] = (choice, built) if built else None
elif not sections or not formats:
    st.caption(ui.tr("pack.nothing"))

done = st.session_state.get("pack_built")
if done and done[0] == choice:  # only the pack of what is chosen now
    built = done[1]
    st.success(ui.tr("pack.done", seconds=built.seconds["total"], exhibits=len(built.doc.exhibits)),
               icon=":material/check_circle:")
    if built.skipped:
        st.caption(ui.tr("pack.skipped", formats=join((SHORT[f] for f in built.skipped), lang)))
    items = [(SHORT[fmt], f) for fmt, f in built.files.items()]
    if len(items) > 1:
        items.append((ui.tr("pack.download_all"), built.zip))
    for i, (col, (label, f)) in enumerate(zip(st.columns(len(items)), items)):
        col.download_button(label, data=f.data, file_name=f.name, mime=f.mime, on_click="ignore",
                            icon=":material/download:", key=f"pack-dl-{i}", width="stretch",
                            type="primary" if i == 0 else "secondary")
        col.caption(f"{f.name} · {len(f.data) / 1024:,.0f} KB")
