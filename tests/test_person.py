"""kitsu_helpers.person against the real local Zou: persons of every role, departments, day offs, time spents."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_people import PASSWORD, TIME_SPENT_DAYS, log_in_as, people_production, totp_code, write_png
from fixtures_production import Production

import kitsu_helpers as gazu
from kitsu_helpers import person
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.errors import AuthFailedException, GazuException, ParameterException


@pytest.fixture(scope="module")
def production(admin_client: KitsuClient, zou: dict[str, Any]) -> Iterator[Production]:
    """A production with persons of every role, each logged in with their own client."""
    yield from people_production(admin_client, zou["url"])


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


# --- listing and lookups ------------------------------------------------------------------------


def test_all_persons_lists_every_role_sorted(production: Production, client: KitsuClient) -> None:
    persons = person.all_persons(client=client)
    by_id = {p["id"]: p for p in persons}
    for name, created in production.persons.items():
        assert by_id[created["id"]]["email"] == f"{name}-{production.token}@example.com"
    roles = {by_id[p["id"]]["role"] for p in production.persons.values()}
    assert roles == {"admin", "manager", "supervisor", "user", "vendor", "client"}
    # gazu sorts by "name" (Zou's persons carry no name field, so the server order stays stable)
    assert [p["id"] for p in persons] == [p["id"] for p in sorted(persons, key=lambda p: (p.get("name") or "").lower())]


def test_departments_lookups(production: Production, client: KitsuClient) -> None:
    anim = production.departments["anim"]
    assert anim["id"] in ids(person.all_departments(client=client))
    assert person.get_department(anim["id"], client=client)["name"] == f"Anim-{production.token}"
    assert (
        person.get_department_by_name(f"Layout-{production.token}", client=client)["id"]
        == (production.departments["layout"]["id"])
    )
    assert person.get_department_by_name(f"nothing-{production.token}", client=client) is None
    # without client=, the default client (the admin, installed by the fixture) answers
    assert ids(person.all_departments()) == ids(person.all_departments(client=client))
    names = [d["name"].lower() for d in person.all_departments(client=client)]
    assert names == sorted(names)


def test_organisations(client: KitsuClient) -> None:
    organisation = person.get_organisation(client=client)
    assert organisation["type"] == "Organisation"
    assert organisation["name"]
    assert organisation["id"] in ids(person.all_organisations(client=client))


def test_get_person_and_lookups(production: Production, client: KitsuClient) -> None:
    artist = production.persons["artist"]
    found = person.get_person(artist["id"], client=client)
    assert found is not None
    assert found["email"] == f"artist-{production.token}@example.com"
    with_relations = person.get_person(artist["id"], relations=True, client=client)
    assert with_relations is not None
    assert production.departments["anim"]["id"] in with_relations["departments"]
    assert person.get_person("00000000-0000-0000-0000-000000000000", client=client) is None
    assert (
        person.get_person_by_email(f"vendor-{production.token}@example.com", client=client)["id"]
        == (production.persons["vendor"]["id"])
    )
    assert person.get_person_by_email(f"vendor-{production.token}@example.com", is_bot=True, client=client) is None
    assert (
        person.get_person_by_desktop_login(f"manager-{production.token}", client=client)["id"]
        == (production.persons["manager"]["id"])
    )
    full_name = f"Supervisor Tester {production.token}"
    assert person.get_person_by_full_name(full_name, client=client)["id"] == production.persons["supervisor"]["id"]
    by_parts = person.get_person_by_full_name("", "Client", f"Tester {production.token}", client=client)
    assert by_parts is not None
    assert by_parts["id"] == production.persons["client"]["id"]
    assert person.get_person_by_full_name(f"Nobody {production.token}", client=client) is None


def test_get_person_url(production: Production, client: KitsuClient) -> None:
    vendor_id = production.persons["vendor"]["id"]
    url = person.get_person_url(production.persons["vendor"], client=client)
    assert url == f"{gazu.raw.get_api_url_from_host(client=client)}/people/{vendor_id}/"
    assert person.get_person_url(vendor_id, client=client) == url


def test_arguments_are_checked_before_any_request(client: KitsuClient) -> None:
    with pytest.raises(TypeError):
        person.get_day_offs(None, client=client)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="a model dict must have an 'id' key"):
        person.get_time_spents_by_date({"name": "no id"}, "2025-03-03", client=client)
    with pytest.raises(gazu.errors.InvalidParameterValueException, match="'not a date' is not a date"):
        person.get_time_spents_range("x", "not a date", "2025-03-03", client=client)


# --- persons, bots, passwords -------------------------------------------------------------------


def test_new_update_remove_person(production: Production, client: KitsuClient, unique: Callable[[str], str]) -> None:
    email = f"{unique('newcomer')}@example.com"
    created = person.new_person(
        "New",
        "Comer",
        email,
        phone="0102030405",
        role="supervisor",
        desktop_login=unique("ncomer"),
        departments=[production.departments["anim"]["id"]],
        password=PASSWORD,
        contract_type="freelance",
        client=client,
    )
    production.remove_person_later(created["id"])
    assert (created["email"], created["role"], created["contract_type"]) == (email, "supervisor", "freelance")
    assert created["departments"] == [production.departments["anim"]["id"]]
    # gazu returns the existing person when the email is taken
    again = person.new_person("Other", "Name", email, client=client)
    assert again["id"] == created["id"]
    assert again["first_name"] == "New"
    # the given password works
    log_in_as(production.url, email).close()

    changes = {"id": created["id"], "last_name": "Comer-Updated", "departments": [production.departments["layout"]]}
    updated = person.update_person(changes, client=client)
    assert changes["departments"] == [production.departments["layout"]]  # the caller's dict is left untouched
    assert updated["last_name"] == "Comer-Updated"
    assert updated["departments"] == [production.departments["layout"]["id"]]

    assert person.remove_person(created, force=True, client=client) == ""
    assert person.get_person(created["id"], client=client) is None


def test_change_password_for_person(production: Production, client: KitsuClient) -> None:
    client_person = production.persons["client"]
    new_password = PASSWORD + "-changed"
    assert person.change_password_for_person(client_person["id"], new_password, client=client) == {"success": True}
    with pytest.raises(AuthFailedException):
        log_in_as(production.url, f"client-{production.token}@example.com", PASSWORD)
    session = log_in_as(production.url, f"client-{production.token}@example.com", new_password)
    assert gazu.raw.get_current_user(client=session)["id"] == client_person["id"]
    session.close()
    person.change_password_for_person(client_person, PASSWORD, client=client)


def test_bots(production: Production, client: KitsuClient, unique: Callable[[str], str]) -> None:
    email = f"{unique('bot')}@example.com"
    bot = person.new_bot(
        unique("render-bot"),
        email,
        role="manager",
        departments=[production.departments["layout"]],
        expiration_date=datetime.date(2031, 5, 17),
        client=client,
    )
    production.remove_person_later(bot["id"])
    assert bot["is_bot"] is True
    assert bot["role"] == "manager"
    assert bot["access_token"]
    assert bot["expiration_date"] == "2031-05-17"
    assert person.get_person_by_email(email, is_bot=True, client=client)["id"] == bot["id"]
    assert person.get_person_by_email(email, client=client) is None
    # the bot's token authenticates
    bot_client = KitsuClient(production.url, access_token=bot["access_token"])
    assert gazu.raw.get_current_user(client=bot_client)["id"] == bot["id"]
    updated = person.update_bot({"id": bot["id"], "role": "user", "active": False}, client=client)
    assert (updated["role"], updated["active"]) == ("user", False)
    assert person.remove_bot(bot, client=client) == ""
    assert person.get_person_by_email(email, is_bot=True, client=client) is None


def test_invite_person(production: Production, client: KitsuClient) -> None:
    answer = person.invite_person(production.persons["artist2"], client=client)
    assert answer["success"] is True
    assert answer["message"]


def test_two_factor_authentication_can_be_disabled_by_an_admin(production: Production, client: KitsuClient) -> None:
    artist2 = production.persons["artist2"]
    session = production.clients["artist2"]
    secret = session.call("put_auth_totp")["otp_secret"]
    session.call("post_auth_totp", json={"totp": totp_code(secret)})
    assert person.get_person(artist2["id"], client=client)["totp_enabled"] is True
    person.disable_two_factor_authentication(artist2, client=client)
    assert person.get_person(artist2["id"], client=client)["totp_enabled"] is False
    with pytest.raises(ParameterException, match="not enabled"):
        person.disable_two_factor_authentication(artist2["id"], client=client)


def test_avatar(production: Production, client: KitsuClient, tmp_path: Path) -> None:
    manager = production.persons["manager"]
    progress: list[tuple[int, int]] = []
    answer = person.set_avatar(
        manager,
        str(write_png(tmp_path / "face.png")),
        client=client,
        progress_callback=lambda d, t: progress.append((d, t)),
    )
    assert answer["thumbnail_path"].endswith(f"persons/{manager['id']}.png")
    assert progress
    assert progress[-1][0] == progress[-1][1]
    assert person.get_person(manager["id"], client=client)["has_avatar"] is True
    assert person.clear_person_avatar(manager["id"], client=client) == ""
    assert person.get_person(manager["id"], client=client)["has_avatar"] is False


# --- departments --------------------------------------------------------------------------------


def test_department_lifecycle(production: Production, client: KitsuClient, unique: Callable[[str], str]) -> None:
    name = unique("Dept")
    created = person.new_department(name, color="#123456", client=client)
    assert (created["name"], created["color"], created["archived"]) == (name, "#123456", False)
    assert person.new_department(name, color="#FFFFFF", client=client)["id"] == created["id"]  # existing one
    updated = person.update_department({"id": created["id"], "color": "#654321", "archived": True}, client=client)
    assert (updated["color"], updated["archived"]) == ("#654321", True)

    vendor = production.persons["vendor"]
    answer = person.add_person_to_department(vendor, created, client=client)
    assert created["id"] in answer["departments"]
    assert created["id"] in person.get_person(vendor["id"], relations=True, client=client)["departments"]
    assert person.remove_person_from_department(vendor["id"], created["id"], client=client) == ""
    assert created["id"] not in person.get_person(vendor["id"], relations=True, client=client)["departments"]

    assert person.remove_department(created, force=True, client=client) == ""
    with pytest.raises(GazuException):
        person.get_department(created["id"], client=client)


# --- time spents --------------------------------------------------------------------------------


def test_time_spents_by_date_and_range(production: Production, client: KitsuClient) -> None:
    artist_id = production.persons["artist"]["id"]
    anim, model = production.tasks["anim_sh010"]["id"], production.tasks["model_hero"]["id"]
    on_day = person.get_time_spents_by_date(production.persons["artist"], datetime.date(2025, 3, 4), client=client)
    assert {(t["task_id"], t["duration"]) for t in on_day} == {(anim, 300), (model, 60)}
    assert person.get_time_spents_by_date(artist_id, "2025-03-06", client=client) == []

    spread = person.get_time_spents_range(artist_id, "2025-03-03", datetime.datetime(2025, 3, 5, 18, 30), client=client)
    assert sorted((t["date"], t["duration"]) for t in spread) == [
        ("2025-03-03", 240),
        ("2025-03-04", 60),
        ("2025-03-04", 300),
        ("2025-03-05", 120),
    ]
    assert len(person.get_time_spents_range(artist_id, "2025-03-04", "2025-03-04", client=client)) == 2
    assert (
        person.get_time_spents_range(production.persons["vendor"]["id"], "2025-01-01", "2025-12-31", client=client)
        == []
    )


def test_time_spents_by_week_month_year(production: Production, client: KitsuClient) -> None:
    artist = production.persons["artist"]
    month = person.get_all_month_time_spents(artist["id"], datetime.date(2025, 3, 20), client=client)
    assert sorted(t["duration"] for t in month) == [60, 120, 240, 300]
    assert {t["person_id"] for t in month} == {artist["id"]}
    assert person.get_all_month_time_spents(artist["id"], "2025-04-01", client=client) == []

    per_task = {
        (production.tasks["anim_sh010"]["id"], "SH010", sum(TIME_SPENT_DAYS.values())),
        (production.tasks["model_hero"]["id"], "Hero", 60),
    }
    week = person.get_week_time_spents(artist, 2025, 10, client=client)
    assert {(t["task_id"], t["entity_name"], t["duration"]) for t in week} == per_task
    assert {t["project_name"] for t in week} == {production.project["name"]}
    assert person.get_week_time_spents(artist, 2025, 11, client=client) == []
    year = person.get_year_time_spents(artist["id"], 2025, client=client)
    assert {(t["task_id"], t["entity_name"], t["duration"]) for t in year} == per_task
    assert person.get_year_time_spents(artist["id"], 2024, client=client) == []


def test_presence_log_is_a_csv_of_the_month(production: Production, client: KitsuClient) -> None:
    csv_text = person.get_presence_log(2025, 3, client=client)
    lines = csv_text.splitlines()
    assert lines[0].split(";")[:3] == ["2025", "1", "2"]
    assert lines[0].split(";")[-1] == "31"
    assert any(line.startswith(f"Artist Tester {production.token};") for line in lines)


# --- day offs -----------------------------------------------------------------------------------


def test_day_off_lifecycle(production: Production, client: KitsuClient) -> None:
    supervisor = production.persons["supervisor"]
    day_off = person.new_day_off(
        supervisor, datetime.date(2025, 3, 10), "2025-03-12T00:00:00", description="ski trip", client=client
    )
    assert (day_off["date"], day_off["end_date"], day_off["description"]) == ("2025-03-10", "2025-03-12", "ski trip")
    assert day_off["person_id"] == supervisor["id"]
    other = person.new_day_off(supervisor["id"], "2025-07-01", "2025-07-01", client=client)

    assert person.get_day_off(day_off["id"], client=client)["description"] == "ski trip"
    assert ids(person.get_day_offs(supervisor, client=client)) == {day_off["id"], other["id"]}
    assert ids(person.get_week_day_offs(supervisor, 2025, 11, client=client)) == {day_off["id"]}
    assert person.get_week_day_offs(supervisor, 2025, 12, client=client) == []
    assert ids(person.get_month_day_offs(supervisor, 2025, 3, client=client)) == {day_off["id"]}
    assert ids(person.get_month_day_offs(supervisor["id"], 2025, 7, client=client)) == {other["id"]}
    assert ids(person.get_year_day_offs(supervisor, 2025, client=client)) == {day_off["id"], other["id"]}
    assert person.get_year_day_offs(supervisor, 2024, client=client) == []

    # overlapping an existing day off is refused by Zou
    with pytest.raises(ParameterException):
        person.new_day_off(supervisor, "2025-03-11", "2025-03-11", client=client)

    updated = person.update_day_off(
        {"id": day_off["id"], "end_date": datetime.date(2025, 3, 14), "description": "longer ski trip"}, client=client
    )
    assert (updated["end_date"], updated["description"]) == ("2025-03-14", "longer ski trip")
    assert person.remove_day_off(other, client=client) == ""
    assert person.remove_day_off(day_off["id"], client=client) == ""
    assert person.get_day_offs(supervisor, client=client) == []


def test_day_off_removes_time_spents_in_its_period(production: Production, client: KitsuClient) -> None:
    artist = production.persons["artist"]
    anim = production.tasks["anim_sh020"]
    client.call(
        "post_actions_tasks_task_id_time_spents_date_persons_person_id",
        json={"duration": 90},
        task_id=anim["id"],
        date="2025-06-02",
        person_id=artist["id"],
    )
    assert len(person.get_time_spents_by_date(artist, "2025-06-02", client=client)) == 1
    day_off = person.new_day_off(artist, "2025-06-02", "2025-06-03", "sick", client=client)
    assert person.get_time_spents_by_date(artist, "2025-06-02", client=client) == []
    person.remove_day_off(day_off, client=client)
