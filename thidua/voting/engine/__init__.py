"""The vote's pure computation: the shape of its ballot and its result under a threshold rule.
No Django import (the import contract keeps it so)."""
