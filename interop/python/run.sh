#!/usr/bin/env bash
# Runs the Avalon-style and the camelot-2 (hardened_client.py) Python requesters against a fresh
# `camelot serve` on a free loopback port.
# Needs python3 with venv (and network access to PyPI on first use); CI runs it after ./mvnw verify.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/interop/python/target"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q -r "$root/interop/python/requirements.txt"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -rf "$work/data"
"$root/camelot" serve --port "$port" --admin-port 0 --data-dir "$work/data" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  grep -q "listening on" "$work/serve.log" && break
  kill -0 $server 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.5
done
status=0
"$work/venv/bin/python" "$root/interop/python/avalon_style_client.py" "http://127.0.0.1:$port" || status=1
# The hardened camelot-2 envelope (docs/envelope.md) against the same server, and its test vector.
"$work/venv/bin/python" "$root/interop/python/hardened_client.py" "http://127.0.0.1:$port" || status=1
exit $status
