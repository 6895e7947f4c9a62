"""Docks, dialogs, map tools and the options page."""
