#!/bin/sh
# Builds tests/package/consumer.c with nothing but `pkg-config caseflow` against an installed
# prefix, and runs it. usage: pkg_config_test.sh PREFIX CC OUTDIR [CFLAGS]
set -eu
prefix=$1 cc=$2 out=$3 extra=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
pcdir=$(dirname "$(find "$prefix" -name caseflow.pc | head -n 1)")
[ -n "$pcdir" ] || { echo "no caseflow.pc under $prefix"; exit 1; }
mkdir -p "$out"
flags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags --libs caseflow)
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $extra "$here/consumer.c" -o "$out/consumer" $flags
libdir=$(PKG_CONFIG_PATH=$pcdir pkg-config --variable=libdir caseflow)
LD_LIBRARY_PATH=$libdir "$out/consumer"
