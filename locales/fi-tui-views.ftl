# wsdissect's Finnish messages of the terminal UI's teaching views (keys 1-9:
# titles and explanations). Every id here must exist in the other language's
# file of this area (tests/i18n.rs). Terms: docs/glossary.md.
