"""Strategic axes (content/axes/*.md), their projects (data/projects.yml) and the link
both ways between projects and the findings they answer.

Settings: AXES_PATH, AXIS_URL / AXIS_SAVE_AS ({id}), UNANSWERED_URL / UNANSWERED_SAVE_AS,
ROADMAP_URL / ROADMAP_SAVE_AS (the roadmap, roadmap.py), PUBLIC_SITEURL and OPEN_DATA_LICENCE.
Context: AXES, AXES_BY_ID, PROJECTS, PROJECT_PRIORITIES, UNANSWERED_FINDINGS; each finding's
extra["projects"]; the datasets « axes » and « projets » in OPEN_DATA (open_data.py).
"""

from pelican import signals
from pelican.contents import Page

from core.plugin_order import require_plugins
from core.plugin_settings import declare_settings
from core.problems import ProblemError
from plugins.findings.hooks import findings_ready
from plugins.site_data import DataFile, register_data_file
from plugins.strict_content import allow_metadata

from .axes import check_axis_id, check_order, setup_axis_page
from .context import build_strategy
from .generators import UnansweredGenerator
from .projects import PROJECTS_SCHEMA, check_projects
from .roadmap import RoadmapGenerator
from .settings import SETTINGS


def setup_page(content):
    if isinstance(content, Page):
        problems = setup_axis_page(content, content.settings)
        if problems:
            raise ProblemError(*problems)


def get_generators(pelican_obj):
    return [UnansweredGenerator, RoadmapGenerator]


def publish_open_data(generators):
    """With the findings' dataset (all_generators_finalized), before /donnees/ is written."""
    for generator in generators:
        if isinstance(generator, RoadmapGenerator):
            generator.prepare()


def register():
    declare_settings(*SETTINGS)
    require_plugins(__name__, needs=("plugins.site_data", "plugins.strict_content", "plugins.findings"))
    register_data_file(DataFile("projects", PROJECTS_SCHEMA, check=check_projects))
    allow_metadata("id", check=check_axis_id)
    allow_metadata("order", check=check_order)
    allow_metadata("ambition")
    signals.content_object_init.connect(setup_page)
    findings_ready.connect(build_strategy)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(publish_open_data)
