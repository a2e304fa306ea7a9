"""The pages of the web app that belong to no domain app: the directory and the dashboards."""
