#!/usr/bin/env bash
# Installs osip2-rs where libosip2 and libosipparser2 would go:
#
#   scripts/install.sh [PREFIX]        PREFIX defaults to /usr/local
#
# Installs, for each of libosip2 and libosipparser2, PREFIX/lib/LIB.so.15.0.0
# with the LIB.so.15 and LIB.so links and LIB.a; the headers in
# PREFIX/include/osip2 and PREFIX/include/osipparser2; and
# PREFIX/lib/pkgconfig/libosip2.pc (both libraries, as Debian's) and
# libosipparser2.pc. DESTDIR=/some/stage stages the files under that
# directory (the .pc files still name PREFIX). The release build is made
# first if it is missing; OSIP2_BUILD_DIR installs the libraries from
# another directory holding them instead.
set -euo pipefail

prefix=${1:-/usr/local}
case "$prefix" in
  /*) ;;
  *) echo "install.sh: PREFIX must be an absolute path, got '$prefix'" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
build=${OSIP2_BUILD_DIR:-${CARGO_TARGET_DIR:-$root/target}/release}
libs=(libosip2 libosipparser2)
built() {
  for l in "${libs[@]}"; do
    [ -f "$build/$l.so" ] && [ -f "$build/$l.a" ] || return 1
  done
}
if [ -z "${OSIP2_BUILD_DIR:-}" ] && ! built; then
  (cd "$root" && cargo build --release)
fi
for l in "${libs[@]}"; do
  for f in "$l.so" "$l.a"; do
    if [ ! -f "$build/$f" ]; then
      echo "install.sh: $build/$f not found" >&2
      exit 1
    fi
  done
done

dest=${DESTDIR:-}
libdir=$prefix/lib
includedir=$prefix/include
install -d "$dest$libdir/pkgconfig" "$dest$includedir/osip2" \
  "$dest$includedir/osipparser2/headers"
for l in "${libs[@]}"; do
  install -m 755 "$build/$l.so" "$dest$libdir/$l.so.15.0.0"
  ln -sfn "$l.so.15.0.0" "$dest$libdir/$l.so.15"
  ln -sfn "$l.so.15.0.0" "$dest$libdir/$l.so"
  install -m 644 "$build/$l.a" "$dest$libdir/$l.a"
done
install -m 644 "$root"/include/osip2/*.h "$dest$includedir/osip2/"
install -m 644 "$root"/include/osipparser2/*.h "$dest$includedir/osipparser2/"
install -m 644 "$root"/include/osipparser2/headers/*.h "$dest$includedir/osipparser2/headers/"

# pc NAME DESCRIPTION LIBS: an ordinary .pc file for the installed copy.
pc() {
  cat > "$dest$libdir/pkgconfig/$1.pc" <<PC
prefix=$prefix
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include

Name: $1
Description: osip2-rs: memory-safe drop-in replacement for $1 ($2)
Version: 5.3.0
Libs: -L\${libdir} $3
Libs.private: -lgcc_s -lutil -lrt -lpthread -lm -ldl
Cflags: -I\${includedir}
PC
  chmod 644 "$dest$libdir/pkgconfig/$1.pc"
}
pc libosip2 "SIP transactions" "-losip2 -losipparser2"
pc libosipparser2 "SIP messages, URIs, headers, SDP" "-losipparser2"

# A real install into a system directory: refresh the loader cache.
if [ -z "$dest" ] && [ "$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then
  ldconfig
fi
echo "installed osip2-rs under $dest$prefix"
