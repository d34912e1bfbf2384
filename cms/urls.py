"""URL map: admin, API, feeds and sitemaps first; Wagtail serves every other path."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsroom import health
from newsroom.api.api import api, root_without_slash

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1", root_without_slash),
    path("api/v1/", api.urls),
    path("health/", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("health/scheduler", health.scheduler, name="health_scheduler"),
]

# Errors outside any view's own handling: JSON under /api/, a static Chinese page elsewhere;
# the database out of reach is a 503, not a 500 (newsroom/errors.py).
handler400 = "newsroom.errors.bad_request"
handler500 = "newsroom.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The reader site's feeds, sitemaps, search, tags and robots.txt, before Wagtail's catch-all.
urlpatterns += [path("", include("newsroom.site.urls"))]

urlpatterns += [path("", include(wagtail_urls))]
