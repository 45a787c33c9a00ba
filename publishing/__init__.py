"""Publishing logic, plain Python that tasks.py calls (testable without invoke).

- scaffold.py: `invoke new`, a new news post, diagnostic article or axis page from a French title;
- check.py: `invoke check`, the strict build plus internal links, anchors and image alt texts;
- gate.py: `invoke publish` / `gh-pages`, the gated publication to the gh-pages branch;
- devserver.py: `invoke livereload` / `regenerate`, fast strict rebuilds with Pelican's content cache.

Every message is in French and names the file (and line) to fix.
"""

import os as _os
import sys as _sys

# The plugins' shared modules (site_data.errors, findings.scan…) and site_build are used here too.
_ROOT = _os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))
for _path in (_ROOT, _os.path.join(_ROOT, "plugins")):
    if _path not in _sys.path:
        _sys.path.insert(0, _path)
