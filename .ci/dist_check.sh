#!/usr/bin/env bash
# The release as a stranger gets it: build the sdist and, from it, the wheel; check that both carry every
# tracked file of the package (models and data included); install the wheel into a fresh virtualenv with no
# extras and nothing editable; run `marsad extract` on the bundled example and `marsad.analyze` from Python
# there; check both outputs against the schema and the example's known facts.
# Usage: .ci/dist_check.sh [PYTHON]   (PYTHON: an interpreter with the test extra, default .venv/bin/python)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
py="${1:-$repo/.venv/bin/python}"
# absolute, as the script changes directory before its last use (not resolved: a venv's python is a symlink)
py="$(cd "$(dirname "$py")" && pwd)/$(basename "$py")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"

echo "== build: sdist, then the wheel from the sdist"
"$py" -m build --outdir "$work/dist" . > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
ls -l "$work/dist" | awk 'NR > 1 {print "  " $NF " " $5 " bytes"}'
"$py" "$repo/.ci/check_dist.py" contents "$work/dist"

echo "== install the wheel into a fresh virtualenv (no extras, not editable)"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
"$work/venv/bin/python" -m pip install --quiet "$work"/dist/*.whl 2>&1 | grep -v '^WARNING: Location' || true
echo "  $(du -sm "$work/venv" | cut -f1) MB"

echo "== run it, from outside the checkout (nothing can import src/)"
cd "$work"
"$work/venv/bin/marsad" --version
"$work/venv/bin/marsad" extract "$repo/examples/port_expansion.txt" -o "$work/extract.jsonl"
"$work/venv/bin/python" - "$repo/examples/port_expansion.txt" "$work/analyze.jsonl" <<'PY'
import json, sys
import marsad
text = open(sys.argv[1], encoding="utf-8").read()
article = marsad.analyze(text)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
print(f"  marsad.analyze: {len(article.entities)} entities, {len(article.quantities)} amounts, "
      f"{len(article.dates)} dates")
PY
"$work/venv/bin/marsad" ingest "$repo/examples/port_expansion.txt" --db "$work/store.db" --workers 2 > /dev/null
"$work/venv/bin/marsad" search "الموانئ" --db "$work/store.db" --json | grep -q '"id"' \
  || { echo "  FAIL search finds nothing in the store it just ingested"; exit 1; }
"$work/venv/bin/marsad" export --db "$work/store.db" --format csv -o "$work/store.csv" | sed 's/^/  /'
# the reading room from the wheel: a search page's JSON twin, a page and a shipped font, then stop it
port="$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$work/venv/bin/marsad" serve --db "$work/store.db" --port "$port" 2> "$work/serve.log" &
serve_pid=$!
"$work/venv/bin/python" - "$port" <<'PY' || { kill "$serve_pid"; cat "$work/serve.log"; exit 1; }
import json, sys, time, urllib.parse, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(100):
    try:
        urllib.request.urlopen(base + "/stories", timeout=2)
        break
    except OSError:
        time.sleep(0.1)
found = json.load(urllib.request.urlopen(base + "/search?format=json&q=" + urllib.parse.quote("الموانئ")))
assert found["total"] == 1, found["total"]
page = urllib.request.urlopen(base + "/article/" + found["hits"][0]["id"])
assert "dir=\"rtl\"" in page.read().decode() and "default-src 'none'" in page.headers["Content-Security-Policy"]
font = urllib.request.urlopen(base + "/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2").read()
assert font[:4] == b"wOF2", font[:4]
print(f"  marsad serve: search, article page and shipped font served ({len(font)} bytes)")
PY
kill "$serve_pid"
wait "$serve_pid" 2> /dev/null || true
if "$work/venv/bin/marsad" export --db "$work/store.db" --format parquet -o "$work/x.parquet" 2> "$work/err"; then
  echo "  FAIL the Parquet export ran without pyarrow"; exit 1
fi
grep -q "E070 .*marsad\[parquet\]" "$work/err" && echo "  without pyarrow: $(cat "$work/err")"
"$work/venv/bin/python" -c "import sys; mods = sorted(m for m in ('torch', 'ray', 'pytest') if m in sys.modules); assert not mods, mods"
"$py" "$repo/.ci/check_dist.py" output "$work/extract.jsonl" "$work/analyze.jsonl"
echo "== the wheel works on its own"
