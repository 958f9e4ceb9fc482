#!/usr/bin/env bash
# Installs what building, running and testing Lanner need on Debian 12, when it is missing.
# Idempotent and quick when everything is there. Needs root (or sudo) only to install packages.
set -euo pipefail

packages=(
  openjdk-17-jdk-headless maven            # build and run
  clang llvm libbpf-dev libbpf1 bpftool libelf-dev zlib1g-dev make gcc   # the eBPF driver in native/
  sysdig                                   # oracle for capture contents and field values (tests)
  rsyslog                                  # a real syslog daemon for the syslog output test
  python3-grpcio python3-grpc-tools        # an independent gRPC client (tests)
  iproute2 openssl procps                  # network namespaces, TLS certificates, process tools (tests)
  time bc jq                               # benchmarks and a program-output test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root to install: ${missing[*]}" >&2; exit 1; fi
  $SUDO apt-get update -qq
  # --no-install-recommends keeps sysdig from pulling in its kernel-module packages.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
if [ "${java_major:-0}" != "17" ] && [ -z "${JAVA_HOME:-}" ]; then
  if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
    echo "setup: the default java is ${java_major}; use JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64" >&2
  fi
fi
