-- Clerkfolio schema: a HEIC photo's JPEG rendition, made once at import (a PDF cannot carry
-- HEVC): the SHA-256 of the vault file `<hash>.rendition.jpg` the packet, thumbnails and OCR
-- use; the original stays the evidence. Set for kind 'heic' only.
-- Append-only: never edit a migration that has shipped; add a new numbered file and list it in
-- store.rs.
ALTER TABLE evidence ADD COLUMN rendition_sha256 TEXT
    CHECK ((rendition_sha256 IS NOT NULL) = (kind = 'heic') AND (rendition_sha256 IS NULL OR length(rendition_sha256) = 64));
