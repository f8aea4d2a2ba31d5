"""The one production builder of the server tests, and the TV show production of the project / template / studio /
context tests.

`Production` makes one throwaway project on the real Zou and, on demand, what a test or a world recipe asks for
(episodes, sequences, shots, scenes, assets, edits, concepts, task types, statuses, persons, logged-in clients,
tasks), each under a short key and the production's unique token; asking again for a key returns what was made.
Everything is made through the generated operations (`client.call`), never through the helpers under test (the
people world makes its persons through the person helpers it does not test), and `close()` removes it all, best
effort: cleanup never hides a result. The worlds (`build_tv_show` here, the people, entity-kinds and file-tree
worlds in fixtures_people / fixtures_task / fixtures_files) are recipes on it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import kitsu_helpers as gazu
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import GazuException

Json = dict[str, Any]
ARTIST_PASSWORD = "artist-Passw0rd-123"


class Cleanup:
    """Collects undo actions and runs them in reverse order, ignoring (and returning) failures."""

    def __init__(self) -> None:
        self.actions: list[Callable[[], Any]] = []
        self.first: list[Callable[[], Any]] = []

    def add(self, action: Callable[[], Any], first: bool = False) -> None:
        """Register an undo action; `first` ones (projects) run before the others (what they link to)."""
        (self.first if first else self.actions).append(action)

    def run(self) -> list[str]:
        """Run every action, the `first` ones first, each in reverse order; return the failures."""
        failures: list[str] = []
        for action in [*reversed(self.first), *reversed(self.actions)]:
            try:
                action()
            except (GazuException, ValueError, TypeError) as exc:
                failures.append(str(exc))
        self.actions.clear()
        self.first.clear()
        return failures


def close_and_delete_project(client: KitsuClient, project_id: str) -> None:
    """Close a project then force-delete it (Zou deletes closed projects only)."""
    statuses = client.call("get_data_project_status")
    closed = next(s for s in statuses if s["name"].lower() == "closed")
    client.call("put_data_projects_instance_id", json={"project_status_id": closed["id"]}, instance_id=project_id)
    client.call("delete_data_projects_instance_id", params={"force": True}, instance_id=project_id)


def find(items: list[Json], **fields: Any) -> Json:
    """Return the first dict whose fields match."""
    return next(item for item in items if all(item.get(k) == v for k, v in fields.items()))


class Production:
    """One throwaway project on the real Zou and what was asked of it, by short keys (see the module docstring).

    `before_project` undo actions (what blocks deleting the project, such as asset instances) run first, then
    the project is deleted, then the studio-level objects made for it (task types, asset types, persons...).
    """

    def __init__(
        self, client: KitsuClient, url: str, name: str, tmp: Path | None = None, **project_fields: Any
    ) -> None:
        self.client = client
        self.url = url
        self.tmp = tmp  # a scratch folder, for the media a test writes
        self.token = uuid.uuid4().hex[:8]
        self.before_project = Cleanup()
        self.after_project = Cleanup()
        self.project: Json = client.call(
            "post_data_projects",
            json={"name": name.format(token=self.token), "production_type": "tvshow", **project_fields},
        )
        self.episodes: dict[str, Json] = {}
        self.sequences: dict[str, Json] = {}
        self.shots: dict[str, Json] = {}
        self.scenes: dict[str, Json] = {}
        self.assets: dict[str, Json] = {}
        self.edits: dict[str, Json] = {}
        self.concepts: dict[str, Json] = {}
        self.asset_types: dict[str, Json] = {}
        self.task_types: dict[str, Json] = {}
        self.statuses: dict[str, Json] = {}
        self.departments: dict[str, Json] = {}
        self.persons: dict[str, Json] = {}
        self.clients: dict[str, KitsuClient] = {}
        self.tasks: dict[str, Json] = {}
        self._studio_task_types: list[Json] | None = None

    def _made(self, registry: dict[str, Json], key: str, make: Callable[[], Json]) -> Json:
        """Return registry[key], making it first when it is not there yet."""
        if key not in registry:
            registry[key] = make()
        return registry[key]

    def _in_project(self, operation: str, **body: Any) -> Json:
        """Create something in the project through a project-scoped operation; return it."""
        return self.client.call(operation, json=body, project_id=self.project["id"])  # type: ignore[no-any-return]

    # --- the project's entities ---------------------------------------------------------------------------

    def episode(self, key: str, name: str | None = None, **fields: Any) -> Json:
        """The episode of key (named name, key by default)."""
        return self._made(
            self.episodes,
            key,
            lambda: self._in_project("post_data_projects_project_id_episodes", name=name or key, **fields),
        )

    def first_episode(self, key: str) -> Json:
        """The episode Zou made with the TV show, under key."""
        return self._made(
            self.episodes,
            key,
            lambda: self.client.call("get_data_episodes_episode_id", episode_id=self.project["first_episode_id"]),
        )

    def sequence(self, key: str, episode: Json | None = None, name: str | None = None, **fields: Any) -> Json:
        """The sequence of key (named name, key by default), in episode when given."""
        if episode is not None:
            fields["episode_id"] = episode["id"]
        return self._made(
            self.sequences,
            key,
            lambda: self._in_project("post_data_projects_project_id_sequences", name=name or key, **fields),
        )

    def shot(self, key: str, sequence: Json, name: str | None = None, **fields: Any) -> Json:
        """The shot of key (named name, key by default) in sequence."""
        return self._made(
            self.shots,
            key,
            lambda: self._in_project(
                "post_data_projects_project_id_shots", name=name or key, sequence_id=sequence["id"], **fields
            ),
        )

    def scene(self, key: str, sequence: Json, name: str | None = None) -> Json:
        """The scene of key (named name, key by default) in sequence."""
        return self._made(
            self.scenes,
            key,
            lambda: self._in_project(
                "post_data_projects_project_id_scenes", name=name or key, sequence_id=sequence["id"]
            ),
        )

    def asset(self, key: str, asset_type: Json, name: str | None = None, **fields: Any) -> Json:
        """The asset of key (named name, key by default) of asset_type."""
        return self._made(
            self.assets,
            key,
            lambda: self.client.call(
                "post_data_projects_project_id_asset_types_asset_type_id_assets_new",
                json={"name": name or key, **fields},
                project_id=self.project["id"],
                asset_type_id=asset_type["id"],
            ),
        )

    def edit(self, key: str, **fields: Any) -> Json:
        """The edit named key."""
        return self._made(
            self.edits, key, lambda: self._in_project("post_data_projects_project_id_edits", name=key, **fields)
        )

    def concept(self, key: str, **fields: Any) -> Json:
        """The concept named key."""
        return self._made(
            self.concepts, key, lambda: self._in_project("post_data_projects_project_id_concepts", name=key, **fields)
        )

    @property
    def entities(self) -> dict[str, Json]:
        """Every entity of the project made so far (episodes, sequences, shots, scenes, assets, edits, concepts), by
        key: a world whose keys are unique across kinds reads them here."""
        kinds = (self.episodes, self.sequences, self.shots, self.scenes, self.assets, self.edits, self.concepts)
        return {key: entity for kind in kinds for key, entity in kind.items()}

    # --- studio-level objects: the studio's own, or made for this production (removed after it) -------------

    def studio_asset_type(self, key: str, name: str | None = None) -> Json:
        """The studio's asset type called name (Zou makes the usual ones at init; the first one when name is
        None), under key."""

        def make() -> Json:
            types = self.client.call("get_data_asset_types")
            return find(types, name=name) if name else types[0]  # type: ignore[no-any-return]

        return self._made(self.asset_types, key, make)

    def new_asset_type(self, key: str, name: str) -> Json:
        """An asset type of our own called name (removed after the project)."""

        def make() -> Json:
            made: Json = self.client.call("post_data_entity_types", json={"name": name})
            self.after_project.add(
                lambda: self.client.call("delete_data_entity_types_instance_id", instance_id=made["id"])
            )
            return made

        return self._made(self.asset_types, key, make)

    def studio_task_type(self, key: str, name: str, for_entity: str) -> Json:
        """The studio's task type called name for for_entity (Zou makes the usual ones at init), under key."""

        def make() -> Json:
            if self._studio_task_types is None:  # one listing for all the lookups
                self._studio_task_types = self.client.call("get_data_task_types")
            found = [t for t in self._studio_task_types if (t["name"], t["for_entity"]) == (name, for_entity)]
            assert found, f"the default task type {name} ({for_entity}) is missing"
            return found[0]

        return self._made(self.task_types, key, make)

    def new_task_type(self, key: str, name: str, for_entity: str, **fields: Any) -> Json:
        """A task type of our own called name for for_entity (removed after the project)."""

        def make() -> Json:
            made: Json = self.client.call(
                "post_data_task_types", json={"name": name, "for_entity": for_entity, **fields}
            )
            self.after_project.add(
                lambda: self.client.call(
                    "delete_data_task_types_instance_id", params={"force": True}, instance_id=made["id"]
                )
            )
            return made

        return self._made(self.task_types, key, make)

    def status(self, short_name: str) -> Json:
        """The studio's task status of this short name."""
        if short_name not in self.statuses:
            self.statuses.update({s["short_name"]: s for s in self.client.call("get_data_task_status")})
        return self.statuses[short_name]

    def default_status(self) -> Json:
        """The studio's default task status (todo), under the key "default"."""

        def make() -> Json:
            statuses = self.client.call("get_data_task_status", params={"is_default": True})
            return statuses[0] if statuses else self.client.call("get_data_task_status")[0]  # type: ignore[no-any-return]

        return self._made(self.statuses, "default", make)

    def use(self, setting: str, **body: Any) -> None:
        """Attach a task type, task status or asset type to the project (setting: task_types, task_status,
        asset_types)."""
        self._in_project(f"post_data_projects_project_id_settings_{setting}", **body)

    # --- people ----------------------------------------------------------------------------------------------

    def person(self, key: str, team: bool = True, **payload: Any) -> Json:
        """A person of our own (removed after the project), in the project's team unless team is False."""

        def make() -> Json:
            made: Json = self.client.call("post_data_persons", json=payload)
            self.remove_person_later(made["id"])
            if team:
                self.join_team(made)
            return made

        return self._made(self.persons, key, make)

    def add_person(self, key: str, person: Json, team: bool = True) -> Json:
        """Register a person made elsewhere (removed after the project), in the team unless team is False."""
        self.persons[key] = person
        self.remove_person_later(person["id"])
        if team:
            self.join_team(person)
        return person

    def join_team(self, person: Json) -> None:
        """Put the person in the project's team."""
        self._in_project("post_data_projects_project_id_team", person_id=person["id"])

    def remove_person_later(self, person_id: str) -> None:
        """Delete this person after the project (when Zou refuses, their day offs first; deactivated when it
        still refuses)."""

        def remove() -> None:
            try:
                self.client.call("delete_data_persons_instance_id", params={"force": True}, instance_id=person_id)
                return
            except GazuException:
                pass
            try:
                day_offs = self.client.call("get_data_persons_person_id_day_offs", person_id=person_id)
            except GazuException:
                return  # already removed by its test
            for day_off in day_offs:
                self.client.call("delete_data_day_offs_instance_id", instance_id=day_off["id"])
            try:
                self.client.call("delete_data_persons_instance_id", params={"force": True}, instance_id=person_id)
            except GazuException:
                self.client.call("put_data_persons_instance_id", json={"active": False}, instance_id=person_id)
                raise

        self.after_project.add(remove)

    def log_in(self, key: str, password: str) -> KitsuClient:
        """A client logged in as the person of key (closed after the project)."""
        if key not in self.clients:
            session = KitsuClient(self.url)
            gazu.log_in(self.persons[key]["email"], password, client=session)
            self.clients[key] = session
            self.before_project.add(session.close)
        return self.clients[key]

    # --- tasks -----------------------------------------------------------------------------------------------

    def task(self, key: str, entity: Json, task_type: Json, status: Json, **fields: Any) -> Json:
        """The task of key ("main") on entity, of task_type, in status."""
        return self._made(
            self.tasks,
            key,
            lambda: self.client.call(
                "post_data_tasks",
                json={
                    "name": "main",
                    "project_id": self.project["id"],
                    "entity_id": entity["id"],
                    "task_type_id": task_type["id"],
                    "task_status_id": status["id"],
                    **fields,
                },
            ),
        )

    # --- what a test makes itself ----------------------------------------------------------------------------

    def remember(self, operation: str, instance_id: str) -> None:
        """Delete this global object (output type, software, file status, person) after the project."""
        self.after_project.add(lambda: self.client.call(operation, params={"force": True}, instance_id=instance_id))

    def remember_before_project(self, operation: str, instance_id: str) -> None:
        """Delete this object before the project (Zou cannot delete a project that has asset instances)."""
        self.before_project.add(lambda: self.client.call(operation, params={"force": True}, instance_id=instance_id))

    def close(self) -> list[str]:
        """Remove what blocks the project, the project, then every studio-level object made (best effort);
        return the failures."""
        failures = self.before_project.run()
        try:
            close_and_delete_project(self.client, self.project["id"])
        except GazuException as exc:
            failures.append(f"project: {exc}")
        return failures + self.after_project.run()


# --- the TV show of the project / template / studio / context tests --------------------------------------------


def build_tv_show(prod: Production) -> Production:
    """The TV show: 2 episodes, sequences, shots, a scene, assets, task types, tasks and a team."""
    token = prod.token
    status = prod.default_status()
    e01, e02 = prod.first_episode("E01"), prod.episode("E02")
    for name, episode in (("SQ01", e01), ("SQ02", e01), ("SQ10", e02)):
        prod.sequence(name, episode)
    for name, sequence, frames in (("SH010", "SQ01", 48), ("SH020", "SQ01", 24), ("SH030", "SQ02", 12)):
        prod.shot(name, prod.sequences[sequence], nb_frames=frames)
    prod.shot("SH100", prod.sequences["SQ10"], nb_frames=10)
    prod.scene("SC01", prod.sequences["SQ01"])

    prod.new_asset_type("Character", f"Character {token}")
    prod.new_asset_type("Prop", f"Prop {token}")
    for name, kind in (("Hero", "Character"), ("Villain", "Character"), ("Sword", "Prop")):
        prod.asset(name, prod.asset_types[kind], description=f"the {name.lower()}")

    for name, for_entity in (("Modeling", "Asset"), ("Animation", "Shot"), ("Storyboard", "Sequence")):
        prod.new_task_type(name, f"{name} {token}", for_entity)
    prod.new_task_type("Staging", f"Staging {token}", "Scene")
    for priority, task_type in enumerate(prod.task_types.values(), start=1):
        prod.use("task_types", task_type_id=task_type["id"], priority=priority)
    prod.use("task_status", task_status_id=status["id"])

    types = prod.task_types
    prod.task("Hero/Modeling", prod.assets["Hero"], types["Modeling"], status)
    prod.task("Sword/Modeling", prod.assets["Sword"], types["Modeling"], status)
    prod.task("SH010/Animation", prod.shots["SH010"], types["Animation"], status)
    prod.task("SH020/Animation", prod.shots["SH020"], types["Animation"], status)
    prod.task("SQ01/Storyboard", prod.sequences["SQ01"], types["Storyboard"], status)
    prod.task("SC01/Staging", prod.scenes["SC01"], types["Staging"], status)

    for key, first, fields in (("artist", "Ana", {"password": ARTIST_PASSWORD}), ("lead", "Leo", {})):
        email = f"{first.lower()}-{token}@example.com"
        prod.person(key, first_name=first, last_name=token, email=email, role="user", active=True, **fields)
    artist_id = prod.persons["artist"]["id"]
    for key in ("Hero/Modeling", "SH010/Animation", "SQ01/Storyboard", "SC01/Staging"):
        prod.client.call(
            "put_actions_tasks_task_id_assign", json={"person_id": artist_id}, task_id=prod.tasks[key]["id"]
        )
    prod.log_in("artist", ARTIST_PASSWORD)
    return prod


@pytest.fixture(scope="module")
def tv_production(admin_client: KitsuClient, zou: dict[str, Any]) -> Iterator[Production]:
    """The TV show production (module-scoped: built once per test file)."""
    prod = Production(admin_client, zou["url"], "Parity Show {token}", fps="24")
    try:
        yield build_tv_show(prod)
    finally:
        prod.close()


@pytest.fixture(name="cleanup")
def cleanup_fixture() -> Iterator[Cleanup]:
    """Undo actions for the data one test makes (run after the test's other fixtures are torn down when listed
    first in its parameters)."""
    actions = Cleanup()
    yield actions
    actions.run()
