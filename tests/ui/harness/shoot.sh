#!/bin/sh
# Screenshots of the harness: shoot.sh NAME 'QUERY#screen' [WIDTHxHEIGHT] [dark]
# Needs a static server on the repository root: python3 -m http.server 8765 --bind 127.0.0.1
name=$1; query=$2; size=${3:-1280,800}; dark=${4:+--force-dark-mode}
mkdir -p /tmp/shots
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$(mktemp -d)" --hide-scrollbars $dark \
  --window-size="$size" --virtual-time-budget=6000 --screenshot="/tmp/shots/$name.png" \
  "http://127.0.0.1:8765/tests/ui/harness/index.html$query" 2>/dev/null
