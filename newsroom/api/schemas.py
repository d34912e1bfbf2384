"""What the app API takes and returns, field by field (contracts.md §2): the app team builds on these names."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BaseModel, BeforeValidator

from newsroom.edges import WITHOUT_CONTROL_CHARACTERS

# --- Parameters -----------------------------------------------------------------------------
# Every text parameter refuses control characters (refused with a 400 before any endpoint runs:
# newsroom/edges.py) and has a length limit; the schema says so, so clients and fuzzers know.
PRINTABLE = WITHOUT_CONTROL_CHARACTERS

Slug = Annotated[str, Field(min_length=1, max_length=255, pattern=PRINTABLE)]
TagName = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
SearchText = Annotated[str, Field(max_length=200, pattern=PRINTABLE)]
Cursor = Annotated[str, Field(max_length=300, pattern=PRINTABLE, description="上一页响应中的 next_cursor,原样传回")]
Limit = Annotated[int, Field(ge=1, le=100, description="每页条数,1–100")]


def _with_offset(value: object) -> object:
    # The schema promises an RFC 3339 date-time: refuse what pydantic would otherwise take for
    # one (a number of seconds, a bare date, a time without its zone).
    if isinstance(value, str):
        try:
            zoned = datetime.fromisoformat(value).tzinfo is not None
        except ValueError:
            zoned = False
        if not zoned:
            raise ValueError("需要带时区的 ISO 8601 日期时间,如 2020-11-30T06:00:00+08:00")
    return value


Moment = Annotated[datetime, BeforeValidator(_with_offset)]


class PageParams(Schema):
    limit: Limit = 20
    cursor: Cursor | None = None


class ArticleFilters(PageParams):
    section: Slug | None = Field(None, description="栏目 slug")
    reporter: Slug | None = Field(None, description="记者 slug:署名或图片署名中有此人的稿件")
    tag: TagName | None = Field(None, description="标签")
    since: Moment | None = Field(None, description="发布时间不早于(ISO 8601,带时区,如 2020-11-30T06:00:00+08:00)")
    until: Moment | None = Field(None, description="发布时间早于(ISO 8601,带时区)")
    q: SearchText | None = Field(None, description="搜索词:只列出匹配的稿件,仍按发布时间排序")


class SearchParams(PageParams):
    q: SearchText = Field(..., min_length=1, description="搜索词")


class HomeParams(Schema):
    limit: Limit = Field(6, description="每个栏目列出的稿件数,1–100")


# --- Responses ------------------------------------------------------------------------------


class Out(BaseModel):
    """A response object, built field by field in payloads.py.

    Plain pydantic: ninja's Schema would look every field of every nested object up through its
    ORM-attribute wrapper, a third of a listing's time, for objects that are never ORM rows.
    """


class SectionRef(Out):
    slug: str
    title: str


class Credit(Out):
    """A byline or photo credit as printed: the role word, the name, and the reporter's slug if public."""

    role: str
    name: str
    reporter: str | None = Field(..., description="记者 slug;记者页面不公开时为 null")


class Dateline(Out):
    """电头: the text as printed and what it says."""

    text: str
    source: str
    place: str | None
    date: date | None


class LeadImage(Out):
    caption: str
    credits: list[Credit]
    url: str | None = Field(..., description="原图地址;只有图片说明、没有图片文件时为 null")
    width: int | None
    height: int | None


class Article(Out):
    id: int
    url: str = Field(..., description="公开页面的绝对地址")
    kicker: str | None = Field(..., description="引题")
    title: str
    subtitle: str | None = Field(..., description="副题")
    summary: str | None
    section: SectionRef
    bylines: list[Credit]
    dateline: Dateline | None
    published_at: datetime = Field(..., description="首次发布时间,ISO 8601,带时区(北京时间 +08:00)")
    lead_image: LeadImage | None
    edition_date: date | None = Field(..., description="见报日期")
    print_page: str | None = Field(..., description="版次,如 A03")


class ParagraphBlock(Out):
    type: Literal["paragraph"]
    text: str


class HeadingBlock(Out):
    type: Literal["heading"]
    text: str


class ImageBlock(Out):
    type: Literal["image"]
    url: str | None
    width: int | None
    height: int | None
    caption: str
    credit: str


class QuoteBlock(Out):
    type: Literal["quote"]
    text: str
    attribution: str


BodyBlock = Annotated[ParagraphBlock | HeadingBlock | ImageBlock | QuoteBlock, Field(discriminator="type")]


class Correction(Out):
    """更正: a correction or update note editors added to the published article."""

    date: date
    text: str


class Editor(Out):
    """责任编辑: the person as printed under the article."""

    name: str


class ArticleDetail(Article):
    body: list[BodyBlock] = Field(..., description="正文,按阅读顺序")
    related: list[Article]
    tags: list[str]
    corrections: list[Correction] = Field(..., description="更正和补充说明,最新的在前")
    editor: Editor | None = Field(..., description="责任编辑;未署时为 null")
    source: str | None = Field(..., description="来源,如 大众日报、新华社;未注明时为 null")


class ArticleList(Out):
    items: list[Article]
    next_cursor: str | None = Field(..., description="下一页的 cursor;最后一页为 null")


class Section(Out):
    id: int
    slug: str
    title: str
    url: str
    article_count: int
    intro: str


class Reporter(Out):
    id: int
    slug: str
    name: str
    kind: Literal["staff", "correspondent"] = Field(
        ..., description="staff:本报人员(含实习生、摄影记者);correspondent:通讯员"
    )
    role_kind: Literal["staff", "correspondent", "intern", "photographer"] = Field(
        ..., description="更细的身份:staff 本报记者、correspondent 通讯员、intern 实习生、photographer 摄影记者"
    )
    url: str
    article_count: int


class ReporterDetail(Reporter):
    articles: ArticleList


class HomeSection(Out):
    section: Section
    articles: list[Article]


class Home(Out):
    lead: Article | None = Field(
        ..., description="头条:编辑选定的头条(在有效期内且公开时),否则为最新发布的稿件;还没有稿件时为 null"
    )
    featured: list[Article] = Field(..., description="推荐:编辑选定的推荐稿件,按编辑排定的顺序;只含公开的,可以为空")
    sections: list[HomeSection]


class Error(Out):
    detail: str


class Issue(Out):
    type: str
    loc: list[str | int]
    msg: str


class ValidationFailure(Out):
    detail: list[Issue]
