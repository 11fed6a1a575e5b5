"""The chat edge: console, Slack and Discord channels."""
