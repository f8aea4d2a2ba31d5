"""Helper-style code with six known mistakes in typed calls: tests/test_typing.py checks exactly these are found."""

from kitsu_api.calls import crud as crud_ops, projects as projects_ops

from kitsu_helpers.client import KitsuClient


def helper(client: KitsuClient, project_id: str) -> None:
    crud_ops.get_data_projects_instance_idd(client, instance_id=project_id)  # misspelled operation
    crud_ops.get_data_projects_instance_id(client)  # missing path parameter
    crud_ops.get_data_projects_instance_id(client, project_id=project_id)  # misnamed path parameter: instance_id
    crud_ops.get_data_projects_instance_id(client, instance_id=project_id, relations="yes")  # query: a bool
    projects_ops.post_data_projects_project_id_settings_task_types(client, project_id=project_id, json=[project_id])
    payload: projects_ops.PostDataProjectsProjectIdSettingsTaskTypesBody = {"task_type_id": 42}  # body: an id str
    projects_ops.post_data_projects_project_id_settings_task_types(client, project_id=project_id, json=payload)
