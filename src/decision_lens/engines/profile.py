"""One output of the project's profiles.yml, rendered the way dbt renders it (env_var with defaults, var from
--vars) and read into the adapter's own credentials, so `lens load` connects where `dbt build` will."""

from __future__ import annotations

import contextvars
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from decision_lens.project import LensError, ensure_profiles

EXAMPLE_FILE = "profiles.example.yml"


@dataclass(frozen=True)
class Target:
    name: str
    type: str  # the output's `type`: duckdb, postgres, spark, ...
    fields: dict[str, Any]  # the output rendered, without type and threads

    def credentials(self) -> Any:
        """The adapter's credentials (dbt.adapters.<type>), as dbt builds them from the profile."""
        from dbt.adapters.factory import load_plugin
        from dbt_common.dataclass_schema import ValidationError
        from dbt_common.exceptions import DbtRuntimeError

        credentials_class = load_plugin(self.type)
        data = credentials_class.translate_aliases(dict(self.fields))
        try:
            credentials_class.validate(data)
            return credentials_class.from_dict(data)
        except (DbtRuntimeError, ValidationError) as error:  # as dbt reports them, without a traceback
            message = error.message if isinstance(error, ValidationError) else " ".join(str(error).split())
            raise LensError(f"output {self.name} of profiles.yml is not valid: {message}") from None


def _profile_name(root: Path) -> str:
    return yaml.safe_load((root / "dbt_project.yml").read_text())["profile"]


def _render(profile: dict, profile_name: str, name: str, cli_vars: dict) -> tuple[str, dict]:
    from dbt.config.profile import Profile
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context

    set_invocation_context(os.environ)  # env_var reads the environment through dbt's invocation context
    return Profile.render_profile(profile, profile_name, name, ProfileRenderer(cli_vars))


def _missing_output(root: Path, profile_name: str, name: str, outputs: list[str]) -> LensError:
    example = yaml.safe_load((root / EXAMPLE_FILE).read_text())[profile_name]["outputs"]
    hint = (
        f"copy the output {name} from {EXAMPLE_FILE} into it"
        if name in example
        else f"copy an output from {EXAMPLE_FILE} ({', '.join(example)}) and name it {name}"
    )
    return LensError(
        f"{root / 'profiles.yml'} has no output {name} (it has: {', '.join(outputs) or 'none'}): {hint}."
    )


def read_target(root: Path, name: str, cli_vars: dict) -> Target:
    """Output `name` of the project's profile, rendered; cli_vars are the --vars given (as in dbt, a profile
    sees only those)."""
    from dbt_common.exceptions import DbtRuntimeError

    profile_name = _profile_name(root)
    profile = (yaml.safe_load(ensure_profiles(root).read_text()) or {}).get(profile_name) or {}
    outputs = profile.get("outputs") or {}
    if name not in outputs:
        raise _missing_output(root, profile_name, name, list(outputs))
    try:
        # in a copy of the context: dbt's invocation context stays out of the rest of the process
        _, fields = contextvars.copy_context().run(_render, profile, profile_name, name, cli_vars)
    except DbtRuntimeError as error:  # a template error, an env_var without a default that is not set
        message = " ".join(str(error.msg).split())
        raise LensError(f"output {name} of profiles.yml cannot be rendered: {message}") from None
    fields = dict(fields)
    fields.pop("threads", None)
    return Target(name, str(fields.pop("type", "")), fields)
