"""Delivery: the outbox, the schedule, digest building and the loop that posts."""
