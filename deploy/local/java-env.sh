# Sourced by deploy/local/up, deploy/local/smoke and .ci/run: finds a JDK 21+ and exports JAVA_HOME.
# Order: $JAVA_HOME, the java on PATH, then JDKs under /usr/lib/jvm (newest first).

_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1
}

marketplace_find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  if [ -d /usr/lib/jvm ]; then
    while IFS= read -r d; do candidates+=("$d"); done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sed 's#/$##' | sort -rV)
  fi
  local home major
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: no JDK 21 or newer found (checked JAVA_HOME, PATH and /usr/lib/jvm). Install one (e.g. Temurin 21) and set JAVA_HOME." >&2
  return 1
}

# Maven's and the launcher's libraries still use sun.misc.Unsafe and native access, which JDK 24+ warns about on
# every run: noise for someone starting the stack, not a problem of theirs. Older JDKs do not know these options.
marketplace_quiet_maven() {
  local major
  major=$(_java_major "$JAVA_HOME/bin/java")
  MARKETPLACE_QUIET_JVM_OPTS=""
  if [ -n "$major" ] && [ "$major" -ge 24 ]; then
    MARKETPLACE_QUIET_JVM_OPTS="--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
    export MAVEN_OPTS="${MAVEN_OPTS:-} $MARKETPLACE_QUIET_JVM_OPTS"
  fi
}

marketplace_check_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js 20+ with npm is needed for the Hardhat dev chain; install it (https://nodejs.org) and retry." >&2
    return 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "error: Node.js $(node --version) is too old; the Hardhat dev chain needs Node 20 or newer." >&2
    return 1
  fi
}
