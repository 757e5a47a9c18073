"""Swedish language: alphabetical order, phone numbers, personnummer, the words on pages."""
