"""claimtrack reports package."""
