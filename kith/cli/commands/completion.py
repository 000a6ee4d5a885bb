"""``kith completion bash|zsh|fish``: the shell completion script (what it completes from
the database is in ``kith.cli.completion``)."""

from __future__ import annotations

import click


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for bash, zsh or fish.

    Completes commands, options, import sources, and your people, networks and kinds
    from the database. Add to ~/.bashrc: eval "$(kith completion bash)"; to ~/.zshrc:
    eval "$(kith completion zsh)"; for fish: kith completion fish >
    ~/.config/fish/completions/kith.fish
    """
    from click.shell_completion import get_completion_class

    root = click.get_current_context().find_root()
    cls = get_completion_class(shell)
    assert cls is not None  # the three shells click supports
    script = cls(root.command, {}, "kith", "_KITH_COMPLETE").source()
    click.echo(script)
