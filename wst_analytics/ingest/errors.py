"""The one exception for a file that is rejected whole, with the reason an analyst reads."""


class FileRejected(Exception):
    """The file cannot be loaded at all: unreadable, unparseable, or missing a required column.

    `rule` is a short stable id (`file_name`, `encoding`, `csv_syntax`, `missing_column`, ...);
    the message is plain English and names what to fix.
    """

    def __init__(self, rule: str, message: str, *, column: str | None = None):
        super().__init__(message)
        self.rule = rule
        self.column = column
