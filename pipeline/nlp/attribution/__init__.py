"""Attribution: reporting cues, their sources, and the claimant each source resolves to."""
