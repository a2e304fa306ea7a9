"""Reads behind the dashboards: a cluster's year and the whole sector's, scoped to the user."""
