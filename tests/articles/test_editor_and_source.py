"""责任编辑 and 来源: set in the article editor, printed below the body, and in the page's JSON-LD."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client

from newsroom.models import ArticlePage
from newsroom.roles import CHIEF_EDITORS, REPORTERS, assign_section_editor
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.forms import article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionPageFactory(title="要闻", slug="yaowen")


@pytest.fixture
def people(django_user_model, section):
    """A 编辑 of the section (王某), a 主编, a 记者 and a former editor no longer in any group."""

    def user(username: str, *groups: str, **names: str):
        person = django_user_model.objects.create_user(username=username, password="pw", **names)
        person.groups.add(*Group.objects.filter(name__in=groups))
        return person

    editor = user("wangmou", first_name="某", last_name="王")
    assign_section_editor(editor, section)
    return {
        "editor": editor,
        "chief": user("chief", CHIEF_EDITORS),
        "reporter": user("reporter", REPORTERS),
        "former": user("former"),
    }


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _printed_line(html: str) -> str | None:
    line = BeautifulSoup(html, "html.parser").find(class_="story-responsibility")
    return line.get_text() if line else None


def _json_ld(html: str) -> dict:
    return json.loads(BeautifulSoup(html, "html.parser").find("script", type="application/ld+json").string)


def test_the_editor_names_source_and_responsible_editor_when_adding_an_article(people, section):
    client = _as(people["editor"])
    form = article_form(source="新华社", responsible_editor=people["editor"].pk, **{"action-publish": "1"})
    response = client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", form)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    article = ArticlePage.objects.get(slug="jiaodong")
    assert (article.source, article.responsible_editor, article.live) == ("新华社", people["editor"], True)
    assert _printed_line(client.get(article.url).content.decode()) == "来源：新华社　责任编辑：王某"


def test_a_printed_name_set_in_the_edit_view_is_printed_instead_of_the_account(people, section):
    article = ArticlePageFactory(parent=section, responsible_editor=people["editor"], source="大众日报")
    client = _as(people["chief"])
    form = article_form(article, responsible_editor_name="李某", **{"action-publish": "1"})
    assert client.post(f"/admin/pages/{article.pk}/edit/", form).status_code == 302
    article.refresh_from_db()
    assert (article.responsible_editor, article.responsible_editor_name) == (people["editor"], "李某")
    assert _printed_line(client.get(article.url).content.decode()) == "来源：大众日报　责任编辑：李某"


def test_the_chooser_offers_editors_and_chief_editors_only(people, section):
    html = _as(people["chief"]).get(f"/admin/pages/add/newsroom/articlepage/{section.pk}/").content.decode()
    chooser = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "responsible_editor"})
    offered = {option.get_text() for option in chooser.find_all("option") if option["value"]}
    assert offered == {"王某（wangmou）", "chief"}


def test_a_reporter_cannot_be_named_responsible_editor(people, section):
    form = article_form(responsible_editor=people["reporter"].pk, **{"action-publish": "1"})
    response = _as(people["chief"]).post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", form)
    assert response.status_code == 200
    assert "responsible_editor" in response.context["form"].errors
    assert not ArticlePage.objects.filter(slug="jiaodong").exists()


def test_an_editor_who_left_the_desk_stays_named_on_their_articles(people, section):
    article = ArticlePageFactory(parent=section, responsible_editor=people["former"])
    client = _as(people["chief"])
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f'<option value="{people["former"].pk}" selected>' in html
    form = article_form(article, summary="补充摘要", **{"action-publish": "1"})
    assert client.post(f"/admin/pages/{article.pk}/edit/", form).status_code == 302
    article.refresh_from_db()
    assert (article.summary, article.responsible_editor) == ("补充摘要", people["former"])


@pytest.mark.parametrize(
    ("fields", "line"),
    [
        ({"source": "大众日报", "responsible_editor_name": "王某"}, "来源：大众日报　责任编辑：王某"),
        ({"source": "新华社"}, "来源：新华社"),
        ({"responsible_editor_name": "王某"}, "责任编辑：王某"),
        ({}, None),
    ],
)
def test_the_article_page_prints_what_it_has_below_the_body(client, section, fields, line):
    article = ArticlePageFactory(parent=section, **fields)
    html = client.get(article.url).content.decode()
    assert _printed_line(html) == line
    if line:
        assert html.index("这是一段正文") < html.index("story-responsibility") < html.index("</article>")


def test_json_ld_names_the_editor_and_the_source_organization(client, section):
    article = ArticlePageFactory(parent=section, responsible_editor_name="王某", source="新华社")
    data = _json_ld(client.get(article.url).content.decode())
    assert data["editor"] == {"@type": "Person", "name": "王某"}
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "新华社"}


def test_json_ld_leaves_out_an_editor_and_source_nobody_named(client, section):
    data = _json_ld(client.get(ArticlePageFactory(parent=section).url).content.decode())
    assert "editor" not in data and "sourceOrganization" not in data
