"""The README's recipes, run as they stand (each skipped where its package is not installed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
_RECIPE = re.compile(r"<!-- recipe: (\w+) -->\n```python\n(.*?)\n```", re.S)


def recipe(name: str) -> str:
    recipes = dict(_RECIPE.findall(README.read_text(encoding="utf-8")))
    assert name in recipes, f"README.md has no recipe {name!r}"
    return recipes[name]


def run(name: str) -> dict:
    namespace: dict = {"__name__": f"recipe_{name}"}
    exec(compile(recipe(name), f"README.md recipe {name}", "exec"), namespace)
    return namespace


def test_the_readme_has_the_three_recipes():
    assert set(dict(_RECIPE.findall(README.read_text(encoding="utf-8")))) == {"datasets", "datatrove", "ray"}


def test_hugging_face_datasets_map(capsys):
    pytest.importorskip("datasets")
    dataset = run("datasets")["dataset"]
    assert dataset["text"] == ["The economic ties of the US-Mexico partners.\n", "A hard-wrapped line of text.\n"]
    assert dataset.column_names == ["id", "text", "textfix_edits", "unknown_share_after"]
    assert dataset[0]["textfix_edits"] == 3


def test_datatrove_pipeline_step(capsys):
    pytest.importorskip("datatrove")
    cleaned = run("datatrove")["cleaned"]
    assert cleaned == ["The economic ties of the US-Mexico partners.\n", "A hard-wrapped line of text.\n"]


@pytest.fixture
def ray_cluster():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def test_ray_data_job(ray_cluster, capsys):
    rows = run("ray")["rows"]
    assert [row["repaired"] for row in rows] == ["The economic ties of the US-Mexico partners.\n",
                                                 "A hard-wrapped line of text.\n"]
    assert rows[0]["textfix_edits"] == 3 and rows[0]["textfix_unknown_share_after"] == 0.0
