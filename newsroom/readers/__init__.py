"""What readers may see and how it reaches them: the visibility rule, the request scope, the page cache and its purge.

The reader site and the app API both read through this package; it imports neither of them.
"""
