import os, sys, time, tempfile
sys.path.insert(0, "/work/main")
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from venue_app.paths import Paths
from venue_app.station import Station
from venue_app.cli.gui import build_demo_station
d = Path(tempfile.mkdtemp()); p = Paths.at(d)
from venue_app.demodata import generate, write_csv
from venue_app.importer import import_file
write_csv(d / "a.csv", generate(100_000, seed=13))
st0 = Station.init_standalone(p, event_name="Mem"); import_file(st0, d / "a.csv"); st0.close()
st = Station.open(p); st.settings["auto_print"] = False; st.settings["sounds"] = False; st.close()
from PySide6.QtCore import QEventLoop, QTimer
from ui.app import ensure_app
from ui.desk import create_desk
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"): return int(line.split()[1]) // 1024
app = ensure_app(); station = Station.open(p)
w = create_desk(station, sounds=False, open_scanner=False); w.show()
loop = QEventLoop(); t = QTimer(); t.setSingleShot(True); t.timeout.connect(loop.quit)
w.panel.painted.connect(lambda *a: loop.quit())
m, s = os.openpty(); w.open_scanner(os.ttyname(s)); os.close(s)
while w.scanner.state != "connected": app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
codes = [r[0] for r in station.replica.query("SELECT code FROM attendees WHERE code != '' ORDER BY random()")]
print("start", rss())
import gc
for i, c in enumerate(codes[:600]):
    t.start(30); loop.exec()
    os.write(m, c.encode() + b"\r"); t.start(5000); loop.exec()
    if i % 100 == 99:
        import threading
        print(i + 1, rss(), "threads", threading.active_count(), "gcobjs", len(gc.get_objects()), flush=True)
