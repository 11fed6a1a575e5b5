"""Slack: Block Kit rendering (pure) and posting through slack_sdk's async Web API client."""
