"""The subcommands of ``spacecoop``: each parses its arguments, calls the library and prints."""
