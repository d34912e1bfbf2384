"""URL lines of the reader site that are not Wagtail pages; included before Wagtail's catch-all."""

from django.urls import path

from newsroom.feeds import ChannelFeed, SectionFeed
from newsroom.site import views
from newsroom.sitemaps import news_sitemap, pages_sitemap

urlpatterns = [
    path("feed/", ChannelFeed(), name="reader_feed"),
    path("feed/<str:section>/", SectionFeed(), name="reader_section_feed"),
    path("sitemap.xml", pages_sitemap, name="reader_sitemap"),
    path("news-sitemap.xml", news_sitemap, name="reader_news_sitemap"),
    path("robots.txt", views.robots_txt, name="reader_robots"),
    path("search/", views.search, name="reader_search"),
    path("tags/<str:tag>/", views.tag, name="reader_tag"),
    path("share/<int:article_id>.png", views.share_card, name="reader_share_card"),
]
