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
