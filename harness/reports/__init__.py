"""Reports rendered from records: console tables, Markdown, JSON, plots, Prometheus metrics."""
