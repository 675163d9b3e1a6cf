# Sourced by ./mind and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer. Tries JAVA_HOME,
# then the java on PATH, then every JDK under /usr/lib/jvm (the default java may be older).

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

find_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in /usr/lib/jvm/*/ /opt/java/*/ /usr/local/lib/jvm/*/; do
    [ -d "$home" ] && candidates+=("${home%/}")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk); then
  echo "Mind needs a JDK 21 or newer: set JAVA_HOME or install one (for example Temurin 21)." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
