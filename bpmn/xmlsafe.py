"""Secure XML parsing for uploaded BPMN files.

Uploaded files come from anyone, so the parser is locked down: no entity
substitution, no DTD loading, no network, no XInclude processing, libxml2's
"huge tree" protections left on.  On top of that the input is rejected outright
when it

* is larger than :attr:`ReadLimits.max_bytes` (checked before reading a file),
* declares entities or an external DTD in a ``DOCTYPE`` (XXE, "billion laughs"),
* contains XInclude elements,
* nests elements deeper than :attr:`ReadLimits.max_depth`,
* is not well-formed XML.

Every rejection raises :class:`~bpmn.errors.UnreadableBpmn` with a rule id, the
line where known, and a German and English message.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from bpmn import namespaces as ns
from bpmn import native
from bpmn.errors import UnreadableBpmn
from procmodel.findings import Finding, Severity

#: libxml2 refuses deeper documents anyway unless XML_PARSE_HUGE is set, which we never do.
LIBXML2_MAX_DEPTH = 256


@dataclass(frozen=True)
class ReadLimits:
    """Limits applied to every input before and while parsing it.

    ``max_bytes`` is the largest input accepted (default 20 MB, the
    ``MAX_UPLOAD_BYTES`` setting); ``max_depth`` the deepest element nesting
    (default 256, the ``MAX_XML_DEPTH`` setting; libxml2 never accepts more than 256).
    """

    max_bytes: int = 20 * 1024 * 1024
    max_depth: int = LIBXML2_MAX_DEPTH

    @classmethod
    def from_settings(cls, settings: dict[str, object]) -> ReadLimits:
        """Limits from the ``MAX_UPLOAD_BYTES`` and ``MAX_XML_DEPTH`` settings."""
        return cls(
            max_bytes=int(settings.get("MAX_UPLOAD_BYTES", cls.max_bytes)),  # type: ignore[arg-type]
            max_depth=int(settings.get("MAX_XML_DEPTH", cls.max_depth)),  # type: ignore[arg-type]
        )


DEFAULT_LIMITS = ReadLimits()


def _parser(*, recover: bool = False) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        # Blank text is kept: remove_blank_text would parse ~10 % faster, but it also
        # drops the space between inline elements of mixed content ("<b>Antrag</b>
        # <i>prüfen</i>" in a documentation) and the text nodes through which lxml
        # finds source lines beyond 65,535.  (Nor collect_ids=False: with it the
        # parser tried to fetch an external DTD.)
        recover=recover,
    )


_local = threading.local()


def _strict_parser() -> etree.XMLParser:
    """The strict parser of this thread (a parser must not be shared between threads;
    reusing one saves setting it up for every file)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = _parser()
    return parser


_XML_DECLARATION_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


def load_source(
    source: bytes | str | os.PathLike[str],
    filename: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> tuple[bytes, str | None]:
    """The raw bytes of ``source`` and the file name to use in messages.

    ``source`` is the file's bytes, a path, or (a ``str`` starting with ``<``) XML
    text.  The size limit is checked before a file is read.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str) and source.lstrip().startswith("<"):
        # XML given as text: re-encode as UTF-8 and make the declaration say so.
        data = _XML_DECLARATION_ENCODING.sub(r"\1\2utf-8\2", source, count=1).encode("utf-8")
    else:
        path = Path(source)
        filename = filename or str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise _file_unreadable(exc, filename) from exc
        _check_size(size, filename, limits)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _file_unreadable(exc, filename) from exc
    _check_size(len(data), filename, limits)
    return data, filename


def _file_unreadable(exc: OSError, filename: str) -> UnreadableBpmn:
    return UnreadableBpmn.make(
        "file-unreadable",
        f"Die Datei kann nicht gelesen werden: {exc.strerror or exc}.",
        f"The file cannot be read: {exc.strerror or exc}.",
        file=filename,
    )


def _check_size(size: int, filename: str | None, limits: ReadLimits) -> None:
    if size > limits.max_bytes:
        raise UnreadableBpmn.make(
            "too-large",
            f"Die Datei ist mit {size:,} Bytes größer als die erlaubten "
            f"{limits.max_bytes:,} Bytes (Einstellung MAX_UPLOAD_BYTES).".replace(",", "."),
            f"The file has {size:,} bytes, more than the {limits.max_bytes:,} bytes allowed "
            "(setting MAX_UPLOAD_BYTES).",
            file=filename,
        )


def parse_xml(
    data: bytes, filename: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[etree._Element, list[Finding]]:
    """Parse ``data`` securely; return the root element and warnings about the XML.

    Raises :class:`UnreadableBpmn` for anything hostile or malformed.
    """
    _check_size(len(data), filename, limits)
    warnings: list[Finding] = []
    parser = _strict_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        # The exception's own error_log is thread-global and may hold messages of
        # earlier parses; the parser's log holds this document's only.
        errors = list(parser.error_log)
        if not errors or any(e.type_name != "WAR_NS_URI" for e in errors):
            not_xml = _not_xml(data, filename)
            if not_xml is not None:
                raise not_xml from exc
        root = _recover_namespace_warnings(data, exc, errors, filename, warnings)
    except ValueError as exc:  # e.g. an unknown encoding in the XML declaration
        raise UnreadableBpmn.make(
            "xml-malformed",
            f"Die Datei ist kein lesbares XML: {exc}.",
            f"The file is not readable XML: {exc}.",
            file=filename,
        ) from exc
    if root is None:
        raise _malformed(filename, None, "empty document")
    _check_doctype(root, filename)
    if _may_contain_xinclude(data, root):
        _check_xinclude(root, filename)
    _check_depth(root, filename, limits)
    return root, warnings


def _recover_namespace_warnings(
    data: bytes,
    exc: etree.XMLSyntaxError,
    errors: list[etree._LogEntry],
    filename: str | None,
    warnings: list[Finding],
) -> etree._Element:
    """Accept files whose only fault is a namespace URI libxml2 dislikes.

    Some tools (IBM Process Designer) declare namespace URIs with spaces; that is
    well-formed XML 1.0, libxml2 merely warns, but lxml turns the warning into an
    error.  Only then is the file parsed again in recovery mode, and only if that
    second parse reports nothing but the same warnings.
    """
    if not errors or any(e.type_name != "WAR_NS_URI" for e in errors):
        raise _syntax_error(exc, errors, filename) from exc
    parser = _parser(recover=True)
    root = etree.fromstring(data, parser)
    if root is None or any(e.type_name != "WAR_NS_URI" for e in parser.error_log):
        raise _syntax_error(exc, list(parser.error_log), filename) from exc
    for error in errors:
        warnings.append(
            Finding(
                severity=Severity.WARNING,
                rule="xml-namespace-uri",
                message_de=f"Ungültige Namensraum-URI (z. B. mit Leerzeichen): {error.message}",
                message_en=f"Invalid namespace URI (e.g. containing spaces): {error.message}",
                file=filename,
                line=error.line or None,
            )
        )
    return root


def _syntax_error(
    exc: etree.XMLSyntaxError, errors: list[etree._LogEntry], filename: str | None
) -> UnreadableBpmn:
    # The first fatal error is the cause; warnings before it are noise.
    fatal = [e for e in errors if e.level_name in ("FATAL", "ERROR")]
    first = fatal[0] if fatal else (errors[0] if errors else None)
    line = (first.line if first else None) or getattr(exc, "lineno", None) or None
    text = first.message if first else str(exc)
    if first is not None and first.type_name == "ERR_INVALID_ENCODING":
        return UnreadableBpmn.make(
            "xml-encoding",
            "Die Datei enthält Bytes, die nicht zur angegebenen Zeichenkodierung passen "
            "(z. B. Latin-1-Umlaute in einer als UTF-8 deklarierten Datei). Bitte die Datei "
            f"in der deklarierten Kodierung speichern. ({text})",
            "The file contains bytes that do not match its declared character encoding "
            "(e.g. Latin-1 umlauts in a file declared as UTF-8). Save the file in the "
            f"declared encoding. ({text})",
            file=filename,
            line=line,
        )
    if "Excessive depth" in text:
        return _too_deep(filename, line, LIBXML2_MAX_DEPTH)
    if (first is not None and "ENTITY" in first.type_name) or "entity" in text.lower():
        return _entity_error(filename, line)
    return _malformed(filename, line, text)


#: File signatures of what people upload by mistake instead of BPMN.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"\x89PNG", "ein Bild (PNG)", "an image (PNG)"),
    (b"\xff\xd8\xff", "ein Bild (JPEG)", "an image (JPEG)"),
    (b"GIF8", "ein Bild (GIF)", "an image (GIF)"),
    (b"%PDF", "ein PDF-Dokument", "a PDF document"),
    (b"PK\x03\x04", "ein ZIP-Archiv (z. B. ein Office-Dokument oder ein gepacktes Modell)",
     "a ZIP archive (e.g. an Office document or a packed model)"),
    (b"\xd0\xcf\x11\xe0", "ein altes Office-Dokument (z. B. .doc, .xls, .vsd)",
     "a legacy Office document (e.g. .doc, .xls, .vsd)"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _not_xml(data: bytes, filename: str | None) -> UnreadableBpmn | None:
    """A plain-words refusal for input that is not XML at all (an image, a PDF, text).

    Only called after the parser has failed, so it costs nothing for good files.
    """
    head = data[:1024]
    kind = next(((de, en) for magic, de, en in _SIGNATURES if head.startswith(magic)), None)
    if kind is None and not head.startswith(_BOMS) and not head.startswith((b"<\0", b"\0<")):
        if b"\0" in head:
            kind = ("Binärdaten (z. B. ein Bild oder ein Programm)",
                    "binary data (e.g. an image or a program)")
        elif head.strip() and not head.lstrip().startswith(b"<"):
            kind = ("Text, der nicht mit „<“ beginnt", "text that does not start with '<'")
    if kind is None:
        return None
    return UnreadableBpmn.make(
        "xml-malformed",
        f"Die Datei ist keine XML-/BPMN-Datei, sondern {kind[0]}. Bitte die BPMN-2.0-Datei aus dem "
        "Modellierungswerkzeug exportieren (Endung .bpmn oder .xml).",
        f"The file is not an XML/BPMN file but {kind[1]}. Please export the BPMN 2.0 file from "
        "the modelling tool (extension .bpmn or .xml).",
        file=filename,
        line=1,
    )


def _malformed(filename: str | None, line: int | None, detail: str) -> UnreadableBpmn:
    return UnreadableBpmn.make(
        "xml-malformed",
        f"Die Datei ist kein wohlgeformtes XML: {detail}",
        f"The file is not well-formed XML: {detail}",
        file=filename,
        line=line,
    )


def _entity_error(filename: str | None, line: int | None) -> UnreadableBpmn:
    return UnreadableBpmn.make(
        "xml-entity",
        "Die Datei deklariert XML-Entitäten (DOCTYPE mit ENTITY). Das wird aus "
        "Sicherheitsgründen abgelehnt (XXE, Entity-Expansion); BPMN-Dateien brauchen keine.",
        "The file declares XML entities (DOCTYPE with ENTITY). This is refused for security "
        "reasons (XXE, entity expansion); BPMN files never need them.",
        file=filename,
        line=line,
    )


def _too_deep(filename: str | None, line: int | None, limit: int) -> UnreadableBpmn:
    return UnreadableBpmn.make(
        "too-deep",
        f"Die Elemente der Datei sind tiefer als {limit} Ebenen verschachtelt "
        "(Einstellung MAX_XML_DEPTH).",
        f"The file nests elements deeper than {limit} levels (setting MAX_XML_DEPTH).",
        file=filename,
        line=line,
    )


def _check_doctype(root: etree._Element, filename: str | None) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.system_url or docinfo.public_id:
        raise UnreadableBpmn.make(
            "xml-external-dtd",
            "Die Datei verweist auf eine externe DTD "
            f"({docinfo.system_url or docinfo.public_id}). Das wird aus Sicherheitsgründen "
            "abgelehnt; die DTD wurde nicht geladen.",
            "The file refers to an external DTD "
            f"({docinfo.system_url or docinfo.public_id}). This is refused for security "
            "reasons; the DTD was not loaded.",
            file=filename,
            line=1,
        )
    dtd = docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or dtd.system_url):
        raise _entity_error(filename, 1)


def _may_contain_xinclude(data: bytes, root: etree._Element) -> bool:
    """False only when the file cannot contain XInclude elements.

    Cheap pre-check so that the tree walk runs only when needed.  The compiled reader
    looks at the namespace declarations of the parsed tree (an element can only be in
    a declared namespace); without it, an ASCII-compatible file without the word
    "XInclude" and without character references (which could spell it) cannot
    contain XInclude elements.
    """
    compiled = native.module
    if compiled is not None:
        return compiled.declares_namespace(root, _XINCLUDE_URIS)  # type: ignore[no-any-return]
    head = data[:4]
    ascii_compatible = head[:1] in (b"<", b" ", b"\n", b"\r", b"\t") or head[:3] == b"\xef\xbb\xbf"
    if not ascii_compatible:
        return True
    # A single-byte search runs at memory speed; the two-byte one costs ten times more,
    # so it only runs when there is an "&" at all.
    return b"XInclude" in data or (b"&" in data and b"&#" in data)


_XINCLUDE_URIS = tuple(uri.encode() for uri in ns.XINCLUDE)
_XINCLUDE_TAGS = tuple(f"{{{uri}}}*" for uri in ns.XINCLUDE)


def _check_xinclude(root: etree._Element, filename: str | None) -> None:
    for element in root.iter(*_XINCLUDE_TAGS):
        raise UnreadableBpmn.make(
            "xml-xinclude",
            "Die Datei enthält XInclude-Anweisungen. Sie werden aus Sicherheitsgründen "
            "nicht ausgeführt; die Datei wird abgelehnt.",
            "The file contains XInclude directives. They are never processed for "
            "security reasons; the file is refused.",
            file=filename,
            line=element.sourceline,
        )


def _check_depth(root: etree._Element, filename: str | None, limits: ReadLimits) -> None:
    if limits.max_depth >= LIBXML2_MAX_DEPTH:
        return  # libxml2 has enforced its own limit of 256 while parsing
    # An XPath step per level runs in C and stops at the first too-deep element.
    too_deep = root.xpath("/*" + "/*" * limits.max_depth)
    if too_deep:
        raise _too_deep(filename, too_deep[0].sourceline, limits.max_depth)
