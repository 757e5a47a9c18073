"""Known vulnerabilities in the installed dependencies (pip-audit), said plainly.

pip-audit asks a vulnerability service about each package. Where that service cannot be
reached (a closed build machine), it skips every package and still reports "No known
vulnerabilities found". This script says how many packages were really checked, fails on
any vulnerability found, and warns, without failing, when nothing could be checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> int:
    pip_audit = os.environ.get("INSYN_PIP_AUDIT", str(BIN / "pip-audit"))  # tests put a stand-in here
    command = [pip_audit, "--skip-editable", "--progress-spinner", "off", "-f", "json"]
    run = subprocess.run(command, capture_output=True, text=True)  # noqa: S603 - our own venv's pip-audit
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(run.stdout + run.stderr, file=sys.stderr)
        print("pip-audit gav inget svar som gick att läsa.", file=sys.stderr)
        return 1
    deps = report["dependencies"]
    checked = [d for d in deps if "skip_reason" not in d]
    vulnerable = [d for d in checked if d.get("vulns")]
    for d in vulnerable:
        ids = ", ".join(v["id"] for v in d["vulns"])
        fixes = ", ".join(sorted({f for v in d["vulns"] for f in v.get("fix_versions", [])}))
        print(f"SÅRBAR: {d['name']} {d['version']}: {ids} (rättat i {fixes or 'ingen version än'})", file=sys.stderr)
    if vulnerable:
        return 1
    if not checked:
        print(f"VARNING: pip-audit kunde inte nå sårbarhetstjänsten; inget av {len(deps)} paket granskades. "
              "Kör `make audit` på en dator med internet.", file=sys.stderr)
        return 0
    print(f"pip-audit: {len(checked)} av {len(deps)} paket granskade, inga kända sårbarheter.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
