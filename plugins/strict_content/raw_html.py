"""Markdown without raw HTML: `<script>`, `<iframe>` or `<b>` typed in a text is shown as text.

Communicators write Markdown, not HTML; a pasted tag would otherwise reach the page as
markup (a third-party player, a script, a broken layout). Python-Markdown passes raw HTML
through by two doors, both closed here: the block preprocessor (`html_block`, replaced by
`md_in_html` from `extra`, hence this extension must load after it) and the inline
pattern (`html`). Autolinks (`<https://…>`), entities and `{: .class }` attributes still work.
"""

from __future__ import annotations

from markdown import Extension


class NoRawHtmlExtension(Extension):
    def extendMarkdown(self, md):
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
