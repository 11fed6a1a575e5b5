"""Discord: embeds rendered purely, posted through discord.py's REST layer, slash commands over its gateway.

``render`` builds payloads (no I/O), ``channel`` posts them (parent message, a
public thread started from it, the items in that thread), ``results`` renders
search answers (pure), ``commands`` holds the application-command tree
(``/search``, ``/gleaner-rules``) and ``client`` runs the gateway connection the
commands arrive on. ``endpoints`` points discord.py at the configured API and
gateway URLs. Set-up and guarantees: ``docs/discord.md``.

This package stays light to import: ``settings`` must load without discord.py.
"""
