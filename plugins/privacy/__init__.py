"""Privacy: residents' personal data never goes online, whatever path it takes.

- personal_data.py: the one detector of personal data in a text (phones, e-mails, postal
  addresses, web addresses with a query string, a known author's name) and `scrub`, which
  replaces what it finds by « [retiré] » in the excerpts the feedback import keeps.
- people_files.py: the one test of a file about people (spreadsheet, mailbox, message, address
  book, archive); strict_content refuses them under content/ (unless PUBLIC_FILES lists them),
  publishing/repository_files.py in the rest of the repository.
"""
