"""Cleaning: boilerplate lines out (with a reason each), the outlet found."""
