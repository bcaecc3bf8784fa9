#!/usr/bin/env python3
"""`caseflow screen --format html` on the hand-worked caseload (tests/caseload/screen), opened in
headless Chromium with no network: each chart is there with its bars, each table with its rows,
nothing is fetched, and a click on a heading sorts the worklist."""
import os
import re
import subprocess
import sys
import tempfile

CHARTS = ["chart-stock", "chart-overdue", "chart-closures", "chart-long"]
TABLES = ["table-worklist", "table-status", "table-closures", "table-extensions", "table-actors", "table-lead-times",
          "table-caseworkers", "table-entering", "table-states"]
# Clicks "days overdue" twice (descending), then writes the first row's days into the title.
PROBE = """<script>
var t=document.getElementById('table-worklist');var th=t.tHead.rows[0].cells[5];th.click();th.click();
document.title='sorted:'+t.tBodies[0].rows[0].cells[5].textContent+':'+t.tBodies[0].rows[t.tBodies[0].rows.length-1].cells[5].textContent;
</script></body>"""


def chromium(args, tmp):
    return subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           "--user-data-dir=" + os.path.join(tmp, "profile")] + args,
                          capture_output=True, text=True, timeout=120)


def main(caseflow, screenshot=None):
    here = os.path.dirname(os.path.abspath(__file__))
    events = os.path.join(here, "..", "caseload", "screen", "caseload.jsonl")
    run = subprocess.run([caseflow, "screen", "--rules", "dk", "--events", events, "--week-of", "2025-03-10", "--format", "html"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(f"exit status {run.returncode}\n{run.stderr}")
        return 1
    html = run.stdout
    failures = []
    if re.search(r"(src|href)=\"(https?:)?//", html) or "@import" in html:
        failures.append("the page refers to something on the network")
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "report.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", PROBE))
        dom = chromium(["--dump-dom", "file://" + page], tmp)
        if dom.returncode != 0 or "<html" not in dom.stdout:
            print(f"chromium failed: {dom.returncode}\n{dom.stderr[-2000:]}")
            return 1
        out = dom.stdout
        for c in CHARTS:
            m = re.search(r'<figure class="chart" id="%s">(.*?)</figure>' % c, out, re.S)
            if not m or "<svg" not in m.group(1) or "<rect" not in m.group(1):
                failures.append(f"chart {c} missing or without bars")
        for t in TABLES:
            m = re.search(r'<table class="sortable" id="%s">(.*?)</table>' % t, out, re.S)
            if not m or "<tbody><tr>" not in m.group(1):
                failures.append(f"table {t} missing or empty")
        if 'class="norm"' not in out:
            failures.append("the norm line is missing from the closures chart")
        # The worklist on 2025-03-10: K08's first follow-up is the most overdue (207 days), K29's is due in 8.
        if "<title>sorted:207:-8</title>" not in out:
            failures.append("sorting the worklist by days overdue: " + (re.search(r"<title>.*?</title>", out).group(0) if re.search(r"<title>.*?</title>", out) else "no title"))
        if screenshot:
            with open(page, "w", encoding="utf-8") as f:
                f.write(html)
            chromium(["--screenshot=" + os.path.abspath(screenshot), "--window-size=1200,2400", "--hide-scrollbars",
                      "file://" + page], tmp)
    print("\n".join(failures) if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
