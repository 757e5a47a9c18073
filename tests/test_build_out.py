"""`--out` may only replace what Insyn made: every careless or hostile `--out` is refused with
exit 1 and a Swedish reason, and the user's files are byte-identical afterwards."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.problems import BuildError
from generator.site import ownership
from tests.support.build import CONTENT, MINIMAL, ROOT, build_site, run_insyn
from tests.support.files import snapshot


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the repository's working folder: data, content, config and someone's own files."""
    root = tmp_path / "insyn"
    shutil.copytree(MINIMAL, root / "data")
    shutil.copytree(CONTENT, root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "README.md").write_text("# Vår region\n", encoding="utf-8")
    (root / "anteckningar").mkdir()
    (root / "anteckningar" / "möte.txt").write_text("Viktigt, får inte försvinna.\n", encoding="utf-8")
    return root


def assert_refused(result, before: dict[str, str], folder: Path) -> None:
    assert result.returncode == 1, result.stderr
    assert "[out-refused]" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(folder) == before


@pytest.mark.parametrize("out", [".", "data", "content", "data/site", "content/om", "anteckningar",
                                 "README.md"])
def test_an_out_that_holds_or_is_the_users_files_is_refused(repo: Path, out: str) -> None:
    before = snapshot(repo.parent)
    result = run_insyn("build", "--data", "data", "--content", "content", "--out", out, cwd=repo)
    assert_refused(result, before, repo.parent)


def test_the_home_folder_and_a_full_folder_in_it_are_refused(repo: Path, tmp_path: Path) -> None:
    home = tmp_path / "hem"
    (home / "Dokument").mkdir(parents=True)
    (home / "Dokument" / "brev.odt").write_bytes(b"\x00ett brev\xff")
    before = snapshot(tmp_path)
    for out in (home, home / "Dokument"):
        result = run_insyn("build", "--data", "data", "--content", "content", "--out", str(out),
                           cwd=repo, env={"HOME": str(home)})
        assert_refused(result, before, tmp_path)
    assert "hemmapp" in run_insyn("build", "--data", "data", "--out", str(home), cwd=repo,
                                  env={"HOME": str(home)}).stderr


def test_a_symlink_to_a_folder_is_refused_and_its_target_kept(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "riktig"
    target.mkdir()
    (target / "bild.png").write_bytes(b"\x89PNG")
    (tmp_path / "lank").symlink_to(target)
    before = snapshot(tmp_path)
    result = run_insyn("build", "--data", "data", "--content", "content", "--out", str(tmp_path / "lank"), cwd=repo)
    assert_refused(result, before, tmp_path)
    assert (tmp_path / "lank").is_symlink()


def test_the_file_system_root_is_refused_before_anything_is_read() -> None:
    with pytest.raises(BuildError) as refused:
        ownership.refuse_unsafe(Path("/"), [])
    assert refused.value.code == "out-refused"


def test_a_site_insyn_built_is_replaced_and_so_is_an_empty_folder_in_the_home_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    out = tmp_path / "webbplats"
    out.mkdir()
    build_site(MINIMAL, out)
    assert (out / ownership.MARKER).is_file()
    (out / "index.html").write_text("gammal", encoding="utf-8")
    build_site(MINIMAL, out)
    assert (out / "index.html").read_text(encoding="utf-8") != "gammal"


@pytest.fixture(scope="module")
def earlier_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site as an earlier version of Insyn left it: everything but the marker."""
    site = build_site(MINIMAL, tmp_path_factory.mktemp("tidigare") / "site")
    (site / ownership.MARKER).unlink()
    return site


def test_a_site_from_an_earlier_version_without_the_marker_is_recognised_and_replaced(
        earlier_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    shutil.copytree(earlier_site, out)
    build_site(MINIMAL, out)
    assert (out / ownership.MARKER).is_file()


@pytest.mark.parametrize("own", ["egen-rapport.pdf", "oppna-data/min-analys.csv"], ids=["top-level", "in-a-folder"])
def test_an_earlier_site_with_files_the_build_does_not_make_is_refused_and_kept(
        earlier_site: Path, tmp_path: Path, own: str) -> None:
    """Anywhere in it: only the top level was compared, and someone's analysis in oppna-data/
    went with the old site."""
    out = tmp_path / "site"
    shutil.copytree(earlier_site, out)
    (out / own).write_bytes(b"egen fil")
    before = snapshot(tmp_path)
    with pytest.raises(BuildError) as refused:
        build_site(MINIMAL, out)
    assert refused.value.code == "out-refused"
    assert own in refused.value.message
    after = snapshot(tmp_path)
    after.pop(".site.las")  # the lock beside the output is Insyn's own
    assert after == before


def test_folders_beside_out_named_like_a_builds_scratch_folder_are_kept(repo: Path) -> None:
    """A build removes what a killed build left beside `--out`: only folders it made itself,
    not someone's notes, nor the data folder, that merely have such a name."""
    notes = repo / ".webb.bygge-anteckningar"
    notes.mkdir()
    (notes / "möte.txt").write_text("Viktigt.\n", encoding="utf-8")
    shutil.copytree(repo / "data", repo / ".webb.bygge-data")
    before = {name: snapshot(repo / name) for name in (".webb.bygge-anteckningar", ".webb.bygge-data")}
    for _ in range(2):  # the second build finds them beside a site it made
        result = run_insyn("build", "--data", ".webb.bygge-data", "--content", "content", "--out", "webb", cwd=repo)
        assert result.returncode == 0, result.stderr
    assert {name: snapshot(repo / name) for name in before} == before


def test_a_link_where_the_lock_file_goes_is_refused_and_nothing_made_where_it_points(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "nagon-annans"
    elsewhere.mkdir()
    (repo / ".site.las").symlink_to(elsewhere / "las")
    result = run_insyn("build", "--data", "data", "--content", "content", "--out", "site", cwd=repo)
    assert result.returncode == 1 and "[out-refused]" in result.stderr and "Låsfilen" in result.stderr, result.stderr
    assert list(elsewhere.iterdir()) == [] and not (repo / "site").exists()


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder nobody may write in: chmod for an ordinary user; root ignores modes, so sysfs."""
    if os.geteuid() != 0:
        folder = tmp_path / "skrivskyddad"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if not Path("/sys/kernel").is_dir():
        pytest.skip("ingen skrivskyddad mapp att pröva med")
    return Path("/sys")


def test_a_read_only_parent_of_out_is_a_swedish_message_with_exit_1(repo: Path, tmp_path: Path) -> None:
    parent = _read_only_folder(tmp_path)
    result = run_insyn("build", "--data", "data", "--content", "content", "--out", str(parent / "insyn-site"), cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "[filesystem-failed]" in result.stderr
    assert "Traceback" not in result.stderr and "Internt fel" not in result.stderr
    assert not (parent / "insyn-site").exists()


def test_a_file_where_a_parent_folder_of_out_should_be_is_a_swedish_message_with_exit_1(repo: Path) -> None:
    before = snapshot(repo.parent)
    result = run_insyn("build", "--data", "data", "--content", "content", "--out", "README.md/site", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "[filesystem-failed]" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(repo.parent) == before
