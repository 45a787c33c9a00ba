"""The site's Pelican plugins, one package per capability (PLUGINS names them `plugins.<name>`)."""
