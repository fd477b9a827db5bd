#!/usr/bin/env bash
# Checks that a libosip2.so (default: target/release/libosip2.so) is the
# library `cargo build --release` ships, by the build mark src/boundary.rs
# puts in it: `cargo test` builds the library with unwinding, and a demo,
# benchmark or load run on such a build would not measure what users get.
#
#   bash scripts/shipped-lib.sh [LIB]
set -euo pipefail
lib=${1:-$(cd "$(dirname "$0")/.." && pwd)/target/release/libosip2.so}
want="osip2-rs build: profile=release panic=abort features=;"
if ! grep -aqF "$want" "$lib"; then
  got=$(grep -ao "osip2-rs build: [^;]*;" "$lib" || echo "no build mark")
  echo "$lib is not the shipped build ($got): run cargo build --release" >&2
  exit 1
fi
