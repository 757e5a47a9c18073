"""One run reports every error: a staff member fixes the whole list, not one fault a run."""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.build import run_insyn
from tests.test_validate_catalogue import apply_edit, problems_of

# (file, find, replace, expected code, expected line): one fault in each of eight files.
FAULTS = [
    ("region.yaml", "exempeldata: true", "exempeldata: ja", "invalid-bool", 9),
    ("nyckeltal.yaml", "enhet: dagar", "enhet: dygn", "invalid-choice", 14),
    ("utforare/fjallvarden.yaml", "koncern: Fjällvården Holding", "koncern: Holding 121212-1212", "personnummer", 4),
    ("utforare/fjallvarden.yaml", "ort: Åre", "ort: Åre\n  ort: Åre", "yaml-duplicate-key", 10),
    ("utforare/halsocentralen-centrum.yaml", "webbplats: https://", "webbplats: http://", "url-not-https", 11),
    ("avtal/lov-stangda.yaml", "startdatum: 2019-01-01", "startdatum: 2024-02-30", "invalid-date", 5),
    ("avtal/lov-fjallvarden.yaml", "namnd: regionstyrelsen", "namnd: vardnamnden", "dangling-reference", 5),
    ("uppfoljningar/2025/revision-fjallvarden-2025.yaml", "sekretess: [sammanfattning]", "sekretess: [sammanfatning]", "invalid-secrecy", 8),
    ("uppfoljningar/2025/vb-centrum-2025.yaml", "resultat: uppfyller\n", "", "missing-field", 4),
    ("uppfoljningsplaner/regionstyrelsen-2026.yaml", "planerad: 2026-05", "planerad: 2026-5", "invalid-month", 13),
    ("nyckeltalsvarden/halsoval.csv", "2024,T,82.5,400", "2024,T,\"82,5\",400", "decimal-comma", 2),
    ("nyckeltalsvarden/halsoval.csv", "För få svar för att redovisa", "=1+1", "formula-start", 7),
]


def _break_everything(dataset: Path) -> None:
    for file, find, replace, _, _ in FAULTS:
        apply_edit(dataset, {"file": file, "find": find, "replace": replace})


def _sections(output: str) -> dict[str, list[str]]:
    """The printed report as {file heading: the lines under it}."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        if line and not line.startswith(" ") and re.fullmatch(r"[\w./-]+\.(yaml|csv)", line):
            assert line not in sections, f"{line} står som rubrik två gånger"
            current = sections.setdefault(line, [])
        elif line.startswith("  ") and current is not None:
            current.append(line)
    return sections


def test_every_fault_is_found_in_one_pass(dataset: Path) -> None:
    _break_everything(dataset)
    found = {(p.code, p.file, p.line) for p in problems_of(dataset)}
    for file, _, _, code, line in FAULTS:
        assert (code, file, line) in found


def test_cli_prints_every_fault_grouped_by_file_and_publishes_nothing(dataset: Path, tmp_path: Path) -> None:
    _break_everything(dataset)
    out = tmp_path / "site"
    result = run_insyn("build", "--data", str(dataset), "--out", str(out))
    assert result.returncode == 1
    assert not out.exists()
    sections = _sections(result.stderr)
    assert set(sections) == {file for file, *_ in FAULTS}
    for file, _, _, code, line in FAULTS:
        assert any(f"rad {line}," in entry and f"[{code}]" in entry for entry in sections[file]), (file, code)
    assert f"har {len(FAULTS)} problem i {len(sections)} filer" in result.stderr
    assert result.stderr.count("Så rättar du:") == len(FAULTS)


def test_same_fault_on_many_rows_is_counted_not_repeated(dataset: Path) -> None:
    from generator.problems.report import SHOWN_PER_KIND, format_problems

    rows = "".join(f"fjallvarden,vantetid,{year},t,4.5,,\n" for year in range(2000, 2030))
    apply_edit(dataset, {"file": "nyckeltalsvarden/halsoval.csv", "append": rows})
    problems = problems_of(dataset)
    assert len(problems) == 30
    report = format_problems(problems, "data")
    assert report.count("[invalid-choice]") == SHOWN_PER_KIND + 1
    assert f"… och {30 - SHOWN_PER_KIND} rader till med samma fel i fältet kon [invalid-choice]." in report
    assert "har 30 problem i 1 fil" in report


# Independent mistakes of different kinds, two of them in files that also fail on their own:
# the rules across files must still judge those records in the same run.
MISTAKES = [
    # (file, find, replace, code, line, words the hint must contain)
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", "avtal: lov-fjallvarden", "avtal: lov-fjalvarden",
     "dangling-reference", 1, "Menade du lov-fjallvarden"),  # the closest first
    ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", "genomford: 2026-03-10", "genomford: 2026-02-30", "invalid-date", 5, ""),
    ("uppfoljningar/2025/vb-centrum-2025.yaml", "resultat: uppfyller\n", "", "missing-field", 4, "resultat"),
    ("uppfoljningar/2025/vb-centrum-2025.yaml", 'period: "2025"', 'period: "2025-T4"', "invalid-period", 3, ""),
    ("avtal/lov-stangda.yaml", "form: LOV", 'form: "LOV', "yaml-syntax", 8, ""),
    ("avtal/lov-fjallvarden.yaml", "namnd: regionstyrelsen", "namnd: regionstyrelsn", "dangling-reference", 5,
     "Menade du regionstyrelsen?"),
    ("avtal/lov-fjallvarden.yaml", "strategiskt: true", "strategiskt: ja", "invalid-bool", 8, ""),
]


def test_every_mistake_is_reported_in_one_run_even_beside_other_faults(dataset: Path) -> None:
    for file, find, replace, *_ in MISTAKES:
        apply_edit(dataset, {"file": file, "find": find, "replace": replace})
    problems = problems_of(dataset)
    for file, _, _, code, line, words in MISTAKES:
        found = [p for p in problems if (p.code, p.file, p.line) == (code, file, line)]
        assert found, f"{code} i {file} rad {line} rapporterades inte: {[(p.code, p.file, p.line) for p in problems]}"
        assert words in found[0].hint + found[0].message
    assert len(problems) == len(MISTAKES)  # and nothing that only repeats one of them
