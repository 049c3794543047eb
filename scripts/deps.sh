#!/bin/sh
# deps.sh GROUP... -- install the Debian packages a make target needs, if
# missing.  Groups: build (compile and test), gate (valgrind), bench
# (benchmarks and Go), plots (gnuplot).
# Installs with apt-get when run as root; otherwise says what to install.
set -eu

pkgs_build="gcc make libc6-dev binutils python3 python3-pytest liburing-dev"
pkgs_gate="valgrind"
pkgs_bench="g++ libbenchmark-dev libbenchmark-tools python3-scipy hyperfine golang-go valgrind"
pkgs_plots="gnuplot-nox"

want=""
for g in "$@"; do
    case "$g" in
    build) want="$want $pkgs_build" ;;
    gate) want="$want $pkgs_gate" ;;
    bench) want="$want $pkgs_bench" ;;
    plots) want="$want $pkgs_plots" ;;
    *) echo "deps.sh: unknown group '$g' (build, gate, bench, plots)" >&2; exit 2 ;;
    esac
done

missing=""
for p in $want; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: missing packages:$missing; this is not a Debian system, install their equivalents" >&2
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "deps.sh: missing Debian packages:$missing" >&2
    echo "deps.sh: run as root, or: sudo apt-get install$missing" >&2
    exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
