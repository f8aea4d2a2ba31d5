"""The fake Zou (kitsu_helpers.testing.fake) answers like the real one: one CRUD scenario (tests/crud_scenario.py)
run against the real local Zou and against the fake, the normalised answers compared step by step."""

from __future__ import annotations

import difflib
import json
from typing import Any

import crud_scenario as scenario
import pytest

import kitsu_helpers as gazu
from kitsu_helpers.client import KitsuClient
from kitsu_helpers.testing.fake import Answer, Call, FakeZou, fake_zou


def run_on_fake(tag: str, fake: FakeZou | None = None) -> scenario.Steps:
    with fake_zou(set_default=False, fake=fake) as client:
        return scenario.normalise(scenario.run(client, tag), tag)


def differences(real: scenario.Steps, fake: scenario.Steps) -> list[str]:
    """Every step whose normalised answers differ, with a diff of the two (empty when they conform). Answers are
    compared as canonical JSON, so types count too: 0 is not 0.0, 1 is not true."""
    out = [f"{len(real)} steps on the real Zou, {len(fake)} on the fake"] if len(real) != len(fake) else []
    for (name, want), (fake_name, got) in zip(real, fake, strict=False):  # a missing step is reported above
        want_text = json.dumps(want, indent=1, sort_keys=True)
        got_text = json.dumps(got, indent=1, sort_keys=True)
        if name != fake_name or want_text != got_text:
            diff = difflib.unified_diff(
                want_text.splitlines(),
                got_text.splitlines(),
                "real Zou",
                "fake",
                lineterm="",
            )
            out.append(f"step {name!r}:\n" + "\n".join(diff))
    return out


@pytest.fixture(scope="module")
def real_steps(admin_client: KitsuClient) -> tuple[str, scenario.Steps]:
    tag = scenario.new_tag()
    try:
        return tag, scenario.normalise(scenario.run(admin_client, tag), tag)
    except BaseException:
        scenario.clean_up(admin_client, tag)  # a run stopped part-way leaves nothing behind
        raise


def test_fake_answers_the_crud_scenario_as_the_real_zou(real_steps: tuple[str, scenario.Steps]) -> None:
    tag, real = real_steps
    fake = run_on_fake(tag)
    problems = differences(real, fake)
    compared = sum(scenario.leaves(value) for _, value in real)
    print(f"fake conformance: {len(real)} steps, {compared} values compared, {len(problems)} differing steps")
    assert not problems, "\n\n".join(problems)
    assert compared > 1000  # the scenario compares whole answers, not a few fields


def auth_answers(client: KitsuClient, email: str, password: str) -> scenario.Steps:
    """Log in, read the session, refresh the token, log out (and a refused login): the answers, normalised
    (tokens masked, the user's server-set presence masked, the organisation's settings by shape only: other
    sessions on a shared Zou may change them)."""

    def masked(answer: dict[str, Any]) -> dict[str, Any]:
        out = {key: "<token>" if key.endswith("_token") else value for key, value in answer.items()}
        if "user" in out:
            out["user"] = scenario.masked_user(out["user"], out["user"]["id"])
        if "organisation" in out:
            out["organisation"] = scenario.shape(out["organisation"])
        return out

    steps: scenario.Steps = [("refused log_in", scenario.failure(lambda: gazu.log_in(email, "wrong", client=client)))]
    steps.append(("log_in", masked(gazu.log_in(email, password, client=client))))
    steps.append(("authenticated", masked(client.call("get_auth_authenticated"))))
    headers = {"Authorization": f"Bearer {client.refresh_token}"}
    refreshed = client.http.get(client.url_of("get_auth_refresh_token"), headers=headers, auth=None).json()  # type: ignore[arg-type]
    steps.append(("refresh-token", masked(refreshed)))
    steps.append(("logout", client.call("get_auth_logout")))
    return [(name, scenario.Normaliser("")(value)) for name, value in steps]


def test_fake_logs_in_refreshes_and_logs_out_as_the_real_zou(zou: dict[str, Any]) -> None:
    real = auth_answers(KitsuClient(zou["url"]), zou["email"], zou["password"])
    with fake_zou(set_default=False, log_in=False) as client:
        fake = auth_answers(client, "admin@example.com", "mysecretpassword")
    assert not differences(real, fake), "\n\n".join(differences(real, fake))


def perturbed(steps: scenario.Steps, step: str, change: Any) -> scenario.Steps:
    return [(name, change(value) if name == step else value) for name, value in steps]


@pytest.mark.parametrize(
    ("step", "change"),
    [
        ("get_shot", lambda shot: {key: value for key, value in shot.items() if key != "frame_in"}),  # a key lost
        ("new_asset", lambda asset: {**asset, "type": "Entity"}),  # another type field
        ("new_task", lambda task: {**task, "duration": 0}),  # an int where Zou sends a float
        ("get_shot missing", lambda error: {**error, "status": 400}),  # another error status
    ],
)
def test_conformance_comparison_sees_a_different_shape(
    real_steps: tuple[str, scenario.Steps], step: str, change: Any
) -> None:
    tag, real = real_steps
    fake = perturbed(run_on_fake(tag), step, change)
    problems = differences(real, fake)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"step {step!r}"), problems


class DriftedFake(FakeZou):
    """A fake whose shot answer lost a key and whose task type list sends its colors in capitals: what a fake
    drifting from Zou looks like."""

    def op_get_data_shots_shot_id(self, call: Call) -> Answer:
        status, shot = super().op_get_data_shots_shot_id(call)
        del shot["frame_out"]
        return status, shot

    def op_get_data_task_types(self, call: Call) -> Answer:
        status, task_types = super().op_get_data_task_types(call)
        return status, [{**task_type, "color": task_type["color"].upper()} for task_type in task_types]


def test_a_fake_that_drifts_from_zou_fails_the_conformance_test(real_steps: tuple[str, scenario.Steps]) -> None:
    tag, real = real_steps
    problems = differences(real, run_on_fake(tag, DriftedFake()))
    failed = {problem.split("\n", 1)[0] for problem in problems}
    shot_reads = ("get_shot", "get_shot after update", "get_shot after soft remove", "get_shot 2 after soft remove")
    task_type_reads = ("get_task_type_by_name", "new_task_type existing")  # both read the task type list
    assert failed == {f"step {name!r}:" for name in (*shot_reads, *task_type_reads)}, failed
    assert all('"frame_out"' in problem or '"color"' in problem for problem in problems)
