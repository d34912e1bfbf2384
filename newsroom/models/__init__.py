"""The channel's page tree: home → sections → articles, and reporter pages."""

from .articles import ArticleByline, ArticlePage, ArticlePhotoCredit, ArticleRelatedLink, ArticleTag
from .corrections import ArticleCorrection
from .reporters import ReporterIndexPage, ReporterKind, ReporterPage
from .review import SectionReviewTask
from .scheduler import SchedulerRun
from .search_terms import SearchTerm
from .sections import ChannelHomePage, SectionPage

__all__ = [
    "ArticleByline",
    "ArticleCorrection",
    "ArticlePage",
    "ArticlePhotoCredit",
    "ArticleRelatedLink",
    "ArticleTag",
    "ChannelHomePage",
    "ReporterIndexPage",
    "ReporterKind",
    "ReporterPage",
    "SchedulerRun",
    "SearchTerm",
    "SectionPage",
    "SectionReviewTask",
]
