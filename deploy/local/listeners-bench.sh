#!/usr/bin/env bash
# Throughput through NGINX round robin over N `camelot listener` processes and one
# `camelot worker`, all on one PostgreSQL (docs/scale-out.md, "Measurements"):
#   deploy/local/listeners-bench.sh CONFIG.toml N [camelot bench options...]
# CONFIG names the shared store ([store] backend = "postgres"). With N > 1 it needs nginx
# (apt-get install nginx-light); one listener is loaded directly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config=$1 listeners=$2
shift 2
work=$(mktemp -d /tmp/camelot-listeners-XXXXXX)
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
await_ready() {
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0
    sleep 0.5
  done
  echo "not ready: health port $1" >&2; return 1
}

health=$(free_port)
"$root/camelot" worker --config "$config" --name bench-worker --data-dir "$work/worker" \
  --admin-port "$health" >"$work/worker.log" 2>&1 &
pids+=($!)
await_ready "$health"

upstreams=""
for i in $(seq 1 "$listeners"); do
  port=$(free_port) health=$(free_port)
  "$root/camelot" listener --config "$config" --port "$port" --admin-port "$health" >"$work/listener-$i.log" 2>&1 &
  pids+=($!)
  await_ready "$health"
  upstreams+="server 127.0.0.1:$port;"$'\n'
done

worker_id=$(printf '%s' bench-worker | sha256sum | cut -d' ' -f1)
if [ "$listeners" -eq 1 ]; then
  echo "listeners-bench: 1 listener at http://127.0.0.1:$port, worker $worker_id" >&2
  "$root/camelot" bench --url "http://127.0.0.1:$port" --worker-id "$worker_id" "$@"
  exit
fi
lb=$(free_port)
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/nginx-error.log;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  upstream camelot_listeners { $upstreams keepalive 64; }
  server {
    listen 127.0.0.1:$lb;
    client_max_body_size 2m;
    location / {
      proxy_pass http://camelot_listeners;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_read_timeout 15s;
      proxy_next_upstream error;
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
echo "listeners-bench: $listeners listener(s) behind http://127.0.0.1:$lb, worker $worker_id" >&2
"$root/camelot" bench --url "http://127.0.0.1:$lb" --worker-id "$worker_id" "$@"
