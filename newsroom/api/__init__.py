"""The app API at /api/v1/ (contracts.md §2): read-only JSON of live, public pages for the mobile app."""
