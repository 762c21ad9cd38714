# Corridor Atlas in one container: the dashboard on port 8501, its data baked in, no network
# needed at run time (Leaflet is served from static/vendor/, usage statistics are off).
#
#   docker build -t corridor-atlas .
#   docker run --rm -p 8501:8501 corridor-atlas
#
# See docs/deploy.md (another data folder, replicas behind a load balancer). The build needs the
# base image and PyPI, for the versions pinned in constraints.txt; nothing else is fetched.
FROM python:3.11.7-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

WORKDIR /app

# What `python3 tasks.py run` installs, with the same command: the package and its dependencies
# at the versions of constraints.txt. Editable, as there: the app imports geo from /app, and geo
# finds data/ and static/ beside itself.
COPY pyproject.toml constraints.txt README.md ./
COPY geo/ geo/
RUN python -m pip install --disable-pip-version-check -q --no-cache-dir -c constraints.txt -e .

# The app: screens, Streamlit glue, config, served static files (the map's Leaflet), the data,
# and the methodology that the Data page shows.
COPY dashboard.py ./
COPY ui/ ui/
COPY pages/ pages/
COPY .streamlit/ .streamlit/
COPY static/ static/
COPY data/ data/
COPY docs/methodology.md docs/

# Everything above belongs to root and is only read: the app runs as a user who cannot change it,
# except static/layers/, where it writes the map's layers and the timeline's rows once per data
# version (geo/publish.py).
RUN useradd --create-home --uid 10001 atlas \
    && mkdir -p static/layers && chown atlas:atlas static/layers
USER atlas

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
# Bound to every interface, Streamlit's start-up banner would look the machine's external IP up
# on the internet; without the banner nothing leaves the container.
CMD ["python", "-m", "streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501", "--logger.hideWelcomeMessage=true"]
