"""gazu's `person` module: persons, bots, departments, organisations, day-offs, time spents and presence logs."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, cast

from kitsu_api.calls import authentication as authentication_ops, crud as crud_ops, persons as persons_ops

from . import _transfer
from ._coerce import day_string
from ._entities import web_url
from ._shared import delete_text, first_named, first_or_none
from ._types import DateLike as DateLike, ModelOrId, ProgressCallback  # person.DateLike stays importable
from .cache import cache
from .client import KitsuClient, resolve
from .helpers import model_id, normalize_list_of_models_for_links
from .sorting import sort_by_name

if TYPE_CHECKING:
    from kitsu_api.entities import DayOff, Department, Organisation, Person, TimeSpent

_DATE_FIELDS = ("date", "end_date")


# --- pure helpers -------------------------------------------------------------------------------


def _month_string(month: int | str) -> str:
    """Return a month number as Zou writes it in paths: two digits."""
    return str(int(month)).zfill(2)


def _with_dates_as_strings(data: dict[str, Any]) -> dict[str, Any]:
    """Return a copy of data whose date fields (date, end_date) are YYYY-MM-DD strings."""
    return {
        key: (day_string(value) if key in _DATE_FIELDS and isinstance(value, datetime.date) else value)
        for key, value in data.items()
    }


# --- reads --------------------------------------------------------------------------------------


@cache
def all_organisations(client: KitsuClient | None = None) -> list[Organisation]:
    """Return every organisation, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of organisation dicts.
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_organisations(client))


@cache
def all_departments(client: KitsuClient | None = None) -> list[Department]:
    """Return every department, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of department dicts (``id``, ``name``, ``color``, ...).
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_departments(client))


@cache
def all_persons(client: KitsuClient | None = None) -> list[Person]:
    """Return every person, sorted by name.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        A list of person dicts (``id``, ``first_name``, ``last_name``, ``email``, ``role``, ...).
    """
    client = resolve(client)
    return sort_by_name(crud_ops.get_data_persons(client))


@cache
def get_time_spents_range(
    person_id: str, start_date: DateLike, end_date: DateLike, client: KitsuClient | None = None
) -> list[TimeSpent]:
    """Return the time spents of a person between two dates (both included).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person_id: The person, as its id or a dict holding it.
        start_date: The first day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format
            dateutil reads).
        end_date: The last day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format
            dateutil reads).
        client: The client to use; the default client when None.

    Returns:
        A list of time spent dicts (``person_id``, ``task_id``, ``date``, ``duration`` in minutes, ...).

    Raises:
        InvalidParameterValueException: When a date cannot be read (nothing is sent).
    """
    client = resolve(client)
    params = {"start_date": day_string(start_date), "end_date": day_string(end_date)}
    return persons_ops.get_data_persons_person_id_time_spents(client, params=params, person_id=model_id(person_id))


def get_all_month_time_spents(id: str, date: DateLike, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return every time spent of a person in the month of date.

    Args:
        id: The person, as its id or a dict holding it.
        date: Any day of the month, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format
            dateutil reads).
        client: The client to use; the default client when None.

    Returns:
        A list of time spent dicts (``person_id``, ``task_id``, ``date``, ``duration`` in minutes, ...).

    Raises:
        InvalidParameterValueException: When a date cannot be read (nothing is sent).
    """
    client = resolve(client)
    year, month, _ = day_string(date).split("-")
    return persons_ops.get_data_persons_person_id_time_spents_month_all_year_month(
        client, person_id=model_id(id), year=year, month=month
    )


@cache
def get_department_by_name(name: str, client: KitsuClient | None = None) -> Department | None:
    """Return the department with that name, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        name: The exact name of the department.
        client: The client to use; the default client when None.

    Returns:
        The department dict, or None when no department has that name.

    Raises:
        InvalidParameterValueException: When the name is empty or not a string (nothing is sent).
    """
    client = resolve(client)
    return first_named(crud_ops.get_data_departments, client, {"name": name})


@cache
def get_department(department_id: str, client: KitsuClient | None = None) -> Department:
    """Return the department with that id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        department_id: The department, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The department dict.

    Raises:
        RouteNotFoundException: When no department has that id.
    """
    client = resolve(client)
    return crud_ops.get_data_departments_instance_id(client, instance_id=model_id(department_id))


@cache
def get_person(id: str, relations: bool = False, client: KitsuClient | None = None) -> Person | None:
    """Return the person with that id (with its relations if asked), or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        id: The person, as its id or a dict holding it.
        relations: Also return the ids of the person's relations (departments, ...).
        client: The client to use; the default client when None.

    Returns:
        The person dict, or None when no person has that id.
    """
    client = resolve(client)
    params: dict[str, Any] = {"id": model_id(id)}
    if relations:
        params["relations"] = True
    return first_or_none(crud_ops.get_data_persons(client, params=params))


@cache
def get_person_by_desktop_login(desktop_login: str, client: KitsuClient | None = None) -> Person | None:
    """Return the person (not a bot) with that desktop login, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        desktop_login: The login the person uses on their computer.
        client: The client to use; the default client when None.

    Returns:
        The person dict, or None.
    """
    client = resolve(client)
    params = {"desktop_login": desktop_login, "is_bot": False}
    return first_or_none(crud_ops.get_data_persons(client, params=params))


@cache
def get_person_by_email(email: str, is_bot: bool = False, client: KitsuClient | None = None) -> Person | None:
    """Return the person (or bot, if is_bot) with that email, or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        email: The email address.
        is_bot: Look for a bot instead of a person.
        client: The client to use; the default client when None.

    Returns:
        The person dict, or None.
    """
    client = resolve(client)
    return first_or_none(crud_ops.get_data_persons(client, params={"email": email, "is_bot": is_bot}))


@cache
def get_person_by_full_name(
    full_name: str, first_name: str | None = None, last_name: str | None = None, client: KitsuClient | None = None
) -> Person | None:
    """Return the person (not a bot) with that full name (or first and last names), or None.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        full_name: The full name, as Kitsu writes it ("first last").
        first_name: The first name; used with last_name instead of full_name when both are given.
        last_name: The last name; used with first_name instead of full_name when both are given.
        client: The client to use; the default client when None.

    Returns:
        The person dict, or None.
    """
    client = resolve(client)
    if first_name is not None and last_name is not None:
        params: dict[str, Any] = {"first_name": first_name, "last_name": last_name, "is_bot": False}
    else:
        params = {"full_name": full_name, "is_bot": False}
    return first_or_none(crud_ops.get_data_persons(client, params=params))


@cache
def get_person_url(person: ModelOrId, client: KitsuClient | None = None) -> str:
    """Return the web URL of a person's page in Kitsu.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The URL, a string such as ``https://kitsu.example.com/people/<id>/``.
    """
    return web_url(resolve(client), "people", model_id(person))


@cache
def get_organisation(client: KitsuClient | None = None) -> dict[str, Any]:
    """Return the organisation of the logged-in user.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        client: The client to use; the default client when None.

    Returns:
        The organisation dict (``id``, ``name``, ``hours_by_day``, settings, ...).
    """
    client = resolve(client)
    return cast("dict[str, Any]", authentication_ops.get_auth_authenticated(client)["organisation"])


def get_presence_log(year: int, month: int, client: KitsuClient | None = None) -> str:
    """Return the presence log of a month as CSV text.

    Args:
        year: The year, e.g. 2024.
        month: The month, 1 for January to 12.
        client: The client to use; the default client when None.

    Returns:
        The presence table of the month, as CSV text (one row per person, one column per day).
    """
    client = resolve(client)
    month_date = f"{int(year)}-{_month_string(month)}"
    return str(persons_ops.get_data_persons_presence_logs_month_date(client, raw=True, month_date=month_date).text)


@cache
def get_time_spents_by_date(
    person: ModelOrId, date: DateLike, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the time spents of a person on one day.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        date: The day, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format dateutil
            reads).
        client: The client to use; the default client when None.

    Returns:
        A list of time spent dicts (``person_id``, ``task_id``, ``date``, ``duration`` in minutes, ...).

    Raises:
        InvalidParameterValueException: When a date cannot be read (nothing is sent).
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_time_spents_date(
        client, person_id=model_id(person), date=day_string(date)
    )


@cache
def get_week_time_spents(
    person: ModelOrId, year: int, week: int, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return a person's time in one ISO week, summed per task (task, entity, project names, duration).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        year: The ISO year.
        week: The ISO week number (1 to 53).
        client: The client to use; the default client when None.

    Returns:
        A list of dicts, one per task worked on, with its names and the summed duration.
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_time_spents_week_year_week(  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)
        client, person_id=model_id(person), year=year, week=week
    )


@cache
def get_year_time_spents(person: ModelOrId, year: int, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return a person's time in one year, summed per task (task, entity, project names, duration).

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        year: The year.
        client: The client to use; the default client when None.

    Returns:
        A list of dicts, one per task worked on, with its names and the summed duration.
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_time_spents_year_year(client, person_id=model_id(person), year=year)  # type: ignore[return-value]  # the spec's 2xx schema and this helper's shape disagree (unverified: issue 14)


@cache
def get_day_offs(person: ModelOrId, client: KitsuClient | None = None) -> list[DayOff]:
    """Return every day off of a person.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        A list of day off dicts (``person_id``, ``date``, ``end_date``, ``description``, ...).
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_day_offs(client, person_id=model_id(person))


@cache
def get_week_day_offs(
    person: ModelOrId, year: int, week: int, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the day offs of a person in one ISO week.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        year: The ISO year.
        week: The ISO week number (1 to 53).
        client: The client to use; the default client when None.

    Returns:
        A list of day off dicts (``person_id``, ``date``, ``end_date``, ``description``, ...).
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_day_offs_week_year_week(
        client, person_id=model_id(person), year=year, week=week
    )


@cache
def get_month_day_offs(
    person: ModelOrId, year: int, month: int, client: KitsuClient | None = None
) -> list[dict[str, Any]]:
    """Return the day offs of a person in one month.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        year: The year.
        month: The month, 1 for January to 12.
        client: The client to use; the default client when None.

    Returns:
        A list of day off dicts (``person_id``, ``date``, ``end_date``, ``description``, ...).
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_day_offs_month_year_month(
        client,
        person_id=model_id(person),
        year=year,
        month=_month_string(month),
    )


@cache
def get_year_day_offs(person: ModelOrId, year: int, client: KitsuClient | None = None) -> list[dict[str, Any]]:
    """Return the day offs of a person in one year.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        person: The person, as a dict or its id.
        year: The year.
        client: The client to use; the default client when None.

    Returns:
        A list of day off dicts (``person_id``, ``date``, ``end_date``, ``description``, ...).
    """
    client = resolve(client)
    return persons_ops.get_data_persons_person_id_day_offs_year_year(client, person_id=model_id(person), year=year)


@cache
def get_day_off(day_off_id: str, client: KitsuClient | None = None) -> DayOff:
    """Return the day off with that id.

    Cached when the cache is enabled (``gazu.cache.enable()``).

    Args:
        day_off_id: The day off, as its id or a dict holding it.
        client: The client to use; the default client when None.

    Returns:
        The day off dict (``person_id``, ``date``, ``end_date``, ``description``, ...).
    """
    client = resolve(client)
    return crud_ops.get_data_day_offs_instance_id(client, instance_id=model_id(day_off_id))


# --- departments --------------------------------------------------------------------------------


def new_department(name: str, color: str = "", archived: bool = False, client: KitsuClient | None = None) -> Department:
    """Return the department with that name, created first if it does not exist.

    Args:
        name: The department's name.
        color: Its colour, as a hex string such as ``"#00FF00"``.
        archived: Create it archived.
        client: The client to use; the default client when None.

    Returns:
        The department dict (the existing one when the name is taken).
    """
    client = resolve(client)
    department = get_department_by_name(name, client=client)
    if department is None:
        payload = {"name": name, "color": color, "archived": archived}
        department = crud_ops.post_data_departments(client, json=payload)
    return department


def update_department(department: dict[str, Any], client: KitsuClient | None = None) -> Department:
    """Save a department's fields; return the updated department.

    Args:
        department: The department dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated department dict.
    """
    client = resolve(client)
    data = department if isinstance(department, dict) else {"id": model_id(department)}
    return crud_ops.put_data_departments_instance_id(client, json=data, instance_id=model_id(department))


def remove_department(department: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a department; return the server's (empty) answer text.

    Args:
        department: The department, as a dict or its id.
        force: Delete it even when data is still linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    params = {"force": True} if force else None
    return delete_text(client, "delete_data_departments_instance_id", params, instance_id=model_id(department))


def add_person_to_department(
    person: ModelOrId, department: ModelOrId, client: KitsuClient | None = None
) -> dict[str, Any]:
    """Add a person to a department; return the server's answer.

    Args:
        person: The person, as a dict or its id.
        department: The department, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer, a dict.
    """
    client = resolve(client)
    person_id, department_id = model_id(person), model_id(department)
    return persons_ops.post_actions_persons_person_id_departments_add(
        client, json={"department_id": department_id}, person_id=person_id
    )


def remove_person_from_department(person: ModelOrId, department: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a person from a department; return the server's (empty) answer text.

    Args:
        person: The person, as a dict or its id.
        department: The department, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    person_id, department_id = model_id(person), model_id(department)
    return delete_text(
        client,
        "delete_actions_persons_person_id_departments_department_id",
        person_id=person_id,
        department_id=department_id,
    )


# --- persons and bots ---------------------------------------------------------------------------


def new_person(
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    role: str = "user",
    desktop_login: str = "",
    departments: list[ModelOrId] | None = None,
    password: str | None = None,
    active: bool = True,
    contract_type: str = "open-ended",
    client: KitsuClient | None = None,
) -> Person:
    """Return the person with that email, created first if no person has it.

    Args:
        first_name: The first name.
        last_name: The last name.
        email: The email address (also the login).
        phone: The phone number.
        role: The role: ``"user"`` (artist), ``"supervisor"``, ``"manager"``, ``"admin"``, ``"client"``
            or ``"vendor"``.
        desktop_login: The login the person uses on their computer.
        departments: The departments to put the person in, as dicts or ids; none when None.
        password: The initial password, or None to send none (``invite_person`` lets the person choose
            one).
        active: Create the person active (able to log in).
        contract_type: The contract: ``"open-ended"``, ``"fixed-term"``, ``"short-term"``,
            ``"freelance"``, ...
        client: The client to use; the default client when None.

    Returns:
        The person dict (the existing one when the email is taken; it is not updated).
    """
    client = resolve(client)
    department_ids = normalize_list_of_models_for_links(departments)
    person = get_person_by_email(email, client=client)
    if person is None:
        payload = {
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "phone": phone,
            "role": role,
            "desktop_login": desktop_login,
            "departments": department_ids,
            "password": password,
            "active": active,
            "contract_type": contract_type,
        }
        person = crud_ops.post_data_persons(client, json=payload)
    return person


def update_person(person: dict[str, Any], client: KitsuClient | None = None) -> Person:
    """Save a person's fields (departments given as dicts or ids); return the updated person.

    Args:
        person: The person dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated person dict.
    """
    client = resolve(client)
    person_id = model_id(person)
    data = dict(person) if isinstance(person, dict) else {"id": person_id}
    if "departments" in data:
        data["departments"] = normalize_list_of_models_for_links(data["departments"])
    return crud_ops.put_data_persons_instance_id(client, json=data, instance_id=person_id)


def remove_person(person: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a person; return the server's (empty) answer text.

    Args:
        person: The person, as a dict or its id.
        force: Delete the person even when data (tasks, comments...) is linked to them.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    params = {"force": True} if force else None
    return delete_text(client, "delete_data_persons_instance_id", params, instance_id=model_id(person))


def new_bot(
    name: str,
    email: str,
    role: str = "user",
    departments: list[ModelOrId] | None = None,
    active: bool = True,
    expiration_date: DateLike | None = None,
    client: KitsuClient | None = None,
) -> Person:
    """Create a bot; return it with its access token.

    Args:
        name: The bot's name (stored as its first name).
        email: The bot's email address.
        role: The role: ``"user"`` (artist), ``"supervisor"``, ``"manager"``, ``"admin"``, ``"client"``
            or ``"vendor"``.
        departments: The departments to put the person in, as dicts or ids; none when None.
        active: Create the bot active.
        expiration_date: When its token stops working, as a date, a datetime or a date string
            (``YYYY-MM-DD`` or any format dateutil reads); never when None.
        client: The client to use; the default client when None.

    Returns:
        The bot dict, a person dict with ``is_bot`` set and its ``access_token`` (shown only this once).
    """
    client = resolve(client)
    payload = {
        "first_name": name,
        "last_name": "",
        "email": email,
        "role": role,
        "departments": normalize_list_of_models_for_links(departments),
        "active": active,
        "expiration_date": None if expiration_date is None else day_string(expiration_date),
        "is_bot": True,
    }
    return crud_ops.post_data_persons(client, json=payload)


def update_bot(bot: dict[str, Any], client: KitsuClient | None = None) -> Person:
    """Save a bot's fields; return the updated bot.

    Args:
        bot: The bot dict, holding its ``id`` and the fields to save.
        client: The client to use; the default client when None.

    Returns:
        The updated bot dict.
    """
    return update_person(bot, client=client)


def remove_bot(bot: ModelOrId, force: bool = False, client: KitsuClient | None = None) -> str:
    """Delete a bot; return the server's (empty) answer text.

    Args:
        bot: The bot, as a dict or its id.
        force: Delete it even when data is linked to it.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    return remove_person(bot, force=force, client=client)


def set_avatar(
    person: ModelOrId,
    file_path: str,
    client: KitsuClient | None = None,
    progress_callback: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Upload a picture as a person's avatar; return {"thumbnail_path": ...}.

    Args:
        person: The person, as a dict or its id.
        file_path: The path of the picture file.
        progress_callback: Called as ``progress_callback(sent_bytes, total_bytes)`` while the file
            uploads.
        client: The client to use; the default client when None.

    Returns:
        A dict with ``thumbnail_path``, the avatar's path relative to the host.

    Raises:
        FileDoesntExistException: When there is no file at file_path.
        UploadFailedException: When the server refuses the file.
    """
    client = resolve(client)
    answer = _transfer.upload(
        client,
        "post_pictures_thumbnails_persons_instance_id",
        file_path=file_path,
        progress_callback=progress_callback,
        instance_id=model_id(person),
    )
    return cast("dict[str, Any]", answer)


def clear_person_avatar(person: ModelOrId, client: KitsuClient | None = None) -> str:
    """Remove a person's avatar; return the server's (empty) answer text.

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_actions_persons_person_id_clear_avatar", person_id=model_id(person))


def change_password_for_person(person: ModelOrId, password: str, client: KitsuClient | None = None) -> dict[str, Any]:
    """Set a person's password; return {"success": True}.

    Args:
        person: The person, as a dict or its id.
        password: The new password (Zou refuses one that is too short).
        client: The client to use; the default client when None.

    Returns:
        The server's answer, ``{"success": True}``.
    """
    client = resolve(client)
    payload = {"password": password, "password_2": password}
    return persons_ops.post_actions_persons_person_id_change_password(client, json=payload, person_id=model_id(person))


def invite_person(person: ModelOrId, client: KitsuClient | None = None) -> dict[str, Any]:
    """Email a person an invitation to Kitsu; return the server's answer.

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer, a dict with ``success`` and ``message``.
    """
    client = resolve(client)
    return persons_ops.get_actions_persons_person_id_invite(client, person_id=model_id(person))


def disable_two_factor_authentication(person: ModelOrId, client: KitsuClient | None = None) -> str:
    """Turn off a person's two-factor authentication; return the server's answer text.

    Args:
        person: The person, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text.
    """
    client = resolve(client)
    return delete_text(
        client, "delete_actions_persons_person_id_disable_two_factor_authentication", person_id=model_id(person)
    )


# --- day offs -----------------------------------------------------------------------------------


def new_day_off(
    person: ModelOrId,
    date: DateLike,
    end_date: DateLike,
    description: str | None = None,
    client: KitsuClient | None = None,
) -> DayOff:
    """Create a day off (date to end_date, inclusive) for a person; return it.

    Zou refuses a period that overlaps another day off of the person, and removes the person's time spents
    inside the period.

    Args:
        person: The person, as a dict or its id.
        date: The first day off, as a date, a datetime or a date string (``YYYY-MM-DD`` or any format
            dateutil reads).
        end_date: The last day off (included), as a date, a datetime or a date string (``YYYY-MM-DD`` or
            any format dateutil reads).
        description: A note about it, or None.
        client: The client to use; the default client when None.

    Returns:
        The created day off dict.

    Raises:
        InvalidParameterValueException: When a date cannot be read (nothing is sent).
    """
    client = resolve(client)
    payload = {"person_id": model_id(person), "date": day_string(date), "end_date": day_string(end_date)}
    if description is not None:
        payload["description"] = description
    return crud_ops.post_data_day_offs(client, json=payload)


def update_day_off(day_off: dict[str, Any], client: KitsuClient | None = None) -> DayOff:
    """Save a day off's fields (dates may be date objects); return the updated day off.

    Args:
        day_off: The day off dict, holding its ``id`` and the fields to change (``date``, ``end_date``,
            ``description``, ``person_id``).
        client: The client to use; the default client when None.

    Returns:
        The updated day off dict.
    """
    client = resolve(client)
    day_off_id = model_id(day_off)
    data = _with_dates_as_strings(day_off) if isinstance(day_off, dict) else {"id": day_off_id}
    return crud_ops.put_data_day_offs_instance_id(client, json=data, instance_id=day_off_id)


def remove_day_off(day_off: ModelOrId, client: KitsuClient | None = None) -> str:
    """Delete a day off; return the server's (empty) answer text.

    Args:
        day_off: The day off, as a dict or its id.
        client: The client to use; the default client when None.

    Returns:
        The server's answer text (empty on success).
    """
    client = resolve(client)
    return delete_text(client, "delete_data_day_offs_instance_id", instance_id=model_id(day_off))
