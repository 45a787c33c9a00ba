"""What every part of the site engine shares: problems and their French messages (problems),
the build's today (build_clock), open-data registration (open_data), the engine's technical
settings (engine_settings) and the loading of settings files (settings_files).

Plugins (plugins/), the strict build (site_build/) and the tasks (publishing/) import from here;
nothing here imports from them.
"""
