"""The Textual application: screens, bindings and app CSS."""
