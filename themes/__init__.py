"""Colour themes for the newsview app."""
