#!/usr/bin/env bash
# Zhanchi Counter — one entry point for developers and CI.
#   ./dev.sh app     set everything up, fill a demo data folder, open the counter application
#   ./dev.sh test    set everything up and run every test (extra arguments go to pytest)
#   ./dev.sh test-at INSTANT [pytest args]
#                    the same tests with the clock of every process they start set to INSTANT
#                    (libfaketime; e.g. "2026-12-31 23:59:30 +0800"), running on from there
#   ./dev.sh setup   only set up: Debian packages (as root or through sudo) and the .venv
# ZHANCHI_QT=6.9 before any of them: the same on the Qt of the Debian 11 bundle (PySide6 6.9.3, QtPdf from
# PySide6-Addons, the bundle's pins: build/constraints/debian11-amd64.txt) in .venv-qt6.9 instead of .venv.
set -euo pipefail
cd "$(dirname "$0")"

QT_LINE=${ZHANCHI_QT:-}
VENV=.venv
EXTRAS=dev
CONSTRAINTS=()
case "$QT_LINE" in
  "") ;;
  6.9) VENV=.venv-qt6.9; EXTRAS=test,tools,qt-addons; CONSTRAINTS=(-c build/constraints/debian11-amd64.txt) ;;
  *) echo "dev.sh: unknown ZHANCHI_QT=$QT_LINE (known: 6.9)" >&2; exit 2 ;;
esac
PYTHON=${PYTHON:-python3}
DEMO_DIR=${ZHANCHI_DATA_DIR:-$PWD/.demo-data}

# What Qt, the PDF checks, the screenshots, the real keyboard and mouse tests (Xvfb, openbox, xdotool:
# tests/realx) and the central system's PostgreSQL tests need on a bare Debian/Ubuntu (ARCHITECTURE.md).
SYSTEM_PACKAGES=(
  python3-venv
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0
  fonts-wqy-microhei poppler-utils qpdf zbar-tools
  postgresql faketime gcc libc6-dev chromium
  xvfb xauth openbox xdotool libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
)

system_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "dev.sh: not a Debian-based system; install the equivalents of: ${SYSTEM_PACKAGES[*]}" >&2
    return 0
  fi
  local missing=() p
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing system packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "dev.sh: please install (as root): apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || { [ -n "$QT_LINE" ] && [ "${CONSTRAINTS[1]}" -nt "$stamp" ]; }; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS]" "${CONSTRAINTS[@]}"
    touch "$stamp"
  fi
}

setup() {
  system_packages
  python_env
}

case "${1:-}" in
  setup)
    setup
    ;;
  app)
    shift
    setup
    if [ ! -f "$DEMO_DIR/zhanchi.db" ]; then
      "$VENV/bin/python" -m desktop --data-dir "$DEMO_DIR" demo
    fi
    echo "dev.sh: demo data in $DEMO_DIR; sign in as clerk / zhanchi-demo"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
      echo "dev.sh: no display; starting the window under xvfb-run (nothing will be visible)" >&2
      exec xvfb-run -a "$VENV/bin/python" -m desktop --data-dir "$DEMO_DIR" "$@"
    fi
    exec "$VENV/bin/python" -m desktop --data-dir "$DEMO_DIR" "$@"
    ;;
  test)
    shift
    setup
    "$VENV/bin/ruff" check .
    "$VENV/bin/mypy" desktop central bench wire
    # Test files spread over the cores (pytest-xdist; a file's tests stay in one worker, with its fixtures).
    QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m pytest -q -n "${ZHANCHI_TEST_WORKERS:-auto}" --dist loadfile "$@"
    ;;
  test-at)
    shift
    [ $# -ge 1 ] || { echo "usage: ./dev.sh test-at INSTANT [pytest args]" >&2; exit 2; }
    instant=$1
    shift
    setup  # outside the fake time: package indexes and certificates live in the real one
    target=$(date -d "$instant" +%s) || { echo "dev.sh: cannot read the instant: $instant" >&2; exit 2; }
    offset=$(( target - $(date +%s) ))
    echo "dev.sh: tests at $(date -u -d "@$target" '+%Y-%m-%d %H:%M:%S UTC') (offset ${offset} s)"
    # Waits and sleeps measure real time (tests/faketime/realwait.c says why), loaded before libfaketime.
    shim="$VENV/faketime-realwait.so"
    if [ ! -f "$shim" ] || [ tests/faketime/realwait.c -nt "$shim" ]; then
      cc -shared -fPIC -O2 -Wall -Wextra -o "$shim" tests/faketime/realwait.c -ldl
    fi
    # One offset for every process the tests start (servers, commands), so they agree on the time;
    # the monotonic clock and file times stay real.
    export FAKETIME_DONT_FAKE_MONOTONIC=1 NO_FAKE_STAT=1 LD_PRELOAD="$PWD/$shim${LD_PRELOAD:+:$LD_PRELOAD}"
    [ "$offset" -ge 0 ] && offset="+$offset"
    QT_QPA_PLATFORM=offscreen exec faketime -f "$offset" "$VENV/bin/python" -m pytest -q \
      -n "${ZHANCHI_TEST_WORKERS:-auto}" --dist loadfile "$@"
    ;;
  *)
    echo "usage: ./dev.sh app|test|test-at|setup" >&2
    exit 2
    ;;
esac
