"""F3: an import killed in the middle (a deploy restarting the box, the OOM killer) leaves nothing partial.

The run is one transaction: killed after its first edition was written, the database holds exactly
what it held before, and the same command run again imports everything once.
"""

import os
import signal
import subprocess
from pathlib import Path

from bench.synthetic_edition import synthetic_edition
from tests.servers import MANAGE, database_of_its_own, environment, manage

COUNT_ARTICLES = "from newsroom.models import ArticlePage; print(ArticlePage.objects.count())"


def _articles(env: dict[str, str]) -> int:
    return int(manage(env, "shell", "--no-imports", "-c", COUNT_ARTICLES).strip())


def test_an_import_killed_midway_leaves_nothing_and_the_rerun_imports_everything_once(seeded_database, tmp_path: Path):
    folder = tmp_path / "editions"
    folder.mkdir()
    for day, seed in ((1, 11), (2, 12), (3, 13)):
        (folder / f"2020-12-0{day}.txt").write_text(synthetic_edition(60, seed=seed), encoding="utf-8")

    with database_of_its_own(tmp_path, copy_of=seeded_database) as database:
        env = {**environment(database, page_cache_url=""), "PYTHONUNBUFFERED": "1"}
        before = _articles(env)
        importer = subprocess.Popen(
            [*MANAGE, "import_edition", str(folder)],
            cwd=Path(MANAGE[1]).parent,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        # Its first report line: one edition is written, inside the run's transaction, two to go.
        first_report = importer.stdout.readline()
        assert "imported edition" in first_report, first_report
        os.kill(importer.pid, signal.SIGKILL)
        importer.wait(timeout=30)
        assert importer.returncode == -signal.SIGKILL

        assert _articles(env) == before

        printed = manage(env, "import_edition", str(folder))
        assert printed.count("imported edition") == 3
        assert _articles(env) == before + 180
        # Idempotent from there: once more changes nothing.
        again = manage(env, "import_edition", str(folder))
        assert again.count("0 created, 0 updated, 60 unchanged") == 3, again
        assert _articles(env) == before + 180
