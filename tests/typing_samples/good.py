"""A script as the README shows it: type checkers must find nothing wrong (tests/test_typing.py)."""

import kitsu_helpers as gazu

gazu.set_host("http://127.0.0.1:5600/api")
gazu.log_in("admin@example.com", "mysecretpassword")
project = gazu.project.get_project_by_name("Agent 327")
if project is not None:
    for shot in gazu.shot.all_shots_for_project(project):
        print(shot["name"], shot.get("nb_frames"))
        tasks = gazu.task.all_tasks_for_shot(shot, relations=True)
        print(len(tasks))
client: gazu.KitsuClient = gazu.client.get_default_client()
print(gazu.raw.get_host(client=client))
try:
    gazu.project.all_open_projects(client=client)
except gazu.errors.RouteNotFoundException as error:
    print(error.status)
