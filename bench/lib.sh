# Shared by the HTTP benchmarks (sourced).
BENCH_STACK_HINT="MARKETPLACE_SERVICE_JAVA_OPTS='-Xmx1g -XX:+UseParallelGC' MARKETPLACE_HTTP_WRITE_RATE_LIMIT_ENABLED=false deploy/local/up"

# bench_service_jvm PORT → the JVM options of the service listening on PORT (empty when not found).
bench_service_jvm() {
  local pid
  pid=$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | sed -E 's/^[^ ]+ //; s/ -jar .*//'
}

# bench_require_production_jvm PORT: refuses to measure a service started with the local stack's start-up JVM
# options (C1 only, serial GC, 384 MB), which cost up to 3x in steady-state throughput.
bench_require_production_jvm() {
  local opts; opts=$(bench_service_jvm "$1")
  if grep -q 'TieredStopAtLevel=1' <<<"$opts"; then
    echo "error: the service on port $1 runs with the local stack's start-up JVM options ($opts); restart the stack with: $BENCH_STACK_HINT" >&2
    exit 1
  fi
}

# bench_require_wrk: the HTTP benchmarks load the service with wrk (C, a fraction of a core). A JVM load generator
# on the same two cores cost more CPU than the service it measured and cut the measured ratio about threefold, so
# there is no fallback: wrk is installed from Debian's packages where that is possible, otherwise the run stops.
bench_require_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[bench] wrk is missing: installing Debian's package (apt-get install wrk)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } || true
  fi
  command -v wrk >/dev/null 2>&1 \
    || { echo "error: wrk is needed to load the service (a JVM client would measure itself); install it: apt-get install wrk (Debian/Ubuntu) or brew install wrk (macOS)" >&2; exit 1; }
}
