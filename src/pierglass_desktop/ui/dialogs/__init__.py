"""Dialogs: forms that call one service each and show its errors at the fields."""
