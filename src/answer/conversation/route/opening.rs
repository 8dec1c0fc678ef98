//! The opening-hours reading of a question: a service's hours, its address, or an entry that tells
//! them better.

use std::collections::HashSet;

use super::*;

/// "c'est les fêtes, y a encore quelqu'un ?": a span under way said only as the reason is now; not
/// "c'est encore ouvert en août ?", "cette semaine", "pendant les vacances".
fn still_open_now(w: &Words, when: Option<When>, now: DateTime) -> Option<When> {
    let present = intent::still_open_now(w)
        && !w.any(&["semaine", "pendant", "durant", "mois", "ete", "hiver", "vacances"])
        && !w.t.iter().any(|x| timeexpr::month(x).is_some());
    match when {
        Some(x) if present && matches!(x.moment, Moment::Period(to) if x.date <= now.date() && now.date() <= to) => {
            Some(When { date: now.date(), moment: Moment::Now })
        }
        _ => when,
    }
}

/// "c'est fermé jusqu'à lundi ?", "vous êtes fermés jusqu'à lundi": whether it is closed now, and
/// until when, rather than that day's hours.
fn closed_until(w: &Words, when: Option<When>, now: DateTime) -> Option<When> {
    let until_day = |k: usize| w.t.get(k + 1).is_some_and(|x| x == "jusqu") && w.t.get(k + 2).is_some_and(|x| matches!(x.as_str(), "a" | "au"));
    let closed = |x: &str| intent::SHUT.contains(&x) || matches!(x, "clos" | "close");
    let said = (0..w.t.len()).any(|k| closed(&w.t[k]) && until_day(k));
    match when {
        Some(x) if said && x.date > now.date() && !matches!(x.moment, Moment::Period(_)) => Some(When { date: now.date(), moment: Moment::Now }),
        _ => when,
    }
}

impl Conversation {
    /// A service's hours, or where it is, when the words ask that rather than an FAQ entry.
    pub(super) fn opening_hours(&mut self, q: &Question, r: &Reading, now: DateTime) -> Option<Reply> {
        let (w, when) = (&q.w, r.when);
        let going = visiting(when, w);
        // "je peux encore passer au service ?": whether it is still open, whatever is done there.
        // "… pour la rentrée, c'est fermé ?": the words end on whether it is open.
        // "il est encore ouvert là ? je voulais retirer un colis": open now, whatever the errand.
        let still = intent::still_may_go(w) || intent::ends_on_open(w) || intent::still_open(w);
        let when = closed_until(w, still_open_now(w, when, now), now);
        let placed = self.placed(q, r);
        let svc = placed.or(q.svc()).map(|s| self.desk_of_last(q, r, s));
        // "et celle des Tilleuls ?" after the hours of one annex: the other annex's hours.
        // Not "et le jeudi, la mairie ?" after the town hall's hours: the same service named again.
        let named_again = |last: &usize| q.svc().is_some_and(|s| s.index == *last);
        if let Some(last) = self.last_service.filter(|l| r.follow && r.last_intent == Some(Intent::Hours) && !named_again(l)) {
            let named: Vec<&str> = w.content().into_iter().filter(|c| !is_time_word(c) && !is_hours_word(c) && !SAME_WORDS.contains(c)).collect();
            if let Some(i) = follow::sibling(&self.town, last, &named) {
                self.last_service = Some(i);
                return Some(self.hours(i, when, now, 0.8));
            }
        }
        // "la piscine" in a town of two pools: ask which, never pick one.
        if q.svcs.len() > 1 && placed.is_none() && (r.hours_q || when.is_some() || intent::asks_where(w)) {
            return Some(self.which(&q.svcs, when));
        }
        // Not "il va faire beau ce week-end pour le marché ?".
        if let (None, None, true) = (placed, q.svc(), r.hours_q || (when.is_some() && going)) {
            if let Some(reply) = self.one_of_a_head(q, when, now) {
                return Some(reply);
            }
        }
        // "la mairie de Tritma-Kéa": one of several town halls, its place misheard.
        if let (None, true) = (placed, r.hours_q || when.is_some()) {
            if let Some(sites) = self.misheard_site(q) {
                return Some(self.which(&sites, when));
            }
        }
        // "le numéro de la permanence des anciens combattants": its phone, though "permanence" says hours.
        if r.price_only || self.number_of_named(q) {
            return None;
        }
        let faq_conf = q.faq_conf();
        tracing::debug!(residual = r.residual, hours_q = r.hours_q, when = r.when.is_some(), service = ?svc.map(|s| (&self.town.services[s.index].id, s.first, s.words)),
            hits = ?q.faq_hits.iter().take(3).map(|h| (&self.town.faqs[h.faq].id, h.confidence)).collect::<Vec<_>>(), "hours or entry");
        // "ma grand-mère est décédée ce matin, on doit venir à la mairie ?": a life event the best
        // entry is about is a question of procedure, whatever day or place it names.
        // But "je voulais venir demain pour le dossier de mariage, c'est possible ?" asks the hours.
        if r.residual >= 2 && self.about_life_event(q) && !(going && i_may_come(w)) {
            return None;
        }
        // "la mairie est fermée, qui je préviens ?": whom to call, the closure being known.
        if intent::asks_whom_to_call(w) {
            return None;
        }
        // "elle est où la déchetterie": where, not when.
        // "la permanence pour les frontaliers, c'est à quelle adresse ?": its address, said outright.
        if let (Some(s), true) = (svc, intent::asks_where(w) && (!r.hours_q || w.any(&["adresse"]) || intent::ends_on_where(w) || intent::asks_where_held(w))) {
            if (r.residual <= 2 || faq_conf < 0.6) && !does_procedure(w, faq_conf) && !self.urgent_number(q) && !self.number_in_entry(q, s.index) {
                return Some(self.contact(s.index, w));
            }
        }
        // "on peut faire de la musique jusqu'à quelle heure dans la salle ?": a rule on doing
        // something, which an entry telling a time of day answers, not the place's opening.
        let best = q.faq_hits.first().filter(|h| tells_clock_time(&tokens(&self.town.faqs[h.faq].answer)));
        if r.hours_q && allowed_to_do(w) && !reach_then(w, when) && !still {
            if best.is_some_and(|h| h.confidence >= 0.3) {
                return None;
            }
            // Weaker, an entry of the place named still tells its rule: the place is said.
            let of_place = |f: usize| svc.is_some_and(|s| self.town.faq_service(f) == Some(s.index));
            if let Some(h) = best.filter(|h| h.confidence >= 0.2 && of_place(h.faq)) {
                return Some(self.faq_reply(h.faq, 0.7, Some(w)));
            }
        }
        if let Some((f, c)) = svc.and_then(|s| self.event_entry(q, s.index)) {
            return Some(self.faq_reply(f, c, Some(w)));
        }
        if let Some(s) = svc {
            // "l'accueil périscolaire": the words beside the service name point to another entry.
            let faq_svc = q.faq_hits.first().and_then(|h| self.town.faqs[h.faq].service.as_deref());
            let other_service = faq_svc != Some(self.town.services[s.index].id.as_str());
            // An entry that sends the caller to the opening hours ("pendant ses heures d'ouverture")
            // does not tell them: asked open, the hours.
            let defers = q.faq_hits.first().is_some_and(|h| defers_to_hours(&self.town.faqs[h.faq].answer));
            let faq_elsewhere = r.residual > 0 && (faq_conf >= 0.8 || (faq_conf >= 0.6 && other_service)) && (!defers || other_service);
            // "samedi je peux aller à la poste pour un colis ?": a visit on a day is a question of
            // hours, whatever it is for; so is "c'est ouvert ce samedi ?" beside an errand.
            let visit = going || errand_then(when, w);
            // A place named in full ("la mairie annexe de Saint-Roch") asked open at a moment: its hours.
            let full_name = s.words >= 3 && s.score >= 0.9;
            let open_then = r.hours_q && when.is_some() && (full_name || !(faq_svc.is_some() && other_service && faq_conf >= 0.6));
            let said = day_said(q.text, now);
            let at_a_moment = self.at_a_moment(q, r, said) || (r.residual <= 2 && self.closed_that_day(s.index, q, said));
            // "l'agence postale est fermée, elle rouvre quand ?": the place's own reopening, whatever the errand.
            // So is "la garderie, elle rouvre quand à la rentrée ?".
            // The pronoun a few words after the place's name said ("la route du col, elle rouvre
            // quand ?" names no place: the road's reopening is its entry's).
            let after = s.first + s.words;
            let itself = s.words > 0
                && w.t
                    .windows(2)
                    .enumerate()
                    .any(|(k, p)| (after..=after + 6).contains(&k) && intent::is_subject_pronoun(&p[0]) && timeexpr::OPEN_AGAIN_WORDS.contains(&p[1].as_str()));
            let reopens = w.any(timeexpr::OPEN_AGAIN_WORDS) && (itself || w.any(intent::SHUT));
            // "il y a le marché aujourd'hui ?": whether it is on then.
            // So is "y a marché aujourd'hui malgré l'armistice ?": "y a" right before its name.
            let before = |k: usize| s.first.checked_sub(k).map(|j| w.t[j].as_str());
            let article = usize::from(matches!(before(1), Some("le" | "la" | "du" | "un" | "une")));
            let y_a_it = (before(2 + article), before(1 + article)) == (Some("y"), Some("a"));
            let on_then = when.is_some() && w.phrase("y a") && (r.residual == 0 || (r.residual == 1 && y_a_it));
            let runs = r.residual <= 2 && runs_then(w, when, now.date(), s) && !self.made_up_word(w);
            // "le bus France services passe quand ?", "le conciliateur vient quand ?": the next
            // coming of the place named right before (not "le garde passe contrôler quand", a deed).
            // "le bus d'aide aux démarches vient quand ?", "le bus vient encore avant la fin de l'année ?"
            const COMES: &[&str] = &["passe", "passera", "vient", "viendra", "revient", "reviendra", "repasse", "repassera"];
            // (Not "les Châtaigniers, ça passe quand, les branches ?": another subject between.)
            let comes = said_of_place(w, after, |k| {
                COMES.contains(&w.t[k].as_str()) && w.t.get(k + 1).is_some_and(|x| matches!(x.as_str(), "quand" | "encore" | "bientot"))
            });
            if (r.hours_q && (!faq_elsewhere || still || reopens))
                || visit
                || open_then
                || at_a_moment
                || on_then
                || runs
                || comes
                || (r.residual == 0 && faq_conf < 0.9)
            {
                // "je voulais payer la facture du périscolaire ce matin, c'est possible ?": the office's
                // hours for an errand there, not the hours of the thing it is about.
                let errand_only = errand_then(when, w) && !going && !r.hours_q;
                if let (true, Some((f, c))) = (r.hours_q || visit, self.hours_entry(q, s.index, going, when).filter(|_| !errand_only && !still)) {
                    return Some(self.faq_reply(f, c, Some(w)));
                }
                self.last_service = Some(s.index);
                return Some(self.hours(s.index, when, now, s.score));
            }
        } else if let Some(i) = r.occasion_of.filter(|_| r.hours_q && r.residual == 0) {
            // "la distribution des colis de Noël, c'est de quelle heure à quelle heure ?": the
            // service that keeps that occasion.
            self.last_service = Some(i);
            return Some(self.hours(i, when, now, 0.7));
        } else if (r.hours_q || when.is_some())
            && (r.residual == 0 || self.day_of_last_hours(q, r, now))
            && !(r.follow && (!r.hours_q || self.last_faq_tells_day_asked(q)) && self.last_faq_tells_when(r))
        {
            let i = self.last_service.unwrap_or_else(|| self.town.operator_index());
            return Some(self.hours(i, when, now, 0.7));
        } else if let Some(i) = self.service_of_entry_deferring(q).filter(|_| r.hours_q) {
            // "on passe louer une planche, c'est encore ouvert ?": the entry on renting sends to the
            // hours of its service, which are asked.
            self.last_service = Some(i);
            return Some(self.hours(i, when, now, 0.7));
        } else if let Some(i) = self.service_of_entry_named(q).filter(|_| r.hours_q && when.is_some()) {
            // "pour les truffes, on a jusqu'à quand ce matin ?": the market the entry is about, one
            // word of its name said, asked open at a moment.
            self.last_service = Some(i);
            return Some(self.hours(i, when, now, 0.7));
        } else if r.hours_q && self.at_the_office(q) {
            let op = self.you(r, w);
            self.last_service = Some(op);
            return Some(self.hours(op, when, now, 0.7));
        } else if going && i_come(w) {
            // "je voulais venir ce samedi pour le livret de famille": the hours that day of the
            // office the best entry names, else of the town hall.
            let i = self.errand_office(q).unwrap_or_else(|| self.town.operator_index());
            self.last_service = Some(i);
            return Some(self.hours(i, when, now, 0.7));
        }
        None
    }

    /// "le marché, c'est de quelle heure à quelle heure demain ?" in a town of two markets: the hours
    /// of the one open that day (or now), else which one.
    fn one_of_a_head(&mut self, q: &Question, when: Option<When>, now: DateTime) -> Option<Reply> {
        let shared = services::sharing_a_head(&q.w, &self.town);
        if shared.is_empty() {
            return None;
        }
        let rule = self.town.holidays;
        let open = |i: &usize| {
            let s = &self.town.services[*i];
            match when {
                Some(x) => !hours::day_hours(s, x.date, rule).ranges.is_empty(),
                None => hours::open_range(s, now.date(), now.time(), rule).is_some(),
            }
        };
        let open: Vec<usize> = shared.iter().copied().filter(open).collect();
        if let [i] = open[..] {
            return Some(self.hours(i, when, now, 0.8));
        }
        let all: Vec<ServiceMatch> = shared.iter().map(|&index| ServiceMatch { index, score: 0.8, words: 1, first: 0 }).collect();
        (q.faq_conf() < 0.5).then(|| self.which(&all, when))
    }

    /// "et le jeudi, on peut y aller avec les enfants ?" after a service's hours: a day named of the
    /// same service in a few more words, which no entry fits (not "et si je suis en retard le soir").
    fn day_of_last_hours(&self, q: &Question, r: &Reading, now: DateTime) -> bool {
        let day = || day_said(q.text, now).is_some_and(|x| x.date != now.date()) || q.w.t.iter().any(|x| weekday_from_name(x).is_some());
        r.follow && r.last_intent == Some(Intent::Hours) && r.residual <= 2 && q.faq_conf() < 0.7 && self.last_service.is_some() && day()
    }

    /// The service of the entry the words reach well, when that entry sends to its opening hours or
    /// tells no time at all ("le bus stationne place de l'Église un jeudi par mois" for "la prochaine
    /// permanence du bus, c'est quand ?"); not the town hall's, whose entries are errands done there.
    fn service_of_entry_deferring(&self, q: &Question) -> Option<usize> {
        let h = q.faq_hits.first().filter(|h| h.confidence >= 0.4)?;
        let answer = &self.town.faqs[h.faq].answer;
        let i = self.town.faq_service(h.faq)?;
        // No clock time (what the town's entries tell is read once, at load) and no month.
        let silent = || !self.town.told[h.faq].meets(Kinds::CLOCK) && !tokens(answer).iter().any(|x| timeexpr::month(x).is_some());
        let of_itself = h.confidence >= 0.6 && i != self.town.operator_index() && silent() && self.entry_about_service(h.faq, i);
        (defers_to_hours(answer) || of_itself).then_some(i)
    }

    /// Whether an entry is about service `i` itself, one of its questions naming it ("Que fait le bus
    /// France services ?"), not about a thing it handles ("Qui déneige les routes ?" of the workshop).
    fn entry_about_service(&self, faq: usize, i: usize) -> bool {
        const GENERIC: &[&str] = &["service", "services", "municipal", "municipale", "communal", "communale", "bureau", "accueil", "mairie"];
        let own: HashSet<String> = tokens(&self.town.services[i].name)
            .into_iter()
            .filter(|t| t.len() > 2 && !is_stopword(t) && !GENERIC.contains(&t.as_str()))
            .map(|t| stem(&t))
            .collect();
        self.town.faqs[faq].questions.iter().flat_map(|x| tokens(x)).any(|t| own.contains(&stem(&t)))
    }

    /// "et le samedi, y a quelqu'un à l'accueil ?" after the hours of "l'accueil des curistes":
    /// that desk, not the town hall's.
    fn desk_of_last(&self, q: &Question, r: &Reading, s: ServiceMatch) -> ServiceMatch {
        let desk = s.index == self.town.operator_index() && q.w.t.get(s.first).is_some_and(|x| x == "accueil");
        let last = self.last_service.filter(|&i| r.follow && r.last_intent == Some(Intent::Hours) && i != s.index);
        match last {
            Some(i) if desk && tokens(&self.town.services[i].name).iter().any(|t| t == "accueil") => ServiceMatch { index: i, ..s },
            _ => s,
        }
    }

    /// The service "vous" means: the one whose hours the last answer told, else the place of an
    /// activity said ("j'ai un mandat à faire, vous fermez à quelle heure ?": the post office), else
    /// the town hall. (The office of the entry the errand reaches was tried as well: on the tuned
    /// sets it set two wrong facts for one it mended, "vous êtes encore ouverts, je peux venir
    /// déposer un papier ?" among them.)
    pub(super) fn you(&self, r: &Reading, w: &Words) -> usize {
        let activity = || crate::answer::activities::place_of_activity(w, &self.town).map(|m| m.index);
        self.event_service(w)
            .or(self.last_service.filter(|_| r.last_intent == Some(Intent::Hours)))
            .or_else(activity)
            .unwrap_or_else(|| self.town.operator_index())
    }

    /// The one service whose special days the words name ("pour les journées du patrimoine, vous
    /// fermez à six heures ?"): every word of the reason, two or more, said, and no other
    /// service open or closed for it.
    fn event_service(&self, w: &Words) -> Option<usize> {
        match crate::answer::occasions::services_named(&self.town.occasions, w)[..] {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The office of the entry the words best reach, when they reach one well enough: "je voulais
    /// venir samedi pour le livret de famille" asks the civil-status desk's hours.
    fn errand_office(&self, q: &Question) -> Option<usize> {
        q.faq_hits.first().filter(|h| h.confidence >= 0.3).and_then(|h| self.town.faq_service(h.faq))
    }

    /// The service of the entry the words reach, when the question says a word of that service's
    /// own name that no other service's name has ("les truffes" of "le marché aux truffes"; not the
    /// topics its other names list, "le déneigement" of the services techniques).
    fn service_of_entry_named(&self, q: &Question) -> Option<usize> {
        let i = self.errand_office(q)?;
        let words = |k: usize| {
            let name = &self.town.services[k].name;
            tokens(name).into_iter().filter(|t| t.len() > 4 && !is_stopword(t)).map(|t| stem(&t)).collect::<HashSet<String>>()
        };
        let own = words(i);
        let others: HashSet<String> = (0..self.town.services.len()).filter(|&k| k != i).flat_map(words).collect();
        q.w.t.iter().map(|t| stem(t)).any(|t| own.contains(&t) && !others.contains(&t)).then_some(i)
    }

    /// "c'est encore ouvert chez vous le jeudi soir ?": the town hall spoken to, asked open, and no
    /// entry nor other subject in the words ("chez vous" alone is also "in your town").
    pub(super) fn at_the_office(&self, q: &Question) -> bool {
        let you = q.w.any_phrase(YOU_OPEN) || q.w.any_phrase(&["ouvert chez vous", "ouverte chez vous", "ferme chez vous", "fermee chez vous"]);
        you && q.faq_conf() < 0.3 && lexicon::elsewhere_subjects(&q.w.t).is_empty()
    }

    /// "le vendredi après-midi les services techniques répondent ?": a service on a day or at a time
    /// this question names, and one word more, that no entry is about, that is no other subject ("la
    /// pharmacie de garde ce soir") nor a booking ("la salle est libre samedi ?"); "en ce moment" is
    /// also "these days" ("la mairie recrute en ce moment").
    pub(super) fn at_a_moment(&self, q: &Question, r: &Reading, said: Option<When>) -> bool {
        said.is_some() && r.residual <= 1 && q.faq_conf() < 0.3 && !booked_or_elsewhere(&q.w) && !self.made_up_word(&q.w)
    }

    /// "le jour de Noël, la halte-garderie elle prend les petits ?": the day this question names
    /// (`said`), on which service `i` is closed by an exception or a public holiday, which matters
    /// more than what the service does (when little else is said).
    pub(super) fn closed_that_day(&self, i: usize, q: &Question, said: Option<When>) -> bool {
        q.faq_conf() < 0.6
            && !booked_or_elsewhere(&q.w)
            && said.is_some_and(|when| {
                let day = hours::day_hours(&self.town.services[i], when.date, self.town.holidays);
                day.ranges.is_empty() && day.special.is_some()
            })
    }

    /// "la mairie reste ouverte pendant le cyclone ?": the hours during an event, which an entry the
    /// words reach tells (a keyword of it is the event, its answer says that service opens or closes).
    pub(super) fn event_entry(&self, q: &Question, svc: usize) -> Option<(usize, f32)> {
        let t = &q.w.t;
        let at = t.iter().position(|x| matches!(x.as_str(), "pendant" | "durant" | "lors"))?;
        let event = t[at + 1..].iter().find(|x| !matches!(x.as_str(), "le" | "la" | "les" | "l" | "un" | "une" | "du" | "des" | "d" | "de"))?;
        // Holidays and leave are the calendar's: the service's exceptions tell them.
        let season =
            matches!(event.as_str(), "vacances" | "vacance" | "conges" | "conge" | "fete" | "fetes" | "ete" | "hiver" | "printemps" | "automne" | "travaux");
        if season || is_time_word(event) || is_stopword(event) || timeexpr::holiday_name_words(q.text).contains(event) {
            return None;
        }
        let event = stem(event);
        // The service as the caller named it ("la mairie"), which the answer must say.
        let said = q.svcs.iter().find(|m| m.index == svc)?;
        let names: Vec<String> = q.naming(said).filter(|n| n.len() > 3 && !is_stopword(n)).map(|n| stem(n)).collect();
        q.faq_hits.iter().take(3).filter(|h| h.confidence >= 0.15).find_map(|h| {
            let f = &self.town.faqs[h.faq];
            let keyword = f.keywords.iter().any(|k| tokens(k).iter().any(|x| stem(x) == event));
            let answer: Vec<String> = tokens(&f.answer).iter().map(|x| stem(x)).collect();
            let opens = answer.iter().any(|x| x.starts_with("ouv") || x.starts_with("ferm"));
            (keyword && opens && !names.is_empty() && names.iter().all(|n| answer.contains(n))).then_some((h.faq, h.confidence.max(0.8)))
        })
    }

    /// The services of one kind ("mairie": the town hall and its annexes) when the service named is
    /// followed by a place no one knows ("la mairie de Tritma-Kéa", "Crique-Macaya" misheard): the
    /// place said was one of them, maybe not the one whose name is the plainest.
    pub(super) fn misheard_site(&self, q: &Question) -> Option<Vec<ServiceMatch>> {
        let [s] = q.svcs.as_slice() else {
            return None;
        };
        let t = &q.w.t;
        let after = t.get(s.first + s.words..).unwrap_or_default();
        let rest = match after {
            [de, rest @ ..] if matches!(de.as_str(), "de" | "du" | "d" | "des") => rest,
            _ => return None,
        };
        let place = rest.iter().find(|x| !matches!(x.as_str(), "la" | "l" | "le" | "les"))?;
        let commune = tokens(&self.town.name);
        if !self.made_up(place) || commune.contains(place) {
            return None;
        }
        let said: Vec<&String> = q.naming(s).filter(|x| x.len() > 2 && !is_stopword(x)).collect();
        let kin: Vec<ServiceMatch> = (0..self.town.services.len())
            .filter(|&i| i == s.index || follow::name_words(&self.town, i).iter().any(|n| said.contains(&n)))
            .map(|index| ServiceMatch { index, score: 0.5, words: s.words, first: s.first })
            .collect();
        (kin.len() > 1).then_some(kin)
    }

    /// "le portable du maire, c'est urgent", "un numéro d'urgence ?": an entry the words reach that
    /// tells a phone number holds the number for emergencies, not the office's.
    pub(super) fn urgent_number(&self, q: &Question) -> bool {
        let urgent = q.w.any(&["urgent", "urgente", "urgence", "urgences", "astreinte"]);
        urgent && q.faq_hits.first().is_some_and(|h| h.confidence >= 0.3 && self.town.told[h.faq].meets(Kinds::PHONE))
    }

    /// Whether entry `faq`'s answer tells a phone number, a short one included.
    fn entry_tells_phone(&self, faq: usize) -> bool {
        self.town.told[faq].meets(Kinds::PHONE) || kinds::tells_short_number(&self.town.faqs[faq].answer)
    }

    /// Whether a phone number is asked of the service named just after "numéro" (or after "comment je
    /// contacte", "comment on joint", or just before "on la joint"), which the best entry does not tell.
    pub(super) fn number_of_named(&self, q: &Question) -> bool {
        let Some(s) = q.svc() else { return false };
        let before = |i: usize| s.first > i && s.first <= i + 5;
        // "la permanence du tunnel, on la joint comment ?": the place named, then reached.
        let after = |i: usize| i >= s.first + s.words && i <= s.first + s.words + 4;
        let asked = q.w.t.iter().enumerate().any(|(i, x)| {
            ((x == "numero" && intent::phone_number_at(&q.w, i)) || intent::how_to_reach_at(&q.w, i)) && before(i) || intent::reaches_it_at(&q.w, i) && after(i)
        });
        asked && !q.faq_hits.first().is_some_and(|h| h.confidence >= 0.3 && self.entry_tells_phone(h.faq))
    }

    /// Whether the best entry tells the number of a body the caller asks to reach, named in words not service `svc`'s.
    pub(super) fn number_in_entry(&self, q: &Question, svc: usize) -> bool {
        let names = follow::name_words(&self.town, svc);
        // The body is what is to be reached: the words after "joindre", "appeler", "contacter".
        let Some(at) = q.w.t.iter().position(|x| matches!(x.as_str(), "joindre" | "appeler" | "contacter" | "telephoner")) else { return false };
        q.faq_hits.first().is_some_and(|h| {
            h.confidence >= 0.3 && self.entry_tells_phone(h.faq) && crate::answer::choose::says_own_keyword(&self.town, h.faq, &q.w.t[at + 1..], &names)
        })
    }

    /// Whether the last answer was an FAQ entry that tells days or times of its own: "et le
    /// samedi ?" after the rules on noisy work asks those rules, not the town hall's hours.
    pub(super) fn last_faq_tells_when(&self, r: &Reading) -> bool {
        let last = self.last_faq().filter(|_| r.last_intent == Some(Intent::Faq));
        last.is_some_and(|f| tells_day_or_time(&tokens(&self.town.faqs[f].answer)))
    }

    /// Whether the last entry tells times of day on a weekday these words name: "et le samedi,
    /// c'est quoi les horaires ?" after the rules on noisy work asks those rules' Saturday.
    pub(super) fn last_faq_tells_day_asked(&self, q: &Question) -> bool {
        let Some(f) = self.last_faq() else { return false };
        let answer = tokens(&self.town.faqs[f].answer);
        tells_clock_time(&answer) && q.w.t.iter().any(|x| weekday_from_name(x).is_some() && answer.contains(x))
    }

    /// The place an hours question names by its street: of the services it names (or their kind),
    /// the one there ("la petite mairie avenue du Pic-Saint-Loup"); naming none, the one there, or
    /// the main office among several ("je suis devant, place des Graviers, ça rouvre quand ?").
    pub(super) fn placed(&self, q: &Question, r: &Reading) -> Option<ServiceMatch> {
        if !(r.hours_q || r.when.is_some()) {
            return None;
        }
        let here = services::at_address(&q.w, &self.town);
        let kind = |i: usize| -> Vec<String> { follow::name_words(&self.town, i).into_iter().filter(|t| t.len() > 2 && !is_stopword(t)).collect() };
        let pick = if q.svcs.is_empty() {
            // Not when the street places another subject: "le bus … place Jean-Jaurès", "la poste du boulevard Carnot".
            if !lexicon::elsewhere_subjects(&q.w.t).is_empty() || street_of_a_thing(&q.w) || street_of_a_home(&q.w) {
                return None;
            }
            let operator = self.town.operator_index();
            here.contains(&operator).then_some(operator).or_else(|| (here.len() == 1).then(|| here[0]))
        } else {
            let named: Vec<String> = q.svcs.iter().flat_map(|s| kind(s.index)).collect();
            let fits: Vec<usize> = here.into_iter().filter(|&i| kind(i).iter().any(|t| named.contains(t))).collect();
            (fits.len() == 1).then(|| fits[0])
        }?;
        let first = q.svc();
        (first.map(|s| s.index) != Some(pick) || q.svcs.len() > 1).then(|| ServiceMatch {
            index: pick,
            score: 0.9,
            words: first.map_or(0, |s| s.words),
            first: first.map_or(0, |s| s.first),
        })
    }

    /// An FAQ entry that gives the hours of a thing the service only handles: "la garderie, elle
    /// finit à quelle heure ?" names the school office by its alias "garderie", but the town's entry
    /// "Quels sont les horaires de la garderie ?" has the garderie's own hours. `going`: the caller
    /// goes there, so only an entry asking the thing's hours counts.
    pub(super) fn hours_entry(&self, q: &Question, svc: usize, going: bool, when: Option<When>) -> Option<(usize, f32)> {
        let s = &self.town.services[svc];
        // The words that name the place itself: its name before any ", pour …"; of an office's name
        // ("le service des cimetières"), the office word only: "le cimetière" is the thing it handles.
        let head: Vec<String> = tokens(s.name.split(',').next().unwrap_or_default()).iter().map(|t| stem(t)).collect();
        let office: Vec<String> = OFFICE_WORDS.iter().map(|w| stem(w)).collect();
        let office_named = head.iter().any(|h| office.contains(h));
        let head: Vec<String> = if office_named { office } else { head };
        // An alias that starts with the place's own name ("médiathèque du centre") names the place,
        // qualified: its words are no thing handled there.
        let of_place = |a: &&String| !office_named && crate::answer::normalize::content_tokens(a).first().is_some_and(|t| head.contains(&stem(t)));
        let place: Vec<String> = s.aliases.iter().filter(of_place).flat_map(|a| tokens(a)).map(|t| stem(&t)).collect();
        let aliases: Vec<String> =
            s.aliases.iter().chain(std::iter::once(&s.name)).flat_map(|a| tokens(a)).map(|t| stem(&t)).filter(|t| !place.contains(t)).collect();
        // Not the town hall's own names ("l'accueil de la mairie" for "l'hôtel de ville").
        let things: Vec<String> =
            q.w.content()
                .into_iter()
                // "demain matin" is a moment, though "l'accueil du matin" is the place's other name.
                .filter(|x| x.len() > 3 && !matches!(*x, "mairie" | "accueil" | "hotel" | "ville" | "annexe") && !is_time_word(x))
                .map(stem)
                .filter(|x| aliases.contains(x) && !head.contains(x))
                .collect();
        // "le bureau du périscolaire": the office itself; "ça rouvre quand ?": a closure's end,
        // which the service's calendar tells.
        if things.is_empty() || q.w.any(OFFICE_WORDS) || q.w.t.iter().any(|x| timeexpr::is_reopen_word(x)) {
            return None;
        }
        let names_thing = |text: &str| tokens(text).iter().any(|x| things.contains(&stem(x)));
        // Several things in the words that named the place, the entry tells them all: "le marché
        // couvert" is not "le marché de plein air".
        let named: Vec<String> = q.svcs.iter().filter(|m| m.index == svc).flat_map(|m| q.naming(m)).map(|x| stem(x)).filter(|x| things.contains(x)).collect();
        let tells_named = |f: &crate::answer::town::Faq| {
            if named.len() < 2 {
                return true;
            }
            let text: Vec<String> = f.questions.iter().chain(&f.keywords).chain(std::iter::once(&f.answer)).flat_map(|x| tokens(x)).map(|x| stem(&x)).collect();
            named.iter().all(|x| text.contains(x))
        };
        // Gone to, the place's hours: "visiter la salle samedi, à quelle heure ?" is not answered by
        // "jusqu'à quelle heure peut-on faire la fête dans la salle ?" (a rule on a deed), nor by an
        // entry about the thing.
        let asks_its_hours = |question: &str| {
            let t = tokens(question);
            let qw = Words::new(question);
            let of_hours = intent::asks_hours(&qw) || t.windows(2).any(|p| p == ["quelle", "heure"]) || t.first().is_some_and(|x| x == "quand");
            of_hours && names_thing(question) && !(going && allowed_to_do(&qw))
        };
        // "le fronton, il est éclairé jusqu'à quelle heure ?": an entry about the thing itself (a
        // keyword is its name) that tells a time of day answers it too.
        let is_thing = |k: &str| {
            let content: Vec<String> = tokens(k).into_iter().filter(|x| !is_stopword(x)).collect();
            !content.is_empty() && content.iter().all(|x| things.contains(&stem(x)))
        };
        // Asked when the place opens or closes ("vous fermez à quelle heure la garderie ?"), the entry
        // about the thing speaks of opening too: a price entry that names a late hour does not answer it.
        const OPENING: &[&str] =
            &["ouvert", "ouverte", "ouverts", "ouvre", "ouvrent", "ferme", "fermee", "fermez", "ferment", "fermeture", "ouverture", "horaires"];
        let of_opening = q.w.any(OPENING) || q.w.phrase("les heures");
        // "un parent en retard après la fermeture paie 10 euros" tells a fee, not when it closes.
        let opening_at = |t: &[String], i: usize| {
            OPENING.contains(&t[i].as_str()) && !(i >= 2 && t[i - 1] == "la" && matches!(t[i - 2].as_str(), "apres" | "avant" | "des"))
        };
        let speaks_of_opening = |f: &crate::answer::town::Faq| {
            let t = tokens(&f.answer);
            !of_opening || (0..t.len()).any(|i| opening_at(&t, i))
        };
        // …or tells a span of the day ("de 7 h 30 à 8 h 30"), not one time ("à 19 h 30").
        let tells_hours = |f: &crate::answer::town::Faq| speaks_of_opening(f) || tells_span(&tokens(&f.answer));
        let about_thing = |f: &crate::answer::town::Faq| {
            !going && f.keywords.iter().any(|k| is_thing(k)) && f.questions.iter().any(|x| names_thing(x)) && speaks_of_opening(f)
        };
        q.faq_hits
            .iter()
            .take(3)
            .find(|h| {
                let f = &self.town.faqs[h.faq];
                // Another service's entry tells that service's times, not this one's.
                let others = f.service.as_ref().is_some_and(|id| *id != s.id);
                h.confidence >= 0.3
                    && !others
                    && tells_clock_time(&tokens(&f.answer))
                    && (f.questions.iter().any(|x| asks_its_hours(x)) || about_thing(f))
                    && tells_named(f)
                    // Asked open, an entry that never speaks of opening ("le Heiva se tient … à
                    // 19 h 30") tells the event, not the office's hours.
                    && tells_hours(f)
                    && !of_other_months(&f.answer, when)
            })
            .map(|h| (h.faq, h.confidence.max(0.7)))
    }
}

/// Whether an entry's answer tells the times of some months only ("du 25 au 31 octobre") and the
/// day asked ("aujourd'hui", on 5 March) falls in none of them.
fn of_other_months(answer: &str, when: Option<When>) -> bool {
    let t = tokens(answer);
    let named: Vec<(usize, i8)> = t.iter().enumerate().filter_map(|(i, x)| timeexpr::month(x).map(|m| (i, m))).collect();
    let mut months: Vec<i8> = named.iter().map(|(_, m)| *m).collect();
    // "du 1er novembre au 31 mars": every month between, across the new year.
    for p in named.windows(2) {
        let ((i, from), (j, to)) = (p[0], p[1]);
        if j - i <= 4 && t[i + 1..j].iter().any(|x| matches!(x.as_str(), "au" | "a" | "jusqu")) {
            let mut m = from;
            while m != to {
                m = m % 12 + 1;
                months.push(m);
            }
        }
    }
    when.is_some_and(|w| !months.is_empty() && !months.contains(&w.date.month()))
}

/// Whether an entry's answer sends the caller to the opening hours without telling them ("aux
/// heures d'ouverture", "pendant ses horaires d'ouverture").
fn defers_to_hours(answer: &str) -> bool {
    let t = tokens(answer);
    let opening =
        |i: usize| matches!(t[i].as_str(), "heures" | "horaires") && t.get(i + 1).is_some_and(|x| x == "d") && t.get(i + 2).is_some_and(|x| x == "ouverture");
    (0..t.len()).any(opening) && !tells_clock_time(&t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_span_of_the_day_and_the_months_an_entry_tells() {
        assert!(tells_span(&tokens("L'accueil a lieu de 7 h 30 à 8 h 30 le matin.")));
        assert!(!tells_span(&tokens("La navette part à 6 h et à 15 h.")));
        let on = |y, m, d| Some(When { date: date(y, m, d), moment: Moment::Day });
        let toussaint = "Du 25 au 31 octobre, le cimetière ouvre de 6 h à 19 h. Le 1er novembre, de 5 h à 22 h.";
        assert!(of_other_months(toussaint, on(2027, 3, 5)));
        assert!(!of_other_months(toussaint, on(2027, 10, 28)));
        // "du 1er novembre au 31 mars": December is within.
        let winter = "Du 1er novembre au 31 mars, de 8 h à 17 h 30. Du 1er avril au 31 octobre, de 8 h à 19 h 30.";
        assert!(!of_other_months(winter, on(2026, 12, 6)));
        assert!(!of_other_months("Ouvert de 9 h à 12 h.", on(2026, 12, 6)));
    }
}
