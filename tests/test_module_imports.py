"""Project imports sit at the top of a module; only an AppConfig.ready imports inside a function.

An import hidden in a function hides a circle between modules (a model importing its views) and
defeats the layer contract (pyproject.toml, lint-imports), which reads only module-level imports
reliably. Reading the source is enough: no database, no Django.
"""

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project's packages, as the layer contract names them: a new app is checked once it is there.
PROJECT = tuple(
    tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]
)


def project_modules_imported(node):
    """The project modules an import statement names (relative imports are the project's)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] in PROJECT]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            return ["." * node.level + (node.module or "")]
        if (node.module or "").split(".")[0] in PROJECT:
            return [node.module]
    return []


def is_app_config_ready(function, parents):
    parent = parents.get(function)
    return (
        function.name == "ready"
        and isinstance(parent, ast.ClassDef)
        and any(
            getattr(base, "id", getattr(base, "attr", "")) == "AppConfig" for base in parent.bases
        )
    )


def imports_inside_functions(source, filename="<source>"):
    """[(line, function, module)] of project imports inside functions, AppConfig.ready aside."""
    tree = ast.parse(source, filename)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if is_app_config_ready(function, parents):
            continue
        for node in ast.walk(function):
            found += [(node.lineno, function.name, m) for m in project_modules_imported(node)]
    return found


def test_the_check_finds_an_import_inside_a_function_and_allows_ready():
    source = (
        "from django.apps import AppConfig\n"
        "from hub.models import SectionPage\n"
        "class Config(AppConfig):\n"
        "    def ready(self):\n"
        "        from stories import signals\n"
        "def view(request):\n"
        "    import json\n"
        "    from stories.models import StoryPage\n"
        "    from . import forms\n"
    )
    assert imports_inside_functions(source) == [
        (8, "view", "stories.models"),
        (9, "view", "."),
    ]


def test_no_project_import_inside_a_function_outside_app_config_ready():
    hidden = []
    for package in PROJECT:
        for path in sorted((ROOT / package).rglob("*.py")):
            for line, function, module in imports_inside_functions(path.read_text(), str(path)):
                hidden.append(f"{path.relative_to(ROOT)}:{line} {function}() imports {module}")
    assert hidden == []
