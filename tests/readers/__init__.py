"""What readers get from real server processes: the shared page cache, its purges, and its absence."""
