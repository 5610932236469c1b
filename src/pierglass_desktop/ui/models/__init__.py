"""Table models over immutable rows; sorting and searching happen in proxies."""
