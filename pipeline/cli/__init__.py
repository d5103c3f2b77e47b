"""The `claimtrack` command line: thin typer commands over the library, one shared renderer.

`app.py` is the root command (error handling, `--version`, the settings read
from the environment once); each command group is one `cmd_*.py` module;
`render.py` turns what the library returns into tables, JSON and CSV.
"""
