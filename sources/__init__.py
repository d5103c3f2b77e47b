"""claimtrack sources package."""
