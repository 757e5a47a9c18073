"""PyYAML's parser messages, said in Swedish: every message its pure-Python scanner and
parser can raise (tests/test_load_yaml.py reads them from PyYAML's source and fails on any
that has no entry here). A message that still has no entry gets a plain Swedish sentence,
never the English text.
"""

from __future__ import annotations

import ast
import re

# The tokens PyYAML names in "but found …", said as a staff member sees them in the file.
_TOKENS = {
    "<scalar>": "ett värde",
    "<block mapping start>": "en ny nyckel",
    "<block sequence start>": "en ny lista",
    "<block end>": "slutet på ett indrag",
    "<stream end>": "filens slut",
    "<stream start>": "filens början",
    "<document start>": "en rad med ---",
    "<document end>": "en rad med ...",
    "<directive>": "en rad som börjar med %",
    "<alias>": "ett alias (*)",
    "<anchor>": "ett ankare (&)",
    "<tag>": "en tagg (!)",
    "?": "en ny nyckel",  # PyYAML's key token, also for keys written without ?
}
_CHARACTERS = {"\0": "filens slut", "\n": "ett radslut", "\r": "ett radslut", " ": "ett mellanslag",
               "\t": "ett tabbtecken"}

_TAG = "en tagg (det som börjar med !) är felskriven; ta bort taggen eller sätt citattecken runt texten"
_DIRECTIVE = "en rad som börjar med % är inget giltigt direktiv; ta bort raden (filerna behöver inga direktiv)"
_BLOCK_HEADER = "efter | eller > får bara stå + eller - och en siffra 1–9; börja själva texten på nästa rad"

# (pattern on "context: problem", Swedish); the first match wins. {found} is what PyYAML found.
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"found character (?P<found>.+) that cannot start any token",
     "{found} får inte inleda ett värde (t.ex. @ eller `); sätt citattecken runt texten"),
    (r"could not find expected ':'", "ett kolon saknas efter en nyckel, eller ett citattecken är inte avslutat"),
    (r"sequence entries are not allowed here",
     "ett bindestreck (-) som inleder en listrad står där en lista inte får börja; börja listan på en egen rad med indrag"),
    (r"mapping keys are not allowed here",
     "ett frågetecken (?) följt av mellanslag står där en nyckel inte får börja; sätt citattecken runt texten"),
    (r"mapping values are not allowed here",
     "ett kolon står där det inte får stå; sätt citattecken runt text som innehåller kolon, eller rätta indraget"),
    (r"while scanning an? (anchor|alias): expected alphabetic or numeric character",
     "ett ankare eller alias (& eller *) saknar namn; sätt citattecken runt text som börjar med & eller *"),
    (r"while scanning a directive: ", _DIRECTIVE),
    (r"while (scanning|parsing) a tag: ", _TAG),
    (r"expected indentation indicator in the range 1-9", "efter | eller > får indraget anges med en siffra 1–9, inte 0"),
    (r"expected chomping or indentation indicators", _BLOCK_HEADER),
    (r"while scanning a block scalar: expected a comment or a line break", _BLOCK_HEADER),
    (r"expected escape sequence of (?P<count>\d+) hexadecimal numbers",
     "en kod med \\x, \\u eller \\U i en text inom dubbla citattecken har för få tecken (det behövs {count})"),
    (r"found unknown escape character (?P<found>.+)",
     "ett okänt \\-tecken ({found}) i en text inom dubbla citattecken; skriv \\\\ för \\ eller använd enkla citattecken"),
    (r"found unexpected end of stream", "filen tar slut inuti en text inom citattecken; citattecknet är inte avslutat"),
    (r"found unexpected document separator",
     "en rad med --- står inuti en text inom citattecken; citattecknet är inte avslutat"),
    (r"expected '<document start>'", "efter en rad som börjar med % måste en rad med --- komma; ta bort raden med %"),
    (r"found incompatible YAML document", "filen säger att den följer en YAML-version som inte stöds; ta bort raden med %YAML"),
    (r"found duplicate YAML directive", "raden med %YAML står två gånger; ta bort raderna med %"),
    (r"duplicate tag handle", "samma %TAG står två gånger; ta bort raderna med %"),
    (r"found undefined tag handle", "en okänd tagg (det som börjar med !); ta bort taggen"),
    (r"expected the node content, but found (?P<found>.+)", "ett värde saknas före {found}"),
    (r"expected <block end>, but found (?P<found>.+)",
     "indraget stämmer inte med raderna ovanför ({found} står på fel indrag)"),
    (r"expected ',' or '\]', but got (?P<found>.+)",
     "en lista inom [ ] är inte avslutad med ], eller ett komma saknas (här står {found})"),
    (r"expected ',' or '\}', but got (?P<found>.+)",
     "en samling inom {{ }} är inte avslutad med }}, eller ett komma saknas (här står {found})"),
)
_COMPILED = tuple((re.compile(pattern), swedish) for pattern, swedish in _MESSAGES)
UNKNOWN = "YAML-tolken kan inte läsa vidare här; jämför raden med raderna ovanför"


def _found(shown: str) -> str:
    """PyYAML's repr of a character or token, in words."""
    try:
        value = ast.literal_eval(shown)
    except (ValueError, SyntaxError):
        value = shown
    text = str(value)
    if text in _TOKENS:
        return _TOKENS[text]
    if text in _CHARACTERS:
        return _CHARACTERS[text]
    if len(text) == 1 and text.isprintable():
        return f"tecknet {text}"
    return "ett osynligt tecken" if len(text) == 1 else "något oväntat"


def entry(context: str | None, problem: str | None) -> tuple[str, re.Match[str]] | None:
    """The table entry for one PyYAML error, or None when there is none."""
    said = f"{context}: {problem}" if context else str(problem or "")
    for pattern, swedish in _COMPILED:
        match = pattern.search(said)
        if match:
            return swedish, match
    return None


def in_swedish(context: str | None, problem: str | None) -> str:
    """One PyYAML error as a Swedish clause, with what it found put in words."""
    found = entry(context, problem)
    if found is None:
        return UNKNOWN
    swedish, match = found
    groups = match.groupdict()
    return swedish.format(found=_found(groups.get("found") or ""), count=groups.get("count") or "")
