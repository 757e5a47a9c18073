#!/usr/bin/env bash
# What the site build needs beyond Python: the font the reports' PDF is set in (Typst, in
# the Python environment, finds it among the system's fonts; without it Typst falls back to
# a font of its own). Installs the Debian packages only where they are missing.
set -euo pipefail

missing=()
for pkg in fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Installera ${missing[*]} (typsnittet i PDF-rapporterna) med systemets pakethanterare." >&2
    exit 1
  fi
  echo "Installerar ${missing[*]} från Debian (typsnittet i PDF-rapporterna) …"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
