"""The data folder as the contract lays it out, read into Documents.

Only this module looks at the input folder. Ids are file stems; the folder layout, the
id pattern and id uniqueness (sub-folders included) are checked here because they are
facts about files, not about values.

A large follow-up folder (8,000 files at national size, two fifths of the reading) is read
in a second process while this one reads the rest (site.parallel); its documents come back
pickled, which costs a tenth of parsing them. (`insyn serve` remembers the files it has
parsed, read_yaml; the folder read beside is parsed again, at the same time as the rest.)

A file the last successful build read and judged with the same name and bytes is taken from
its memo (load.remembered) with its records, and is neither parsed here nor judged again in
validate; the folder is then read in this process, since most of it is found there.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load.csvfile import read_csv
from generator.load.document import Document
from generator.load.files import folder_problem, read_bounded, relative, shown, walk
from generator.load.remembered import Remembered, key
from generator.load.yamlfile import read_yaml
from generator.models.patterns import is_id
from generator.problems import Problem, show_value
from generator.site import parallel
from generator.sv.personnummer import find_personnummer
from generator.sv.slug import slug

ENTITY_FOLDERS = ("utforare", "avtal", "uppfoljningar", "uppfoljningsplaner")
VALUE_FOLDER = "nyckeltalsvarden"
VALUE_HEADER = ["utforare", "nyckeltal", "period", "kon", "varde", "antal", "anmarkning"]
# The folder read beside the rest, from this many files on (the example has about 200:
# there the second process would cost more than it saves).
BESIDE = "uppfoljningar"
MIN_FILES_BESIDE = 2_000


@dataclass
class RawDataset:
    """Everything read from a data folder, before the models judge it."""

    region: Document | None = None
    nyckeltal: Document | None = None
    entities: dict[str, list[Document]] = field(default_factory=lambda: {f: [] for f in ENTITY_FOLDERS})
    values: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Ids whose file exists but could not be read: references to them are not also "dangling".
    unreadable: dict[str, set[str]] = field(default_factory=lambda: {f: set() for f in ENTITY_FOLDERS})
    # Each file read, by its name in the data folder: its key in the memo (load.remembered) and,
    # when it was found there, the records the last build made of its documents, in order.
    keys: dict[str, str] = field(default_factory=dict)
    records: dict[str, tuple[Any, ...]] = field(default_factory=dict)


KNOWN_ROOT = {"region.yaml", "nyckeltal.yaml", *ENTITY_FOLDERS, VALUE_FOLDER}


def _check_root(root: Path, ds: RawDataset) -> None:
    """A misspelt folder or file (utförare/, Region.yaml) would silently drop data: say so."""
    for path in sorted(root.iterdir()):
        name = path.name
        if name in (*ENTITY_FOLDERS, VALUE_FOLDER) and not path.is_dir():
            ds.problems.append(Problem.of("unknown-file", shown(path, root), None, variant="ska-vara-mapp", namn=name))
            continue
        if name in KNOWN_ROOT or name.startswith("."):
            continue
        if path.is_dir():
            ds.problems.append(Problem.of("unknown-file", shown(path, root), None, variant="mapp", namn=show_value(name),
                                          mappar=", ".join(ENTITY_FOLDERS) + " och " + VALUE_FOLDER))
        elif path.suffix.lower() in {".yaml", ".yml", ".csv", ".json", ".xlsx"}:
            ds.problems.append(Problem.of("unknown-file", shown(path, root), None, namn=show_value(name)))


def _read_single(root: Path, name: str, ds: RawDataset, required: bool) -> Document | None:
    path = root / name
    if not path.exists() and not path.is_symlink():
        if required:
            ds.problems.append(Problem.of("missing-file", name, None, fil=name))
        return None
    raw = read_bounded(path, root, ds.problems)
    if raw is None:
        return None
    doc, problems = read_yaml(raw, name)
    ds.problems.extend(problems)
    return doc


# In `RawDataset.unreadable`: the whole folder could not be read (a link, no permission), so no
# reference to its records is reported as well (every contract naming a provider said "finns inte").
WHOLE_FOLDER = "*"  # no id has it


def _files(root: Path, folder: str, ds: RawDataset) -> list[Path]:
    """The regular files in one folder of the contract; a linked folder is reported, not read."""
    base = root / folder
    problem = folder_problem(base, root)
    if problem:
        ds.problems.append(problem)
        if folder in ds.unreadable:
            ds.unreadable[folder].add(WHOLE_FOLDER)
        return []
    return walk(base, root, ds.problems) if base.is_dir() else []


def _entity_files(root: Path, folder: str, ds: RawDataset) -> list[Path]:
    files: list[Path] = []
    for path in _files(root, folder, ds):
        if path.suffix == ".yaml":
            files.append(path)
        else:
            ds.problems.append(Problem.of("file-extension", shown(path, root), None, fil=show_value(path.name),
                                          andelse=".yaml"))
            ds.unreadable[folder].add(meant_id(path.stem))
    return files


def meant_id(stem: str) -> str:
    """The id a file name not written as one most likely meant ("Hälsocentralen Lit" →
    halsocentralen-lit): references to it are not reported as well, or one misnamed
    file buried its own problem under dozens of "finns inte" (the file's problem is reported)."""
    return slug(stem)


def _read_entities(root: Path, folder: str, ds: RawDataset, memo: Remembered) -> None:
    seen: dict[str, str] = {}
    for path in _entity_files(root, folder, ds):
        rel = shown(path, root)
        stem = path.stem
        if not is_id(stem):
            ds.problems.append(Problem.of("invalid-id", rel, None, namn=show_value(stem)))
            ds.unreadable[folder].add(meant_id(stem))
            continue
        # The id becomes a web address, and folder names are data too: neither may hold one.
        if find_personnummer(relative(path, root)):
            ds.problems.append(Problem.of("personnummer", rel, None, variant="filnamn"))
            continue
        if stem in seen:
            ds.problems.append(Problem.of("duplicate-id", rel, None, variant="fil", id=stem, fil=seen[stem]))
            continue
        seen[stem] = rel
        raw = read_bounded(path, root, ds.problems)
        if raw is not None:
            ds.keys[rel] = key(folder, rel, raw)
            found = memo.get(folder, ds.keys[rel])
            if found is not None:
                (known,), ds.records[rel] = found
                ds.entities[folder].append(known)
                continue
        doc, problems = read_yaml(raw, rel) if raw is not None else (None, [])
        ds.problems.extend(problems)
        if doc is None:
            ds.unreadable[folder].add(stem)
        else:
            ds.entities[folder].append(Document(doc.file, doc.data, doc.lines, stem))


def _read_values(root: Path, ds: RawDataset, memo: Remembered) -> None:
    for path in _files(root, VALUE_FOLDER, ds):
        if path.suffix != ".csv":
            ds.problems.append(Problem.of("file-extension", shown(path, root), None, variant="varden",
                                          fil=show_value(path.name), andelse=".csv"))
            continue
        if find_personnummer(relative(path, root)):
            ds.problems.append(Problem.of("personnummer", shown(path, root), None, variant="vardefil"))
            continue
        raw = read_bounded(path, root, ds.problems)
        if raw is None:
            continue
        rel = shown(path, root)
        ds.keys[rel] = key(VALUE_FOLDER, rel, raw)
        found = memo.get(VALUE_FOLDER, ds.keys[rel])
        if found is not None:
            docs, ds.records[rel] = found
            ds.values.extend(docs)
            continue
        rows, problems = read_csv(raw, rel, VALUE_HEADER)
        ds.values.extend(rows)
        ds.problems.extend(problems)


def _holds_many(folder: Path, at_least: int) -> bool:
    """Whether `folder` holds `at_least` files (links not followed): listed only as far as needed,
    since the folder is listed again when it is read."""
    count = 0
    for _, _, names in os.walk(folder):
        count += len(names)
        if count >= at_least:
            return True
    return False


def _one_folder(root: Path, folder: str) -> RawDataset:
    """One entity folder read on its own, with its problems (in a second process)."""
    part = RawDataset()
    _read_entities(root, folder, part, Remembered(None))
    return part


def load_dataset(root: Path, memo: Remembered | None = None) -> RawDataset:
    """Read every file the contract names; read faults are collected, never raised. `memo`
    holds what the last successful build read (load.remembered)."""
    memo = memo or Remembered(None)
    ds = RawDataset()
    _check_root(root, ds)
    ds.region = _read_single(root, "region.yaml", ds, required=True)
    ds.nyckeltal = _read_single(root, "nyckeltal.yaml", ds, required=False)
    beside = not memo.has(BESIDE) and _holds_many(root / BESIDE, MIN_FILES_BESIDE)
    with parallel.beside_if(beside, _one_folder, root, BESIDE) as theirs:
        for folder in ENTITY_FOLDERS:
            if folder != BESIDE or not beside:
                _read_entities(root, folder, ds, memo)
        _read_values(root, ds, memo)
        if beside:
            part: RawDataset = theirs()
            ds.entities[BESIDE], ds.unreadable[BESIDE] = part.entities[BESIDE], part.unreadable[BESIDE]
            ds.problems += part.problems
            ds.keys.update(part.keys)
    if ds.values and not (root / "nyckeltal.yaml").exists():
        ds.problems.append(Problem.of("missing-file", "nyckeltal.yaml", None, variant="for-varden", fil="nyckeltal.yaml",
                                      mapp=VALUE_FOLDER))
    return ds
