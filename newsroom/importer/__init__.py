"""Edition importer: a pure parser of newspaper page dumps and the records it produces."""
