"""Every component id of the dashboard, once, as a constant (browser tests select on these)."""

# Page state
URL = "url"

# Header
TITLE = "title"
LANG = "lang-switch"
MEETING_COUNT = "meeting-count"

# Filters (sidebar)
TOPICS = "filter-topics"
OFFICIALS = "filter-officials"
SIDE = "filter-side"
TYPES = "filter-types"
STATUS = "filter-status"
OUTLETS = "filter-outlets"
DATES = "filter-dates"
CLEAR = "filter-clear"

# Export controls
EXPORT_PNG = "export-png"
EXPORT_CSV = "export-csv"
EXPORT_JSON = "export-json"
DOWNLOAD_PNG = "download-png"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_JSON = "download-json"

# Views
TIMELINE = "timeline"
UNDATED = "undated-meetings"
EMPTY_STATE = "empty-state"
MONTHLY = "monthly-chart"
MATRIX = "who-met-whom"
DETAIL = "meeting-detail"
ARTICLE = "article-panel"
ARTICLE_CLOSE = "article-close"
ERROR = "table-error"

# Translated static text: {"type": TEXT, "key": <i18n key>} on every label of the layout
TEXT = "i18n-text"

# Stores
FILTER_STATE = "filter-state"  # the filter part of the URL; figures redraw only when it changes
RING_STATE = "ring-state"  # the selected meeting; the ring around it moves only when it changes
LIST_STATE = "list-state"  # the view but the open article; the meeting list is rebuilt only when it changes
DETAIL_STATE = "detail-state"  # the language, or the whole view while a meeting is open
CHIPS_STATE = "chips-state"  # the filters but the topics, and the language; the chips' counts follow it
EXPORT_STATUS = "export-status"
TIMELINE_DATA = "timeline-data"  # the timeline without hover text, as the server sends it
HOVER_TEXT = "hover-text"  # every meeting's hover text by table row, sent once per language
MONTHLY_FIGURE = "monthly-figure"  # the monthly chart as the server sends it, drawn once on screen
MATRIX_FIGURE = "matrix-figure"  # who-met-whom as the server sends it, drawn once on screen
SMALL_SHOWN = "small-charts-shown"  # whether the two smaller charts are on screen (assets/page.js says)
SMALL_STATE = "small-charts-state"  # the charts' key the two smaller charts' figures were built for

# Added views and controls
TIMELINE_ZOOM = (
    "timeline-zoom"  # the store of the timeline's zoom events (not its resizes), apart from clicks
)
LEGEND = "topic-legend"
LEGEND_TOPIC = "legend-topic"  # pattern: {"type": LEGEND_TOPIC, "topic": <topic>}
RANGE_BUTTON = "range-button"  # pattern: {"type": RANGE_BUTTON, "span": "6m" | "1y" | "all"}
RANGE_NOTE = "range-note"
MEETING_LIST = "meeting-list"
LIST_DATA = "meeting-list-data"  # the rows the list shows, as the server sends them
LIST_BODY = "meeting-list-body"  # where assets/page.js draws the list from LIST_DATA
SIDE_NOTE = "side-note"
FILTERS_TOGGLE = "filters-toggle"
SIDEBAR = "sidebar"
EXPORT_SVG = "export-svg"
DOWNLOAD_SVG = "download-svg"
GRAPH_CONFIG = "timeline-config"  # the store that carries the chart's camera button to the page
