"""Files people upload: checked by their content (never their name), stored outside static/ under random names.

Served only through views that check who may see them (send_upload()).
"""
from __future__ import annotations

import hashlib
import secrets
import unicodedata
import zipfile
from io import BytesIO
from pathlib import Path

from flask import abort, current_app, send_file
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
MAX_IMAGE_SIDE = 1600
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs


class UploadError(ValueError):
    """`code` says what is wrong: too_large, not_image, not_pdf, empty; for documents also no_name, bad_name,
    not_allowed and mismatch."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def folder(area: str) -> Path:
    base = current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads"
    path = Path(base) / area
    path.mkdir(parents=True, exist_ok=True)
    return path


def _read(stream, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if not data:
        raise UploadError("empty")
    if len(data) > limit:
        raise UploadError("too_large")
    return data


def store_image(stream, area: str = "photos") -> tuple[str, int, int]:
    """Re-encode an uploaded photo as JPEG: turned upright, at most 1600 px, with no EXIF (no GPS, no camera)."""
    data = _read(stream, MAX_IMAGE_BYTES)
    try:
        with Image.open(BytesIO(data)) as probe:
            if probe.format not in IMAGE_FORMATS:
                raise UploadError("not_image")
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            clean = image.convert("RGB")  # drops the alpha channel and every metadata block
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise UploadError("not_image") from None
    name = f"{secrets.token_hex(16)}.jpg"
    clean.save(folder(area) / name, "JPEG", quality=85, optimize=True)
    return name, clean.width, clean.height


def store_pdf(stream, area: str = "documents") -> str:
    data = _read(stream, MAX_DOCUMENT_BYTES)
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise UploadError("not_pdf")
    name = f"{secrets.token_hex(16)}.pdf"
    (folder(area) / name).write_bytes(data)
    return name


def remove(area: str, name: str | None) -> None:
    if name:
        (folder(area) / Path(name).name).unlink(missing_ok=True)


def send_upload(area: str, name: str, *, mimetype: str, download_name: str | None = None):
    path = folder(area) / Path(name).name
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=mimetype, download_name=download_name, as_attachment=bool(download_name),
                         max_age=3600)
    # Only the browser of someone allowed may keep a copy: never a shared cache (an agreement is not public).
    response.cache_control.public = False
    response.cache_control.private = True
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# Documents attached to applications ------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = MAX_DOCUMENT_BYTES
MAX_FILENAME_LENGTH = 200
# Characters a file name may not hold: controls (C0 and C1), format characters (the right-to-left override that
# shows "exe.pdf" as "fdp.exe", other bidirectional marks, zero-width joiners), line and paragraph separators,
# surrogates and private use.
INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."
# The extensions accepted, each with the one type its content must have.
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "docx": OOXML + "wordprocessingml.document",
    "xlsx": OOXML + "spreadsheetml.sheet",
    "pptx": OOXML + "presentationml.presentation",
    "odt": ODF + "text",
    "ods": ODF + "spreadsheet",
}
_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_OOXML_PARTS = {"word/": DOCUMENT_TYPES["docx"], "xl/": DOCUMENT_TYPES["xlsx"], "ppt/": DOCUMENT_TYPES["pptx"]}


def clean_filename(name: str | None) -> str:
    """The name a person gave their file, kept for display only (the stored name is random).

    Refused (code bad_name) when it holds path characters or control characters, rather than silently
    changed: the person then knows which file we mean. At most 200 characters, keeping the extension.
    """
    name = (name or "").strip()
    if not name:
        raise UploadError("no_name")
    if "/" in name or "\\" in name or ".." in name or any(unicodedata.category(c) in INVISIBLE for c in name):
        raise UploadError("bad_name")
    if len(name) > MAX_FILENAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and len(extension) < 10:
            name = stem[:MAX_FILENAME_LENGTH - len(extension) - 1] + "." + extension
        else:
            name = name[:MAX_FILENAME_LENGTH]
    return name


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def _zip_type(data: bytes) -> str | None:
    """An office document by what the archive holds: OOXML's [Content_Types].xml and its main folder, or
    OpenDocument's first member `mimetype`. Only the archive's directory (and that tiny member) is read."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            if not members:
                return None
            first = members[0]
            if first.filename == "mimetype" and first.file_size < 200:
                declared = archive.read(first).decode("ascii", errors="replace").strip()
                return declared if declared in (DOCUMENT_TYPES["odt"], DOCUMENT_TYPES["ods"]) else None
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names:
                return None
            for folder_name, mimetype in _OOXML_PARTS.items():
                if any(n.startswith(folder_name) for n in names):
                    return mimetype
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    return None


def _image_type(data: bytes) -> str | None:
    """An image that Pillow recognises and can decode to the last pixel (a truncated file is refused)."""
    try:
        with Image.open(BytesIO(data)) as probe:
            mimetype = _IMAGE_TYPES.get(probe.format)
            if mimetype is None:
                return None
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return mimetype


def detect_type(data: bytes) -> str | None:
    """The type of a document by its content alone, among DOCUMENT_TYPES; None when it is none of them."""
    if data.startswith(b"%PDF-"):
        return DOCUMENT_TYPES["pdf"] if b"%%EOF" in data[-2048:] else None
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data)
    return _image_type(data)


# What each refusal of store_document says, beside the file's field.
DOCUMENT_MESSAGES = {
    "not_allowed": _l("Accepted files: PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG or WebP."),
    "mismatch": _l("The content of the file is not what its name says."),
    "too_large": _l("The file is larger than 15 MB."),
    "empty": _l("The file is empty."),
    "no_name": _l("The file has no name."),
    "bad_name": _l("The file name holds characters that are not allowed (slashes, control characters)."),
}


def store_document(stream, filename: str | None, area: str = "attachments") -> tuple[str, str, int, str]:
    """Check a document by its content, keep it under a random name; returns (stored name, type, size, SHA-256).

    Codes: no_name, bad_name, not_allowed (an extension we do not take), empty, too_large, mismatch (the
    content is not what the extension says). Images are kept as uploaded (the applicant's own document),
    after a full decode.
    """
    extension = extension_of(clean_filename(filename))
    expected = DOCUMENT_TYPES.get(extension)
    if expected is None:
        raise UploadError("not_allowed")
    data = _read(stream, MAX_ATTACHMENT_BYTES)
    if detect_type(data) != expected:
        raise UploadError("mismatch")
    name = f"{secrets.token_hex(16)}.{'jpg' if extension == 'jpeg' else extension}"
    (folder(area) / name).write_bytes(data)
    return name, expected, len(data), hashlib.sha256(data).hexdigest()
