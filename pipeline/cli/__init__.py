"""The `claimtrack` command line: thin typer commands over the library, one shared renderer.
"""
