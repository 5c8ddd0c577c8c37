"""Regenerate the generated parts of the docs: README's finding-code table and docs/cli.md.

    python docs/generate.py          # rewrite
    python docs/generate.py --check  # exit 1 if anything is out of date (used by the tests)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from kinerja_xl.cli import cli
from kinerja_xl.finding_codes import catalogue_markdown

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- finding-codes:start -->", "<!-- finding-codes:end -->"


def readme_text(current: str) -> str:
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{catalogue_markdown()}\n{END}{tail}"


def help_text(args: list[str]) -> str:
    """What ``kinerja-xl ARGS --help`` prints, run through the real command (its options, its
    ``-h, --help``, its messages in Bahasa Indonesia), 88 columns wide."""
    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="kinerja-xl", terminal_width=88,
                                max_content_width=88)
    if result.exit_code != 0:
        raise SystemExit(f"kinerja-xl {' '.join(args)} --help failed: {result.output}")
    return result.output.rstrip("\n")


def cli_markdown() -> str:
    parts = ["# kinerja-xl commands", "", "Generated from `--help` by `python docs/generate.py`.", ""]

    def add(cmd: click.Command, path: list[str]) -> None:
        parts.extend([f"## {' '.join(['kinerja-xl', *path])}", "", "```", help_text(path), "```", ""])
        if isinstance(cmd, click.Group):
            ctx = click.Context(cmd, info_name=" ".join(path))
            for name in sorted(cmd.list_commands(ctx)):
                sub = cmd.get_command(ctx, name)
                if sub is not None:
                    add(sub, [*path, name])

    add(cli, [])
    return "\n".join(parts)


def outputs() -> dict[Path, str]:
    readme = ROOT / "README.md"
    return {readme: readme_text(readme.read_text(encoding="utf-8")), ROOT / "docs" / "cli.md": cli_markdown()}


def main(argv: list[str]) -> int:
    stale = []
    for path, text in outputs().items():
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            stale.append(path)
            if "--check" not in argv:
                path.write_text(text, encoding="utf-8")
    if "--check" in argv and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
