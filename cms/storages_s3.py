"""Renditions in the S3-compatible bucket (production with AWS_STORAGE_BUCKET_NAME): hashed names, as on disk.

Apart from cms/storages.py so that only a server using a bucket imports boto3 (requirements/production.txt).
"""

from storages.backends.s3 import S3Storage

from cms.storages import ContentHashedNamesMixin


class RenditionS3Storage(ContentHashedNamesMixin, S3Storage):
    """Renditions under `images/` in the bucket; a rendition's name is its content, so it may overwrite."""
