"""Logins for each role, two sections (one is the editor's own), and the article editor's form data."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from newsroom.roles import CHIEF_EDITORS, REPORTERS, assign_section_editor
from tests.browser import chromium_browser
from tests.factories import SectionPageFactory
from tests.servers import newsroom_as_make_run


@pytest.fixture
def own_section(db):
    """The section the editor runs (要闻)."""
    return SectionPageFactory(title="要闻", slug="yaowen")


@pytest.fixture
def other_section(db):
    """A section the editor does not run (经济)."""
    return SectionPageFactory(title="经济", slug="jingji")


@pytest.fixture
def make_user(django_user_model):
    def make(username: str, *groups: str):
        user = django_user_model.objects.create_user(username=username, password="pw-" + username)
        user.groups.add(*Group.objects.filter(name__in=groups))
        return user

    return make


@pytest.fixture
def reporter(make_user):
    return make_user("reporter", REPORTERS)


@pytest.fixture
def editor(make_user, own_section):
    user = make_user("editor")
    assign_section_editor(user, own_section)
    return user


@pytest.fixture
def other_editor(make_user, other_section):
    """An 编辑 whose desk is 经济, not 要闻."""
    user = make_user("other-editor")
    assign_section_editor(user, other_section)
    return user


@pytest.fixture
def chief(make_user):
    return make_user("chief", CHIEF_EDITORS)


@pytest.fixture
def login():
    """A browser signed in as the given user, one per user (real admin views and permission checks)."""
    clients = {}

    def as_user(user):
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
        return clients[user.pk]

    return as_user


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium, one per browser test module."""
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """`make run`'s steps on a database of its own, one per browser test module (tests.servers)."""
    with newsroom_as_make_run(tmp_path_factory.mktemp("newsroom")) as server:
        yield server
