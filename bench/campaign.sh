#!/usr/bin/env bash
# The benchmark campaign of BENCHMARKS.md, run serially (about 45 minutes on 2 cores).
# Usage: bench/campaign.sh [RESULTS_DIR]; needs server/target/camelot.jar (./mvnw -pl server -am package).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-bench-results}"
mkdir -p "$out"
. "$root/.ci/jdk.sh"
camelot_select_jdk
jar="$out/camelot.jar"
cp "$root/server/target/camelot.jar" "$jar"   # a rebuild during the campaign must not change it
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED)
[ "$(java_major "$JAVA_HOME")" -ge 23 ] && java+=(--sun-misc-unsafe-memory-access=allow)

bench() {
  local name=$1; shift
  echo "$(date +%T) $name (load average $(cut -d' ' -f1 /proc/loadavg))"
  "${java[@]}" ${JFR:-} -jar "$jar" bench --json "$out/$name.json" "$@" >"$out/$name.txt" 2>"$out/$name.err"
}
seventy_percent_of() { python3 -c "import json,sys; print(round(0.7*json.load(open(sys.argv[1]))['throughput_wo_per_s'],1))" "$1"; }

JFR="-XX:StartFlightRecording=filename=$out/sat-disk.jfr,settings=profile" bench sat-disk --concurrency 8 --duration 30 --warmup 10
JFR="-XX:StartFlightRecording=filename=$out/sat-tmpfs.jfr,settings=profile" bench sat-tmpfs --concurrency 8 --duration 30 --warmup 10 --data-dir /dev/shm
bench idle-disk --concurrency 1 --duration 20 --warmup 5
bench idle-tmpfs --concurrency 1 --duration 20 --warmup 5 --data-dir /dev/shm
bench sat2-tmpfs --concurrency 8 --duration 20 --warmup 10 --data-dir /dev/shm
bench open70b-tmpfs --rate "$(seventy_percent_of "$out/sat2-tmpfs.json")" --concurrency 16 --duration 30 --warmup 10 --data-dir /dev/shm
bench sat2-disk --concurrency 8 --duration 20 --warmup 10
bench open70b-disk --rate "$(seventy_percent_of "$out/sat2-disk.json")" --concurrency 16 --duration 30 --warmup 10
for payload in 64 1024 65536; do
  for c in 1 2 4 8 16; do
    bench "scale-c$c-p$payload" --concurrency "$c" --payload "$payload" --duration 15 --warmup 5 --ceiling-time 1000
  done
done
for c in 1 2 4 8 16; do
  bench "tscale-c$c-p1024" --concurrency "$c" --payload 1024 --duration 15 --warmup 5 --ceiling-time 1000 --data-dir /dev/shm
done
bench long-tmpfs --concurrency 8 --duration 600 --warmup 5 --data-dir /dev/shm --retain 10000 --purge-interval 5
echo "$(date +%T) jmh"
"${java[@]}" -cp "$jar" org.openjdk.jmh.Main -rf json -rff "$out/jmh.json" >"$out/jmh.txt" 2>&1
