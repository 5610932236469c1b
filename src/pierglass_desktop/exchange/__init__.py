"""Exchange files: versioned workbooks that people can read and the program can merge."""
