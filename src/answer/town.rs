//! The town file: strict loading of the TOML contract (errors name file, line and field).

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range as ByteRange;
use std::path::Path;
use toml::Spanned;

use super::collection::{RawCollection, Schedule};
use super::holidays::HolidayRule;
use super::retrieval::Index;
use super::services::{service_labels, ServiceLabel};
use super::streets::Street;

/// A loading error: the file, the line, the field and what is wrong, in plain words.
#[derive(Debug, thiserror::Error)]
pub enum TownError {
    /// The file could not be read.
    #[error("{file}: cannot read the town file: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not valid TOML or does not follow the town contract.
    #[error("{file}:{line}: field `{field}`: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// The field (dotted path or key) at fault.
        field: String,
        /// What is wrong.
        message: String,
    },
}

impl TownError {
    /// The 1-based line of an `Invalid` error.
    pub fn line(&self) -> Option<usize> {
        match self {
            TownError::Invalid { line, .. } => Some(*line),
            TownError::Io { .. } => None,
        }
    }
    /// The field of an `Invalid` error.
    pub fn field(&self) -> Option<&str> {
        match self {
            TownError::Invalid { field, .. } => Some(field),
            TownError::Io { .. } => None,
        }
    }
}

/// An opening time range within a day, start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Opening time.
    pub start: Time,
    /// Closing time.
    pub end: Time,
}

/// A dated override of a service's weekly hours.
#[derive(Debug, Clone)]
pub struct Exception {
    /// First day.
    pub from: Date,
    /// Last day (inclusive).
    pub to: Date,
    /// The hours on those days (empty: closed).
    pub hours: Vec<Range>,
    /// Why, said to the caller.
    pub reason: Option<String>,
}

/// A service of the town hall with its weekly hours.
#[derive(Debug, Clone)]
pub struct Service {
    /// Unique id.
    pub id: String,
    /// Name as spoken in a sentence ("la piscine municipale").
    pub name: String,
    /// Other names callers use.
    pub aliases: Vec<String>,
    /// Street address.
    pub address: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Where a call is transferred during opening hours.
    pub transfer: Option<String>,
    /// Weekly hours, Monday first.
    pub week: [Vec<Range>; 7],
    /// Closed on public holidays.
    pub closed_on_holidays: bool,
    /// Dated overrides.
    pub exceptions: Vec<Exception>,
}

/// A frequently asked question and its answer.
#[derive(Debug, Clone)]
pub struct Faq {
    /// Unique id.
    pub id: String,
    /// The service it belongs to.
    pub service: Option<String>,
    /// Example phrasings.
    pub questions: Vec<String>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// The answer, written for the ear.
    pub answer: String,
}

/// A waste collection round: a kind, its days and the streets served.
#[derive(Debug, Clone)]
pub struct Collection {
    /// The kind, as spoken ("ordures ménagères").
    pub kind: String,
    /// When it passes: days, frequency, holiday policy.
    pub schedule: Schedule,
    /// Streets served.
    pub streets: Vec<String>,
    /// Optional advice.
    pub note: Option<String>,
}

/// A loaded, validated town.
#[derive(Debug, Clone)]
pub struct Town {
    /// Town name.
    pub name: String,
    /// IANA time zone name.
    pub timezone_name: String,
    /// The time zone.
    pub tz: TimeZone,
    /// Which public holidays apply.
    pub holidays: HolidayRule,
    /// Main phone number.
    pub phone: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Welcome sentence.
    pub welcome: Option<String>,
    /// Privacy notice said at the start of a call.
    pub privacy_notice: Option<String>,
    /// Id of the service receiving transfers by default.
    pub operator: String,
    /// Services.
    pub services: Vec<Service>,
    /// FAQ entries.
    pub faqs: Vec<Faq>,
    /// Waste collection rounds.
    pub collections: Vec<Collection>,
    /// Where it was loaded from.
    pub source: String,
    /// The FAQ retrieval index.
    pub index: Index,
    /// Every street of the collection rounds, ready for matching (unique).
    pub streets: Vec<Street>,
    /// Service names and aliases, ready for matching.
    pub labels: Vec<ServiceLabel>,
    /// The kinds of fact each FAQ answer tells (price, time of day…), by index into `faqs`.
    pub told: Vec<super::kinds::Kinds>,
    /// The services' special days known by a reason of two content words or more.
    pub occasions: Vec<super::occasions::Occasion>,
    /// The FAQ's sentence vectors, made on first use (see `answer::dense`).
    pub dense: std::sync::OnceLock<std::sync::Arc<super::dense::DenseIndex>>,
    /// The respelling of misheard words into the town's vocabulary, made on first use.
    pub respeller: std::sync::OnceLock<super::respell::Respeller>,
}

/// The sample town shipped in the binary.
pub const SAMPLE_TOML: &str = include_str!("../../towns/sample.toml");

impl Town {
    /// Loads and validates a town file.
    pub fn load(path: impl AsRef<Path>) -> Result<Town, TownError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| TownError::Io { file: file.clone(), source })?;
        Town::parse(&text, &file)
    }

    /// The normalised words of a question with each word misheard out of French respelled into
    /// the town's vocabulary (`answer::respell`).
    pub fn respell(&self, text: &str) -> String {
        self.respeller.get_or_init(|| super::respell::Respeller::new(self)).respell(text)
    }

    /// The sample town embedded in the binary.
    pub fn sample() -> Town {
        Town::parse(SAMPLE_TOML, "towns/sample.toml").expect("the embedded sample town is valid")
    }

    /// Parses and validates town TOML text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Town, TownError> {
        let ctx = Ctx { text, file };
        let raw: RawFile = toml::from_str(text).map_err(|e| ctx.toml_error(&e))?;
        let mut town = ctx.validate(raw)?;
        town.index = Index::build(&town);
        let mut seen = HashSet::new();
        town.streets = town.collections.iter().flat_map(|c| c.streets.iter()).filter(|s| seen.insert(s.to_string())).map(|s| Street::new(s)).collect();
        town.labels = service_labels(&town);
        town.told = town.faqs.iter().map(|f| super::kinds::told(&f.answer)).collect();
        town.occasions = super::occasions::occasions(&town.services);
        Ok(town)
    }

    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// The FAQ entry with this id.
    pub fn faq(&self, id: &str) -> Option<&Faq> {
        self.faqs.iter().find(|f| f.id == id)
    }

    /// The operator service.
    pub fn operator_service(&self) -> &Service {
        self.service(&self.operator).expect("validated operator id")
    }

    /// The index into `services` of FAQ entry `faq`'s service, if it names one.
    pub fn faq_service(&self, faq: usize) -> Option<usize> {
        let id = self.faqs[faq].service.as_deref()?;
        self.services.iter().position(|s| s.id == id)
    }

    /// The operator service's index into `services`.
    pub fn operator_index(&self) -> usize {
        self.services.iter().position(|s| s.id == self.operator).expect("validated operator id")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    town: RawTown,
    #[serde(default)]
    service: Vec<RawService>,
    #[serde(default)]
    faq: Vec<RawFaq>,
    #[serde(default)]
    collection: Vec<RawCollection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTown {
    name: Spanned<String>,
    timezone: Spanned<String>,
    #[serde(default)]
    holidays: Option<Spanned<String>>,
    phone: Option<String>,
    address: Option<String>,
    website: Option<String>,
    welcome: Option<String>,
    privacy_notice: Option<String>,
    operator: Spanned<String>,
}

type Slots = Option<Spanned<Vec<Spanned<String>>>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHours {
    monday: Slots,
    tuesday: Slots,
    wednesday: Slots,
    thursday: Slots,
    friday: Slots,
    saturday: Slots,
    sunday: Slots,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<String>,
    address: Option<String>,
    phone: Option<String>,
    transfer: Option<String>,
    #[serde(default)]
    hours: RawHours,
    closed_on_holidays: Option<bool>,
    #[serde(default)]
    exception: Vec<RawException>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawException {
    from: Spanned<String>,
    to: Option<Spanned<String>>,
    hours: Spanned<Vec<Spanned<String>>>,
    reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFaq {
    id: Spanned<String>,
    service: Option<Spanned<String>>,
    #[serde(default)]
    questions: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    answer: Spanned<String>,
}

/// The text being loaded and its name, for errors.
pub(super) struct Ctx<'a> {
    text: &'a str,
    file: &'a str,
}

impl Ctx<'_> {
    fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// An error at `span` about `field`.
    pub(super) fn err(&self, span: ByteRange<usize>, field: &str, message: impl Into<String>) -> TownError {
        TownError::Invalid { file: self.file.to_string(), line: self.line_of(span.start), field: field.to_string(), message: message.into() }
    }

    fn toml_error(&self, e: &toml::de::Error) -> TownError {
        let span = e.span().unwrap_or(0..0);
        let message = e.message().to_string();
        // The field: the quoted name in "unknown field `x`" / "missing field `x`", else the key at the span.
        let field = message
            .split('`')
            .nth(1)
            .map(str::to_string)
            .unwrap_or_else(|| self.text.get(span.clone()).map(|s| s.split(['=', '\n']).next().unwrap_or("").trim().to_string()).unwrap_or_default());
        let field = if field.is_empty() { self.key_at(span.start) } else { field };
        self.err(span, &field, message)
    }

    /// The key at the start of the line holding `offset` (for errors that point at a value).
    fn key_at(&self, offset: usize) -> String {
        let start = self.text[..offset.min(self.text.len())].rfind('\n').map_or(0, |i| i + 1);
        let line = self.text[start..].lines().next().unwrap_or("");
        line.split('=').next().unwrap_or("").trim().to_string()
    }

    fn validate(&self, raw: RawFile) -> Result<Town, TownError> {
        let t = raw.town;
        if t.name.get_ref().trim().is_empty() {
            return Err(self.err(t.name.span(), "town.name", "the town name is empty"));
        }
        let tz = TimeZone::get(t.timezone.get_ref()).map_err(|_| {
            self.err(
                t.timezone.span(),
                "town.timezone",
                format!("unknown time zone `{}` (expected an IANA name such as \"Europe/Paris\")", t.timezone.get_ref()),
            )
        })?;
        let holidays = match &t.holidays {
            None => HolidayRule::France,
            Some(h) => match h.get_ref().as_str() {
                "france" => HolidayRule::France,
                "alsace-moselle" => HolidayRule::AlsaceMoselle,
                "none" => HolidayRule::None,
                other => {
                    return Err(self.err(
                        h.span(),
                        "town.holidays",
                        format!("unknown holiday set `{other}` (expected \"france\", \"alsace-moselle\" or \"none\")"),
                    ))
                }
            },
        };

        let mut services = Vec::new();
        let mut ids = HashSet::new();
        for (i, s) in raw.service.into_iter().enumerate() {
            let id = s.id.get_ref().clone();
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                return Err(self.err(s.id.span(), &format!("service[{i}].id"), format!("invalid id `{id}` (use a-z, 0-9 and -)")));
            }
            if !ids.insert(id.clone()) {
                return Err(self.err(s.id.span(), &format!("service[{i}].id"), format!("duplicate service id `{id}`")));
            }
            let days = [
                ("monday", &s.hours.monday),
                ("tuesday", &s.hours.tuesday),
                ("wednesday", &s.hours.wednesday),
                ("thursday", &s.hours.thursday),
                ("friday", &s.hours.friday),
                ("saturday", &s.hours.saturday),
                ("sunday", &s.hours.sunday),
            ];
            let mut week: [Vec<Range>; 7] = Default::default();
            for (d, (day, slots)) in days.iter().enumerate() {
                if let Some(slots) = slots {
                    week[d] = self.ranges(slots, &format!("service[{id}].hours.{day}"))?;
                }
            }
            let mut exceptions: Vec<(Exception, ByteRange<usize>)> = Vec::new();
            for (k, e) in s.exception.iter().enumerate() {
                let field = format!("service[{id}].exception[{k}]");
                let from = self.date(&e.from, &format!("{field}.from"))?;
                let to = match &e.to {
                    Some(t) => self.date(t, &format!("{field}.to"))?,
                    None => from,
                };
                if to < from {
                    return Err(self.err(e.to.as_ref().map_or(e.from.span(), |t| t.span()), &format!("{field}.to"), "the end date is before the start date"));
                }
                let hours = self.ranges(&e.hours, &format!("{field}.hours"))?;
                for (other, _) in &exceptions {
                    if from <= other.to && other.from <= to {
                        return Err(self.err(e.from.span(), &format!("{field}.from"), "this exception overlaps another exception of the same service"));
                    }
                }
                exceptions.push((Exception { from, to, hours, reason: e.reason.clone() }, e.from.span()));
            }
            services.push(Service {
                id,
                name: s.name.into_inner(),
                aliases: s.aliases,
                address: s.address,
                phone: s.phone,
                transfer: s.transfer,
                week,
                closed_on_holidays: s.closed_on_holidays.unwrap_or(true),
                exceptions: exceptions.into_iter().map(|(e, _)| e).collect(),
            });
        }
        if !ids.contains(t.operator.get_ref()) {
            return Err(self.err(t.operator.span(), "town.operator", format!("unknown service id `{}`", t.operator.get_ref())));
        }

        let mut faqs = Vec::new();
        let mut faq_ids = HashSet::new();
        for (i, f) in raw.faq.into_iter().enumerate() {
            let id = f.id.get_ref().clone();
            if id.trim().is_empty() {
                return Err(self.err(f.id.span(), &format!("faq[{i}].id"), "empty id"));
            }
            if !faq_ids.insert(id.clone()) {
                return Err(self.err(f.id.span(), &format!("faq[{i}].id"), format!("duplicate faq id `{id}`")));
            }
            if let Some(svc) = &f.service {
                if !ids.contains(svc.get_ref()) {
                    return Err(self.err(svc.span(), &format!("faq[{id}].service"), format!("unknown service id `{}`", svc.get_ref())));
                }
            }
            if f.answer.get_ref().trim().is_empty() {
                return Err(self.err(f.answer.span(), &format!("faq[{id}].answer"), "empty answer"));
            }
            faqs.push(Faq { id, service: f.service.map(Spanned::into_inner), questions: f.questions, keywords: f.keywords, answer: f.answer.into_inner() });
        }

        let collections = raw.collection.into_iter().enumerate().map(|(i, c)| self.collection(i, c)).collect::<Result<Vec<_>, _>>()?;

        Ok(Town {
            name: t.name.into_inner(),
            timezone_name: t.timezone.into_inner(),
            tz,
            holidays,
            phone: t.phone,
            address: t.address,
            website: t.website,
            welcome: t.welcome,
            privacy_notice: t.privacy_notice,
            operator: t.operator.into_inner(),
            services,
            faqs,
            collections,
            source: self.file.to_string(),
            index: Index::default(),
            streets: Vec::new(),
            labels: Vec::new(),
            told: Vec::new(),
            occasions: Vec::new(),
            dense: std::sync::OnceLock::new(),
            respeller: std::sync::OnceLock::new(),
        })
    }

    /// A "YYYY-MM-DD" date.
    pub(super) fn date(&self, s: &Spanned<String>, field: &str) -> Result<Date, TownError> {
        s.get_ref().parse::<Date>().map_err(|_| self.err(s.span(), field, format!("invalid date `{}` (expected YYYY-MM-DD)", s.get_ref())))
    }

    fn ranges(&self, slots: &Spanned<Vec<Spanned<String>>>, field: &str) -> Result<Vec<Range>, TownError> {
        let mut out: Vec<(Range, ByteRange<usize>)> = Vec::new();
        for slot in slots.get_ref() {
            let r = parse_range(slot.get_ref()).ok_or_else(|| {
                self.err(slot.span(), field, format!("invalid hours `{}` (expected \"HH:MM-HH:MM\" with the start before the end)", slot.get_ref()))
            })?;
            out.push((r, slot.span()));
        }
        out.sort_by_key(|(r, _)| r.start);
        for w in out.windows(2) {
            if w[1].0.start < w[0].0.end {
                return Err(self.err(w[1].1.clone(), field, format!("overlapping hours `{}` and `{}`", fmt_range(&w[0].0), fmt_range(&w[1].0))));
            }
        }
        Ok(out.into_iter().map(|(r, _)| r).collect())
    }
}

fn fmt_range(r: &Range) -> String {
    format!("{:02}:{:02}-{:02}:{:02}", r.start.hour(), r.start.minute(), r.end.hour(), r.end.minute())
}

/// Parses "HH:MM-HH:MM" (end may be 24:00); None when invalid or empty.
pub fn parse_range(s: &str) -> Option<Range> {
    let (a, b) = s.trim().split_once('-')?;
    let start = parse_hm(a)?;
    let end = if b.trim() == "24:00" { Time::new(23, 59, 59, 999_999_999).ok()? } else { parse_hm(b)? };
    (start < end).then_some(Range { start, end })
}

fn parse_hm(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

/// The weekday for an English (contract) or French day name.
pub fn weekday_from_name(s: &str) -> Option<Weekday> {
    Some(match s.trim().to_lowercase().as_str() {
        "monday" | "lundi" => Weekday::Monday,
        "tuesday" | "mardi" => Weekday::Tuesday,
        "wednesday" | "mercredi" => Weekday::Wednesday,
        "thursday" | "jeudi" => Weekday::Thursday,
        "friday" | "vendredi" => Weekday::Friday,
        "saturday" | "samedi" => Weekday::Saturday,
        "sunday" | "dimanche" => Weekday::Sunday,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_town_loads() {
        let t = Town::sample();
        assert!(t.services.len() >= 8);
        assert!(t.faqs.len() >= 40);
        let streets: usize = t.collections.iter().map(|c| c.streets.len()).sum();
        assert!(streets >= 20);
    }

    #[test]
    fn ranges_parse() {
        assert!(parse_range("08:30-12:00").is_some());
        assert!(parse_range("12:00-08:30").is_none());
        assert!(parse_range("8h30-12h").is_none());
        assert!(parse_range("25:00-26:00").is_none());
    }
}
