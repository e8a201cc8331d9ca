"""Widgets of the newsview app: reading pane, sidebar, filter bar, status line."""
