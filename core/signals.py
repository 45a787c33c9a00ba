"""The strict build's own signals, for plugins that work on the whole written site.

Pelican's `finalized` is sent even when problems were reported along the way; these are sent by
site_build, which knows whether the build is clean:
- `site_complete(settings)`: Pelican has written the whole site into settings["OUTPUT_PATH"] (the
  staging folder) without any problem, before it replaces the output; a receiver may add files
  there, or raise ProblemError to fail the build;
- `build_ended(settings, ok=…)`: the build is over, clean or not: stop what was started.
"""

from blinker import signal

site_complete = signal("lvas-site-complete")
build_ended = signal("lvas-build-ended")
