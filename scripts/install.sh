#!/usr/bin/env bash
# Installs osip2-rs where libosip2 would go:
#
#   scripts/install.sh [PREFIX]        PREFIX defaults to /usr/local
#
# Installs PREFIX/lib/libosip2.so.15.0.0 with the libosip2.so.15 and
# libosip2.so links, libosip2.a, the headers in PREFIX/include/osip2 and
# PREFIX/lib/pkgconfig/libosip2.pc. DESTDIR=/some/stage stages the files
# under that directory (the .pc still names PREFIX). The release build is
# made first if it is missing; OSIP2_BUILD_DIR installs the libraries from
# another directory holding libosip2.so and libosip2.a instead.
set -euo pipefail

prefix=${1:-/usr/local}
case "$prefix" in
  /*) ;;
  *) echo "install.sh: PREFIX must be an absolute path, got '$prefix'" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
build=${OSIP2_BUILD_DIR:-${CARGO_TARGET_DIR:-$root/target}/release}
if [ -z "${OSIP2_BUILD_DIR:-}" ] && { [ ! -f "$build/libosip2.so" ] || [ ! -f "$build/libosip2.a" ]; }; then
  (cd "$root" && cargo build --release)
fi
for f in libosip2.so libosip2.a; do
  if [ ! -f "$build/$f" ]; then
    echo "install.sh: $build/$f not found" >&2
    exit 1
  fi
done

dest=${DESTDIR:-}
libdir=$prefix/lib
includedir=$prefix/include
install -d "$dest$libdir/pkgconfig" "$dest$includedir/osip2"
install -m 755 "$build/libosip2.so" "$dest$libdir/libosip2.so.15.0.0"
ln -sfn libosip2.so.15.0.0 "$dest$libdir/libosip2.so.15"
ln -sfn libosip2.so.15.0.0 "$dest$libdir/libosip2.so"
install -m 644 "$build/libosip2.a" "$dest$libdir/libosip2.a"
install -m 644 "$root"/include/osip2/*.h "$dest$includedir/osip2/"

cat > "$dest$libdir/pkgconfig/libosip2.pc" <<PC
prefix=$prefix
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib
includedir=\${prefix}/include

Name: libosip2
Description: osip2-rs: memory-safe drop-in replacement for libosip2 (SIP transactions)
Version: 5.3.0
Libs: -L\${libdir} -losip2 -losipparser2
Libs.private: -lgcc_s -lutil -lrt -lpthread -lm -ldl
Cflags: -I\${includedir}
PC
chmod 644 "$dest$libdir/pkgconfig/libosip2.pc"

# A real install into a system directory: refresh the loader cache.
if [ -z "$dest" ] && [ "$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then
  ldconfig
fi
echo "installed osip2-rs under $dest$prefix"
