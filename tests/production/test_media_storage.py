"""Where uploads go: renditions named after their bytes (so nginx, a bucket or a CDN may keep them a
year), MEDIA_ROOT from the environment in production, and an S3-compatible bucket when one is named."""

import hashlib
import io
import os

import pytest
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image

from tests.servers import script_result

pytestmark = pytest.mark.django_db

# Production settings imported from scratch, as a server does; prints what the storages became.
STORAGES_SCRIPT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
renditions = storages["renditions"]
options = ("location", "bucket_name", "endpoint_url", "querystring_auth", "file_overwrite", "object_parameters")
described = {}
for name, storage in (("default", storages["default"]), ("renditions", renditions)):
    described[name] = {
        "class": type(storage).__module__ + "." + type(storage).__name__,
        "url": storage.url("images/zhanqiao.width-400.0123456789ab.jpg"),
    }
    for option in options:
        if hasattr(storage, option):
            described[name][option] = str(getattr(storage, option))
described["documents"] = settings.WAGTAILDOCS_SERVE_METHOD
print("RESULT" + json.dumps(described))
"""


def upload(name: str, colour: tuple[int, int, int]) -> Image:
    picture = io.BytesIO()
    Picture.new("RGB", (640, 480), colour).save(picture, "JPEG")
    return Image.objects.create(title=name, file=ImageFile(picture, name=name))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_a_rendition_is_named_after_the_hash_of_its_bytes(media_root):
    rendition = upload("zhanqiao.jpg", (30, 90, 160)).get_rendition("width-320")

    content = (media_root / rendition.file.name).read_bytes()
    assert rendition.file.name == f"images/zhanqiao.width-320.{hashlib.sha256(content).hexdigest()[:12]}.jpg"
    assert rendition.url == f"/media/{rendition.file.name}"


def test_a_new_photo_under_a_deleted_ones_name_never_gets_its_rendition_address(
    media_root, django_capture_on_commit_callbacks
):
    first = upload("photo.jpg", (200, 30, 30))
    first_address = first.get_rendition("width-320").url
    # Wagtail deletes the files once the deletion commits: the names are free again.
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()

    second = upload("photo.jpg", (30, 200, 30))

    assert second.file.name == "original_images/photo.jpg"
    # Without the hash the address would be the same, and a browser or a CDN keeping it a year
    # would go on showing the first photo.
    assert second.get_rendition("width-320").url != first_address


def production_storages(**environment: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "production-storage-test-" + "k" * 40,
        "ALLOWED_HOSTS": "news.example.cn",
        "DATABASE_URL": "sqlite:///unused.sqlite3",
        "PAGE_CACHE_URL": "redis://127.0.0.1:1/0",
        **environment,
    }
    return script_result(STORAGES_SCRIPT, env, timeout=120)


def test_production_keeps_uploads_in_the_media_root_it_is_given(tmp_path):
    storages = production_storages(MEDIA_ROOT=str(tmp_path / "media"))

    assert storages["default"]["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert storages["default"]["location"] == str(tmp_path / "media")
    assert storages["renditions"]["class"] == "cms.storages.RenditionFileSystemStorage"
    assert storages["renditions"]["location"] == str(tmp_path / "media")
    assert storages["renditions"]["url"] == "/media/images/zhanqiao.width-400.0123456789ab.jpg"
    # Documents go through Django, which applies their privacy.
    assert storages["documents"] == "serve_view"


def test_production_with_a_bucket_keeps_uploads_in_it(tmp_path):
    storages = production_storages(
        MEDIA_ROOT=str(tmp_path / "media"),
        AWS_STORAGE_BUCKET_NAME="qingdao-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.cn",
        AWS_S3_CUSTOM_DOMAIN="media.example.cn",
    )

    default, renditions = storages["default"], storages["renditions"]
    assert default["class"] == "storages.backends.s3.S3Storage"
    assert renditions["class"] == "cms.storages_s3.RenditionS3Storage"
    for storage in (default, renditions):
        assert storage["bucket_name"] == "qingdao-media"
        assert storage["endpoint_url"] == "https://s3.example.cn"
        # Plain addresses on the public name: a signed one would change at every render.
        assert storage["querystring_auth"] == "False"
        assert storage["url"] == "https://media.example.cn/images/zhanqiao.width-400.0123456789ab.jpg"
    # Two uploads named alike keep two files; a rendition's name is its content, kept a year.
    assert default["file_overwrite"] == "False"
    assert default["object_parameters"] == str({"CacheControl": "public, max-age=3600"})
    assert renditions["object_parameters"] == str({"CacheControl": "public, max-age=31536000, immutable"})
    assert storages["documents"] == "serve_view"
