"""URLconf of the API benchmark (cms.settings.bench): Wagtail's API v2 and v3 beside the project's URLs.

Also gives ArticlePage, for this benchmark only, the `api_fields` a Wagtail v2 project would
declare to list what /api/v1/articles lists: kicker, subtitle, bylines, dateline, section.
"""

from django.urls import include, path
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as wagtail_api_v3

from newsroom.models import ArticlePage


class CreditSerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField(source="reporter.title")
    reporter = serializers.CharField(source="reporter.slug")


class DatelineSerializer(serializers.Serializer):
    text = serializers.CharField()
    source = serializers.CharField()
    place = serializers.CharField(allow_null=True)
    date = serializers.DateField(allow_null=True)


class SectionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


# The article's section as a v2 field: its parent page, as a Wagtail project would write it.
ArticlePage.section = property(lambda article: article.get_parent())  # type: ignore[attr-defined]
ArticlePage.api_fields = [
    APIField("kicker"),
    APIField("subtitle"),
    APIField("bylines", serializer=CreditSerializer(many=True)),
    APIField("dateline", serializer=DatelineSerializer(allow_null=True)),
    APIField("section", serializer=SectionSerializer()),
]

wagtail_api_v2 = WagtailAPIRouter("wagtailapi_v2")
wagtail_api_v2.register_endpoint("pages", PagesAPIViewSet)

# The project's own handler for rejected requests (JSON under /api/), as under cms.urls.
handler400 = "newsroom.api.errors.bad_request"

urlpatterns = [
    path("api/v2/", wagtail_api_v2.urls),
    path("api/v3/", wagtail_api_v3.urls),
    path("", include("cms.urls")),
]
