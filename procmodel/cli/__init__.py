"""The ``procmodel`` command line: one console script, one module per area.

Each module named in :data:`COMMAND_MODULES` defines click commands and a
``register(group)`` function that adds them to the main group.

Exit codes: 0 success; 1 the input was read but has errors; 2 the input cannot be
used at all or the command was misused.  Commands end with ``ctx.exit(code)`` or
raise :class:`UnusableInput` / :class:`InputHasErrors`; click's own usage errors
exit 2 as well.
"""

from __future__ import annotations

import importlib

import click

from procmodel import __version__

#: Modules under ``procmodel.cli`` that contribute commands (click lists them by name).
COMMAND_MODULES: tuple[str, ...] = (
    "register",
    "check",
    "render",
    "demo",
    "serve",
    "report",
    "analyse",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNUSABLE = 2


class UnusableInput(click.ClickException):
    """The input cannot be used at all (unreadable, hostile, wrong kind): exit 2."""

    exit_code = EXIT_UNUSABLE


class InputHasErrors(click.ClickException):
    """The input was read but has errors: exit 1."""

    exit_code = EXIT_FINDINGS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="procmodel")
def cli() -> None:
    """procmodel – Prozessregister für Kommunen (process register for municipalities)."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"procmodel.cli.{_name}").register(cli)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    try:
        result = cli.main(args=argv, prog_name="procmodel", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("Abgebrochen / aborted.", err=True)
        return EXIT_UNUSABLE
    return result if isinstance(result, int) else EXIT_OK
