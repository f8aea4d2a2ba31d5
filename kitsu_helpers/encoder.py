"""gazu's JSON encoder (`gazu.encoder`): dates and datetimes become ISO strings in every JSON body sent."""

from __future__ import annotations

import datetime
import json
from typing import Any


class CustomJSONEncoder(json.JSONEncoder):
    """A JSON encoder that writes `date` and `datetime` values with `isoformat()`."""

    def default(self, obj: Any) -> Any:
        if isinstance(obj, datetime.date):  # datetime is a date too
            return obj.isoformat()
        return super().default(obj)


def dumps(value: Any) -> bytes:
    """Return value as the compact UTF-8 JSON body the client sends (NaN refused, as httpx does)."""
    return json.dumps(value, cls=CustomJSONEncoder, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
