#!/usr/bin/env bash
# A stand-in for a real deployment on one machine: a local PostgreSQL as the lake's catalog, two app servers on two
# ports sharing the lake, and a scheduler running `sync` every SYNC_EVERY seconds. Ctrl-C stops all three.
# Settings (environment): PORTS (default "8501 8502"), RESONANCE_DATA_PATH (default data/lake), SYNC_EVERY (900),
# RESONANCE_STORE (default the local PostgreSQL's database resonance, created with its role if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PORTS=${PORTS:-"8501 8502"}
SYNC_EVERY=${SYNC_EVERY:-900}

pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_state() { pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" {print $3, $4}'; }
[ -n "$(pg_state)" ] || pg_createcluster "$pg_version" main >/dev/null
case "$(pg_state)" in *online*) ;; *) pg_ctlcluster "$pg_version" main start ;; esac
pg_port=$(pg_state | cut -d' ' -f1)
for _ in $(seq 1 30); do runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$pg_port" && break; sleep 1; done
as_pg() { (cd / && runuser -u postgres -- psql -p "$pg_port" -v ON_ERROR_STOP=1 -qtA "$@"); }
if [ -z "${RESONANCE_STORE:-}" ]; then
  [ "$(as_pg -c "select 1 from pg_roles where rolname = 'resonance'")" = 1 ] \
    || as_pg -c "create role resonance login password 'resonance'"
  [ "$(as_pg -c "select 1 from pg_database where datname = 'resonance'")" = 1 ] \
    || as_pg -c "create database resonance owner resonance"
  export RESONANCE_STORE="ducklake:postgres:postgresql://resonance:resonance@127.0.0.1:$pg_port/resonance"
fi
export RESONANCE_DATA_PATH=${RESONANCE_DATA_PATH:-$PWD/data/lake}

# The schema and the demo set once, before the servers start (the writer lock would serialise them anyway)
"$PY" -m resonance init

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
for port in $PORTS; do
  .venv/bin/streamlit run app.py --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false > "data/streamlit-$port.log" 2>&1 &
  pids+=($!)
  echo "app server: http://127.0.0.1:$port  (log data/streamlit-$port.log)"
done
# The scheduler: one `sync` at a time for the whole cluster (the lake's writer lock keeps it from racing an import)
( while true; do "$PY" -m resonance sync >> data/sync.log 2>&1 || true; sleep "$SYNC_EVERY"; done ) &
pids+=($!)
echo "scheduler: sync every $SYNC_EVERY s (log data/sync.log); Ctrl-C stops everything"
wait
