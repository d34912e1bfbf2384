"""Preview in the editor at the sizes readers use: the app and mobile site first, then desktop."""

PHONE_WIDTH = 375
DESKTOP_WIDTH = 1280


class NewsroomPreviewMixin:
    """Phone first (most readers come through the app), desktop second; no tablet size."""

    @property
    def preview_sizes(self) -> list[dict]:
        return [
            {"name": "mobile", "icon": "mobile-alt", "device_width": PHONE_WIDTH, "label": "手机尺寸预览"},
            {"name": "desktop", "icon": "desktop", "device_width": DESKTOP_WIDTH, "label": "电脑尺寸预览"},
        ]
