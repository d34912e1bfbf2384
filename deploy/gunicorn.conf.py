"""gunicorn settings for the CMS in production: `gunicorn -c deploy/gunicorn.conf.py`.

The environment (deploy/qingdao-cms.env.example) gives the Django settings; these variables tune
the server: GUNICORN_BIND (127.0.0.1:8000), WEB_CONCURRENCY (workers: twice the cores, plus one),
GUNICORN_TIMEOUT (30 s). Figures behind the choices: docs/benchmarks.md and docs/operations.md.
"""

import os
from pathlib import Path

# Production settings unless told otherwise: cms/wsgi.py alone would pick the development ones.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

# The project folder, whatever directory gunicorn is started from.
chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "cms.wsgi:application"

# Only nginx talks to gunicorn (deploy/nginx/): it terminates TLS and says so in X-Forwarded-Proto.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# The app is loaded and warmed (cms/warmup.py) once in the master, then forked: a worker answers
# its first request as fast as its hundredth, and a restarted one is ready at once. A code upgrade
# therefore needs a restart; a HUP only replaces the workers with copies of the old code.
preload_app = True

# Sync workers: nginx buffers slow clients, and rendering is CPU-bound (docs/benchmarks.md).
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a stop or restart, requests in progress get this long to finish.
graceful_timeout = 20
# Workers are replaced now and then, so a slow leak never grows; the jitter keeps them from all
# restarting at once. Being forked from the warm master, a new worker costs no slow request.
max_requests = 2000
max_requests_jitter = 200

# gunicorn's pure-Python HTTP parser (its C one, gunicorn[fast], is not installed): said here, so no
# worker looks for the C parser on its first request.
http_parser = "python"

# Both logs to stdout/stderr: the journal under systemd (journalctl -u qingdao-cms).
accesslog = "-"
errorlog = "-"
# The client's address as nginx saw it, and the time each request took (microseconds).
access_log_format = '%({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(D)sus "%(a)s"'
proc_name = "qingdao-cms"
# systemd manages the server (restart, stop); no control socket left in the service user's home.
control_socket_disable = True
