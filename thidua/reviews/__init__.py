"""Votes of confidence (Quy định 96-QĐ/TW): a board rates the persons holding posts on three
levels, by secret ballot through the voting app; the consequences follow from the rule book."""
