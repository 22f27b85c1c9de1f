-- Guides of the knowledge library: every version an admin saved of one translation
-- (the shipped text is in the binary, never here). The latest version of a (slug, lang)
-- is what readers see; the older ones are its history.
CREATE TABLE guide_versions (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT    NOT NULL,
    lang       TEXT    NOT NULL CHECK (lang IN ('fr', 'ar', 'en')),
    version    BIGINT  NOT NULL,
    markdown   TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    edited_by  BIGINT  NOT NULL REFERENCES users(id),
    edited_at  BIGINT  NOT NULL,
    CONSTRAINT guide_versions_unique UNIQUE (slug, lang, version)
);
