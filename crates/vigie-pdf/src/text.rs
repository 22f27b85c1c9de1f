//! From a string to lines of shaped glyph runs: fonts, bidi, line breaking.
//!
//! Each paragraph is read once by the Unicode bidirectional algorithm, shaped once to
//! measure (the widths are those of the joined Arabic forms, not of isolated letters),
//! broken into lines at spaces, and each line is then reordered and shaped again run by
//! run, so a run never spans two lines or two directions. The runs are stored left to
//! right, as they are drawn; each glyph keeps the range of the characters it stands
//! for, so the PDF maps glyphs back to the logical text and extraction gets it back.

use std::ops::Range;

use krilla::text::{GlyphId, KrillaGlyph};
use unicode_bidi::{Level, ParagraphBidiInfo};

use crate::fonts::{FontId, Fonts, Style};
use crate::model::Direction;

/// Glyphs of one font and direction, placed from their left edge.
pub(crate) struct GlyphRun {
    pub font: FontId,
    pub size: f32,
    /// The characters the glyphs stand for, in logical order.
    pub text: String,
    pub glyphs: Vec<KrillaGlyph>,
    /// Distance from the line's left edge.
    pub x: f32,
}

/// One line of text, its runs in visual order.
pub(crate) struct Line {
    pub runs: Vec<GlyphRun>,
    pub width: f32,
}

/// The distance between baselines: generous, as Naskh has tall ascenders and deep
/// descenders and the marks above and below Arabic letters need room.
pub(crate) fn line_height(style: Style) -> f32 {
    style.size * 1.6
}

/// Where the baseline sits below the top of a line.
pub(crate) fn baseline(style: Style) -> f32 {
    style.size * 1.15
}

/// Lays `text` out in lines at most `max_width` wide (a single word wider than that is
/// split where it must). `\n` ends a line.
pub(crate) fn lay_out(fonts: &Fonts, text: &str, style: Style, dir: Direction, max_width: f32) -> Vec<Line> {
    text.split('\n').flat_map(|para| lay_out_paragraph(fonts, para, style, dir, max_width)).collect()
}

fn lay_out_paragraph(fonts: &Fonts, text: &str, style: Style, dir: Direction, max_width: f32) -> Vec<Line> {
    if text.trim().is_empty() {
        return vec![Line { runs: Vec::new(), width: 0.0 }];
    }
    let level = if dir.is_rtl() { Level::rtl() } else { Level::ltr() };
    let bidi = ParagraphBidiInfo::new(text, Some(level));
    let mut font_of = vec![FontId::Sans; text.len()];
    for ((i, _), font) in text.char_indices().zip(fonts.assign(text, style)) {
        font_of[i] = font;
    }
    let mut advances = vec![0.0_f32; text.len()];
    let mut cluster_start = vec![false; text.len()];
    for (range, font) in split(text, 0..text.len(), &font_of, Some(&bidi.levels)) {
        let rtl = bidi.levels[range.start].is_rtl();
        for glyph in shape(fonts, font, &text[range.clone()], rtl) {
            let at = range.start + glyph.text_range.start;
            advances[at] += glyph.x_advance * style.size;
            cluster_start[at] = true;
        }
    }
    break_lines(text, &advances, &cluster_start, max_width)
        .into_iter()
        .map(|range| {
            let end = range.start + text[range.clone()].trim_end().len();
            build_line(fonts, &bidi, &font_of, style, range.start..end)
        })
        .collect()
}

/// Reorders one line (rule L2) and shapes it run by run.
fn build_line(
    fonts: &Fonts,
    bidi: &ParagraphBidiInfo<'_>,
    font_of: &[FontId],
    style: Style,
    range: Range<usize>,
) -> Line {
    let mut line = Line { runs: Vec::new(), width: 0.0 };
    if range.is_empty() {
        return line;
    }
    let (levels, runs) = bidi.visual_runs(range);
    for run in runs {
        let rtl = levels[run.start].is_rtl();
        let mut pieces = split(bidi.text, run, font_of, None);
        if rtl {
            // Within a right-to-left run the logically first piece is the rightmost.
            pieces.reverse();
        }
        for (piece, font) in pieces {
            let text = &bidi.text[piece];
            let glyphs = shape(fonts, font, text, rtl);
            let width: f32 = glyphs.iter().map(|g| g.x_advance * style.size).sum();
            line.runs.push(GlyphRun { font, size: style.size, text: text.to_owned(), glyphs, x: line.width });
            line.width += width;
        }
    }
    line
}

/// Splits `range` into maximal pieces of one font (and one bidi level, if given).
fn split(text: &str, range: Range<usize>, font_of: &[FontId], levels: Option<&[Level]>) -> Vec<(Range<usize>, FontId)> {
    let key = |i: usize| (font_of[i], levels.map(|l| l[i]));
    let mut pieces: Vec<(Range<usize>, FontId)> = Vec::new();
    let mut start = range.start;
    for (offset, _) in text[range.clone()].char_indices().skip(1) {
        let i = range.start + offset;
        if key(i) != key(start) {
            pieces.push((start..i, font_of[start]));
            start = i;
        }
    }
    if start < range.end {
        pieces.push((start..range.end, font_of[start]));
    }
    pieces
}

/// Shapes one run with rustybuzz; advances and offsets in em units, as krilla wants.
pub(crate) fn shape(fonts: &Fonts, font: FontId, text: &str, rtl: bool) -> Vec<KrillaGlyph> {
    let face = fonts.face(font);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(face, &[], buffer);
    let em = face.units_per_em() as f32;
    let mut starts: Vec<usize> = output.glyph_infos().iter().map(|info| info.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    // A cluster runs from its first character to the next cluster's first character.
    let cluster = |start: usize| {
        let next = starts.partition_point(|s| *s <= start);
        start..starts.get(next).copied().unwrap_or(text.len())
    };
    output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| {
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                cluster(info.cluster as usize),
                None,
            )
        })
        .collect()
}

/// Greedy line breaking at spaces, from the shaped widths (`advances[i]` is the width of
/// the cluster starting at byte `i`). A word wider than a line is split at the last
/// cluster boundary that fits, the only place a hash or URL may be broken.
fn break_lines(text: &str, advances: &[f32], cluster_start: &[bool], max_width: f32) -> Vec<Range<usize>> {
    let width = |r: Range<usize>| -> f32 { advances[r].iter().sum() };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0.0;
    for word in words(text) {
        let ink = width(word.start..word.ink_end);
        let full = width(word.start..word.end);
        if used + ink <= max_width + 0.01 {
            used += full;
            continue;
        }
        if word.start > start {
            lines.push(start..word.start);
            start = word.start;
        }
        if ink <= max_width {
            used = full;
            continue;
        }
        let mut acc = 0.0;
        for (offset, _) in text[word.start..word.ink_end].char_indices() {
            let at = word.start + offset;
            if cluster_start[at] && at > start && acc + advances[at] > max_width {
                lines.push(start..at);
                start = at;
                acc = 0.0;
            }
            acc += advances[at];
        }
        used = acc + (full - ink);
    }
    lines.push(start..text.len());
    lines
}

/// A word and the spaces after it.
struct Word {
    start: usize,
    ink_end: usize,
    end: usize,
}

fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut ink_end = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            ink_end.get_or_insert(i);
        } else if let Some(ink) = ink_end.take() {
            words.push(Word { start, ink_end: ink, end: i });
            start = i;
        }
    }
    words.push(Word { start, ink_end: ink_end.unwrap_or(text.len()), end: text.len() });
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &Line) -> Vec<&str> {
        line.runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn an_arabic_line_with_a_url_has_its_runs_in_visual_order() {
        let fonts = Fonts::load().unwrap();
        let lines = lay_out(&fonts, "زوروا https://vigie.example/a اليوم", Style::regular(10.0), Direction::Rtl, 500.0);
        assert_eq!(lines.len(), 1);
        // Drawn left to right: the last Arabic word, the URL, the first Arabic word.
        assert_eq!(texts(&lines[0]), ["اليوم", " ", "https://vigie.example/a", "زوروا "]);
    }

    #[test]
    fn arabic_is_shaped_into_joined_forms() {
        let fonts = Fonts::load().unwrap();
        let isolated: Vec<u32> = "سلام"
            .chars()
            .flat_map(|c| shape(&fonts, FontId::Naskh, &c.to_string(), true))
            .map(|g| g.glyph_id.to_u32())
            .collect();
        let mut joined: Vec<u32> =
            shape(&fonts, FontId::Naskh, "سلام", true).iter().map(|g| g.glyph_id.to_u32()).collect();
        joined.reverse();
        assert_ne!(isolated, joined, "contextual forms differ from isolated ones");
    }

    #[test]
    fn lines_break_at_spaces_and_long_words_only_when_they_must() {
        let fonts = Fonts::load().unwrap();
        let hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let lines = lay_out(&fonts, &format!("sha256 {hash}"), Style::mono(9.0), Direction::Ltr, 200.0);
        let joined: Vec<String> = lines.iter().map(|l| texts(l).concat()).collect();
        assert_eq!(joined[0], "sha256");
        assert_eq!(joined[1..].concat(), hash);
        assert!(lines.iter().all(|l| l.width <= 200.0));
    }
}
