"""claimtrack pipeline package."""
