"""A file the last successful build read, with the same name and bytes, is taken from its memo
(load.remembered) instead of being read and judged again: the catalogue and every problem are
exactly what reading everything gives, a memo that is not Insyn's own is never run, and a
memo that cannot be written never stops a build."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.load import dataset, load_dataset, remembered
from generator.load.document import Document
from generator.load.remembered import Remembered
from generator.models import Utforare
from generator.problems import BuildError, DataError, Problem
from generator.problems.report import format_problems
from generator.settings import reference_day
from generator.site import incremental
from generator.validate import validate
from tests.support.build import CONTENT, EXAMPLE, build_site
from tests.support.files import snapshot
from tests.test_build_incremental import _build, _edit
from tests.test_validate_catalogue import CASES, MINIMAL, READ_TO_THE_LIMIT, make_case


def _memo_of(root: Path, folder: Path) -> Path:
    """The memo a successful check of `root` leaves in `folder`."""
    memo = Remembered(None)
    validate(load_dataset(root), reference_day(), memo)
    memo.write(folder)
    return folder


def _checked(root: Path, memo: Path | None) -> object:
    """The catalogue, or the problems as `insyn validate` prints them."""
    try:
        return validate(load_dataset(root, Remembered(memo)), reference_day(), Remembered(None))
    except DataError as error:
        return _shown(error.problems)


def _shown(problems: list[Problem]) -> str:
    return format_problems(problems, "data")


@pytest.fixture()
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually parsed (YAML and CSV), in order."""
    files: list[str] = []
    read_yaml, read_csv = dataset.read_yaml, dataset.read_csv

    def yaml_spy(raw: bytes, file: str) -> object:
        files.append(file)
        return read_yaml(raw, file)

    def csv_spy(raw: bytes, file: str, header: list[str]) -> object:
        files.append(file)
        return read_csv(raw, file, header)

    monkeypatch.setattr(dataset, "read_yaml", yaml_spy)
    monkeypatch.setattr(dataset, "read_csv", csv_spy)
    return files


def test_the_example_is_taken_whole_from_the_memo(tmp_path: Path, parsed: list[str]) -> None:
    memo = _memo_of(EXAMPLE, tmp_path / "memo")
    assert {p.name for p in memo.iterdir()} == {f"{f}.pickle" for f in (*dataset.ENTITY_FOLDERS, dataset.VALUE_FOLDER)}
    fresh = _checked(EXAMPLE, None)
    parsed.clear()
    assert _checked(EXAMPLE, memo) == fresh
    assert parsed == ["region.yaml", "nyckeltal.yaml"]  # the two single files are always read


def test_only_the_changed_files_are_read_again(tmp_path: Path, parsed: list[str]) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    memo = _memo_of(data, tmp_path / "memo")
    follow_up = sorted((data / "uppfoljningar").rglob("*.yaml"))[0]
    follow_up.write_text(follow_up.read_text("utf-8").replace("\n", "\n# ändrad\n", 1), encoding="utf-8")
    values = sorted((data / "nyckeltalsvarden").glob("*.csv"))[0]
    lines = values.read_text("utf-8").splitlines(keepends=True)
    values.write_text("".join(lines[:-1]), encoding="utf-8")  # the last row taken away
    parsed.clear()
    remembered_build = _checked(data, memo)
    assert sorted(parsed) == sorted(["region.yaml", "nyckeltal.yaml", follow_up.relative_to(data).as_posix(),
                                     values.relative_to(data).as_posix()])
    assert remembered_build == _checked(data, None)


def test_a_file_moved_to_another_name_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    """Its name is part of what it is found by: the id and every problem's file come from it."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    memo = _memo_of(data, tmp_path / "memo")
    provider = sorted((data / "utforare").glob("*.yaml"))[0]
    provider.rename(provider.with_name("kopia-" + provider.name))
    parsed.clear()
    assert _checked(data, memo) == _checked(data, None)  # a duplicate or a dangling id: the same verdict
    assert f"utforare/kopia-{provider.name}" in parsed


def test_every_broken_case_is_reported_as_without_a_memo(tmp_path: Path) -> None:
    """The valid files of a broken dataset come from the memo; the rules across files still
    judge them all, so each case gives the same problems, in the same words."""
    memo = _memo_of(MINIMAL, tmp_path / "memo")
    assert len(CASES) > 100
    differ = []
    for case in (c for c in CASES if c["id"] not in READ_TO_THE_LIMIT):  # an edited file: read anew either way
        root = make_case(tmp_path / case["id"], case)
        if _checked(root, memo) != _checked(root, None):
            differ.append(case["id"])
    assert not differ, f"reported differently with a memo: {differ}"


def test_a_failed_check_remembers_nothing(tmp_path: Path) -> None:
    root = make_case(tmp_path / "data", next(c for c in CASES if c["edits"]))
    memo = Remembered(None)
    with pytest.raises(DataError):
        validate(load_dataset(root), reference_day(), memo)
    memo.write(tmp_path / "memo")
    assert list((tmp_path / "memo").iterdir()) == []


def test_a_folder_as_before_is_linked_not_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    first = _memo_of(data, tmp_path / "first")
    follow_up = sorted((data / "uppfoljningar").rglob("*.yaml"))[0]
    follow_up.write_text(follow_up.read_text("utf-8") + "# ändrad\n", encoding="utf-8")
    memo = Remembered(first)
    validate(load_dataset(data, memo), reference_day(), memo)
    memo.write(tmp_path / "second")
    same = {p.name for p in (tmp_path / "second").iterdir()
            if (tmp_path / "second" / p.name).stat().st_ino == (first / p.name).stat().st_ino}
    assert same == {f"{f}.pickle" for f in ("utforare", "avtal", "uppfoljningsplaner", dataset.VALUE_FOLDER)}
    _without_a_provider(data)  # the written memo's files point at their lines as reading them does
    assert _checked(data, tmp_path / "second") == _checked(data, None)


def test_a_build_that_meets_a_damaged_memo_says_which_folder_to_remove(tmp_path: Path) -> None:
    """A damaged memo stays damaged: building again would not help, removing Insyn's cache does,
    and the published site stays as it was meanwhile."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    out = build_site(data, tmp_path / "site")
    published = snapshot(out)
    cache = incremental.cache_dir(out)
    path = cache / "lasta-filer" / f"{dataset.VALUE_FOLDER}.pickle"
    _plant_documents(path, b"skadad")
    (data / "utforare" / "fjallvarden.yaml").unlink()  # its key figures are now reported on
    with pytest.raises(BuildError) as failed:
        build_site(data, out)
    assert failed.value.code == "filesystem-failed"
    assert str(path) in failed.value.message and "skadad" in failed.value.message
    assert f"Ta bort mappen {cache} och bygg igen" in failed.value.hint
    assert snapshot(out) == published
    shutil.rmtree(cache)
    with pytest.raises(DataError):  # the data's own problem, once the memo is gone
        build_site(data, out)


def test_the_links_of_a_remembered_file_are_judged_by_this_builds_address(tmp_path: Path, parsed: list[str]) -> None:
    """A link inside the site's own address is refused; the address is read anew each time, so
    the links of the files taken from the memo are judged against it as if read."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    memo = _memo_of(data, tmp_path / "memo")
    region = data / "region.yaml"
    region.write_text(region.read_text("utf-8").replace("https://insyn.example.org/", "https://www.regionjh.se/"),
                      encoding="utf-8")
    parsed.clear()
    with_memo = _checked(data, memo)
    assert sorted(parsed) == ["nyckeltal.yaml", "region.yaml"]
    assert with_memo == _checked(data, None)
    assert isinstance(with_memo, str)
    for file, line in (("avtal/lov-fjallvarden.yaml", 19), ("utforare/halsocentralen-centrum.yaml", 11),
                       ("uppfoljningar/2025/vb-fjallvarden-2025.yaml", 32)):
        assert f"{file}\n  rad {line}, " in with_memo


class _Planted:
    """What a pickle planted in the cache could make the reader call."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("körd",))


def test_a_memo_of_another_version_or_not_insyns_own_is_not_used(tmp_path: Path, parsed: list[str],
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    memo = _memo_of(EXAMPLE, tmp_path / "memo")
    path = memo / "utforare.pickle"
    version, kept = pickle.loads(path.read_bytes())  # noqa: S301 - the test's own file
    every_provider = len(kept)
    for planted in ((version + "x", kept), (version, {key: _Planted() for key in kept}),
                    (version, _with_documents(kept, "inte pickle-bytes")),
                    (version, {}), _Planted(), b"inte en pickle"):
        path.write_bytes(planted if isinstance(planted, bytes) else pickle.dumps(planted))
        parsed.clear()
        with_memo = _checked(EXAMPLE, memo)
        assert sum(f.startswith("utforare/") for f in parsed) == every_provider  # all of them read again
        assert with_memo == _checked(EXAMPLE, None)
    assert "körd" not in capsys.readouterr().out


def _with_documents(kept: dict[str, Any], documents: object) -> dict[str, Any]:
    """A memo folder's entries, every file's pickled documents replaced by `documents`."""
    return {key: (file, stem, records, documents, links) for key, (file, stem, records, _, links) in kept.items()}


def _plant_documents(path: Path, documents: bytes) -> None:
    """The memo folder `path` with `documents` in place of every file's pickled documents."""
    version, kept = pickle.loads(path.read_bytes())  # noqa: S301 - the test's own file
    path.write_bytes(pickle.dumps((version, _with_documents(kept, documents))))


def _without_a_provider(data: Path) -> None:
    """Takes away a provider that contracts and key figures name: problems on files read before."""
    provider = data / "utforare" / "fjallsippans-vardcentral.yaml"
    assert provider.exists()
    provider.unlink()


def test_a_files_documents_are_unpickled_only_for_a_problem(tmp_path: Path, parsed: list[str],
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A passing check needs only the key figures' records: their documents planted in the memo
    are never read (and never run); a problem on one of those rows stops with a Swedish message."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE, data)
    memo = _memo_of(data, tmp_path / "memo")
    path = memo / f"{dataset.VALUE_FOLDER}.pickle"
    _plant_documents(path, pickle.dumps((_Planted(),)))
    parsed.clear()
    with_memo = _checked(data, memo)
    assert not any(f.startswith(f"{dataset.VALUE_FOLDER}/") for f in parsed)  # the rows taken from the memo
    assert with_memo == _checked(data, None)
    _without_a_provider(data)
    with pytest.raises(OSError, match="förra bygget mindes") as failed:
        _checked(data, memo)
    assert failed.value.filename == str(path)
    assert "körd" not in capsys.readouterr().out


def test_a_remembered_document_is_pickled_as_the_document_it_stands_for(tmp_path: Path) -> None:
    """Never as itself, which the memo's unpickler refuses (the next build would read everything)."""
    memo = _memo_of(MINIMAL, tmp_path / "memo")
    folder = dataset.VALUE_FOLDER
    file_key = next(iter(pickle.loads((memo / f"{folder}.pickle").read_bytes())[1]))  # noqa: S301 - the test's own file
    found = Remembered(memo).get(folder, file_key)
    assert found is not None
    (first, *_), _ = found
    assert isinstance(first, remembered.Recalled)
    again = remembered._Unpickler(io.BytesIO(pickle.dumps(first))).load()
    assert type(again) is Document
    assert (again.file, again.data, again.lines, again.stem) == (first.file, first.data, first.lines, first.stem)
    assert again.data and again.lines


def test_the_unpickler_builds_only_records_and_plain_values() -> None:
    reader = remembered._Unpickler(io.BytesIO(b""))
    for module, name in (("os", "system"), ("builtins", "eval"), ("builtins", "print"), ("subprocess", "Popen"),
                         ("generatorx", "x"), ("pickle", "loads"), ("generator.site.aside", "_remove"),
                         ("generator.site.publish", "remove"), ("generator.textmemo", "Texts")):
        with pytest.raises(pickle.UnpicklingError):
            reader.find_class(module, name)
    assert reader.find_class("datetime", "date") is dt.date
    assert reader.find_class("generator.load.document", "Document") is Document
    assert reader.find_class("generator.models.utforare", "Utforare") is Utforare


def test_a_build_keeps_what_it_read_and_a_memo_it_cannot_write_stops_nothing(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    out = tmp_path / "site"
    _build(data, CONTENT, out)
    kept = incremental.cache_dir(out) / "lasta-filer"
    assert {p.name for p in kept.iterdir()} == {f"{f}.pickle" for f in (*dataset.ENTITY_FOLDERS, dataset.VALUE_FOLDER)}

    def full_disk(self: Remembered, target: Path) -> None:
        (target / "halv.pickle").parent.mkdir(parents=True, exist_ok=True)
        (target / "halv.pickle").write_bytes(b"\x80")
        raise RuntimeError("disken är full")

    monkeypatch.setattr(Remembered, "write", full_disk)
    _edit(data / "uppfoljningar/2025/vb-centrum-2025.yaml", "Enheten uppfyller kraven.", "Enheten uppfyller nu kraven.")
    _build(data, CONTENT, out)  # published all the same
    assert not (kept / "halv.pickle").exists()
    monkeypatch.undo()
    fresh = tmp_path / "helt" / "site"
    _build(data, CONTENT, fresh)
    assert snapshot(out) == snapshot(fresh)
