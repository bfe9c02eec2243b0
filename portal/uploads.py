"""Files people upload: checked by their content (never their name), stored outside static/ under random names.

Served only through views that check who may see them (send_upload()).
"""
from __future__ import annotations

import secrets
from io import BytesIO
from pathlib import Path

from flask import abort, current_app, send_file
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
MAX_IMAGE_SIDE = 1600
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs


class UploadError(ValueError):
    """`code` says what is wrong: too_large, not_image, not_pdf, empty."""

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
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
