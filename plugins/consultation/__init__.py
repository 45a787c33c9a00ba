"""Consultation: how residents react to the findings, and what the office received.

Feedback part (this package):
- feedback.py: the « Réagir à ce constat » link from FEEDBACK_BACKEND ("mailto" to
  CONTACT_EMAIL, or an https:// URL template with {id}, {title}, {url}); the templates get
  it as the Jinja global `feedback_href(finding_id, title, url)`;
- feedback_settings.py: FEEDBACK_BACKEND checked at start (French messages, build stops);
- feedback_import.py: `python3 manage.py import-feedback FICHIER…` (CSV, or mailbox exports read by
  mail_import.py: .mbox, .eml, folders) → data/feedback/*.yml;
- feedback_data.py: the schema of data/feedback/<finding-id>.yml (DATA["feedback"]): counts, and
  only the excerpts a person read and accepted (`relu: oui`);
- review.py: the git-ignored queue of the excerpts waiting for a reading (data/feedback/a-relire/,
  never read by the build), and `python3 manage.py review-feedback --apply`;
- review_terminal.py: `python3 manage.py review-feedback`, one excerpt at a time in the terminal;
- plugins/privacy/personal_data.py (not here): e-mails, phone numbers and names removed from excerpts.

Window and outcome part:
- window.py: consultation windows (phase `consultation:` in data/phases.yml, or an article's
  `Consultation_opens:` / `Consultation_closes:`), state « avant » / « ouverte » / « close »;
- outcomes.py: data/outcomes.yml, « Vous avez dit » / « Nous avons fait » per finding;
- enrich.py: on findings_ready, each finding gets window, state, link, count and outcome;
- generator.py: the page OUTCOMES_URL (/constats/reponses/).
"""

from pelican import signals

from core.plugin_order import require_plugins
from core.plugin_settings import declare_settings
from core.problems import abort_on
from plugins.findings.hooks import findings_ready
from plugins.site_data import DataFile, register_data_file
from plugins.strict_content import allow_metadata

from .enrich import enrich
from .feedback import finding_feedback, site_feedback_href
from .feedback_data import FEEDBACK_SCHEMA, check_feedback
from .feedback_settings import check_feedback_settings
from .generator import OutcomesGenerator
from .outcomes import OUTCOMES_SCHEMA, check_outcomes
from .settings import SETTINGS
from .window import CLOSES_KEY, OPENS_KEY, check_iso_date, phase_problems


def validate_settings(pelican_obj):
    abort_on(check_feedback_settings(pelican_obj.settings), "réglages invalides")


def add_consultation(generator):
    abort_on(phase_problems(generator.settings), "réglages invalides")
    enrich(generator, finding_feedback(generator.settings))


def get_generators(pelican_obj):
    return OutcomesGenerator


def add_template_globals(generator):
    generator.env.globals["feedback_href"] = site_feedback_href(generator.settings)


def register():
    declare_settings(*SETTINGS)
    require_plugins(__name__, needs=("plugins.site_data", "plugins.strict_content", "plugins.findings"))
    register_data_file(DataFile("feedback", FEEDBACK_SCHEMA, check=check_feedback,
                                directory=True, required=False))
    register_data_file(DataFile("outcomes", OUTCOMES_SCHEMA, check=check_outcomes, required=False))
    allow_metadata(OPENS_KEY, CLOSES_KEY, check=check_iso_date)
    signals.initialized.connect(validate_settings)
    signals.generator_init.connect(add_template_globals)
    findings_ready.connect(add_consultation)
    signals.get_generators.connect(get_generators)
