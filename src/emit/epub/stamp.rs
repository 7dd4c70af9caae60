//! Dates: the `dcterms:modified` time of a package and the timestamp of its zip entries.

use super::FALLBACK_MODIFIED;
use crate::emit::{EmitOptions, InputFile, Loss};
use crate::model::{Article, PartialDate};

pub(super) fn article_dates(a: &Article) -> Vec<&PartialDate> {
    let d = &a.dates;
    [&d.received, &d.revised, &d.accepted, &d.published]
        .into_iter()
        .flatten()
        .collect()
}

pub(super) fn modified_missing(file: InputFile, pointer: &str) -> Loss {
    Loss {
        file,
        pointer: pointer.to_string(),
        code: "missing.epub.modified".into(),
        message: format!(
            "no date in the article or issue and SOURCE_DATE_EPOCH is not set: the EPUB's dcterms:modified (and zip timestamps) use the fixed {FALLBACK_MODIFIED}"
        ),
    }
}

/// Where `dcterms:modified` came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateSource {
    Input,
    SourceDateEpoch,
    Fallback,
}

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stamp {
    y: i64,
    mo: u8,
    d: u8,
    h: u8,
    mi: u8,
    s: u8,
}

impl Stamp {
    fn from_partial(p: &PartialDate) -> Option<Stamp> {
        let mut it = p.as_str().split('-');
        let y = it.next()?.parse().ok()?;
        let mo = it.next().map_or(Some(1), |m| m.parse().ok())?;
        let d = it.next().map_or(Some(1), |d| d.parse().ok())?;
        Some(Stamp {
            y,
            mo,
            d,
            h: 0,
            mi: 0,
            s: 0,
        })
    }

    /// Seconds since 1970 (UTC) → a date, by Howard Hinnant's `civil_from_days`.
    pub(super) fn from_epoch(secs: i64) -> Stamp {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let mo = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + i64::from(mo <= 2);
        Stamp {
            y,
            mo,
            d,
            h: (rem / 3600) as u8,
            mi: (rem % 3600 / 60) as u8,
            s: (rem % 60) as u8,
        }
    }

    /// The calendar date, `YYYY-MM-DD`.
    pub(super) fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.mo, self.d)
    }

    pub(super) fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.y, self.mo, self.d, self.h, self.mi, self.s
        )
    }

    /// The zip (DOS) timestamp: the same wall-clock values, clamped to 1980–2107.
    pub(super) fn zip(&self) -> zip::DateTime {
        let clamped = if self.y < 1980 {
            None
        } else if self.y > 2107 {
            zip::DateTime::from_date_and_time(2107, 12, 31, 23, 59, 58).ok()
        } else {
            zip::DateTime::from_date_and_time(
                self.y as u16,
                self.mo,
                self.d,
                self.h,
                self.mi,
                self.s,
            )
            .ok()
        };
        clamped.unwrap_or(zip::DateTime::DEFAULT)
    }
}

/// The `dcterms:modified` time: the latest input date, else the issue date, else
/// `SOURCE_DATE_EPOCH`, else [`FALLBACK_MODIFIED`].
pub(super) fn modified(
    dates: &[&PartialDate],
    issue_date: Option<&PartialDate>,
    options: &EmitOptions,
) -> (Stamp, DateSource) {
    let latest = dates.iter().filter_map(|d| Stamp::from_partial(d)).max();
    if let Some(s) = latest.or_else(|| issue_date.and_then(Stamp::from_partial)) {
        return (s, DateSource::Input);
    }
    if let Some(e) = options.source_date_epoch {
        return (Stamp::from_epoch(e), DateSource::SourceDateEpoch);
    }
    (Stamp::from_epoch(315_532_800), DateSource::Fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_date() {
        assert_eq!(Stamp::from_epoch(0).iso(), "1970-01-01T00:00:00Z");
        assert_eq!(Stamp::from_epoch(315_532_800).iso(), FALLBACK_MODIFIED);
        assert_eq!(Stamp::from_epoch(951_782_400).iso(), "2000-02-29T00:00:00Z");
        assert_eq!(
            Stamp::from_epoch(1_700_000_000).iso(),
            "2023-11-14T22:13:20Z"
        );
    }

    #[test]
    fn partial_dates_start_their_period() {
        let d = PartialDate("1996".into());
        assert_eq!(
            Stamp::from_partial(&d).unwrap().iso(),
            "1996-01-01T00:00:00Z"
        );
        let d = PartialDate("1996-03".into());
        assert_eq!(
            Stamp::from_partial(&d).unwrap().iso(),
            "1996-03-01T00:00:00Z"
        );
    }
}
