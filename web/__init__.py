"""The Flask web application (``create_app``)."""
