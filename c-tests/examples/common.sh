# shellcheck shell=bash
# Shell functions shared by the benchmarks of c-tests/examples (load.sh,
# soak.sh): sourced, not run.

# free_port FROM: the first UDP port from FROM on that no socket uses.
free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    # Free when no UDP socket of the kernel's table has it as local port.
    if ! awk -v hex="$(printf ':%04X' "$p")" 'NR > 1 && index($2, hex) {found=1} END {exit !found}' /proc/net/udp; then
      echo "$p"
      return
    fi
  done
  echo "no free UDP port from $1" >&2
  exit 1
}

# machine: one line describing the machine, sipp, Debian's libosip2 and,
# when installed, sofia-sip.
machine() {
  local cpu_model mem deb_version sipp_version sofia_version
  cpu_model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
  deb_version=$(dpkg-query -W -f '${Version}' libosip2-15 2>/dev/null || echo unknown)
  sipp_version=$( (sipp -v 2>&1 || true) | awk '/SIPp v/ {sub(/\.$/, "", $2); print $2; exit}')
  sofia_version=$(package_version libsofia-sip-ua0)
  echo "Machine: ${cpu_model}, $(nproc) CPUs, ${mem}, Linux $(uname -r); sipp ${sipp_version}; Debian libosip2 ${deb_version}${sofia_version:+; sofia-sip ${sofia_version}}."
}

# package_version PKG: the installed version of a Debian package, or nothing.
package_version() {
  if dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -qx 'install ok installed'; then
    dpkg-query -W -f='${Version}' "$1"
  fi
}

# missing_packages PKG...: the Debian packages of the list that dpkg does not
# show as installed, one a line (all of them where there is no dpkg).
missing_packages() {
  local p
  for p in "$@"; do
    [ -n "$(package_version "$p")" ] || echo "$p"
  done
}

# ensure_packages PKG...: checks Debian packages by their status in dpkg; as
# root, installs the missing ones with apt-get. Returns 1, naming on stderr
# the packages still missing, if any is.
ensure_packages() {
  local missing
  mapfile -t missing < <(missing_packages "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing the missing Debian packages: ${missing[*]}"
    if DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >/dev/null ||
        echo "apt-get install ${missing[*]} failed" >&2
    fi
    mapfile -t missing < <(missing_packages "$@")
    [ ${#missing[@]} -eq 0 ] && return 0
  fi
  echo "missing Debian packages: ${missing[*]} (install them with: apt-get install --no-install-recommends ${missing[*]})" >&2
  return 1
}

# need_tools TOOL...: exits naming the Debian packages if a tool is missing.
need_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || {
      echo "$tool is missing (Debian packages: sip-tester gcc pkg-config libosip2-dev; cargo: https://rustup.rs)" >&2
      exit 1
    }
  done
}

# build_examples WORKDIR: cargo build --release, then the example uac and
# uas against both of our libraries (WORKDIR/ours), our libosip2 on
# Debian's libosipparser2 (WORKDIR/ours-osip2) and Debian's (WORKDIR/debian).
build_examples() {
  local here root
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  root=$(cd "$here/../.." && pwd)
  (cd "$root" && cargo build --release --quiet)
  rm -rf "$1"
  mkdir -p "$1"
  bash "$here/build.sh" ours "$1/ours"
  bash "$here/build.sh" ours-osip2 "$1/ours-osip2"
  bash "$here/build.sh" debian "$1/debian"
}

# peer_packages PEER: the Debian packages the UAS of a peer stack needs.
peer_packages() {
  case $1 in
  sofia) echo libsofia-sip-ua-dev ;;
  *) echo "peer_packages: no peer named $1" >&2; return 1 ;;
  esac
}

# build_peer PEER WORKDIR: the UAS of a peer stack (c-tests/examples/peers/)
# as WORKDIR/PEER/uas; its packages must be there (ensure_packages).
build_peer() {
  local here
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  bash "$here/peers/build.sh" "$1" "$2/$1"
}

# sipp_counts DIR: "successful failed" calls from the screen report sipp
# wrote into DIR (-trace_screen).
sipp_counts() {
  local screen
  screen=$(cat "$1"/*_screen.log 2>/dev/null || true)
  awk -F'|' '/Successful call/ {gsub(/ /, "", $3); ok = $3}
             /Failed call/ {gsub(/ /, "", $3); failed = $3}
             END {print ok + 0, failed + 0}' <<<"$screen"
}
