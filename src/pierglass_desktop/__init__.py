"""Pier-glass Desktop: offline toolkit for peer-group tutors, facilitators and coordinators."""

__version__ = "0.1.0"
APP_NAME = "pierglass-desktop"
