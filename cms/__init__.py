"""The Django project of the Qingdao channel CMS: settings, URLs, WSGI."""
