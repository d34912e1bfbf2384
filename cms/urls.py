"""URL map: admin, API, feeds and sitemaps first; Wagtail serves every other path."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsroom import health
from newsroom.api.api import api

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("health/scheduler", health.scheduler, name="health_scheduler"),
]

# A rejected request (a Host header outside ALLOWED_HOSTS…) gets JSON under /api/, Django's page elsewhere.
handler400 = "newsroom.api.errors.bad_request"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The reader site's feeds, sitemaps, search, tags and robots.txt, before Wagtail's catch-all.
urlpatterns += [path("", include("newsroom.site.urls"))]

urlpatterns += [path("", include(wagtail_urls))]
