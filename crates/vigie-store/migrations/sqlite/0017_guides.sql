-- Guides of the knowledge library: every version an admin saved of one translation
-- (the shipped text is in the binary, never here). The latest version of a (slug, lang)
-- is what readers see; the older ones are its history.
CREATE TABLE guide_versions (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL,
    lang       TEXT    NOT NULL CHECK (lang IN ('fr', 'ar', 'en')),
    version    INTEGER NOT NULL,
    markdown   TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    edited_by  INTEGER NOT NULL REFERENCES users(id),
    edited_at  INTEGER NOT NULL,
    CONSTRAINT guide_versions_unique UNIQUE (slug, lang, version)
);
