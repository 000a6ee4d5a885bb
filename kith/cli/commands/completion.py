"""``kith completion SHELL``: the script that makes a shell complete kith's words.

The script is click's (``_KITH_COMPLETE=SHELL_source kith`` prints the same), with bash's
quoting names that hold spaces (``kith.cli.completion``). What it completes beyond
commands and options (people, networks, kinds) is read from the database at each Tab.
"""

from __future__ import annotations

import click

from kith.cli.completion import COMPLETE_VAR, QuotingBashComplete


@click.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for bash, zsh or fish, to source in your shell.

    bash: eval "$(kith completion bash)" in ~/.bashrc; zsh: eval "$(kith completion zsh)"
    in ~/.zshrc; fish: kith completion fish | source (or save it in
    ~/.config/fish/completions/kith.fish). Completes commands, options, people, networks,
    interaction kinds and import sources.
    """
    from click.shell_completion import add_completion_class, get_completion_class

    add_completion_class(QuotingBashComplete, "bash")
    shell_class = get_completion_class(shell)
    assert shell_class is not None  # bash, zsh and fish are click's own
    root = click.get_current_context().find_root().command
    script = shell_class(root, {}, "kith", COMPLETE_VAR).source()
    click.echo(script, nl=not script.endswith("\n"))  # kith's own text, no data in it
