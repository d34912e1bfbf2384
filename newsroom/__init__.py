"""The newsroom app: the channel's page tree, importer, selectors, API and site."""
