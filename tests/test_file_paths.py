"""kitsu_helpers._file_paths against the real Zou: a real file tree, exact paths, separators, modes, revisions."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import _file_paths as fp, client as raw
from kitsu_helpers._local_paths import DOWNLOAD_ROOT_ENV
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import LocalFileExistsException, ParameterException, UnsafeLocalPathException
from tests.test_downloads import snapshot
from tests.test_parity_coverage import reference, render

FILE_PATH_NAMES = {
    "files": [
        "build_working_file_path", "build_entity_output_file_path", "build_asset_instance_output_file_path",
        "update_project_file_tree", "new_working_file", "new_entity_output_file", "new_asset_instance_output_file",
        "get_next_entity_output_revision", "get_last_entity_output_revision",
        "get_next_asset_instance_output_revision", "get_last_asset_instance_output_revision",
        "get_last_working_file_revision", "upload_working_file", "download_working_file",
    ],
    "entity": ["guess_from_path"],
}  # fmt: skip

KINDS = ("asset", "shot", "sequence", "scene", "episode")

FILE_TREE: dict[str, Any] = {
    "working": {
        "mountpoint": "/mnt/work",
        "root": "prod",
        "folder_path": {
            "asset": "<Project>/assets/<AssetType>/<Asset>/<TaskType>",
            "shot": "<Project>/shots/<Episode>/<Sequence>/<Shot>/<TaskType>",
            "sequence": "<Project>/sequences/<Sequence>/<TaskType>",
            "scene": "<Project>/scenes/<Sequence>/<Scene>/<TaskType>",
            "episode": "<Project>/episodes/<Episode>/<TaskType>",
            "style": "lowercase",
        },
        "file_name": {
            "asset": "<Asset>_<TaskType>_<Name>_v<Version>",
            "shot": "<Sequence>_<Shot>_<TaskType>_v<Version>",
            "sequence": "<Sequence>_<TaskType>",
            "scene": "<Scene>_<TaskType>",
            "episode": "<Episode>_<TaskType>",
            "style": "lowercase",
        },
    },
    "output": {
        "mountpoint": "/mnt/out",
        "root": "export",
        "folder_path": {
            "asset": "<Project>/assets/<Asset>/<OutputType>/<Representation>",
            "shot": "<Project>/shots/<Sequence>/<Shot>/<OutputType>",
            "instance": "<Project>/shots/<Sequence>/<Shot>/instances/<Asset>/<Instance>",
            "sequence": "<Project>/sequences/<Sequence>/<OutputType>",
            "scene": "<Project>/scenes/<Scene>/<OutputType>",
            "episode": "<Project>/episodes/<Episode>/<OutputType>",
            "style": "lowercase",
        },
        "file_name": {
            "asset": "<Asset>_<OutputType>_<Name>_v<Version>",
            "shot": "<Shot>_<OutputType>_v<Version>",
            "instance": "<Asset>_<Instance>_<OutputType>_<Name>_v<Version>",
            "sequence": "<Sequence>_<OutputType>",
            "scene": "<Scene>_<OutputType>",
            "episode": "<Episode>_<OutputType>",
            "style": "lowercase",
        },
    },
    "review": {
        "mountpoint": "/mnt/review",
        "root": "",
        "folder_path": {**{kind: f"<Project>/{kind}/<TaskType>" for kind in KINDS}, "style": "uppercase"},
        "file_name": {**{kind: "<TaskType>_<Name>" for kind in KINDS}, "style": "uppercase"},
    },
}


def slug(name: str) -> str:
    """Return a name the way the lowercase style renders it (separators become underscores)."""
    return name.lower().replace("-", "_").replace(" ", "_")


@pytest.fixture(scope="module")
def tree(preview_world: dict[str, Any]) -> dict[str, Any]:
    """The preview_world with FILE_TREE set on its project (through the helper under test) and slugged names."""
    project = fp.update_project_file_tree(preview_world["project"], FILE_TREE, client=preview_world["client"])
    assert project["id"] == preview_world["project"]["id"]
    assert project["file_tree"] == FILE_TREE
    names = {
        "project": slug(preview_world["project"]["name"]),
        "modeling": slug(preview_world["modeling"]["name"]),
        "anim": slug(preview_world["anim"]["name"]),
        "output_type": slug(preview_world["output_type"]["name"]),
        "asset_type": slug(preview_world["asset_type"]["name"]),
    }
    return {**preview_world, "names": names}


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, names in FILE_PATH_NAMES.items() for n in names])
def test_signature_matches_gazu(module: str, name: str) -> None:
    line = next(e for e in reference() if e[0] == module and e[1] == name)
    func = getattr(fp, name)
    assert render(func, line[2]) == line[2].replace("client=None", "client=default")
    assert hasattr(func, "clear_cache") == line[3], f"{name}: cached in gazu is {line[3]}"


def test_set_project_file_tree_is_a_deprecated_update_with_gazus_old_parameters(tree: dict[str, Any]) -> None:
    assert render(fp.set_project_file_tree) == "project, file_tree_name, client=default"  # gazu <= 1.1.13
    client = tree["client"]
    with pytest.warns(DeprecationWarning, match="use gazu.files.update_project_file_tree"):
        project = fp.set_project_file_tree(tree["project"]["id"], FILE_TREE, client=client)
    assert project["file_tree"]["review"]["mountpoint"] == "/mnt/review"
    with (
        pytest.raises(NotImplementedError, match="template dict"),
        pytest.warns(DeprecationWarning, match="use gazu.files.update_project_file_tree"),
    ):
        fp.set_project_file_tree(tree["project"], "default", client=client)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fp.update_project_file_tree(tree["project"], "default", client=client)  # type: ignore[arg-type]


def test_build_working_file_path_renders_the_tree(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    path = fp.build_working_file_path(tree["asset_task"], client=client)
    folder = f"/mnt/work/prod/{n['project']}/assets/{n['asset_type']}/chair_big/{n['modeling']}"
    assert path == f"{folder}/chair_big_{n['modeling']}_main_v001"
    path = fp.build_working_file_path(tree["asset_task"]["id"], name="Layout", revision=12, client=client)
    assert path == f"{folder}/chair_big_{n['modeling']}_layout_v012"


def test_build_working_file_path_honours_sep_mode_and_software(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    path = fp.build_working_file_path(tree["shot_task"], revision=3, sep="\\", client=client)
    # the mountpoint is written verbatim; the separator joins root and the template's folders
    assert path == f"/mnt/work\\prod\\{n['project']}\\shots\\e01\\sq01\\sh010\\{n['anim']}\\sq01_sh010_{n['anim']}_v003"
    path = fp.build_working_file_path(
        tree["asset_task"], name="wip", mode="review", software=tree["software"], client=client
    )
    # the style applies to token values only: the template's literal "asset" stays as written
    assert path == f"/mnt/review/{n['project'].upper()}/asset/{n['modeling'].upper()}/{n['modeling'].upper()}_WIP"


def test_build_working_file_path_with_an_unknown_mode_is_refused(tree: dict[str, Any]) -> None:
    with pytest.raises(ParameterException):
        fp.build_working_file_path(tree["asset_task"], mode="nope", client=tree["client"])


def test_build_entity_output_file_path(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    path = fp.build_entity_output_file_path(
        tree["asset"], tree["output_type"], tree["modeling"], representation="abc", revision=4, client=client
    )
    expected = (
        f"/mnt/out/export/{n['project']}/assets/chair_big/{n['output_type']}/abc/chair_big_{n['output_type']}_main_v004"
    )
    assert path == expected
    path = fp.build_entity_output_file_path(
        tree["shot"]["id"], tree["output_type"]["id"], tree["anim"]["id"], revision=2, sep="\\", client=client
    )
    assert (
        path
        == f"/mnt/out\\export\\{n['project']}\\shots\\sq01\\sh010\\{n['output_type']}\\sh010_{n['output_type']}_v002"
    )
    path = fp.build_entity_output_file_path(
        tree["asset"], tree["output_type"], tree["modeling"], name="lookdev", mode="review", client=client
    )
    assert path == f"/mnt/review/{n['project'].upper()}/asset/{n['modeling'].upper()}/{n['modeling'].upper()}_LOOKDEV"


def test_build_asset_instance_output_file_path(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    path = fp.build_asset_instance_output_file_path(
        tree["asset_instance"], tree["shot"], tree["output_type"], tree["anim"], name="anim", revision=7, client=client
    )
    folder = f"/mnt/out/export/{n['project']}/shots/sq01/sh010/instances/chair_big/chair_a"
    assert path == f"{folder}/chair_big_chair_a_{n['output_type']}_anim_v007"
    path = fp.build_asset_instance_output_file_path(
        tree["asset_instance"], tree["shot"], tree["output_type"], tree["anim"], revision=7, sep="\\", client=client
    )
    assert (
        path
        == "/mnt/out"
        + folder[len("/mnt/out") :].replace("/", "\\")
        + f"\\chair_big_chair_a_{n['output_type']}_main_v007"
    )


def test_guess_from_path_finds_the_entities(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    folder = f"/mnt/work/prod/{n['project']}/assets/{n['asset_type']}/chair_big/{n['modeling']}"
    guesses = fp.guess_from_path(tree["project"]["id"], folder, client=client)
    asset_guess = next(g for g in guesses if g["Template"] == "asset")
    assert asset_guess["Project"] == tree["project"]["id"]
    assert asset_guess["AssetType"] == tree["asset_type"]["id"]
    assert asset_guess["Asset"] == tree["asset"]["id"]
    assert asset_guess["TaskType"] == tree["modeling"]["id"]
    # sep reaches the server: Zou splits its "/"-written templates with it, so "\\" no longer matches
    assert fp.guess_from_path(tree["project"]["id"], folder, sep="\\", client=client) == []
    assert fp.guess_from_path(tree["project"]["id"], "/elsewhere/nothing", client=client) == []


def test_working_files_revisions_upload_and_download(tree: dict[str, Any], tmp_path: Path) -> None:
    client, n = tree["client"], tree["names"]
    task = tree["task"](tree["modeling"], tree["asset"], name="wf")
    assert fp.get_last_working_file_revision(task, client=client) is None
    first = fp.new_working_file(task, comment="first", software=tree["software"], client=client)
    folder = f"/mnt/work/prod/{n['project']}/assets/{n['asset_type']}/chair_big/{n['modeling']}"
    assert (first["revision"], first["comment"], first["task_id"]) == (1, "first", task["id"])
    assert first["path"] == f"{folder}/chair_big_{n['modeling']}_main_v001"
    assert first["software_id"] == tree["software"]["id"]
    second = fp.new_working_file(task["id"], comment="second", client=client)
    assert second["revision"] == 2
    assert fp.get_last_working_file_revision(task, client=client)["id"] == second["id"]
    other = fp.new_working_file(task, name="layout", revision=5, sep="\\", client=client)
    assert other["revision"] == 5
    # Zou 1.0.97 builds a new working file's folder with "/" and joins the file name with sep
    assert other["path"] == f"{folder}\\chair_big_{n['modeling']}_layout_v005"
    assert fp.get_last_working_file_revision(task, name="layout", client=client)["id"] == other["id"]
    assert fp.get_last_working_file_revision(task, name="missing", client=client) is None

    source = tmp_path / "scene.blend"
    source.write_bytes(b"BLENDER-v300" + bytes(range(256)) * 4000)
    seen: list[tuple[int, int]] = []
    uploaded = fp.upload_working_file(
        second, str(source), client=client, progress_callback=lambda a, b: seen.append((a, b))
    )
    assert uploaded["id"] == second["id"]
    size = source.stat().st_size
    assert len(seen) > 1, "the upload is streamed in chunks, each one reported"
    assert seen[-1] == (size, size)
    assert all(a < b for (a, _), (b, _) in itertools.pairwise(seen))
    target = tmp_path / "back" / "scene.blend"
    response = fp.download_working_file(second["id"], str(target), client=client)
    assert response.status_code == 200
    assert target.read_bytes() == source.read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["scene.blend"]  # no temporary file left behind


def test_download_working_file_with_a_hostile_stored_path_writes_only_below_the_root(
    tree: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DOWNLOAD_ROOT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    client = tree["client"]
    working_file = fp.new_working_file(tree["task"](tree["modeling"], tree["asset"], name="hostile"), client=client)
    source = tmp_path / "scene.blend"
    source.write_bytes(b"BLENDER-v300" + bytes(range(256)) * 100)
    fp.upload_working_file(working_file, str(source), client=client)
    root, victim = tmp_path / "root", tmp_path / "victim"
    root.mkdir()
    victim.write_bytes(b"the artist's own file")
    before = snapshot(tmp_path)
    # anyone who may edit the working file can store any path (Zou's CRUD PUT accepts it)
    for hostile in (str(victim), "../victim", str(root / ".." / "victim")):
        raw.update("working-files", working_file["id"], {"path": hostile}, client=client)
        assert gazu.files.get_working_file(working_file["id"], client=client)["path"] == hostile
        with pytest.raises(UnsafeLocalPathException, match=DOWNLOAD_ROOT_ENV):
            fp.download_working_file(working_file, client=client)  # no root: refused
        with pytest.raises(UnsafeLocalPathException, match="outside the download root"):
            fp.download_working_file(working_file, root=str(root), client=client)
    assert snapshot(tmp_path) == before

    inside = root / "prod" / "chair" / "scene_v001"
    raw.update("working-files", working_file["id"], {"path": str(inside)}, client=client)
    response = fp.download_working_file(working_file, root=str(root), client=client)
    assert response.status_code == 200
    assert inside.read_bytes() == source.read_bytes()
    assert sorted(snapshot(tmp_path)) == sorted([*before, "root/prod", "root/prod/chair", "root/prod/chair/scene_v001"])
    with pytest.raises(LocalFileExistsException):
        fp.download_working_file(working_file, root=str(root), client=client)
    inside.write_bytes(b"edited locally")
    fp.download_working_file(working_file, root=str(root), overwrite=True, client=client)
    assert inside.read_bytes() == source.read_bytes()
    assert victim.read_bytes() == b"the artist's own file"


def test_entity_output_files_and_revisions(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    asset, output_type, task_type = tree["asset"], tree["output_type"], tree["modeling"]
    assert fp.get_next_entity_output_revision(asset, output_type, task_type, client=client) == 1
    assert fp.get_last_entity_output_revision(asset, output_type, task_type, client=client) == 0
    working = fp.new_working_file(tree["asset_task"], comment="src", client=client)
    first = fp.new_entity_output_file(
        asset, output_type, task_type, "publish one", working_file=working, representation="abc", client=client
    )
    assert (first["revision"], first["comment"], first["source_file_id"]) == (1, "publish one", working["id"])
    folder = f"/mnt/out/export/{n['project']}/assets/chair_big/{n['output_type']}/abc"
    assert first["path"] == f"{folder}/chair_big_{n['output_type']}_main_v001"
    assert (first["folder_path"], first["file_name"]) == (folder, f"chair_big_{n['output_type']}_main_v001")
    assert fp.get_next_entity_output_revision(asset, output_type, task_type, client=client) == 2
    assert fp.get_last_entity_output_revision(asset, output_type, task_type, client=client) == 1
    fifth = fp.new_entity_output_file(
        asset["id"],
        output_type["id"],
        task_type["id"],
        "jump",
        revision=5,
        nb_elements=3,
        representation="abc",
        sep="\\",
        client=client,
    )
    assert fifth["revision"] == 5
    assert (
        fifth["path"]
        == "/mnt/out" + folder[len("/mnt/out") :].replace("/", "\\") + f"\\chair_big_{n['output_type']}_main_v005_[1-3]"
    )
    assert fp.get_last_entity_output_revision(asset, output_type, task_type, client=client) == 5
    assert fp.get_next_entity_output_revision(asset, output_type, task_type, name="other", client=client) == 1


def test_asset_instance_output_files_and_revisions(tree: dict[str, Any]) -> None:
    client, n = tree["client"], tree["names"]
    args = (tree["asset_instance"], tree["shot"], tree["output_type"], tree["anim"])
    assert fp.get_next_asset_instance_output_revision(*args, client=client) == 1
    assert fp.get_last_asset_instance_output_revision(*args, client=client) == 0
    created = fp.new_asset_instance_output_file(*args, "instance cache", person=None, client=client)
    assert created["revision"] == 1
    assert created["asset_instance_id"] == tree["asset_instance"]["id"]
    assert created["temporal_entity_id"] == tree["shot"]["id"]
    folder = f"/mnt/out/export/{n['project']}/shots/sq01/sh010/instances/chair_big/chair_a"
    assert created["path"] == f"{folder}/chair_big_chair_a_{n['output_type']}_master_v001"
    assert fp.get_next_asset_instance_output_revision(*args, client=client) == 2
    assert fp.get_last_asset_instance_output_revision(*args, client=client) == 1
    assert fp.get_last_asset_instance_output_revision(*args, name="other", client=client) == 0


def test_ids_are_checked_before_any_request(admin_client: KitsuClient) -> None:
    with pytest.raises(TypeError):
        fp.build_working_file_path(None, client=admin_client)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        fp.new_working_file({"name": "no id"}, client=admin_client)
