"""The channel's page tree: home → sections → articles, and reporter pages."""

from .articles import ArticleByline, ArticlePage, ArticlePhotoCredit, ArticleRelatedLink, ArticleTag
from .reporters import ReporterIndexPage, ReporterKind, ReporterPage
from .sections import ChannelHomePage, SectionPage

__all__ = [
    "ArticleByline",
    "ArticlePage",
    "ArticlePhotoCredit",
    "ArticleRelatedLink",
    "ArticleTag",
    "ChannelHomePage",
    "ReporterIndexPage",
    "ReporterKind",
    "ReporterPage",
    "SectionPage",
]
