"""Downloads against a hostile server on 127.0.0.1: server data never chooses where a file lands outside its
root, an HTML page never replaces a file, a redirect loop is a typed error, an https hop from a plain-http
host verifies with CAs loaded on demand. Each case checks that nothing was written outside (the whole tree,
and files kept)."""

from __future__ import annotations

import os
import ssl
import subprocess
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers import client as raw, errors, sync
from kitsu_helpers._local_paths import DOWNLOAD_ROOT_ENV, local_target
from kitsu_helpers.client import KitsuClient
from tests.file_server import Answer, HostileServer, file_answer, json_answer

WF = str(uuid.uuid4())
CONTENT = b"BLENDER-v300" + bytes(range(256)) * 64
NOT_FOUND: Answer = (404, {"Content-Type": "application/json"}, b'{"message": "no such route"}')


def snapshot(folder: Path) -> dict[str, Any]:
    """Every entry below folder: file contents, folders, symbolic links (not followed)."""
    entries: dict[str, Any] = {}
    for current, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(current, name)
            key = str(path.relative_to(folder))
            if path.is_symlink():
                entries[key] = ("link", os.readlink(path))
            elif path.is_dir():
                entries[key] = "dir"
            else:
                entries[key] = path.read_bytes()
    return entries


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A root folder, an outside folder holding a file a hostile path aims at, no download root in the env;
    the current folder is tmp_path too."""
    monkeypatch.delenv(DOWNLOAD_ROOT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)  # a relative path that escaped would land here, not in the work tree
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "victim").write_bytes(b"the artist's own file")
    (root / "escape").symlink_to(outside)  # a link inside the root that leads out of it
    return {"root": root, "outside": outside, "tmp": tmp_path}


def working_file_server(stored_path: Any) -> Callable[[str], Answer]:
    def answer(path: str) -> Answer:
        if path == f"/api/data/working-files/{WF}":
            return json_answer({"id": WF, "path": stored_path, "name": "main"})
        if path == f"/api/data/working-files/{WF}/file":
            return file_answer(CONTENT)
        return NOT_FOUND

    return answer


def client_for(server: HostileServer, **kwargs: Any) -> KitsuClient:
    return KitsuClient(server.url + "/api", access_token="token", retries=0, **kwargs)


# --- defect 2: a working file's stored path --------------------------------------------------------


def test_stored_path_without_a_root_is_refused_before_any_file_request(place: dict[str, Path]) -> None:
    victim = place["outside"] / "victim"
    before = snapshot(place["tmp"])
    with HostileServer(working_file_server(str(victim))) as server:
        with pytest.raises(errors.UnsafeLocalPathException, match=DOWNLOAD_ROOT_ENV):
            gazu.files.download_working_file(WF, client=client_for(server))
    assert snapshot(place["tmp"]) == before
    assert not any(p.endswith("/file") for p in server.paths)


HOSTILE_STORED_PATHS = {
    "absolute outside": lambda p: str(p["outside"] / "victim"),
    "dot-dot walk": lambda p: "../outside/victim",
    "dot-dot below a folder": lambda p: "shots/../../outside/victim",
    "absolute walk from inside": lambda p: str(p["root"] / ".." / "outside" / "victim"),
    "symbolic link inside the root": lambda p: "escape/victim",
    "new file through a link": lambda p: "escape/new.blend",
    "the root itself": lambda p: str(p["root"]),
    "a dot-file next to the root": lambda p: str(p["tmp"] / ".profile"),
    "empty": lambda p: "",
    "nul byte": lambda p: "scene\x00.blend",
    "not a string": lambda p: ["a", "b"],
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_STORED_PATHS))
def test_stored_path_outside_the_root_is_refused_and_nothing_written(kind: str, place: dict[str, Path]) -> None:
    stored = HOSTILE_STORED_PATHS[kind](place)
    before = snapshot(place["tmp"])
    with HostileServer(working_file_server(stored)) as server:
        with pytest.raises(errors.UnsafeLocalPathException):
            gazu.files.download_working_file(WF, root=str(place["root"]), client=client_for(server))
    assert snapshot(place["tmp"]) == before
    assert not any(p.endswith("/file") for p in server.paths), "refused before the file is requested"


@pytest.mark.parametrize("relative", [True, False])
def test_stored_path_inside_the_root_is_written_there(relative: bool, place: dict[str, Path]) -> None:
    inside = place["root"] / "prod" / "shots" / "sh010_anim_v001"
    stored = "prod/shots/sh010_anim_v001" if relative else str(inside)
    with HostileServer(working_file_server(stored)) as server:
        response = gazu.files.download_working_file(WF, root=place["root"], client=client_for(server))
    assert response.status_code == 200
    assert inside.read_bytes() == CONTENT
    assert sorted(snapshot(place["outside"])) == ["victim"]
    assert [p.name for p in inside.parent.iterdir()] == ["sh010_anim_v001"]  # no temporary file left


def test_download_root_comes_from_the_environment(place: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DOWNLOAD_ROOT_ENV, str(place["root"]))
    with HostileServer(working_file_server("a/b.blend")) as server:
        gazu.files.download_working_file(WF, client=client_for(server))
    assert (place["root"] / "a" / "b.blend").read_bytes() == CONTENT
    with HostileServer(working_file_server(str(place["outside"] / "victim"))) as server:
        with pytest.raises(errors.UnsafeLocalPathException, match="outside the download root"):
            gazu.files.download_working_file(WF, client=client_for(server))
    assert (place["outside"] / "victim").read_bytes() == b"the artist's own file"


def test_existing_file_at_the_stored_path_is_kept_unless_overwrite(place: dict[str, Path]) -> None:
    existing = place["root"] / "scene.blend"
    existing.write_bytes(b"work in progress")
    with HostileServer(working_file_server("scene.blend")) as server:
        with pytest.raises(errors.LocalFileExistsException, match="overwrite=True"):
            gazu.files.download_working_file(WF, root=place["root"], client=client_for(server))
        assert existing.read_bytes() == b"work in progress"
        assert not any(p.endswith("/file") for p in server.paths)
        gazu.files.download_working_file(WF, root=place["root"], overwrite=True, client=client_for(server))
    assert existing.read_bytes() == CONTENT
    assert [p.name for p in place["root"].iterdir() if p.name != "escape"] == ["scene.blend"]


def test_explicit_file_path_is_the_callers_choice_as_in_gazu(place: dict[str, Path]) -> None:
    target = place["outside"] / "victim"  # outside any root, and existing: the caller named it
    with HostileServer(working_file_server("../../anything")) as server:
        gazu.files.download_working_file(WF, str(target), client=client_for(server))
        assert target.read_bytes() == CONTENT
        with pytest.raises(errors.LocalFileExistsException):
            gazu.files.download_working_file(WF, str(target), overwrite=False, client=client_for(server))


def test_no_clobber_placement_keeps_a_file_that_appears_during_the_download(place: dict[str, Path]) -> None:
    target = place["root"] / "late.bin"

    def answer(path: str) -> Answer:
        target.write_bytes(b"written meanwhile")  # appears after the early check, before the rename
        return file_answer(CONTENT)

    with HostileServer(answer) as server:
        with pytest.raises(errors.LocalFileExistsException):
            raw.download("x", str(target), client=client_for(server), overwrite=False)
    assert target.read_bytes() == b"written meanwhile"
    assert sorted(p.name for p in place["root"].iterdir()) == ["escape", "late.bin"]


def test_local_target_resolves_and_contains(place: dict[str, Path]) -> None:
    root = place["root"]
    assert local_target("a/../b", root) == Path(os.path.realpath(root)) / "b"
    assert local_target(str(root / "c"), root) == Path(os.path.realpath(root)) / "c"
    for hostile in ("..", "../x", "/", "escape", "escape/x", "a/../../x", "a\nb"):
        with pytest.raises(errors.UnsafeLocalPathException):
            local_target(hostile, root)


# --- defect 3: sync writes only inside its temporary folder ----------------------------------------


def test_sync_downloads_stay_in_their_folder_whatever_the_server_says(place: dict[str, Path]) -> None:
    attachment_id, preview_id = str(uuid.uuid4()), str(uuid.uuid4())

    def answer(path: str) -> Answer:
        if path == f"/api/data/attachment-files/{attachment_id}":
            return json_answer({"id": "../../../outside", "name": "../../outside/victim"})
        if path.startswith(f"/api/data/attachment-files/{attachment_id}/file/"):
            return file_answer(b"attached")
        if path == f"/api/data/preview-files/{preview_id}":
            return json_answer({"id": "../../../outside", "original_name": "/victim", "extension": "png"})
        if path == f"/api/pictures/originals/preview-files/{preview_id}/download":
            return file_answer(b"PNG", "image/png")
        return NOT_FOUND

    folder = place["root"] / "comment"
    folder.mkdir()
    outside_before = snapshot(place["outside"])
    comment = {"attachment_files": [{"id": attachment_id}], "previews": [{"id": preview_id}]}
    with HostileServer(answer) as server:
        client = client_for(server)
        with pytest.raises(errors.ParameterException, match="file_name"):  # the name cannot even fill the route
            sync._download_attachments(comment, folder, client)
        previews = sync._download_previews(comment, folder, client)
    assert snapshot(place["outside"]) == outside_before
    real = Path(os.path.realpath(folder))
    assert [p for p, _ in previews] == [str(real / "previews" / "0" / "victim.png")]
    assert Path(previews[0][0]).read_bytes() == b"PNG"
    assert sorted(snapshot(folder)) == ["previews", "previews/0", "previews/0/victim.png"]


# --- defect 8: an HTML page never replaces a file ---------------------------------------------------

LOGIN_PAGE = b"<!doctype html><html><head><title>Sign in - Studio SSO</title></head><body>login</body></html>"


def test_html_login_page_never_replaces_an_existing_movie(place: dict[str, Path]) -> None:
    preview_id = str(uuid.uuid4())

    def answer(path: str) -> Answer:
        if path == f"/api/data/preview-files/{preview_id}":
            return json_answer({"id": preview_id, "extension": "mp4"})
        return file_answer(LOGIN_PAGE, "text/html; charset=utf-8")

    movie = place["root"] / "sh010.mp4"
    movie.write_bytes(b"the real movie")
    before = snapshot(place["tmp"])
    with HostileServer(answer) as server:
        with pytest.raises(errors.UnexpectedResponseException, match=r"HTML page.*Sign in - Studio SSO") as info:
            gazu.files.download_preview_movie(preview_id, str(movie), client=client_for(server))
        assert info.value.status == 200
        assert info.value.server_message == "Sign in - Studio SSO"
        with pytest.raises(errors.UnexpectedResponseException):
            gazu.files.extract_frame_from_preview(preview_id, 3, client=client_for(server))
        with pytest.raises(errors.UnexpectedResponseException):
            gazu.helpers.download_file(server.url + "/movie.mp4", str(movie))
    assert snapshot(place["tmp"]) == before


def test_an_html_file_served_as_an_attachment_is_written(place: dict[str, Path]) -> None:
    page = b"<html><body>notes</body></html>"
    disposition = 'attachment; filename="notes.html"'
    with HostileServer(lambda path: file_answer(page, "text/html", **{"Content-Disposition": disposition})) as server:
        raw.download(
            "data/attachment-files/x/file/notes.html", str(place["root"] / "notes.html"), client=client_for(server)
        )
    assert (place["root"] / "notes.html").read_bytes() == page


# --- defect 5: a redirect loop ------------------------------------------------------------------


def test_redirect_loop_on_download_is_typed_and_writes_nothing(place: dict[str, Path]) -> None:
    existing = place["root"] / "movie.mp4"
    existing.write_bytes(b"the real movie")
    before = snapshot(place["tmp"])
    with HostileServer(lambda path: (302, {"Location": path}, b"")) as server:
        with pytest.raises(errors.UnexpectedResponseException, match="too many redirects"):
            raw.download("movies/x.mp4", str(existing), client=client_for(server))
        with pytest.raises(errors.UnexpectedResponseException, match="too many redirects"):
            gazu.helpers.download_file(server.url + "/loop.mp4", str(existing))
        with pytest.raises(errors.UnexpectedResponseException, match="too many redirects"):
            raw.get_file_data_from_url("loop", client=client_for(server))
    assert snapshot(place["tmp"]) == before


def test_download_file_names_the_file_inside_its_folder(place: dict[str, Path]) -> None:
    with HostileServer(lambda path: file_answer(b"PNG", "image/png")) as server:
        written = gazu.helpers.download_file(server.url + "/..%2F..%2Foutside%2Fvictim", str(place["root"]) + os.sep)
    assert Path(written).parent == place["root"]
    assert Path(written).read_bytes() == b"PNG"
    assert (place["outside"] / "victim").read_bytes() == b"the artist's own file"


# --- defect 10: an https hop from a plain-http host ---------------------------------------------


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it (openssl CLI, valid one day)."""
    folder = tmp_path_factory.mktemp("tls")

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=30)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=kitsu-test-ca",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n"
    )
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "1", "-extfile", "server.ext")  # fmt: skip
    return {"ca": folder / "ca.pem", "cert": folder / "server.pem", "key": folder / "server.key"}


@pytest.fixture
def https_storage(tls: dict[str, Path]) -> Iterator[HostileServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls["cert"], tls["key"])
    with HostileServer(lambda path: file_answer(CONTENT), ssl_context=context) as storage:
        yield storage


def redirecting_host(storage: HostileServer) -> HostileServer:
    return HostileServer(lambda path: (302, {"Location": storage.url + "/storage/movie.mp4"}, b""))


def test_http_host_redirected_to_https_storage_trusts_ssl_cert_file(
    tls: dict[str, Path], https_storage: HostileServer, place: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tls["ca"]))
    target = place["root"] / "movie.mp4"
    with redirecting_host(https_storage) as host:
        client = client_for(host)
        context = client.http._transport.inner._pool._ssl_context  # type: ignore[attr-defined]
        assert context.cert_store_stats()["x509_ca"] == 0, "a plain-http host loads no CA at start-up"
        raw.download("movies/originals/preview-files/x.mp4", str(target), client=client)
        assert context.cert_store_stats()["x509_ca"] == 1
        assert context.verify_mode == ssl.CERT_REQUIRED
    assert target.read_bytes() == CONTENT
    assert https_storage.paths == ["/storage/movie.mp4"]


def test_http_host_redirected_to_https_storage_trusts_a_ca_path_without_warnings(
    tls: dict[str, Path], https_storage: HostileServer, place: dict[str, Path]
) -> None:
    target = place["root"] / "movie.mp4"
    with redirecting_host(https_storage) as host, warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        raw.download("x.mp4", str(target), client=client_for(host, ssl_verify=str(tls["ca"])))
    assert target.read_bytes() == CONTENT


def test_untrusted_https_hop_fails_closed_and_writes_nothing(
    https_storage: HostileServer, place: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    before = snapshot(place["tmp"])
    with redirecting_host(https_storage) as host:
        with pytest.raises(errors.ConnectionFailedException, match="CERTIFICATE_VERIFY_FAILED"):
            raw.download("x.mp4", str(place["root"] / "movie.mp4"), client=client_for(host))
    assert snapshot(place["tmp"]) == before
