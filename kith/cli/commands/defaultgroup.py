"""A click group whose first argument may be a subcommand or the default one's argument.

``kith note PERSON TEXT`` and ``kith note delete ID``; ``kith follow-up PERSON --in 2w`` and
``kith follow-up done ID``: the everyday form needs no verb, the rarer ones have theirs.
A person whose name is a verb ("list") is still reachable with the explicit ``add``.
"""

from __future__ import annotations

from typing import Any

import click


class DefaultGroup(click.Group):
    def __init__(self, *args: Any, default: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.default = default

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default, *args]
        return super().parse_args(ctx, args)
