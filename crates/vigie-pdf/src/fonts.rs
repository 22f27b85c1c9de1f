//! The embedded fonts and the choice of a font for each character.
//!
//! The fonts are compiled in so a PDF looks the same on every machine and needs no
//! font installed; krilla writes only the glyphs used (a subset), so a one-page PDF
//! stays small although the files total about 1.9 MB.

use crate::error::PdfError;

const NASKH_REGULAR: &[u8] = include_bytes!("../fonts/NotoNaskhArabic-Regular.ttf");
const NASKH_BOLD: &[u8] = include_bytes!("../fonts/NotoNaskhArabic-Bold.ttf");
const SANS_REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");
const MONO_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansMono-Regular.ttf");

/// One of the embedded font files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FontId {
    Sans,
    SansBold,
    Naskh,
    NaskhBold,
    Mono,
}

impl FontId {
    const ALL: [FontId; 5] = [Self::Sans, Self::SansBold, Self::Naskh, Self::NaskhBold, Self::Mono];

    fn index(self) -> usize {
        self as usize
    }

    fn data(self) -> (&'static str, &'static [u8]) {
        match self {
            Self::Sans => ("NotoSans-Regular", SANS_REGULAR),
            Self::SansBold => ("NotoSans-Bold", SANS_BOLD),
            Self::Naskh => ("NotoNaskhArabic-Regular", NASKH_REGULAR),
            Self::NaskhBold => ("NotoNaskhArabic-Bold", NASKH_BOLD),
            Self::Mono => ("NotoSansMono-Regular", MONO_REGULAR),
        }
    }
}

/// How a piece of text is set: its size and which family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub size: f32,
    pub bold: bool,
    pub mono: bool,
}

impl Style {
    pub fn regular(size: f32) -> Self {
        Self { size, bold: false, mono: false }
    }

    pub fn bold(size: f32) -> Self {
        Self { size, bold: true, mono: false }
    }

    pub fn mono(size: f32) -> Self {
        Self { size, bold: false, mono: true }
    }

    /// The font for letters of scripts other than Arabic.
    fn latin(self) -> FontId {
        match (self.mono, self.bold) {
            (true, _) => FontId::Mono,
            (false, true) => FontId::SansBold,
            (false, false) => FontId::Sans,
        }
    }

    /// The font for Arabic letters (Noto Sans Mono has none, so monospace Arabic is Naskh).
    fn arabic(self) -> FontId {
        if self.bold { FontId::NaskhBold } else { FontId::Naskh }
    }
}

/// The parsed fonts: rustybuzz faces to shape with, krilla fonts to embed.
pub(crate) struct Fonts {
    faces: Vec<rustybuzz::Face<'static>>,
    pdf: Vec<krilla::text::Font>,
}

impl Fonts {
    pub fn load() -> Result<Self, PdfError> {
        let mut faces = Vec::with_capacity(FontId::ALL.len());
        let mut pdf = Vec::with_capacity(FontId::ALL.len());
        for id in FontId::ALL {
            let (name, data) = id.data();
            faces.push(rustybuzz::Face::from_slice(data, 0).ok_or(PdfError::Font(name))?);
            pdf.push(krilla::text::Font::new(data.into(), 0).ok_or(PdfError::Font(name))?);
        }
        Ok(Self { faces, pdf })
    }

    pub fn face(&self, id: FontId) -> &rustybuzz::Face<'static> {
        &self.faces[id.index()]
    }

    pub fn pdf_font(&self, id: FontId) -> &krilla::text::Font {
        &self.pdf[id.index()]
    }

    fn has_glyph(&self, id: FontId, c: char) -> bool {
        self.face(id).glyph_index(c).is_some()
    }

    /// The font of each character of `text` (one entry per char, in order).
    ///
    /// Arabic letters take Naskh, other letters Sans (or Mono); spaces, digits and
    /// punctuation take the font of the letter before them when it has a glyph for
    /// them, so "قال: «نعم»" stays in one run and is shaped as one.
    pub fn assign(&self, text: &str, style: Style) -> Vec<FontId> {
        let first_strong = text.chars().find_map(|c| strong_font(c, style));
        let mut current = first_strong.unwrap_or(style.latin());
        text.chars()
            .map(|c| {
                match strong_font(c, style) {
                    Some(font) => current = font,
                    None if self.has_glyph(current, c) => {}
                    None => current = style.latin(),
                }
                current
            })
            .collect()
    }
}

/// The font a letter requires; `None` for characters any font may draw.
fn strong_font(c: char, style: Style) -> Option<FontId> {
    if is_arabic(c) {
        Some(style.arabic())
    } else if c.is_alphabetic() {
        Some(style.latin())
    } else {
        None
    }
}

/// Arabic script, presentation forms included (letters, marks and Arabic-Indic digits).
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && c != '\u{FEFF}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_take_naskh_and_punctuation_follows_its_letter() {
        let fonts = Fonts::load().unwrap();
        let ids = fonts.assign("Vigie: قال", Style::regular(10.0));
        assert_eq!(ids[0], FontId::Sans);
        assert_eq!(ids[5], FontId::Sans, "the colon follows the Latin word");
        assert_eq!(*ids.last().unwrap(), FontId::Naskh);
    }

    #[test]
    fn leading_neutrals_take_the_font_of_the_first_letter() {
        let fonts = Fonts::load().unwrap();
        let ids = fonts.assign("« قال »", Style::bold(10.0));
        assert!(ids.iter().all(|id| *id == FontId::NaskhBold || *id == FontId::SansBold));
        assert_eq!(ids[2], FontId::NaskhBold);
    }
}
