"""Message templates of rule files, checked at load: only a rule type's documented fields, plain.

`str.format` would run whatever a template asks: `{match:>100000000}` made a 100 MB line per
finding, `{match.__class__}` read attributes, `{nope}` stayed in every message unnoticed.
A template may name its type's fields as `{field}` and nothing else; `{{` and `}}` are braces.
"""

from __future__ import annotations

import string
from collections.abc import Set


def template_problem(template: str, fields: Set[str] | None) -> str | None:
    """Why `template` may not be used (one short phrase), or None. `fields` None: any plain name."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as error:
        return f"{error} (write {{{{ and }}}} for a literal brace)"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier():
            return f"'{{{name}}}' is not a field: use a name such as {{{sorted(fields)[0] if fields else 'match'}}}"
        if fields is not None and name not in fields:
            return f"unknown field '{{{name}}}'; this type gives {', '.join('{' + f + '}' for f in sorted(fields))}"
        if spec or conversion:
            return f"'{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}': no conversions or format specs, only '{{{name}}}'"
    return None
