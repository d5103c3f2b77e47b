"""`python -m pipeline.cli`: the same as the `claimtrack` command."""

from pipeline.cli.app import main

main()
