"""Every component id of edit mode, once, as a constant (kept apart from ids.py: edit mode is optional)."""

PANEL = "edit-panel"  # the edit controls, below the meeting's details
HISTORY = "edit-history"  # the selected meeting's corrections, with a badge
NOTICES = "edit-notices"  # orphaned and malformed corrections
STATUS = "edit-status"  # what the last action did, or why it was refused (aria-live)
RELOAD = "edit-reload"  # a Location that reloads the page once the table has changed
TEXT = "edit-text"  # a label of the panel in the page's language: {type: TEXT, key, at}
WRITING_AS = "edit-writing-as"

REJECT_REASON = "edit-reject-reason"
REJECT = "edit-reject"
START = "edit-start"
END = "edit-end"
TYPE = "edit-type"
STATUS_CHOICE = "edit-status-choice"
PLACE = "edit-place"
ADD_PEOPLE = "edit-add-people"
REMOVE_PEOPLE = "edit-remove-people"
TOPICS = "edit-topics"
NOTE = "edit-note"
SAVE = "edit-save"
MERGE_WITH = "edit-merge-with"
MERGE = "edit-merge"

NEW_START = "edit-new-start"
NEW_END = "edit-new-end"
NEW_TYPE = "edit-new-type"
NEW_PLACE = "edit-new-place"
NEW_PEOPLE = "edit-new-people"
NEW_TOPICS = "edit-new-topics"
NEW_URL = "edit-new-url"
NEW_TITLE = "edit-new-title"
NEW_NOTE = "edit-new-note"
ADD = "edit-add"

UNDO = "edit-undo"
CORRECTED_ONLY = "edit-corrected-only"
