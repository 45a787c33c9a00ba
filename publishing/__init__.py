"""Publishing logic, plain Python that tasks.py calls (testable without invoke).

- scaffold.py: `invoke new`, a new news post, diagnostic article or axis page from a French title;
- check.py: `invoke check`, the strict build plus internal links, anchors and image alt texts;
- gate.py: `invoke publish` / `gh-pages`, the gated publication to the gh-pages branch;
- devserver.py: `invoke livereload` / `regenerate`, fast strict rebuilds with Pelican's content cache.

Every message is in French and names the file (and line) to fix.
"""
