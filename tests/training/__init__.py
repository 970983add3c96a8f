"""Training and evaluation helpers for the poll-attribution model (read ../shared; never shipped)."""
