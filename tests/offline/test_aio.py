"""kitsu_helpers.aio and the generated async API offline (tests/cassettes/aio/)."""

import asyncio
from typing import Any

from kitsu_helpers import aio
from kitsu_helpers.client import KitsuClient


def test_async_clients(kitsu: KitsuClient, project: dict[str, Any]) -> None:
    from kitsu_api.api.crud import get_data_projects_instance_id

    async def script() -> list[Any]:
        client = aio.AsyncKitsuClient(kitsu.host, access_token=kitsu.access_token, retries=0)
        try:  # not `async with`: its exit logs out, which would revoke the token the other scenarios share
            found = await aio.fetch_all("projects", {"name": project["name"]}, client=client)
            one = await aio.fetch_one("projects", project["id"], client=client)
        finally:
            await client.aclose()
        typed = await get_data_projects_instance_id.asyncio(project["id"], client=kitsu.async_api)
        return [found[0]["id"], one["name"], typed.to_dict()["name"]]  # type: ignore[union-attr]

    assert asyncio.run(script()) == [project["id"], project["name"], project["name"]]
