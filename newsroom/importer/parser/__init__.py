"""Pure parser of the newspaper page dump (docs/source-format.md) into Edition records, one module a convention."""

from newsroom.importer.parser.blocks import FOOTER_PREFIX
from newsroom.importer.parser.bylines import BYLINE_PREFIX, MARKERS, ROLES
from newsroom.importer.parser.edition import parse_edition
from newsroom.importer.parser.lines import MAX_LINE_LENGTH, ParseError, decode
from newsroom.importer.parser.sections import TITLE_WEIGHT, classify_section

__all__ = [
    "BYLINE_PREFIX",
    "FOOTER_PREFIX",
    "MARKERS",
    "MAX_LINE_LENGTH",
    "ROLES",
    "TITLE_WEIGHT",
    "ParseError",
    "classify_section",
    "decode",
    "parse_edition",
]
