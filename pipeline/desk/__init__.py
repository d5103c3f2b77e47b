"""The web review desk: FastAPI, server-rendered Jinja2 templates and htmx, on the same ledger as the CLI."""
