# Vietnamese: a dot groups the thousands and a comma starts the decimals (1.722; 5,30).
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
