"""Static files in production: hashed names from collectstatic's manifest, checked before serving.

A missing or stale manifest is found once, at startup, by a deployment check (`manage.py check
--deploy`, and cms/wsgi.py before gunicorn serves), not by every page failing on it. Management
commands (migrate, import_edition) still run without it: they show no page. Should a file still be missing
from the manifest, its page links the file by its plain name rather than failing.
"""

import logging

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import HashedFilesMixin, ManifestFilesMixin, staticfiles_storage
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger("newsroom.staticfiles")
TAG = "newsroom_static"


class NewsroomStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url(self, name: str | None, force: bool = False) -> str:
        try:
            return super().url(name, force)
        except ValueError:
            # Unhashed, and not cached for long by a CDN: still better than a 500 for the page.
            logger.error("static file %r is not in the manifest: run `manage.py collectstatic`", name)
            return super(HashedFilesMixin, self).url(name)


def files_to_collect() -> set[str]:
    """Every static file the finders know (the project's, Wagtail's, ninja's…): what collectstatic copies."""
    found = set()
    for finder in finders.get_finders():
        for path, _storage in finder.list(["CVS", ".*", "*~"]):
            found.add(path.replace("\\", "/"))
    return found


@checks.register(TAG, deploy=True)
def manifest_is_complete(app_configs: object = None, **kwargs: object) -> list[checks.CheckMessage]:
    """With a manifest storage (production), every static file must be collected and hashed."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    hint = f"在部署时运行 `manage.py collectstatic --noinput`(STATIC_ROOT = {settings.STATIC_ROOT})。"
    manifest, _hash = staticfiles_storage.load_manifest()
    if not manifest:
        message = "静态文件清单(staticfiles.json)不存在:collectstatic 没有运行。"
        return [checks.Error(message, hint=hint, id="newsroom.E001")]
    missing = sorted(files_to_collect() - manifest.keys())
    if missing:
        shown = ", ".join(missing[:5]) + (f" 等 {len(missing)} 个" if len(missing) > 5 else "")
        return [checks.Error(f"静态文件清单已过期,缺少:{shown}。", hint=hint, id="newsroom.E002")]
    return []


def refuse_to_start_without_collected_files() -> None:
    """For the WSGI entry point: raise the check's errors, the way `manage.py check` prints them."""
    found = checks.run_checks(tags=[TAG], include_deployment_checks=True)
    errors = [error for error in found if error.is_serious()]
    if errors:
        raise ImproperlyConfigured("\n".join(f"{error.msg} {error.hint}" for error in errors))
