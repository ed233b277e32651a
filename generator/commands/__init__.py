"""Subcommands of `kampung`, one module each, discovered by `generator.cli`."""
