"""Where photo renditions are stored: under names that carry a hash of their bytes.

Wagtail names a rendition after its original (`photo.width-960.jpg`), and an original's name is
free again once that image is deleted or its file replaced: a later upload of another `photo.jpg`
would get the very same rendition addresses. A hash of the content in the name makes an address
mean one set of bytes for good, so nginx, a bucket or a CDN may tell browsers to keep renditions
for a year (deploy/nginx/, docs/operations.md). `WAGTAILIMAGES_RENDITION_STORAGE` points here.
"""

import hashlib
import posixpath

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage

# 12 hex digits: 48 bits, no collision to fear among one channel's renditions.
HASH_LENGTH = 12


def content_hash(content: File) -> str:
    digest = hashlib.sha256()
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()[:HASH_LENGTH]


class ContentHashedNamesMixin:
    """A storage mixin: `images/photo.width-960.jpg` is saved as `images/photo.width-960.<hash>.jpg`."""

    def save(self, name: str | None, content: File, max_length: int | None = None) -> str:
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        root, extension = posixpath.splitext(name)
        return super().save(f"{root}.{content_hash(content)}{extension}", content, max_length=max_length)


class RenditionFileSystemStorage(ContentHashedNamesMixin, FileSystemStorage):
    """Renditions in MEDIA_ROOT (`images/`), beside the originals (`original_images/`)."""
