"""PLUGINS is checked when the build starts: what each plugin needs is there, content_urls is last."""

from __future__ import annotations

from core.engine_settings import PLUGINS
from core.plugin_order import order_problems


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def test_the_engine_plugins_are_in_a_valid_order():
    assert order_problems(PLUGINS, "plugins.content_urls", last=True) == []
    assert order_problems(PLUGINS, "plugins.strategy", ("plugins.findings", "plugins.site_data")) == []


def test_a_missing_plugin_and_a_plugin_not_last_are_named():
    plugins = ["plugins.site_data", "plugins.content_urls", "plugins.strategy"]
    assert messages(order_problems(plugins, "plugins.strategy", ("plugins.site_data", "plugins.findings"))) == [
        "pelicanconf.py: réglage PLUGINS : l'extension « plugins.strategy » a besoin de l'extension "
        "« plugins.findings » : ajoutez-la à PLUGINS"]
    assert messages(order_problems(plugins, "plugins.content_urls", last=True)) == [
        "pelicanconf.py: réglage PLUGINS : l'extension « plugins.content_urls » doit être la dernière de PLUGINS"]
    assert order_problems(plugins, "plugins.timeline", ("plugins.site_data",)) == []  # not used: nothing to check


def test_a_build_with_plugins_out_of_order_fails_before_reading_anything(site):
    reordered = [name for name in PLUGINS if name != "plugins.content_urls"]
    reordered.insert(0, "plugins.content_urls")
    without_findings = [name for name in PLUGINS if name != "plugins.findings"]
    result = site.build(PLUGINS=reordered)
    assert messages(result.problems) == [
        "pelicanconf.py: réglage PLUGINS : l'extension « plugins.content_urls » doit être la dernière de PLUGINS"]
    result = site.build(PLUGINS=without_findings)
    assert messages(result.problems) == [
        "pelicanconf.py: réglage PLUGINS : l'extension « plugins.consultation » a besoin de l'extension "
        "« plugins.findings » : ajoutez-la à PLUGINS",
        "pelicanconf.py: réglage PLUGINS : l'extension « plugins.strategy » a besoin de l'extension "
        "« plugins.findings » : ajoutez-la à PLUGINS"]
    assert not site.output.exists()
