"""The project's number formats by language (settings.FORMAT_MODULE_PATH), over Django's own.

Django's Vietnamese formats name the separators but no grouping, so thousands would never be
grouped; these files set the three values the number formatter (``thidua.core.numbers``) reads,
for both languages, so a reader sees 1.722 and 7,5 in Vietnamese, 1,722 and 7.5 in English."""
