"""Translations of the station GUI: complete, current catalogues; a Chinese desk, door and dashboard with
no English left on screen; verdicts from the core in Chinese; French plurals; badges keep the
attendee's own script whatever the interface language; every literal on screen goes through tr()."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QWidget,
)

from devices.events import ScanEvent
from ui import i18n
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.verdicts import STATUSES

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "resources" / "translations"
TRANSLATED = ("zh_CN", "fr", "es")
LANGUAGES = ("en", *TRANSLATED)
#: plural forms per language (Qt's rules: Chinese has one, French and Spanish two)
FORMS = {"en": 2, "zh_CN": 1, "fr": 2, "es": 2}
_PLACEHOLDER = re.compile(r"\{\w*\}|%n|<[^>]+>")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _messages(path: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


def _keys(path: Path) -> set[tuple[str, str, bool]]:
    return {(c, m.findtext("source") or "", m.get("numerus") == "yes") for c, m in _messages(path)}


def _catalogue(language: str) -> dict[tuple[str, str], list[str]]:
    out = {}
    for context, m in _messages(FOLDER / f"venue_desk_{language}.ts"):
        tr = m.find("translation")
        assert tr is not None
        forms = [f.text or "" for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text or ""]
        out[(context, m.findtext("source") or "")] = forms
    return out


# -- the catalogues ------------------------------------------------------------------------------
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    problems = []
    messages = _messages(FOLDER / f"venue_desk_{language}.ts")
    assert len(messages) > 300
    for context, m in messages:
        source = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None
        where = f"{context}: {source!r}"
        if tr.get("type"):
            problems.append(f"{where} is {tr.get('type')}")
        if m.get("numerus") == "yes":
            forms = [f.text or "" for f in tr.findall("numerusform")]
            if len(forms) != FORMS[language] or not all(f.strip() for f in forms):
                problems.append(f"{where}: plural forms {forms}")
        else:
            forms = [tr.text or ""]
            if not forms[0].strip():
                problems.append(f"{where} has no translation")
        for form in forms:
            if sorted(_PLACEHOLDER.findall(form)) != sorted(_PLACEHOLDER.findall(source)):
                problems.append(f"{where}: placeholders differ in {form!r}")
    assert not problems, "\n".join(problems)


def test_english_catalogue_has_proper_singulars() -> None:
    english = _catalogue("en")
    plurals = {k: v for k, v in english.items() if len(v) == 2}
    assert plurals and all(v[0] and v[1] for v in plurals.values())
    assert english[("DoorWindow", "%n place(s) left")] == ["%n place left", "%n places left"]


def test_committed_catalogues_hold_exactly_the_strings_of_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run([_tool("pyside6-lupdate"), *map(str, sorted((ROOT / "ui").glob("*.py"))), "-no-obsolete",
                    "-ts", str(fresh)], check=True, cwd=ROOT, capture_output=True)
    wanted = _keys(fresh)
    assert len(wanted) > 300
    for language in LANGUAGES:
        have = _keys(FOLDER / f"venue_desk_{language}.ts")
        missing, stale = sorted(wanted - have), sorted(have - wanted)
        assert not missing and not stale, (
            f"{language}: run `scripts/translations.py update`, translate, `release`.\n"
            f"new in the code: {missing[:20]}\ngone from the code: {stale[:20]}")


def test_compiled_catalogues_are_current(tmp_path: Path) -> None:
    for language in LANGUAGES:
        qm = tmp_path / f"{language}.qm"
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(FOLDER / f"venue_desk_{language}.ts"),
                        "-qm", str(qm)], check=True, cwd=ROOT)
        assert qm.read_bytes() == (FOLDER / f"venue_desk_{language}.qm").read_bytes(), (
            f"venue_desk_{language}.qm is older than its .ts: run `scripts/translations.py release`")


def test_core_verdict_messages_are_in_the_catalogue() -> None:
    # the GUI's table must say exactly what the core says, or the lookup by text would miss
    assert {s: m for s, (_c, _s, m) in STATUSES.items()} == i18n.STATUS_MESSAGES
    chinese = _catalogue("zh_CN")
    for template in (*i18n.STATUS_MESSAGES.values(), *i18n.CORE_TEMPLATES):
        assert ("verdict", template) in chinese


# -- runtime -------------------------------------------------------------------------------------
@pytest.fixture
def chinese(qapp: Any) -> Iterator[str]:
    assert i18n.install("zh_CN") == "zh_CN"
    yield "zh_CN"
    i18n.uninstall()


def test_language_resolution(qapp: Any) -> None:
    assert i18n.resolve("zh_CN") == "zh_CN" and i18n.resolve("zh-Hans-CN") == "zh_CN"
    assert i18n.resolve("fr_CA") == "fr" and i18n.resolve("es_ES") == "es" and i18n.resolve("de") == "en"
    try:
        assert i18n.install("xx") == "en" and i18n.translate("DoorWindow", "Adjust…") == "Adjust…"
    finally:
        i18n.uninstall()


def test_french_plural_forms(qapp: Any) -> None:
    try:
        assert i18n.install("fr") == "fr"
        assert i18n.translate("DoorWindow", "%n place(s) left", "", 1) == "1 place restante"
        assert i18n.translate("DoorWindow", "%n place(s) left", "", 2) == "2 places restantes"
        assert i18n.translate("sync", "%n change(s) saved here, sent when back", "", 1).startswith("1 modification ")
        assert i18n.translate("sync", "%n change(s) saved here, sent when back", "", 2).startswith("2 modifications ")
        i18n.install("en")
        assert i18n.translate("DoorWindow", "%n place(s) left", "", 1) == "1 place left"
        assert i18n.translate("DoorWindow", "%n place(s) left", "", 3) == "3 places left"
    finally:
        i18n.uninstall()


def _texts(window: QWidget) -> list[tuple[str, str]]:
    """Every text a person can see or hear on ``window``: (where, text)."""
    out: list[tuple[str, str]] = []

    def add(widget: QWidget, what: str, text: str | None) -> None:
        if text and text.strip():
            out.append((f"{type(widget).__name__}.{what}", text))

    for w in [window, *window.findChildren(QWidget)]:
        add(w, "windowTitle", w.windowTitle() if w.isWindow() else "")
        add(w, "toolTip", w.toolTip())
        add(w, "statusTip", w.statusTip())
        add(w, "accessibleName", w.accessibleName())
        add(w, "accessibleDescription", w.accessibleDescription())
        for action in w.actions():
            add(w, "action", action.text())
            add(w, "action.toolTip", action.toolTip())
        if isinstance(w, QLabel | QAbstractButton):
            add(w, "text", w.text())
        elif isinstance(w, QGroupBox):
            add(w, "title", w.title())
        elif isinstance(w, QLineEdit):
            add(w, "placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(w, "item", w.itemText(i))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(w, "tab", w.tabText(i))
        if isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            for section in range(model.columnCount(QModelIndex())):
                add(w, "header", str(model.headerData(section, Qt.Orientation.Horizontal) or ""))
    return out


def _english_left(window: QWidget) -> list[str]:
    chinese = _catalogue("zh_CN")
    # a source equal to its translation (a code, "PIN") is not English left behind
    english = {source.strip() for (_c, source), forms in chinese.items() if source not in forms}
    english |= {f.strip() for (_c, source), forms in _catalogue("en").items() for f in forms if source not in forms}
    strip_keys = re.compile(r"^(F\d+|Ctrl\+\S+|Esc|[+−])\s+")
    found = []
    for where, text in _texts(window):
        for candidate in {text.strip(), strip_keys.sub("", text.strip()), text.strip().upper()}:
            if candidate in english or candidate.capitalize() in english:
                found.append(f"{where}: {text!r}")
    return found


@pytest.fixture
def door_station(tmp_path: Path) -> Iterator[Station]:
    st = Station.init_standalone(Paths(tmp_path / "door"), event_name="Congrès 2026", station_name="Door 1")
    st.add_attendees([{"code": f"DEL{i}", "given_name": f"Delegate{i}", "category": "DEL"} for i in range(4)])
    st.load_program({"categories": [{"code": "DEL", "label": "Delegate", "color": "#1565c0", "rooms": ["*"]}],
                     "rooms": [{"id": "ws-1", "name": "Workshop 1", "capacity": 2, "policy": "block"}]})
    st.settings["sounds"] = False
    with st.replica.transaction() as conn:
        st.replica.set_meta(conn, "role", "door")
        st.replica.set_meta(conn, "room_id", "ws-1")
    yield st
    st.close()


def _scan_desk(qtbot: Any, window: Any, code: str) -> str:
    with qtbot.waitSignal(window.verdict_shown, timeout=5000) as shown:
        window.handle_scan(ScanEvent("keyboard", code.encode(), code, 0.0))
    return str(shown.args[0])


def test_chinese_desk_has_no_english_left_and_says_verdicts_in_chinese(chinese: str, qtbot: Any, tmp_path: Path,
                                                                      desk_station: Any) -> None:
    from printing.backends import PdfFolderBackend
    from ui.app import apply_theme, load_fonts
    from ui.desk import create_desk
    from ui.shots import dispose

    load_fonts()
    apply_theme(QApplication.instance())  # type: ignore[arg-type]
    window = create_desk(desk_station, backend=PdfFolderBackend(tmp_path / "badges"), sounds=False,
                         open_scanner=False)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    try:
        qtbot.waitUntil(lambda: window.progress_label.text() != "", timeout=5000)
        assert not _english_left(window), "\n".join(_english_left(window))
        texts = " ".join(t for _w, t in _texts(window))
        for expected in ("搜索", "现场注册", "代表团", "撤销上一步", "打印队列", "工作站设置", "就绪 — 请扫码",
                         "独立运行（无注册中心）", "自动打印证件：开"):
            assert expected in texts, expected

        assert _scan_desk(qtbot, window, "MWC-ES-002") == "ok"
        assert window.panel.headline.text() == "签到成功"
        assert window.panel.message.text() == "欢迎，José Núñez — 签到成功。"
        assert _scan_desk(qtbot, window, "MWC-ES-002") == "already_checked_in"
        assert window.panel.headline.text() == "已签到过" and window.panel.when.text().startswith("首次签到：")
        assert _CJK.search(window.panel.message.text())
        assert _scan_desk(qtbot, window, "NOSUCHCODE") == "unknown"
        assert window.panel.message.text().startswith("未找到此码。")
        assert _scan_desk(qtbot, window, "MWC-AR-004") == "cancelled"
        assert window.panel.headline.text() == "注册已取消"
        # the attendee's own name is never translated
        assert "ليلى حداد" in window.panel.texts() and "Layla Haddad" in window.panel.texts()
        assert not _english_left(window), "\n".join(_english_left(window))

        person = desk_station.attendee("MWC-ZH-001")
        with qtbot.waitSignal(window.attendee.loaded, timeout=5000):
            window.open_attendee(person["id"])
        assert not _english_left(window), "\n".join(_english_left(window))
        assert window.attendee.arrival.text() == "尚未签到"
        walkin = window.open_walkin()
        assert not _english_left(walkin), "\n".join(_english_left(walkin))
        walkin.close()
    finally:
        window.close()
        dispose(window)


def test_chinese_door_refuses_a_full_room_in_chinese(chinese: str, qtbot: Any, door_station: Station) -> None:
    from ui.door import open_door_window

    window = open_door_window(door_station, sounds=False, sync=False)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    try:
        qtbot.waitUntil(lambda: bool(window.view), timeout=5000)
        assert not _english_left(window), "\n".join(_english_left(window))
        assert window.flash.headline.text() == "请扫码进场" and window.left_label.text() == "剩余 2 个空位"
        for i, status in enumerate(("ok", "ok", "room_full")):
            with qtbot.waitSignal(window.verdict_shown, timeout=5000) as shown:
                window.handle_scan(ScanEvent("keyboard", f"DEL{i}".encode(), f"DEL{i}", 0.0), "in")
            assert shown.args[0] == status
        assert window.flash.headline.text() == "会场已满"
        assert window.flash.message.text() == "会场已满（2/2）。"
        qtbot.waitUntil(lambda: window.view.get("count") == 2, timeout=5000)
        assert window.state_label.text() == "已满" and window.left_label.text() == "已无空位 — 拒绝入场"
        # the rule in words: room and category names are program data, the rest is Chinese
        assert window.rule_label.text().startswith("Workshop 1：仅限Delegate · 容量 2，满员 → 拒绝入场")
        assert not _english_left(window), "\n".join(_english_left(window))
    finally:
        window.close()


def test_windows_speak_proper_english_without_an_install(qapp: Any, qtbot: Any, door_station: Station) -> None:
    from ui.door import open_door_window

    i18n.uninstall()
    door_station.scan("DEL0", room="ws-1")
    window = open_door_window(door_station, sounds=False, sync=False)  # installs English plurals by itself
    try:
        qtbot.waitUntil(lambda: bool(window.view), timeout=5000)
        assert i18n.current() == "en" and window.left_label.text() == "1 place left"
    finally:
        window.close()
        i18n.uninstall()


def test_chinese_dashboard_has_no_english_left(chinese: str, qtbot: Any, door_station: Station) -> None:
    from ui.dashboard import open_dashboard

    window = open_dashboard(door_station, sounds=False, sync=False)
    window.show()
    qtbot.waitExposed(window)
    try:
        qtbot.waitUntil(lambda: bool(window.tiles), timeout=5000)
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            with qtbot.waitSignal(window.updated, timeout=5000):
                window.refresh()
            assert not _english_left(window), "\n".join(_english_left(window))
        texts = " ".join(t for _w, t in _texts(window))
        for expected in ("会场", "人数走势", "签到进度", "冲突", "最满优先", "尚有空位"):
            assert expected in texts, expected
    finally:
        window.close()


def test_badge_keeps_the_attendees_script_in_a_chinese_interface(chinese: str, qtbot: Any, tmp_path: Path,
                                                                desk_station: Any) -> None:
    from printing.backends import PdfFolderBackend
    from ui.desk import create_desk
    from ui.shots import dispose

    desk_station.add_attendees([{"code": "MWC-AR-010", "given_name": "Fatima", "family_name": "Al-Zahra",
                                 "native_name": "فاطمة الزهراء", "category": "DELEGATE", "country": "AE",
                                 "organisation": "Dubai Municipality"}])
    window = create_desk(desk_station, backend=PdfFolderBackend(tmp_path / "badges"), sounds=False,
                         open_scanner=False)
    window.show()
    qtbot.waitExposed(window)
    try:
        with qtbot.waitSignal(window.ctx.printer.job_done, timeout=20_000) as done:
            assert _scan_desk(qtbot, window, "MWC-AR-010") == "ok"  # auto-print on check-in
        job = done.args[0]
        assert job.status == "done", job.reason
        text = "\n".join(page.extract_text() or "" for page in PdfReader(job.backend_ref).pages)
        flat = "".join(unicodedata.normalize("NFKC", text).split())
        assert "Fatima" in text and "Al-Zahra" in text and "Dubai Municipality" in text
        arabic = "فاطمةالزهراء"
        assert arabic in flat or arabic[::-1] in flat  # shaped and reordered for print, same letters
        assert not _CJK.search(text), "the interface language leaked onto the badge"
    finally:
        window.close()
        dispose(window)


# -- the code ------------------------------------------------------------------------------------
#: calls whose string argument is shown to people: name → which positional arguments
_SHOWN_METHODS = {"setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setPlaceholderText": (0,),
                  "setStatusTip": (0,), "setTitle": (0,), "setSubTitle": (0,), "showMessage": (0,),
                  "setAccessibleName": (0,), "setAccessibleDescription": (0,), "addTab": (1,), "setTabText": (1,),
                  "insertTab": (2,), "addAction": (0, 1), "addItem": (0,), "addItems": (0,), "addRow": (0,),
                  "setHorizontalHeaderLabels": (0,), "setPrefix": (0,), "setSuffix": (0,), "setName": (0,)}
_SHOWN_CLASSES = {"QLabel": (0,), "QPushButton": (0,), "QCheckBox": (0,), "QRadioButton": (0,), "QGroupBox": (0,),
                  "QAction": (0, 1), "Pill": (0,), "KeyButton": (1,), "QTableWidgetItem": (0,),
                  "QListWidgetItem": (0,), "QBarSet": (0,)}
_KEYS = re.compile(r"\b(F\d+|Ctrl|Shift|Alt|Esc|Enter|Return|Tab|Space)\b")
_WORDS = re.compile(r"[^\W\d_]{2,}")
_MARKUP = re.compile(r"<[^>]*>|&\w+;")  # rich-text tags and entities are not words


def _words(node: ast.AST) -> str:
    """The literal words of an argument ("" for tr()/translate() calls and variables)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp):
        return f"{_words(node.left)} {_words(node.right)}"
    if isinstance(node, ast.IfExp):
        return f"{_words(node.body)} {_words(node.orelse)}"
    if isinstance(node, ast.List | ast.Tuple):
        return " ".join(_words(e) for e in node.elts)
    return ""


def _untranslated(path: Path) -> list[str]:
    source = path.read_text("utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "QMessageBox":
            positions: tuple[int, ...] = (1, 2)
        else:
            positions = _SHOWN_METHODS.get(name) or _SHOWN_CLASSES.get(name) or ()
        for i in positions:
            if i >= len(node.args):
                continue
            words = _WORDS.findall(_KEYS.sub("", _MARKUP.sub("", _words(node.args[i]))))
            span = lines[node.lineno - 1:(node.end_lineno or node.lineno)]
            if words and not any("# i18n:" in line for line in span):
                found.append(f"{path.name}:{node.lineno}: {name}({ast.unparse(node.args[i])[:70]})")
    return found


def test_strings_on_screen_go_through_tr() -> None:
    found = [problem for path in sorted((ROOT / "ui").glob("*.py")) for problem in _untranslated(path)]
    assert not found, "wrap in self.tr()/translate() (or mark a deliberate exception with `# i18n: why`):\n" + \
        "\n".join(found)


def test_the_ast_check_catches_a_bare_literal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text('label.setText("Hello")\nQPushButton(f"Print {n}")\nlabel.setText(self.tr("Hi"))\n'
                   'label.setText("—")\nKeyButton("F2", self.tr("Search"))\nlabel.setText("x")  # i18n: a code\n',
                   "utf-8")
    assert [p.split(":")[1] for p in _untranslated(bad)] == ["1", "2"]

