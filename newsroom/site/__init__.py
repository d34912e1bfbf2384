"""The public reader site: page contexts, non-page views, URL lines and the full-page cache."""
