"""A script with three known mistakes: tests/test_typing.py checks that type checkers report exactly these."""

import kitsu_helpers as gazu

gazu.set_host("http://127.0.0.1:5600/api")
project = gazu.project.get_projet_by_name("Agent 327")  # misspelled helper
shots = gazu.shot.all_shots_for_project(42)  # wrong argument type: a project dict or id
tasks = gazu.task.all_tasks_for_shot("shot-id", relation=True)  # wrong keyword: relations
