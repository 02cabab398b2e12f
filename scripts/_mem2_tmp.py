import sys, os, threading, shutil
sys.path.insert(0, "/work/main")
shutil.rmtree("/tmp/st100k/copy", ignore_errors=True); shutil.copytree("/tmp/st100k/station", "/tmp/st100k/copy")
from venue_app.paths import Paths
from venue_app.station import Station
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"): return int(line.split()[1]) // 1024
st = Station.open(Paths.at("/tmp/st100k/copy"))
codes = [r[0] for r in st.replica.query("SELECT code FROM attendees WHERE code != '' ORDER BY random() LIMIT 400")]
mode = sys.argv[1]
print("start", rss())
def refresh():
    conn = st.replica.reader()
    conn.execute("SELECT count(*) FROM checkins").fetchone()
    conn.execute("SELECT count(*) FROM attendees WHERE status = 'active'").fetchone()
    conn.execute("SELECT count(*) FROM log WHERE outbox = 1").fetchone()
for i, c in enumerate(codes):
    if "scan" in mode: st.scan(c, source="x")
    if "refresh" in mode:
        t = threading.Thread(target=refresh) if "thread" in mode else None
        if t: t.start(); t.join()
        else: refresh()
    if i % 100 == 99: print(i + 1, rss(), flush=True)
