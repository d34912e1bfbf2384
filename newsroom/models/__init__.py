"""Every model of the app, for Django: the page types live in their own folders
(`newsroom/articles/`, `newsroom/sections/`, `newsroom/reporters/`); shared page behaviour
(scheduling, preview) and the newsroom's other records are here."""

from newsroom.articles.models import (
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    ArticlePhotoCredit,
    ArticleRelatedLink,
    ArticleTag,
)
from newsroom.curation.models import FrontPick, FrontPicks
from newsroom.reporters.models import ReporterIndexPage, ReporterKind, ReporterPage
from newsroom.sections.models import ChannelHomePage, SectionPage
from newsroom.wordcheck.models import WordListEntry

from .review import SectionReviewTask
from .scheduler import SchedulerRun
from .search_terms import SearchTerm

__all__ = [
    "ArticleByline",
    "ArticleCorrection",
    "ArticlePage",
    "ArticlePhotoCredit",
    "ArticleRelatedLink",
    "ArticleTag",
    "ChannelHomePage",
    "FrontPick",
    "FrontPicks",
    "ReporterIndexPage",
    "ReporterKind",
    "ReporterPage",
    "SchedulerRun",
    "SearchTerm",
    "SectionPage",
    "SectionReviewTask",
    "WordListEntry",
]
