#!/usr/bin/env bash
# What the site build needs beyond Python: WeasyPrint (the reports' PDF) loads Pango from
# the system. Installs the Debian packages only where they are missing.
set -euo pipefail

missing=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Installera ${missing[*]} (Pango för PDF-rapporterna) med systemets pakethanterare." >&2
    exit 1
  fi
  echo "Installerar ${missing[*]} från Debian (Pango för PDF-rapporterna) …"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
