# wsdissect's English messages of the terminal UI's packet details tree
# (labels and explanations of each layer's fields). Every id here must exist
# in the other language's file of this area (tests/i18n.rs). Terms: docs/glossary.md.

## The tree's frame

tree-packet-missing = [Packet { $no } is not in the capture's packet records]
