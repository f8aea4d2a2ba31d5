"""A fake Zou in memory for unit tests of studio scripts: the common CRUD, with Zou 1.0.97's answer shapes.

    from kitsu_helpers.testing.fake import fake_zou

    def test_layout():
        with fake_zou() as client:                 # a logged-in KitsuClient, the default client in the block
            project = gazu.project.new_project("Agent 327", "tvshow")
            ...
            assert [s["name"] for s in gazu.shot.all_shots_for_project(project)] == ["SH010"]
            assert client.fake.requests[-1] == ("GET", f"/data/projects/{project['id']}/shots")

In pytest, the `fake_zou` fixture of the plugin `kitsu_helpers.testing.pytest_fake` gives the same client.

`FakeZou` is an httpx transport, sync and async: it answers below a real `KitsuClient`
(`KitsuClient(host, transport=FakeZou())`), so every helper runs its real code (argument checks, payloads,
typed errors) and only the server is fake. It keeps projects, episodes, sequences, shots, assets, asset types,
tasks, task types, task statuses, comments, persons and project statuses, answers with the keys, types,
defaults and `type` fields Zou sends (checked against the real local Zou by tests/test_fake_conformance.py),
and refuses what Zou refuses as Zou does (404 for an unknown id, 400 with Zou's message for a duplicate name,
an open project deleted, a type still in use). A route it does not serve raises `FakeRouteNotImplemented`,
naming the method, the route and its operationId, and so do pages and field selections: nothing is answered
by guess. The operations it serves are `FakeZou.SUPPORTED`; docs/testing.md says what it does not model.

Routes are matched through the generated operation index (`kitsu_api.operations`), as the client builds them.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import json
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpx

from .. import errors
from ..client import KitsuClient, set_default_client

__all__ = ["FAKE_HOST", "FakeRouteNotImplemented", "FakeZou", "fake_zou"]

FAKE_HOST = "http://kitsu.fake/api"
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "mysecretpassword"
NOT_FOUND = (
    "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check "
    "your spelling and try again."
)
Row = dict[str, Any]
Answer = tuple[int, Any]  # a handler's status and JSON answer (None for 204)


@dataclass(frozen=True)
class Call:
    """One request as a handler sees it: path parameters, query values, JSON body ({} when none)."""

    params: dict[str, str]
    query: dict[str, str]
    body: dict[str, Any]


class FakeRouteNotImplemented(errors.GazuException, NotImplementedError):
    """The fake Zou was sent a request it does not implement (the message names the method, route and
    operationId): record the test against a real Zou instead, or extend the fake."""


class FakeError(Exception):
    """An error answer of the fake, as Zou gives it (status and JSON body)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status, body)
        self.status, self.body = status, body


def not_found() -> FakeError:
    return FakeError(404, {"error": True, "message": NOT_FOUND})


def wrong(message: str) -> FakeError:
    return FakeError(400, {"error": True, "message": message})


def conflict() -> FakeError:
    """Zou's answer to a deletion that other rows still reference."""
    return wrong("The change conflicts with records referencing this one.")


def now() -> str:
    """Zou's datetime format: UTC, to the second, no zone."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


# --- the columns of each model, with Zou's defaults (what `serialize()` gives) --------------------------------

PROJECT_COLUMNS: Row = {
    "name": None,
    "code": None,
    "description": None,
    "shotgun_id": None,
    "file_tree": None,
    "data": None,
    "has_avatar": False,
    "fps": "25",
    "ratio": "16:9",
    "resolution": "1920x1080",
    "production_type": "short",
    "production_style": "2d3d",
    "start_date": None,
    "end_date": None,
    "man_days": None,
    "nb_episodes": 0,
    "episode_span": 0,
    "max_retakes": 0,
    "is_clients_isolated": False,
    "is_client_stats_visible": True,
    "is_client_task_list_visible": True,
    "is_client_task_panel_visible": True,
    "is_preview_download_allowed": False,
    "is_set_preview_automated": False,
    "homepage": "assets",
    "is_publish_default_for_artists": False,
    "is_bot_collaboration_enabled": False,
    "is_single_preview_per_revision": False,
    "is_frame_in_numbering": False,
    "revision_padding": 0,
    "hd_bitrate_compression": None,
    "ld_bitrate_compression": None,
    "project_status_id": None,
    "default_preview_background_file_id": None,
    "from_schedule_version_id": None,
}
PROJECT_LINKS = ("team", "asset_types", "task_statuses", "task_types", "status_automations", "preview_background_files")
PROJECT_PRIVATE = (*PROJECT_LINKS, "task_type_links", "task_status_links")  # kept by the fake, not in answers
ENTITY_COLUMNS: Row = {
    "name": None,
    "code": None,
    "description": None,
    "shotgun_id": None,
    "canceled": False,
    "nb_frames": None,
    "nb_entities_out": 0,
    "is_casting_standby": False,
    "is_shared": False,
    "status": "running",
    "project_id": None,
    "entity_type_id": None,
    "parent_id": None,
    "source_id": None,
    "preview_file_id": None,
    "data": None,
    "ready_for": None,
    "created_by": None,
}
ENTITY_TYPE_COLUMNS: Row = {"name": None, "short_name": None, "description": None, "archived": False}
TASK_TYPE_COLUMNS: Row = {
    "name": None,
    "short_name": None,
    "description": None,
    "color": "#FFFFFF",
    "priority": 1,
    "for_entity": "Asset",
    "allow_timelog": True,
    "archived": False,
    "shotgun_id": None,
    "department_id": None,
}
TASK_STATUS_COLUMNS: Row = {
    "name": None,
    "archived": False,
    "short_name": None,
    "description": None,
    "color": None,
    "priority": 1,
    "is_done": False,
    "is_artist_allowed": True,
    "is_client_allowed": True,
    "is_retake": False,
    "is_feedback_request": False,
    "is_default": False,
    "is_wip": False,
    "shotgun_id": None,
    "for_concept": False,
}
PERSON_COLUMNS: Row = {
    "first_name": None,
    "last_name": "",
    "email": None,
    "phone": "",
    "country": None,
    "contract_type": "open-ended",
    "active": True,
    "archived": False,
    "last_presence": None,
    "desktop_login": "",
    "totp_enabled": False,
    "email_otp_enabled": False,
    "fido_enabled": False,
    "preferred_two_factor_authentication": None,
    "shotgun_id": None,
    "timezone": "Europe/Paris",
    "locale": "en_US",
    "use_12_hour_clock": False,
    "display_date_format": "YYYY-MM-DD",
    "data": None,
    "role": "user",
    "position": "artist",
    "seniority": "mid",
    "daily_salary": 0,
    "has_avatar": False,
    "notifications_enabled": False,
    "notifications_slack_enabled": False,
    "notifications_slack_userid": "",
    "notifications_mattermost_enabled": False,
    "notifications_mattermost_userid": "",
    "notifications_discord_enabled": False,
    "notifications_discord_userid": "",
    "is_bot": False,
    "is_guest": False,
    "preview_project_id": None,
    "preview_opened_at": None,
    "preview_open_until": None,
    "expiration_date": None,
    "is_generated_from_ldap": False,
    "ldap_uid": None,
    "studio_id": None,
}
PERSON_PRIVATE = ("password", "departments")
TASK_COLUMNS: Row = {
    "name": "main",
    "description": None,
    "priority": 0,
    "difficulty": 3,
    "duration": 0.0,
    "estimation": 0.0,
    "completion_rate": 0,
    "retake_count": 0,
    "sort_order": 0,
    "start_date": None,
    "due_date": None,
    "real_start_date": None,
    "end_date": None,
    "done_date": None,
    "last_comment_date": None,
    "nb_assets_ready": 0,
    "data": None,
    "nb_drawings": 0,
    "shotgun_id": None,
    "last_preview_file_id": None,
    "project_id": None,
    "task_type_id": None,
    "task_status_id": None,
    "entity_id": None,
    "assigner_id": None,
}
COMMENT_COLUMNS: Row = {
    "shotgun_id": None,
    "object_id": None,
    "object_type": "Task",
    "text": "",
    "data": None,
    "replies": [],
    "checklist": None,
    "pinned": None,
    "for_client": False,
    "links": None,
    "task_status_id": None,
    "person_id": None,
    "editor_id": None,
    "preview_file_id": None,
}
COMMENT_LINKS = ("previews", "mentions", "department_mentions", "acknowledgements", "attachment_files")
ORGANISATION: Row = {
    "name": "Kitsu",
    "hours_by_day": 8.0,
    "has_avatar": False,
    "use_original_file_name": False,
    "timesheets_locked": False,
    "format_duration_in_hours": False,
    "hd_by_default": False,
    "chat_token_slack": "",
    "chat_webhook_mattermost": "",
    "chat_token_discord": "",
    "dark_theme_by_default": False,
}
FLOAT_COLUMNS = {"task": ("duration", "estimation")}
UNSUPPORTED_QUERY = frozenset({"page", "limit", "fields", "relations", "offset"})
SHOT_TASK_FIELDS = (
    "id",
    "duration",
    "due_date",
    "end_date",
    "done_date",
    "entity_id",
    "estimation",
    "is_subscribed",
    "last_comment_date",
    "last_preview_file_id",
    "nb_assets_ready",
    "priority",
    "real_start_date",
    "retake_count",
    "start_date",
    "difficulty",
    "nb_drawings",
    "task_status_id",
    "task_type_id",
    "assignees",
    "data",
)
ASSET_TASK_FIELDS = tuple(name for name in SHOT_TASK_FIELDS if name not in ("nb_assets_ready", "nb_drawings"))
STRUCTURE_TYPES = ("Episode", "Sequence", "Shot", "Edit", "Concept", "Scene", "ConceptFolder")


def serialised(row: Row, drop: tuple[str, ...] = ()) -> Row:
    """A copy of a stored row without the keys Zou keeps to itself (links, passwords)."""
    return {key: copy.deepcopy(value) for key, value in row.items() if key not in drop}


def truthy(value: str) -> Any:
    """A query value as Zou compares it with a column: "true"/"false" as booleans, others as text."""
    lowered = value.lower()
    return {"true": True, "false": False}.get(lowered, value)


class FakeZou(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An in-memory Zou behind an httpx transport, sync and async (see the module docstring): `requests` lists
    the (method, route) pairs it answered; `tables` holds its rows by table and id (read them in assertions)."""

    def __init__(self, root: str = "/api", email: str = ADMIN_EMAIL, password: str = ADMIN_PASSWORD) -> None:
        self.root = "/" + root.strip("/") if root.strip("/") else ""
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.tables: dict[str, dict[str, Row]] = {
            name: {}
            for name in (
                "project",
                "project_status",
                "entity",
                "entity_type",
                "task",
                "task_type",
                "task_status",
                "comment",
                "person",
                "organisation",
            )
        }
        self.current_user_id = ""
        self.admin_email, self.admin_password = email, password  # what fake_zou() logs in with
        self.seed(email, password)

    # -- seeding -------------------------------------------------------------------------------------------
    def seed(self, email: str, password: str) -> None:
        """Add what a fresh Zou holds after `zou init-data` and `create-admin`: the admin, project statuses
        Open and Closed, the default task status Todo, and the entity types of episodes, sequences, shots..."""
        admin = self.insert("person", PERSON_COLUMNS, "Person", first_name="Super", last_name="Admin", email=email)
        admin.update(role="admin", password=password, departments=[])
        self.current_user_id = admin["id"]
        self.insert("organisation", ORGANISATION, "Organisation")
        for name in ("Open", "Closed"):
            self.insert("project_status", {"name": name, "color": "#000000"}, "ProjectStatus")
        self.insert(
            "task_status",
            TASK_STATUS_COLUMNS,
            "TaskStatus",
            name="Todo",
            short_name="todo",
            color="#f5f5f5",
            is_default=True,
        )
        for name in STRUCTURE_TYPES:
            self.insert("entity_type", ENTITY_TYPE_COLUMNS, "EntityType", name=name)

    def insert(self, table: str, columns: Row, type_name: str, **values: Any) -> Row:
        """Store a new row: the model's defaults, the values given (known columns only), id, dates, type."""
        row = copy.deepcopy(columns)
        row.update({key: value for key, value in values.items() if key in columns})
        for key in FLOAT_COLUMNS.get(table, ()):
            row[key] = float(row[key] or 0)
        moment = now()
        row.update(id=str(uuid.uuid4()), created_at=moment, updated_at=moment, type=type_name)
        self.tables[table][row["id"]] = row
        return row

    # -- transport -----------------------------------------------------------------------------------------
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        if self.root and (path == self.root or path.startswith(self.root + "/")):
            path = path[len(self.root) :] or "/"
        method = request.method
        operation, params = match_operation(method, path)
        handler = getattr(self, "op_" + operation, None) if operation else None
        if handler is None:
            known = f" (operation {operation})" if operation else " (no operation of Zou's spec has this route)"
            raise FakeRouteNotImplemented(
                f"the fake Zou does not implement {method} {path}{known}: record this test against a real Zou "
                "(kitsu_helpers.testing record/replay) or extend kitsu_helpers.testing.fake",
                method=method,
                url=str(request.url),
            )
        body = request.read()
        payload = json.loads(body) if body and "json" in request.headers.get("content-type", "") else None
        query = {key: value for key, value in request.url.params.multi_items()}
        with self.lock:
            self.requests.append((method, path))
            try:
                status, answer = handler(Call(params, query, payload if isinstance(payload, dict) else {}))
            except FakeError as exc:
                return httpx.Response(exc.status, json=exc.body)
        if status == 204:
            return httpx.Response(204, headers={"content-type": "text/html; charset=utf-8"})
        return httpx.Response(status, json=answer)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The same answers for `kitsu_helpers.aio.AsyncKitsuClient(host, transport=FakeZou())`."""
        await request.aread()
        return self.handle_request(request)

    # -- lookups -------------------------------------------------------------------------------------------
    def row(self, table: str, row_id: Any, type_name: str | None = None) -> Row:
        """The stored row of that id (of that type, for entities and entity types) or Zou's 404."""
        row = self.tables[table].get(str(row_id)) if row_id else None
        if row is None:
            raise not_found()
        if type_name is not None and self.type_of(row) != type_name:
            raise not_found()
        return row

    def type_of(self, row: Row) -> str:
        """The kind of an entity ("Shot", "Asset"...) or of an entity type ("Shot", "AssetType"...)."""
        if "entity_type_id" in row:
            name = self.tables["entity_type"][row["entity_type_id"]]["name"]
            return name if name in STRUCTURE_TYPES else "Asset"
        return row["name"] if row["name"] in STRUCTURE_TYPES else "AssetType"

    def structure_type(self, name: str) -> Row:
        return next(t for t in self.tables["entity_type"].values() if t["name"] == name)

    def entities(self, kind: str, **equal: Any) -> list[Row]:
        """The entities of a kind ("Shot", "Asset"...) whose columns equal the values given, by name."""
        rows = [
            row
            for row in self.tables["entity"].values()
            if self.type_of(row) == kind and all(row.get(key) == value for key, value in equal.items())
        ]
        return sorted(rows, key=lambda row: row["name"])

    def as_type(self, row: Row) -> Row:
        """An entity row as Zou serialises it by kind: `type` is Shot, Asset, Episode..."""
        out = serialised(row)
        out["type"] = self.type_of(row)
        return out

    def filtered(self, rows: list[Row], query: dict[str, str], rename: dict[str, str] | None = None) -> list[Row]:
        """Rows whose columns equal every query value (Zou's CRUD filters); rename maps a query name to a column.
        As Zou, a name that is no column is ignored; pages and field selections are not implemented."""
        unsupported = sorted(set(query) & UNSUPPORTED_QUERY)
        if unsupported:
            raise FakeRouteNotImplemented(
                f"the fake Zou does not implement the query parameter(s) {', '.join(unsupported)} "
                "(pages, field selections, relations): record this test against a real Zou instead"
            )
        rename = rename or {}
        columns = set().union(*(row.keys() for row in rows)) if rows else set()
        wanted = {rename.get(key, key): truthy(value) for key, value in query.items()}
        wanted = {key: value for key, value in wanted.items() if key in columns}
        return [row for row in rows if all(matches(row.get(key), value) for key, value in wanted.items())]

    def touch(self, row: Row) -> None:
        row["updated_at"] = now()

    def update_row(self, row: Row, payload: dict[str, Any], protected: tuple[str, ...] = ()) -> Row:
        """Apply a PUT: every known column except id, dates, type and protected ones."""
        for key, value in payload.items():
            if key in row and key not in ("id", "created_at", "updated_at", "type", *protected):
                row[key] = value
        for key in ("duration", "estimation"):
            if row.get("type") == "Task" and isinstance(row.get(key), int):
                row[key] = float(row[key])
        self.touch(row)
        return row

    def check_unique(self, table: str, row: Row | None = None, **values: Any) -> None:
        for other in self.tables[table].values():
            if other is not row and all(other.get(key) == value for key, value in values.items()):
                raise wrong("A record with the same unique values already exists.")

    # -- auth ----------------------------------------------------------------------------------------------
    def person_full(self, person: Row) -> Row:
        out = serialised(person, PERSON_PRIVATE)
        out["full_name"] = f"{person['first_name']} {person['last_name']}".strip()
        return out

    def person_short(self, person: Row) -> Row:
        return {
            "id": person["id"],
            "first_name": person["first_name"],
            "last_name": person["last_name"],
            "full_name": self.person_full(person)["full_name"],
            "has_avatar": person["has_avatar"],
            "role": person["role"],
        }

    def organisation(self) -> Row:
        return serialised(next(iter(self.tables["organisation"].values())))

    def op_post_auth_login(self, call: Call) -> Answer:
        email, password = call.body.get("email"), call.body.get("password")
        person = next((p for p in self.tables["person"].values() if p["email"] == email), None)
        if person is None or not password or person.get("password") != password:
            raise FakeError(400, {"login": False, "message": "Wrong email or password."})
        self.current_user_id = person["id"]
        user = {**self.person_full(person), "departments": list(person.get("departments") or [])}
        token = uuid.uuid4().hex
        return 200, {
            "user": user,
            "organisation": self.organisation(),
            "login": True,
            "access_token": "fake-access-" + token,
            "refresh_token": "fake-refresh-" + token,
        }

    def op_get_auth_authenticated(self, call: Call) -> Answer:
        person = self.row("person", self.current_user_id)
        user = {**self.person_full(person), "departments": list(person.get("departments") or []), "fido_devices": []}
        return 200, {"authenticated": True, "user": user, "organisation": self.organisation()}

    def op_get_auth_logout(self, call: Call) -> Answer:
        return 200, {"logout": True}

    def op_get_auth_refresh_token(self, call: Call) -> Answer:
        return 200, {"access_token": "fake-access-" + uuid.uuid4().hex}

    def op_get_root(self, call: Call) -> Answer:
        return 200, {"api": "Zou", "version": "1.0.97"}

    # -- projects ------------------------------------------------------------------------------------------
    def project_plain(self, project: Row) -> Row:
        out = serialised(project, PROJECT_PRIVATE)
        first = self.first_episode(project)
        if project["production_type"] == "tvshow" and first is not None:
            out["first_episode_id"] = first["id"]
        return out

    def project_with_links(self, project: Row) -> Row:
        out = serialised(project, ("task_type_links", "task_status_links"))
        first = self.first_episode(project)
        if project["production_type"] == "tvshow" and first is not None:
            out["first_episode_id"] = first["id"]
        return out

    def first_episode(self, project: Row) -> Row | None:
        episodes = self.entities("Episode", project_id=project["id"])
        running = [e for e in episodes if e["status"] == "running"]
        return (running or episodes or [None])[0]  # type: ignore[list-item]

    def op_get_data_projects(self, call: Call) -> Answer:
        rows = sorted(self.tables["project"].values(), key=lambda row: row["name"])
        return 200, [serialised(row, PROJECT_PRIVATE) for row in self.filtered(rows, call.query)]

    def op_get_data_projects_open(self, call: Call) -> Answer:
        open_id = self.project_status("Open")["id"]
        rows = sorted(self.tables["project"].values(), key=lambda row: row["name"])
        return 200, [self.project_extra(row) for row in rows if row["project_status_id"] == open_id]

    def project_status(self, name: str) -> Row:
        return next(s for s in self.tables["project_status"].values() if s["name"] == name)

    def op_get_data_project_status(self, call: Call) -> Answer:
        return 200, [serialised(row) for row in self.filtered(list(self.tables["project_status"].values()), call.query)]

    def op_post_data_projects(self, call: Call) -> Answer:
        if not call.body.get("name"):
            raise wrong("A required field is missing.")
        self.check_unique("project", name=call.body["name"])
        values = {key: value for key, value in call.body.items() if key in PROJECT_COLUMNS}
        values.setdefault("project_status_id", self.project_status("Open")["id"])
        project = self.insert("project", PROJECT_COLUMNS, "Project", **values)
        for name in PROJECT_LINKS:
            project[name] = [str(item) for item in call.body.get(name) or []]
        project["task_type_links"], project["task_status_links"] = {}, {}
        for task_type_id in project["task_types"]:
            project["task_type_links"][task_type_id] = link_of_task_type(None)
        if project["production_type"] == "tvshow":
            self.new_entity("Episode", project["id"], "E01", description="")
        return 201, self.project_with_links(project)

    def project_extra(self, project: Row) -> Row:
        """A project with its links and the extra data Zou adds to a project read by id or as an open one."""
        out = self.project_with_links(project)
        links, statuses = project["task_type_links"], project["task_status_links"]
        out.update(
            descriptors=[],
            task_type_links=copy.deepcopy(links),
            task_types_priority={key: link["priority"] for key, link in links.items()},
            task_statuses_link=copy.deepcopy(statuses),
        )
        return out

    def op_get_data_projects_instance_id(self, call: Call) -> Answer:
        project = self.row("project", call.params["instance_id"])
        out = self.project_extra(project)
        out["project_status_name"] = self.row("project_status", project["project_status_id"])["name"]
        return 200, out

    def op_put_data_projects_instance_id(self, call: Call) -> Answer:
        project = self.row("project", call.params["instance_id"])
        if "name" in call.body:
            self.check_unique("project", project, name=call.body["name"])
        self.update_row(project, call.body, protected=(*PROJECT_LINKS, "task_type_links", "task_status_links"))
        if project["production_type"] == "tvshow" and self.first_episode(project) is None:
            self.new_entity("Episode", project["id"], "E01", description="")
        return 200, self.project_plain(project)

    def settings_answer(self, project: Row) -> Row:
        return serialised(project, PROJECT_PRIVATE)

    def op_delete_data_projects_instance_id(self, call: Call) -> Answer:
        project = self.row("project", call.params["instance_id"])
        if project["project_status_id"] != self.project_status("Closed")["id"]:
            raise wrong("Only closed projects can be deleted")
        if truthy(call.query.get("force", "false")) is not True and (
            any(e["project_id"] == project["id"] for e in self.tables["entity"].values())
        ):
            raise FakeError(500, {"error": True, "message": "Internal server error."})  # what Zou 1.0.97 answers
        for task in [t for t in self.tables["task"].values() if t["project_id"] == project["id"]]:
            self.delete_task(task)
        for entity_id in [e["id"] for e in self.tables["entity"].values() if e["project_id"] == project["id"]]:
            del self.tables["entity"][entity_id]
        del self.tables["project"][project["id"]]
        return 204, None

    def op_post_data_projects_project_id_settings_asset_types(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        asset_type = self.row("entity_type", call.body.get("asset_type_id"), "AssetType")
        if asset_type["id"] not in project["asset_types"]:
            project["asset_types"].append(asset_type["id"])
        self.touch(project)
        return 201, self.settings_answer(project)

    def op_post_data_projects_project_id_settings_task_types(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        task_type = self.row("task_type", call.body.get("task_type_id"))
        if task_type["id"] not in project["task_types"]:
            project["task_types"].append(task_type["id"])
        project["task_type_links"][task_type["id"]] = link_of_task_type(call.body.get("priority"))
        self.touch(project)
        return 201, self.settings_answer(project)

    def op_post_data_projects_project_id_settings_task_status(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        status = self.row("task_status", call.body.get("task_status_id"))
        if status["id"] not in project["task_statuses"]:
            project["task_statuses"].append(status["id"])
        project["task_status_links"][status["id"]] = {
            "priority": None,
            "roles_for_board": [],
            "is_client_allowed": True,
        }
        self.touch(project)
        return 201, self.settings_answer(project)

    def op_get_data_projects_project_id_task_types(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        rows = [self.tables["task_type"][i] for i in project["task_types"] if i in self.tables["task_type"]]
        return 200, [serialised(row) for row in sorted(rows, key=lambda row: (row["for_entity"], row["name"]))]

    def op_get_data_projects_project_id_settings_task_status(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        rows = [self.tables["task_status"][i] for i in project["task_statuses"] if i in self.tables["task_status"]]
        return 200, [serialised(row) for row in rows]

    # -- entity types (asset types) ------------------------------------------------------------------------
    def entity_type_out(self, row: Row, kind: str | None = None, task_types: bool = False) -> Row:
        out = serialised(row, ("task_types",))
        if kind is not None:
            out["type"] = kind
        if task_types:
            out["task_types"] = list(row.get("task_types") or [])
        return out

    def op_get_data_entity_types(self, call: Call) -> Answer:
        rows = self.filtered(list(self.tables["entity_type"].values()), call.query)
        return 200, [self.entity_type_out(row) for row in rows]

    def op_get_data_asset_types(self, call: Call) -> Answer:
        rows = [row for row in self.tables["entity_type"].values() if self.type_of(row) == "AssetType"]
        rows = sorted(self.filtered(rows, call.query), key=lambda row: row["name"])
        return 200, [self.entity_type_out(row, "AssetType", task_types=True) for row in rows]

    def op_post_data_entity_types(self, call: Call) -> Answer:
        self.check_unique("entity_type", name=call.body.get("name"))
        row = self.insert("entity_type", ENTITY_TYPE_COLUMNS, "EntityType", **call.body)
        row["task_types"] = [str(i) for i in call.body.get("task_types") or []]
        return 201, self.entity_type_out(row, task_types=True)

    def op_get_data_asset_types_asset_type_id(self, call: Call) -> Answer:
        row = self.row("entity_type", call.params["asset_type_id"], "AssetType")
        return 200, self.entity_type_out(row, "AssetType", task_types=True)

    def op_get_data_entity_types_instance_id(self, call: Call) -> Answer:
        return 200, self.entity_type_out(self.row("entity_type", call.params["instance_id"]), task_types=True)

    def op_put_data_entity_types_instance_id(self, call: Call) -> Answer:
        row = self.row("entity_type", call.params["instance_id"])
        if "name" in call.body:
            self.check_unique("entity_type", row, name=call.body["name"])
        self.update_row(row, call.body, protected=("task_types",))
        return 200, self.entity_type_out(row, task_types=True)

    def op_delete_data_entity_types_instance_id(self, call: Call) -> Answer:
        row = self.row("entity_type", call.params["instance_id"])
        if any(e["entity_type_id"] == row["id"] for e in self.tables["entity"].values()):
            raise conflict()
        del self.tables["entity_type"][row["id"]]
        for project in self.tables["project"].values():
            if row["id"] in project["asset_types"]:
                project["asset_types"].remove(row["id"])
        return 204, None

    def op_get_data_projects_project_id_asset_types(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        used = {e["entity_type_id"] for e in self.entities("Asset", project_id=project["id"])}
        rows = sorted((self.tables["entity_type"][i] for i in used), key=lambda row: row["name"])
        return 200, [self.entity_type_out(row, "AssetType") for row in rows]

    # -- entities: assets, episodes, sequences, shots ------------------------------------------------------
    def new_entity(self, kind: str, project_id: str, name: str, **values: Any) -> Row:
        entity_type_id = values.pop("entity_type_id", None) or self.structure_type(kind)["id"]
        values.setdefault("data", {})
        return self.insert(
            "entity",
            ENTITY_COLUMNS,
            "Entity",
            project_id=project_id,
            name=name,
            entity_type_id=entity_type_id,
            created_by=self.current_user_id,
            **values,
        )

    def entity_details(self, row: Row) -> Row:
        """What Zou adds to an entity read by id (`GET /data/assets/<id>`...)."""
        out = self.as_type(row)
        out.update(entities_out=[], entity_concept_links=[], instance_casting=[], entities_in=[])
        return out

    def op_get_data_assets_all(self, call: Call) -> Answer:
        rows = self.filtered(self.entities("Asset"), call.query)
        return 200, [self.as_type(row) for row in rows]

    def op_get_data_assets(self, call: Call) -> Answer:
        return self.op_get_data_assets_all(call)

    def op_get_data_projects_project_id_assets(self, call: Call) -> Answer:
        self.row("project", call.params["project_id"])
        rows = self.entities("Asset", project_id=call.params["project_id"])
        return 200, [self.as_type(row) for row in self.filtered(rows, call.query)]

    def op_get_data_projects_project_id_asset_types_asset_type_id_assets(self, call: Call) -> Answer:
        self.row("project", call.params["project_id"])
        rows = self.entities("Asset", project_id=call.params["project_id"], entity_type_id=call.params["asset_type_id"])
        return 200, [self.as_type(row) for row in rows]

    def op_post_data_projects_project_id_asset_types_asset_type_id_assets_new(self, call: Call) -> Answer:
        project = self.row("project", call.params["project_id"])
        asset_type = self.row("entity_type", call.params["asset_type_id"], "AssetType")
        asset = self.new_entity(
            "Asset",
            project["id"],
            str(call.body.get("name")),
            entity_type_id=asset_type["id"],
            description=call.body.get("description", ""),
            data=call.body.get("data") or {},
            is_shared=bool(call.body.get("is_shared", False)),
            source_id=call.body.get("episode_id") or call.body.get("source_id"),
        )
        return 201, self.as_type(asset)

    def op_get_data_assets_asset_id(self, call: Call) -> Answer:
        asset = self.row("entity", call.params["asset_id"], "Asset")
        out = self.entity_details(asset)
        out.pop("nb_frames")
        out.pop("source_id")
        asset_type = self.tables["entity_type"][asset["entity_type_id"]]
        out.update(
            preview_file_id=asset["preview_file_id"] or "",
            ready_for=str(asset["ready_for"]),
            project_name=self.tables["project"][asset["project_id"]]["name"],
            asset_type_id=asset_type["id"],
            asset_type_name=asset_type["name"],
            episode_id=asset["source_id"] or "",
            casting_episode_ids=[],
            tasks=[self.task_in_entity(task, ASSET_TASK_FIELDS) for task in self.tasks_of(asset)],
        )
        return 200, out

    def op_delete_data_assets_asset_id(self, call: Call) -> Answer:
        return self.remove_entity(self.row("entity", call.params["asset_id"], "Asset"), call.query)

    def remove_entity(self, entity: Row, query: Row) -> tuple[int, Any]:
        """Zou's removal: an entity with tasks is only canceled, unless force; one without is deleted."""
        tasks = self.tasks_of(entity)
        if tasks and truthy(query.get("force", "false")) is not True:
            entity["canceled"] = True
            self.touch(entity)
            return 204, None
        for task in tasks:
            self.delete_task(task)
        del self.tables["entity"][entity["id"]]
        return 204, None

    def op_put_data_entities_instance_id(self, call: Call) -> Answer:
        entity = self.row("entity", call.params["instance_id"])
        changes = call.body
        if isinstance(changes.get("data"), dict) and isinstance(entity["data"], dict):
            changes = {**changes, "data": {**entity["data"], **changes["data"]}}  # Zou merges the metadata
        self.update_row(entity, changes)
        out = self.entity_details(entity)
        out["type"] = self.type_of(entity)
        return 200, out

    def op_get_data_entities_instance_id(self, call: Call) -> Answer:
        entity = self.row("entity", call.params["instance_id"])
        return 200, self.entity_details(entity)

    def op_post_data_projects_project_id_episodes(self, call: Call) -> Answer:
        return self.create_in_project(call, "Episode", None, description=call.body.get("description", ""))

    def op_post_data_projects_project_id_sequences(self, call: Call) -> Answer:
        return self.create_in_project(call, "Sequence", "Episode", description=call.body.get("description", ""))

    def op_post_data_projects_project_id_shots(self, call: Call) -> Answer:
        body = call.body
        return self.create_in_project(
            call,
            "Shot",
            "Sequence",
            nb_frames=body.get("nb_frames"),
            description=body.get("description"),
            data=body.get("data") or {},
        )

    def create_in_project(self, call: Call, kind: str, parent_kind: str | None, **values: Any) -> Answer:
        """Answer a project's creation route for kind as Zou does: the existing entity of that name under the same
        parent (an ``<parent>_id`` in the body, checked to be of parent_kind in the project), else a new one.

        Args:
            call: The request (project_id in its path, name and the parent id in its body).
            kind: The entity type to create ("Episode", "Sequence", "Shot").
            parent_kind: The parent's entity type, or None when kind has no parent.
            **values: The new entity's other columns.

        Returns:
            (201, the entity as the route answers it).
        """
        project = self.row("project", call.params["project_id"])
        parent: dict[str, Any] = {}
        if parent_kind is not None:
            parent_id = call.body.get(f"{parent_kind.lower()}_id")
            if parent_id is not None and self.row("entity", parent_id, parent_kind)["project_id"] != project["id"]:
                raise not_found()
            parent = {"parent_id": parent_id}
        existing = self.entities(kind, project_id=project["id"], name=call.body.get("name"), **parent)
        entity = (
            existing[0] if existing else self.new_entity(kind, project["id"], call.body["name"], **parent, **values)
        )
        return 201, self.as_type(entity)

    def with_names(self, row: Row, *names: str) -> Row:
        """An entity with the names Zou joins in some lists: project_name, sequence_name, episode_name."""
        out = self.as_type(row)
        parent = self.tables["entity"].get(row["parent_id"] or "")
        for name in names:
            if name == "project_name":
                out[name] = self.tables["project"][row["project_id"]]["name"]
            elif name in ("sequence_name", "episode_name"):
                out[name] = parent["name"] if parent else None
        return out

    def op_get_data_episodes(self, call: Call) -> Answer:
        return 200, [self.as_type(row) for row in self.filtered(self.entities("Episode"), call.query)]

    def op_get_data_sequences(self, call: Call) -> Answer:
        rows = self.filtered(self.entities("Sequence"), call.query, {"episode_id": "parent_id"})
        return 200, [self.as_type(row) for row in rows]

    def op_get_data_shots_all(self, call: Call) -> Answer:
        rows = self.filtered(self.entities("Shot"), call.query, {"sequence_id": "parent_id"})
        return 200, [self.with_names(row, "project_name", "sequence_name") for row in rows]

    def op_get_data_episodes_episode_id(self, call: Call) -> Answer:
        return 200, self.with_names(self.row("entity", call.params["episode_id"], "Episode"), "project_name")

    def op_get_data_sequences_sequence_id(self, call: Call) -> Answer:
        sequence = self.row("entity", call.params["sequence_id"], "Sequence")
        out = self.with_names(sequence, "project_name", "episode_name")
        out["episode_id"] = sequence["parent_id"]
        return 200, out

    def op_get_data_shots_shot_id(self, call: Call) -> Answer:
        shot = self.row("entity", call.params["shot_id"], "Shot")
        sequence = self.tables["entity"].get(shot["parent_id"] or "")
        episode = self.tables["entity"].get(sequence["parent_id"] or "") if sequence else None
        data = shot["data"] or {}
        out = self.entity_details(shot)
        out.update(
            episode_id=episode["id"] if episode else None,
            episode_name=episode["name"] if episode else None,
            fps=data.get("fps"),
            frame_in=data.get("frame_in"),
            frame_out=data.get("frame_out"),
            project_name=self.tables["project"][shot["project_id"]]["name"],
            sequence_id=sequence["id"] if sequence else None,
            sequence_name=sequence["name"] if sequence else None,
            tasks=[self.task_in_entity(task) for task in self.tasks_of(shot)],
        )
        return 200, out

    def op_get_data_projects_project_id_episodes(self, call: Call) -> Answer:
        self.row("project", call.params["project_id"])
        return 200, [self.as_type(row) for row in self.entities("Episode", project_id=call.params["project_id"])]

    def op_get_data_projects_project_id_sequences(self, call: Call) -> Answer:
        self.row("project", call.params["project_id"])
        return 200, [self.as_type(row) for row in self.entities("Sequence", project_id=call.params["project_id"])]

    def op_get_data_episodes_episode_id_sequences(self, call: Call) -> Answer:
        self.row("entity", call.params["episode_id"], "Episode")
        return 200, [self.as_type(row) for row in self.entities("Sequence", parent_id=call.params["episode_id"])]

    def op_get_data_projects_project_id_shots(self, call: Call) -> Answer:
        self.row("project", call.params["project_id"])
        rows = self.entities("Shot", project_id=call.params["project_id"])
        return 200, [self.as_type(row) for row in rows]

    def op_get_data_sequences_sequence_id_shots(self, call: Call) -> Answer:
        self.row("entity", call.params["sequence_id"], "Sequence")
        rows = self.entities("Shot", parent_id=call.params["sequence_id"])
        return 200, [self.with_names(row, "project_name", "sequence_name") for row in rows]

    def op_get_data_episodes_episode_id_shots(self, call: Call) -> Answer:
        self.row("entity", call.params["episode_id"], "Episode")
        sequences = {row["id"] for row in self.entities("Sequence", parent_id=call.params["episode_id"])}
        rows = [row for row in self.entities("Shot") if row["parent_id"] in sequences]
        return 200, [self.as_type(row) for row in rows]

    def op_delete_data_shots_shot_id(self, call: Call) -> Answer:
        return self.remove_entity(self.row("entity", call.params["shot_id"], "Shot"), call.query)

    def op_delete_data_sequences_sequence_id(self, call: Call) -> Answer:
        return self.remove_entity(self.row("entity", call.params["sequence_id"], "Sequence"), call.query)

    def op_delete_data_episodes_episode_id(self, call: Call) -> Answer:
        return self.remove_entity(self.row("entity", call.params["episode_id"], "Episode"), call.query)

    # -- task types and task statuses ----------------------------------------------------------------------
    def op_get_data_task_types(self, call: Call) -> Answer:
        rows = sorted(self.tables["task_type"].values(), key=lambda row: row["name"])
        return 200, [serialised(row) for row in self.filtered(rows, call.query)]

    def op_post_data_task_types(self, call: Call) -> Answer:
        self.check_unique("task_type", name=call.body.get("name"), for_entity=call.body.get("for_entity", "Asset"))
        return 201, serialised(self.insert("task_type", TASK_TYPE_COLUMNS, "TaskType", **call.body))

    def op_get_data_task_types_instance_id(self, call: Call) -> Answer:
        return self.instance_read("task_type", call)

    def op_put_data_task_types_instance_id(self, call: Call) -> Answer:
        return self.instance_update("task_type", call)

    def op_delete_data_task_types_instance_id(self, call: Call) -> Answer:
        task_type = self.row("task_type", call.params["instance_id"])
        tasks = [t for t in self.tables["task"].values() if t["task_type_id"] == task_type["id"]]
        if tasks and truthy(call.query.get("force", "false")) is not True:
            raise conflict()
        for task in tasks:
            self.delete_task(task)
        return self.delete_project_setting("task_type", task_type["id"], "task_types", "task_type_links")

    def op_get_data_task_status(self, call: Call) -> Answer:
        rows = self.filtered(list(self.tables["task_status"].values()), call.query)
        return 200, [serialised(row) for row in rows]

    def op_post_data_task_status(self, call: Call) -> Answer:
        self.check_unique("task_status", name=call.body.get("name"))
        self.check_unique("task_status", short_name=call.body.get("short_name"))
        return 201, serialised(self.insert("task_status", TASK_STATUS_COLUMNS, "TaskStatus", **call.body))

    def op_get_data_task_status_instance_id(self, call: Call) -> Answer:
        return self.instance_read("task_status", call)

    def op_put_data_task_status_instance_id(self, call: Call) -> Answer:
        return self.instance_update("task_status", call)

    def op_delete_data_task_status_instance_id(self, call: Call) -> Answer:
        status = self.row("task_status", call.params["instance_id"])
        if any(
            row["task_status_id"] == status["id"]
            for table in ("task", "comment")
            for row in self.tables[table].values()
        ):
            raise conflict()
        return self.delete_project_setting("task_status", status["id"], "task_statuses", "task_status_links")

    def instance_read(self, table: str, call: Call) -> Answer:
        """Answer a CRUD instance GET: the row named by the path's instance_id."""
        return 200, serialised(self.row(table, call.params["instance_id"]))

    def instance_update(self, table: str, call: Call) -> Answer:
        """Answer a CRUD instance PUT: the row named by the path's instance_id, updated with the body."""
        return 200, serialised(self.update_row(self.row(table, call.params["instance_id"]), call.body))

    def delete_project_setting(self, table: str, row_id: str, listed_in: str, links: str) -> Answer:
        """Delete a row that projects list (a task type, a task status): out of every project's list and link
        table first, as Zou's cascade does; answer 204."""
        for project in self.tables["project"].values():
            if row_id in project[listed_in]:
                project[listed_in].remove(row_id)
                project[links].pop(row_id, None)
        del self.tables[table][row_id]
        return 204, None

    # -- persons -------------------------------------------------------------------------------------------
    def op_get_data_persons(self, call: Call) -> Answer:
        rows = sorted(self.tables["person"].values(), key=lambda row: (row["first_name"], row["last_name"]))
        return 200, self.filtered([self.person_full(row) for row in rows], call.query)

    def op_post_data_persons(self, call: Call) -> Answer:
        email = call.body.get("email")
        if any(p["email"] == email for p in self.tables["person"].values()):
            raise wrong("Email already in use.")
        values = {key: value for key, value in call.body.items() if key != "departments"}
        person = self.insert("person", PERSON_COLUMNS, "Person", **values)
        person["departments"] = [str(d) for d in call.body.get("departments") or []]
        person["password"] = call.body.get("password")
        return 201, {**self.person_full(person), "departments": list(person["departments"])}

    def op_get_data_persons_instance_id(self, call: Call) -> Answer:
        person = self.row("person", call.params["instance_id"])
        return 200, {**self.person_full(person), "departments": list(person["departments"])}

    def op_put_data_persons_instance_id(self, call: Call) -> Answer:
        person = self.row("person", call.params["instance_id"])
        if "email" in call.body and any(
            p["email"] == call.body["email"] and p is not person for p in self.tables["person"].values()
        ):
            raise wrong("Email already in use.")
        self.update_row(person, call.body, protected=PERSON_PRIVATE)
        return 200, {**self.person_full(person), "departments": list(person["departments"])}

    def op_delete_data_persons_instance_id(self, call: Call) -> Answer:
        person = self.row("person", call.params["instance_id"])
        for task in self.tables["task"].values():
            if person["id"] in task["assignees"]:
                task["assignees"].remove(person["id"])
        del self.tables["person"][person["id"]]
        return 204, None

    # -- tasks ---------------------------------------------------------------------------------------------
    def tasks_of(self, entity: Row) -> list[Row]:
        return [task for task in self.tables["task"].values() if task["entity_id"] == entity["id"]]

    def task_in_entity(self, task: Row, fields: tuple[str, ...] = SHOT_TASK_FIELDS) -> Row:
        """A task as Zou lists it inside an entity read by id (`tasks` of `GET /data/shots/<id>`)."""
        return {name: copy.deepcopy(task[name]) if name != "is_subscribed" else False for name in fields}

    def task_with_names(self, task: Row) -> Row:
        entity = self.tables["entity"][task["entity_id"]]
        entity_type = self.tables["entity_type"][entity["entity_type_id"]]
        out = serialised(task, ("assignees",))
        out.update(
            project_name=self.tables["project"][task["project_id"]]["name"],
            task_type_name=self.tables["task_type"][task["task_type_id"]]["name"],
            task_status_name=self.tables["task_status"][task["task_status_id"]]["name"],
            entity_type_name=entity_type["name"],
            entity_name=entity["name"],
        )
        return out

    def op_get_data_tasks(self, call: Call) -> Answer:
        rows = self.filtered(list(self.tables["task"].values()), call.query)
        return 200, [serialised(row, ("assignees",)) for row in rows]

    def op_post_data_tasks(self, call: Call) -> Answer:
        project = self.row("project", call.body.get("project_id"))
        entity = self.row("entity", call.body.get("entity_id"))
        task_type = self.row("task_type", call.body.get("task_type_id"))
        status = self.row("task_status", call.body.get("task_status_id"))
        self.check_unique(
            "task", name=call.body.get("name", "main"), entity_id=entity["id"], task_type_id=task_type["id"]
        )
        assignees = [self.row("person", person_id)["id"] for person_id in call.body.get("assignees") or []]
        values = {key: value for key, value in call.body.items() if key != "assignees"}
        values.update(project_id=project["id"], entity_id=entity["id"], task_status_id=status["id"])
        task = self.insert("task", TASK_COLUMNS, "Task", **values)
        task["assignees"] = assignees
        return 201, serialised(task)

    def op_get_data_tasks_instance_id(self, call: Call) -> Answer:
        return 200, serialised(self.row("task", call.params["instance_id"]))

    def op_get_data_tasks_task_id_full(self, call: Call) -> Answer:
        task = self.row("task", call.params["task_id"])
        entity = self.tables["entity"][task["entity_id"]]
        out = serialised(task)
        out.update(
            entity={**serialised(entity), "type": "Entity"},
            entity_type=self.entity_type_out(self.tables["entity_type"][entity["entity_type_id"]]),
            is_subscribed=False,
            persons=[self.person_full(self.tables["person"][i]) for i in task["assignees"]],
            project=serialised(self.tables["project"][task["project_id"]], PROJECT_PRIVATE),
            task_status=serialised(self.tables["task_status"][task["task_status_id"]]),
            task_type=serialised(self.tables["task_type"][task["task_type_id"]]),
        )
        assigner = self.tables["person"].get(task["assigner_id"] or "")
        if assigner is not None:
            out["assigner"] = {**self.person_full(assigner), "departments": list(assigner["departments"])}
        kind = self.type_of(entity)
        parent = self.tables["entity"].get(entity["parent_id"] or "")
        sequence = entity if kind == "Sequence" else parent if kind in ("Shot", "Scene") else None
        if parent is not None and sequence is not None:
            out["sequence"] = self.as_type(sequence)
            episode = self.tables["entity"].get(sequence["parent_id"] or "")
            if episode is not None:
                out["episode"] = self.as_type(episode)
        return 200, out

    def op_put_data_tasks_instance_id(self, call: Call) -> Answer:
        task = self.row("task", call.params["instance_id"])
        self.update_row(task, call.body, protected=("assignees",))
        return 200, serialised(task, ("assignees",))

    def op_delete_data_tasks_instance_id(self, call: Call) -> Answer:
        self.delete_task(self.row("task", call.params["instance_id"]))
        return 204, None

    def delete_task(self, task: Row) -> None:
        for comment_id in [c["id"] for c in self.tables["comment"].values() if c["object_id"] == task["id"]]:
            del self.tables["comment"][comment_id]
        del self.tables["task"][task["id"]]

    def op_get_data_shots_shot_id_tasks(self, call: Call) -> Answer:
        return 200, self.entity_tasks(self.row("entity", call.params["shot_id"], "Shot"))

    def op_get_data_assets_asset_id_tasks(self, call: Call) -> Answer:
        return 200, self.entity_tasks(self.row("entity", call.params["asset_id"], "Asset"))

    def op_get_data_sequences_sequence_id_tasks(self, call: Call) -> Answer:
        return 200, self.entity_tasks(self.row("entity", call.params["sequence_id"], "Sequence"))

    def op_get_data_episodes_episode_id_tasks(self, call: Call) -> Answer:
        return 200, self.entity_tasks(self.row("entity", call.params["episode_id"], "Episode"))

    def entity_tasks(self, entity: Row) -> list[Row]:
        """An entity's tasks with the names Zou joins in, sorted as Zou sorts them."""
        tasks = [self.task_with_names(task) for task in self.tasks_of(entity)]
        names = ("name", "project_name", "task_type_name", "entity_type_name", "entity_name")
        return sorted(tasks, key=lambda task: tuple(str(task[name]).casefold() for name in names))

    def op_post_data_entities_entity_id_tasks(self, call: Call) -> Answer:
        """Create the entity's main task of each task type (enabled in its project), skipping existing ones."""
        entity = self.row("entity", call.params["entity_id"])
        project = self.tables["project"][entity["project_id"]]
        task_types = [self.row("task_type", task_type_id) for task_type_id in call.body.get("task_type_ids") or []]
        for task_type in task_types:
            if task_type["id"] not in project["task_types"]:
                raise wrong(f"Task type {task_type['id']} is not enabled in project {project['id']}.")
        status = next(s for s in self.tables["task_status"].values() if s["is_default"])
        made = []
        for task_type in task_types:
            if any(t["task_type_id"] == task_type["id"] and t["name"] == "main" for t in self.tasks_of(entity)):
                continue
            task = self.insert(
                "task",
                TASK_COLUMNS,
                "Task",
                project_id=project["id"],
                entity_id=entity["id"],
                task_type_id=task_type["id"],
                task_status_id=status["id"],
                assigner_id=self.current_user_id,
            )
            task["assignees"] = []
            out = serialised(task)
            out.update(
                task_status_name=status["name"],
                task_status_short_name=status["short_name"],
                task_status_color=status["color"],
                task_type_name=task_type["name"],
                task_type_color=task_type["color"],
                task_type_priority=task_type["priority"],
            )
            made.append(out)
        return 201, made

    def op_put_actions_persons_person_id_assign(self, call: Call) -> Answer:
        person = self.row("person", call.params["person_id"])
        tasks = []
        for task_id in call.body.get("task_ids") or []:
            task = self.tables["task"].get(str(task_id))
            if task is None:
                continue  # Zou skips an unknown task
            if person["id"] not in task["assignees"]:
                task["assignees"].append(person["id"])
            task["assigner_id"] = self.current_user_id
            self.touch(task)
            tasks.append(serialised(task))
        if tasks:
            team = self.tables["project"][tasks[0]["project_id"]]["team"]
            if person["id"] not in team:
                team.append(person["id"])
        return 200, tasks

    def op_put_actions_tasks_clear_assignation(self, call: Call) -> Answer:
        person_id = call.body.get("person_id")
        cleared = []
        for task_id in call.body.get("task_ids") or []:
            task = self.tables["task"].get(str(task_id))
            if task is None:
                continue
            task["assignees"] = [i for i in task["assignees"] if person_id is not None and i != person_id]
            self.touch(task)
            cleared.append(task_id)
        return 200, cleared

    def task_types_of(self, entity: Row) -> list[Row]:
        """The task types of an entity's tasks (Zou's `/data/shots/<id>/task-types`), by name."""
        ids = {task["task_type_id"] for task in self.tasks_of(entity)}
        return [
            serialised(self.tables["task_type"][i])
            for i in sorted(ids, key=lambda i: self.tables["task_type"][i]["name"])
        ]

    def op_get_data_shots_shot_id_task_types(self, call: Call) -> Answer:
        return 200, self.task_types_of(self.row("entity", call.params["shot_id"], "Shot"))

    def op_get_data_assets_asset_id_task_types(self, call: Call) -> Answer:
        return 200, self.task_types_of(self.row("entity", call.params["asset_id"], "Asset"))

    def op_get_data_projects_project_id_tasks(self, call: Call) -> Answer:
        self.row("project", call.params["project_id"])
        tasks = [t for t in self.tables["task"].values() if t["project_id"] == call.params["project_id"]]
        if "task_type_id" in call.query:
            tasks = [t for t in tasks if t["task_type_id"] == call.query["task_type_id"]]
        if "episode_id" in call.query:
            tasks = [
                t for t in tasks if self.episode_of(self.tables["entity"][t["entity_id"]]) == call.query["episode_id"]
            ]
        # the last updated first; of tasks updated the same second, the last made first
        return 200, [serialised(t) for t in sorted(reversed(tasks), key=lambda t: t["updated_at"], reverse=True)]

    def episode_of(self, entity: Row) -> str | None:
        """The id of a shot's episode (its sequence's parent), as Zou's episode filters join it."""
        sequence = self.tables["entity"].get(entity["parent_id"] or "")
        return sequence["parent_id"] if sequence else None

    # -- comments ------------------------------------------------------------------------------------------
    def comment_out(self, comment: Row) -> Row:
        out = serialised(comment, COMMENT_LINKS)
        for name in COMMENT_LINKS:
            out[name] = list(comment[name])
        return out

    def op_post_actions_tasks_task_id_comment(self, call: Call) -> Answer:
        task = self.row("task", call.params["task_id"])
        status = self.row("task_status", call.body.get("task_status_id"))
        person = self.row("person", call.body.get("person_id") or self.current_user_id)
        values = {
            "object_id": task["id"],
            "text": call.body.get("comment", ""),
            "checklist": call.body.get("checklist") or [],
            "links": call.body.get("links") or [],
            "for_client": bool(call.body.get("for_client", False)),
            "task_status_id": status["id"],
            "person_id": person["id"],
        }
        if call.body.get("created_at"):
            values["created_at"] = call.body["created_at"]
        comment = self.insert("comment", COMMENT_COLUMNS, "Comment", **values)
        if call.body.get("created_at"):
            comment["created_at"] = str(call.body["created_at"]).replace(" ", "T")[:19]
        for name in COMMENT_LINKS:
            comment[name] = []
        task.update(task_status_id=status["id"], last_comment_date=comment["created_at"])
        self.touch(task)
        out = self.comment_out(comment)
        author = self.person_full(person)
        if call.body.get("person_id"):  # a person given by id is read with its departments, the current user not
            author["departments"] = list(person.get("departments") or [])
        out.update(task_status=serialised(status), person=author)
        return 201, out

    def op_get_data_comments_instance_id(self, call: Call) -> Answer:
        comment = self.row("comment", call.params["instance_id"])
        out = self.comment_out(comment)
        out["person"] = self.person_short(self.tables["person"][comment["person_id"]])
        return 200, out

    def op_put_data_comments_instance_id(self, call: Call) -> Answer:
        comment = self.row("comment", call.params["instance_id"])
        self.update_row(comment, call.body, protected=COMMENT_LINKS)
        comment["editor_id"] = self.current_user_id
        return 200, serialised(comment, COMMENT_LINKS)

    def op_delete_data_comments_instance_id(self, call: Call) -> Answer:
        comment = self.row("comment", call.params["instance_id"])
        del self.tables["comment"][comment["id"]]
        task = self.tables["task"].get(comment["object_id"])
        if task is not None:
            left = sorted(self.comments_of(task), key=lambda c: c["created_at"])
            task["last_comment_date"] = left[-1]["created_at"] if left else None
        return 204, None

    def comments_of(self, task: Row) -> list[Row]:
        return [c for c in self.tables["comment"].values() if c["object_id"] == task["id"]]

    def op_get_data_tasks_task_id_comments(self, call: Call) -> Answer:
        task = self.row("task", call.params["task_id"])
        # newest first; of comments made the same second, the last made first
        comments = sorted(reversed(self.comments_of(task)), key=lambda c: c["created_at"], reverse=True)
        out = []
        for comment in comments:
            entry = serialised(comment, COMMENT_LINKS)
            status = self.tables["task_status"][comment["task_status_id"]]
            person = self.person_short(self.tables["person"][comment["person_id"]])
            entry.update(
                person={
                    key: person[key] for key in ("first_name", "last_name", "full_name", "has_avatar", "role", "id")
                },
                task_status={key: status[key] for key in ("name", "short_name", "color", "id")},
                acknowledgements=[],
                previews=[],
                mentions=[],
                department_mentions=[],
                attachment_files=[],
            )
            out.append(entry)
        return 200, out


def link_of_task_type(priority: Any) -> Row:
    return {
        "priority": priority,
        "hd_bitrate_compression": None,
        "ld_bitrate_compression": None,
        "is_client_visible": True,
    }


def matches(column: Any, wanted: Any) -> bool:
    """Whether a column equals a call.query value (ids and numbers compared as text, as Zou's SQL does)."""
    if isinstance(wanted, bool) or column is None or isinstance(column, bool):
        return bool(column == wanted)
    return str(column) == str(wanted)


# --- routing through the generated operation index ------------------------------------------------------------

_ROUTES: list[tuple[str, re.Pattern[str], str, tuple[str, ...]]] = []


def routes() -> list[tuple[str, re.Pattern[str], str, tuple[str, ...]]]:
    """(method, path pattern, operationId, path parameter names) of every operation, literal routes first."""
    if not _ROUTES:
        from kitsu_api.operations import OPERATIONS

        entries = []
        for operation_id, (method, path, names, *_rest) in OPERATIONS.items():
            pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "([^/]+)", re.escape(path)) + "/?$")
            entries.append((path.count("{"), method, pattern, operation_id, tuple(names)))
        entries.sort(key=lambda entry: entry[0])
        _ROUTES.extend((method, pattern, op, names) for _, method, pattern, op, names in entries)
    return _ROUTES


def match_operation(method: str, path: str) -> tuple[str | None, dict[str, str]]:
    """The operationId of a request and its path parameters; (None, {}) when no operation has that route."""
    for route_method, pattern, operation_id, names in routes():
        if route_method != method:
            continue
        found = pattern.match(path)
        if found:
            return operation_id, dict(zip(names, found.groups(), strict=True))
    return None, {}


def supported_operations() -> tuple[str, ...]:
    """The operationIds the fake answers."""
    return tuple(sorted(name[3:] for name in dir(FakeZou) if name.startswith("op_")))


FakeZou.SUPPORTED = supported_operations()  # type: ignore[attr-defined]


# --- a client on the fake: context manager and pytest fixture ------------------------------------------------


@contextlib.contextmanager
def fake_zou(
    host: str = FAKE_HOST, *, log_in: bool = True, set_default: bool = True, fake: FakeZou | None = None
) -> Iterator[KitsuClient]:
    """Yield a KitsuClient answered by a FakeZou (a fresh one unless given; also `client.fake`), logged in as
    the fake's admin unless log_in=False and, with set_default, the default client of the module functions
    while the block runs (the previous default, or none, is put back on exit)."""
    from urllib.parse import urlparse

    from .._default import DEFAULT

    fake = fake or FakeZou(root=urlparse(host).path)
    client = KitsuClient(host, transport=fake, retries=0)
    client.fake = fake  # type: ignore[attr-defined]
    previous = DEFAULT.current
    if log_in:
        from .._auth import log_in as login

        login(fake.admin_email, fake.admin_password, client=client)
    if set_default:
        set_default_client(client)
    try:
        yield client
    finally:
        if set_default:
            DEFAULT.set(previous)
        client.close()
