"""Stage 4, render: Jinja2 templates and Markdown turn plain data into bytes."""
