# wsdissect's Finnish messages of the terminal UI's frame: title bar, tab bar,
# packet list, hex pane, footer, help, filter bar, search and their errors.
# Every id here must exist in the other language's file of this area
# (tests/i18n.rs). Terms: docs/glossary.md.
