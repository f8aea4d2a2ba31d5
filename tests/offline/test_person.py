"""kitsu_helpers.person offline (tests/cassettes/person/)."""

from typing import Any

import kitsu_helpers as gazu


def test_person_and_department_crud(kitsu: Any, named: Any) -> None:
    email = named("offline-person") + "@example.com"
    last_name = named("line")
    person = gazu.person.new_person("Off", last_name, email, role="user")
    assert gazu.person.get_person(person["id"])["email"] == email
    assert gazu.person.get_person_by_email(email)["id"] == person["id"]
    assert gazu.person.get_person_by_full_name(f"Off {last_name}")["id"] == person["id"]
    gazu.person.update_person({"id": person["id"], "phone": "0123"})
    assert gazu.person.get_person(person)["phone"] == "0123"
    department = gazu.person.new_department(named("offline-dep"), color="#112233")
    gazu.person.add_person_to_department(person, department)
    assert gazu.person.get_department_by_name(department["name"])["id"] == department["id"]
    gazu.person.remove_person_from_department(person, department)
    gazu.person.remove_department(department)
    gazu.person.remove_person(person, force=True)
    assert gazu.person.get_person_by_email(email) is None
