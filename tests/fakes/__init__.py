"""Local stand-ins for outside services that have no real server to run here."""
