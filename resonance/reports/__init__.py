"""What leaves the app for a reader: the review deck (PPTX) and its annex."""
