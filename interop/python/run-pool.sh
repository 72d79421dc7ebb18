#!/usr/bin/env bash
# Runs the Avalon-style pool checks against a fresh `camelot serve --pool 1`, once with results
# signed by the pool key and once with Avalon's two-step ext-key signatures, each time with the
# Avalon-style (legacy) and the camelot-2 (hardened_client.py) requesters.
# Needs python3 with venv (and network access to PyPI on first use); CI runs it after run.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/interop/python/target"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q -r "$root/interop/python/requirements.txt"
fi
status=0
for scheme in ext-key pool-key; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$work/pool-data"
  printf '[pool]\nsignature_scheme = "%s"\n' "$scheme" > "$work/pool.toml"
  "$root/camelot" serve --pool 1 --config "$work/pool.toml" --port "$port" --data-dir "$work/pool-data" \
    > "$work/serve-pool.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    grep -q "listening on" "$work/serve-pool.log" && break
    kill -0 $server 2>/dev/null || { cat "$work/serve-pool.log"; exit 1; }
    sleep 0.5
  done
  PYTHONPATH="$root/interop/python" "$work/venv/bin/python" "$root/interop/python/pool_client.py" \
    "http://127.0.0.1:$port" pool-worker-1 "$scheme" || status=1
  # The pool serves camelot-2 too; with ext-key the ext key's vouch is bound to the request hash.
  "$work/venv/bin/python" "$root/interop/python/hardened_client.py" \
    "http://127.0.0.1:$port" pool-worker-1 "$scheme" || status=1
  kill $server; wait $server 2>/dev/null || true
  trap - EXIT
done
exit $status
