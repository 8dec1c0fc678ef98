//! The waste-collection reading of a question: a round and a street, a part of the commune, or
//! "which street?".

use std::collections::HashSet;

use super::*;
use crate::answer::normalize::content_tokens;
use crate::answer::town::{Faq, Town};

/// Bringing a bin in or setting it down ("on rentre les poubelles", "je pose le bac").
const BIN_IN: &[&str] = &["rentre", "rentrer", "rentrent", "mets", "mettre", "poser", "pose"];

/// Words of the collection truck's passage ("ils passent", "ils sont passés trop tôt").
const PASSAGE_WORDS: &[&str] = &["passent", "passe", "passes", "passera", "passeront", "passage", "passages"];
/// Putting one's own bins out ("je sors le bac", "il faut sortir les sacs quand ?").
const I_PUT_OUT: &[&str] = &["sors", "sortir"];

/// Putting the bins out, whoever does it ("rue du Château, on le sort quand ?").
fn puts_out(w: &Words) -> bool {
    w.any(I_PUT_OUT) || w.any(&["sort", "sortent", "sortez"])
}

/// What one does with a bin ("je sors le bac", "on rentre les poubelles").
fn handles_bin(w: &Words) -> bool {
    puts_out(w) || w.any(BIN_IN)
}

impl Conversation {
    /// The waste collection of a street, named now or earlier in the call.
    pub(super) fn waste(&mut self, q: &Question, pending: &Pending, now: DateTime) -> Option<Reply> {
        let (w, text, svc) = (&q.w, q.text, q.svc());
        // "ça va me coûter combien ?", "de quelle longueur ?": a price or a measure, which no
        // round's days tell, unless the street was just asked for.
        let fact = kinds::asked(w);
        let other_fact = !fact.is_empty() && !fact.meets(Kinds::CLOCK);
        // "on peut sortir combien d'objets ?", "combien de fois je sors le bac sans payer plus ?": a
        // count of what one puts out, not of the passages ("ils passent combien de fois ?").
        let how_many = w.t.windows(2).any(|p| p[0] == "combien" && matches!(p[1].as_str(), "de" | "d"));
        let counts_things = how_many && !w.any(PASSAGE_WORDS) && !w.any(&["ramassage", "collecte", "ramassent"]);
        if (other_fact || counts_things) && !fact.meets(Kinds::WHEN) && *pending != Pending::Street {
            return None;
        }
        // "je dois prévenir avant quel jour pour les encombrants ?", "la date limite pour s'inscrire":
        // the deadline to register, which an entry tells, not the round's days (a street named beside
        // it asks its date: "je dois inscrire mon poêle, au Puech-Sec c'est quelle date ?").
        let registers = w.any(&["inscrire", "inscris", "inscription", "prevenir", "previens", "reserver", "reservation"])
            || w.any_phrase(&["date limite", "appeler avant", "quel delai", "le delai"]);
        if registers && q.street.is_none() && *pending != Pending::Street {
            return None;
        }
        // "je peux tout mettre sur le trottoir pour les gros objets ?", "je peux la déposer dehors
        // plusieurs jours avant le passage ?": what one may put out, and how, which an entry on that
        // round tells, not its days.
        if self.may_put_out(q, now) && *pending != Pending::Street {
            return None;
        }
        // "le ramassage pour les grands qui vont au collège": the school bus, not a round.
        let school_run = w.any(&["ramassage", "ramasse"])
            && w.any(&["scolaire", "eleves", "enfants", "college", "collegiens", "lycee", "lyceens", "ecole", "car", "bus", "grands", "petits"])
            && !waste_said(w);
        if school_run && *pending != Pending::Street {
            return None;
        }
        // "on vient d'arriver, y a pas de conteneur pour les ordures": a bin to ask for, not a round.
        let no_bin = w.any_phrase(&["pas de conteneur", "pas de bac", "pas de poubelle", "rien pour mettre", "pas de bacs", "pas de poubelles"]);
        if no_bin && !intent::asks_when(w) && *pending != Pending::Street {
            return None;
        }
        // A kind of round named beside a street ("les encombrants rue des Lilas") asks about it too,
        // unless the words name a service and no street type ("des papiers à la mairie de Saint-Roch").
        // "le camion de l'épicerie passe quand ?" is not a round, unless a round is named so.
        let foreign = lexicon::elsewhere_subjects(&w.t).iter().any(|s| !self.town.collections.iter().any(|c| lexicon::names(&c.kind, s)));
        // "quai Saint-Yves, ils passent lundi de Pâques ?": a street named with its type, and a passage.
        // Not when an FAQ entry fits the words ("la rue des Vergers n'est pas déneigée, ils passent quand ?").
        // So is a place of several words named whole: "au mas des Trois-Taureaux, ils sont passés trop tôt".
        let passes = q.street.as_ref().is_some_and(|m| m.typed || (m.score >= 0.95 && self.town.streets[m.index].words() >= 2))
            && svc.is_none()
            && (w.any(PASSAGE_WORDS) || puts_out(w))
            && q.faq_conf() < 0.3;
        // A service named by a round's own words ("les encombrants", an alias of the waste office)
        // names that round, not the office.
        let round_named = |m: &StreetMatch| {
            let (rounds, named) = self.rounds(m.index, w);
            // "pour louer les Tilleuls, je dois ramener quels papiers ?": documents, not the paper round.
            let documents = w.any(&["quels", "ramener", "apporter", "amener", "fournir"]);
            let named = named && !(documents && rounds::named_unprompted(&rounds, &w.t).is_empty());
            let by_round = || svc.is_some_and(|s| !rounds::named(&rounds, q.named(&s)).is_empty());
            named && (m.typed || svc.is_none() || by_round())
        };
        let waste = !foreign && (intent::asks_waste(w) || passes) || q.street.as_ref().is_some_and(round_named);
        let town = self.town.clone();
        let all: Vec<&Collection> = town.collections.iter().collect();
        let named = rounds::named_unprompted(&all, &w.t);
        // "le bac ce soir, il s'arrête quand ?" where the town's ferry is "le bac": its only words of
        // the rounds name a service, and no round is named.
        let waste = waste && !(named.is_empty() && waste_words_name_service(q, &self.town));
        // "je déménage le 15 rue des Teinturiers, le camion peut se garer ?": a car or a removal
        // van parked in a street, not its rounds, unless waste is named.
        let parking = w.any(&["demenage", "demenager", "demenagement", "garer", "stationner", "stationnement", "voiture", "voitures"])
            && named.is_empty()
            && !waste_said(w);
        if parking && *pending != Pending::Street {
            return None;
        }
        let last_collection = self.last.as_ref().is_some_and(|l| l.intent == Intent::Collection);
        if let (None, true, true, Some(st)) = (&q.street, (waste || !named.is_empty()) && is_follow_up(w), last_collection, self.last_street) {
            return Some(self.collection(st, text, w, now, 0.8));
        }
        let how_or_may = how_or_may(q, now);
        tracing::debug!(waste, how_or_may, faq_conf = q.faq_conf(), street = q.street.is_some(), "waste reading");
        if let Some(m) = &q.street {
            // After a collection answer, a street named alone or as a follow-up asks about its days;
            // "où se trouve la mairie ?" does not ask about the place de la Mairie.
            let after_collection = last_collection && (m.typed || is_follow_up(w) || !(intent::asks_where(w) || intent::asks_hours(w) || svc.is_some()));
            // "je voudrais passer à la mairie de Kerhouat ce matin pour des sacs jaunes": a visit to
            // the place named, whatever it is for; not the rounds of a street of the same name.
            let visits_service = svc.is_some() && !m.typed && visiting(timeexpr::parse(text, now), w);
            if waste && !how_or_may && !visits_service || *pending == Pending::Street || after_collection {
                return Some(self.collection(m.index, text, w, now, m.score));
            }
        }
        if let (None, Some(i), true) = (&q.street, self.last_street, last_collection) {
            if asks_another_passage(w, text, now) {
                return Some(self.collection(i, text, w, now, 0.8));
            }
        }
        let kinds = self.town.collections.iter().flat_map(|c| std::iter::once(c.kind.as_str()).chain(c.note.as_deref()));
        let collected = !intent::names_uncollected_material(w, kinds);
        // The encombrants are often an FAQ entry (with how to register); a round only where the
        // town has one and no entry fits better.
        // "les encombrants, c'est ce mercredi ?": a day asked of the round.
        // "au quartier haut, les encombrants c'est quel jour ?": the part its round serves is named.
        let its_part = rounds::in_area(&named, &w.t).is_some();
        let bulky = w.any(&["encombrants", "encombrant"]) && (named.is_empty() || q.faq_conf() >= 0.75 && day_said(text, now).is_none() && !its_part);
        // "demain samedi les poubelles dans le village, y a le camion ?": a day named beside the round
        // alone asks whether it passes then, where no entry fits and no earlier answer is followed up.
        let when_asked = intent::asks_when(w);
        let day_asked = !when_asked && !is_follow_up(w) && q.faq_conf() < 0.3 && day_said(text, now).is_some();
        // "les ordures à Sainte-Honorine": a part of the commune, named as its own town hall is.
        let place_only = !intent::asks_hours(w) && svc.is_some_and(|s| self.named_as_a_part(q, s));
        // "les poubelles", an alias of the waste office: the round, not the office, unless its hours are asked.
        // So is "le bac" before its colour where the ferry is "le bac": "le bac jaune".
        // And "je sors le bac quand ?" there: a bin.
        let a_bin = |s: &ServiceMatch| handles_bin(w) && q.naming(s).any(|x| intent::is_waste_word(x));
        let by_round = !intent::asks_hours(w) && svc.is_some_and(|s| !rounds::named(&all, &q.naming_and_next(&s)).is_empty() || a_bin(&s));
        if (waste || !named.is_empty())
            && collected
            && (when_asked || day_asked)
            && !how_or_may
            && !w.any(&["dechetterie", "decheterie"])
            && !bulky
            && (svc.is_none() || place_only || by_round)
        {
            // Nothing but the round and the day: which street?
            let round_word = |x: &str| intent::is_waste_word(x) || !rounds::named_unprompted(&all, &[x.to_string()]).is_empty();
            let other: Vec<&str> = w.content().into_iter().filter(|x| !round_word(x) && !intent::asks_when(&Words::one(x))).collect();
            let bare = other.iter().all(|x| is_time_word(x) || is_common_type(x) || rounds::is_area_word(x, &self.town.collections) || *x == "habite");
            // "les sacs jaunes, je les sors quel jour ?": an entry that tells no day does not answer it.
            let entry_tells_when = q.faq_hits.first().is_some_and(|h| self.town.told[h.faq].meets(Kinds::WHEN));
            if bare || (when_asked && (q.faq_conf() < 0.75 || !entry_tells_when)) {
                let asked = if named.is_empty() { &all } else { &named };
                return Some(self.rounds_without_street(asked, text, w, now));
            }
        }
        if *pending == Pending::Street && q.street.is_none() && w.t.iter().any(|x| is_common_type(x)) {
            return Some(self.unknown_street(now));
        }
        None
    }

    /// Whether the words ask what one may put out for a round an entry is about, without a street
    /// or a day ("je peux tout sortir pour les gros objets ?").
    fn may_put_out(&self, q: &Question, now: DateTime) -> bool {
        let w = &q.w;
        let may = w.any(&["peux", "peut", "pouvons", "droit", "dois", "doit", "autorise", "autorisee", "interdit"]);
        let when = w.any(&["quand", "quel", "quelle", "jour", "prochain", "prochaine", "heure", "heures"]) || day_said(q.text, now).is_some();
        if !may || when || q.street.is_some() {
            return false;
        }
        let all: Vec<&Collection> = self.town.collections.iter().collect();
        let named = rounds::named_unprompted(&all, &w.t);
        let of_round =
            |f: &Faq| named.iter().any(|c| content_tokens(&c.kind).iter().any(|k| f.keywords.iter().chain(&f.questions).any(|t| lexicon::names(t, k))));
        !named.is_empty() && self.town.faqs.iter().any(of_round)
    }

    /// Whether service match `s` is said only by the words of a part of the commune ("à
    /// Sainte-Honorine", a former commune whose town hall bears its name).
    pub(super) fn named_as_a_part(&self, q: &Question, s: ServiceMatch) -> bool {
        let said: Vec<&String> = q.naming(&s).filter(|x| !is_stopword(x)).collect();
        !said.is_empty() && said.iter().all(|x| rounds::is_area_word(x, &self.town.collections))
    }

    /// The rounds asked about without a street: those of the part of the commune the words name
    /// ("les ordures dans le bourg"), or one answer when they all serve the same streets, else
    /// "which street?".
    pub(super) fn rounds_without_street(&mut self, asked: &[&Collection], text: &str, w: &Words, now: DateTime) -> Reply {
        // A part that another round's note names ("les Hauts de Piton-Calumet"), whose streets the
        // rounds asked about serve too.
        let all: Vec<&Collection> = self.town.collections.iter().collect();
        let elsewhere = || rounds::in_area(&all, &w.t).filter(|(street, _)| asked.iter().any(|c| c.streets.contains(street)));
        let area = rounds::in_area(asked, &w.t)
            .or_else(elsewhere)
            .and_then(|(street, place)| Some((self.town.streets.iter().position(|s| s.display == street)?, place)));
        // "la rue principale du village": a street of the part named, or which street.
        if w.t.iter().any(|x| is_common_type(x)) || w.any(&["square", "lotissement", "residence"]) {
            if let Some((street, place)) = area {
                return self.collection_in(street, &format!("dans {place}"), text, w, now);
            }
            // "les cartons, sur la place": every street of that type served alike.
            if let Some((street, place)) = self.alike_of_the_type(asked, w) {
                return self.collection_in(street, &place, text, w, now);
            }
            return self.unknown_street(now);
        }
        // The rounds asked about serve the same streets, every one of the commune, all but a
        // few or only a few: one answer for all, no need to ask which.
        if let Some((street, place)) = self.same_streets(asked) {
            return self.collection_in(street, &place, text, w, now);
        }
        // "ils passent jusqu'à quel mois ?": the season's end, which an entry may tell, not the next passage.
        if let Some((street, place)) = area.or_else(|| self.one_part(asked).filter(|_| truck_or_bin(w) && !self.names_a_place(w) && !w.has("jusqu"))) {
            return self.collection_in(street, &format!("dans {place}"), text, w, now);
        }
        self.pending = Pending::Street;
        let ask = self.reply_of(Intent::Collection, None, "Pour quelle rue ? Dites-moi le nom de votre rue.".into(), 0.8);
        Reply { asks_back: true, ..ask }
    }

    /// Where rounds asked about without a street all serve the same streets, a part of the
    /// commune their note names ("Le Village et la Combe. Bac marron…"): one of those streets and
    /// the part, told rather than asking which street.
    fn one_part(&self, asked: &[&Collection]) -> Option<(usize, String)> {
        let first = asked.first()?;
        let same = asked.iter().all(|c| c.streets == first.streets);
        let place = asked.iter().find_map(|c| rounds::area(c)).filter(|_| same)?;
        let street = self.town.streets.iter().position(|s| first.streets.contains(&s.display))?;
        Some((street, place))
    }

    /// Whether the words place the caller somewhere ("au plateau", "dans les garrigues", "dans
    /// le bourg"): a part of the commune or a place after "dans", "au", "aux", which a round's part
    /// may not be.
    fn names_a_place(&self, w: &Words) -> bool {
        let place = |x: &str| !is_stopword(x) && !is_time_word(x) && !intent::is_waste_word(x);
        w.t.iter().any(|x| rounds::is_area_word(x, &self.town.collections))
            || w.t.iter().enumerate().any(|(i, x)| {
                matches!(x.as_str(), "dans" | "au" | "aux")
                    && w.t[i + 1..].iter().find(|n| !matches!(n.as_str(), "le" | "la" | "les" | "l")).is_some_and(|n| place(n))
            })
    }

    /// The streets of the type said alone ("sur la place"), at most three, when the rounds asked
    /// about serve each of them alike: the first and how to name them all.
    fn alike_of_the_type(&self, asked: &[&Collection], w: &Words) -> Option<(usize, String)> {
        let of_type = streets::of_the_type_said_alone(&w.t, &self.town.streets);
        let serving = |i: usize| -> Vec<bool> { asked.iter().map(|c| c.streets.contains(&self.town.streets[i].display)).collect() };
        let first = *of_type.first()?;
        let alike = of_type.len() <= 3 && serving(first).contains(&true) && of_type.iter().all(|&i| serving(i) == serving(first));
        let names: Vec<String> = of_type.iter().map(|&i| self.town.streets[i].display.clone()).collect();
        alike.then(|| (first, speak::join_et(&names)))
    }

    /// Where rounds that all serve the same streets are asked about without a street, when those
    /// are every street ("dans toute la commune"), every street but at most three ("dans toute la
    /// commune (sauf …)") or at most three ("rue des Vergers et route de Sarreinsming"), the shorter
    /// said: one of those streets and how to name them all.
    pub(super) fn same_streets(&self, asked: &[&Collection]) -> Option<(usize, String)> {
        const FEW: usize = 3;
        let first = asked.first()?;
        let serves = |c: &Collection, st: &str| c.streets.iter().any(|x| x == st);
        let same = asked.iter().all(|c| self.town.streets.iter().all(|st| serves(c, &st.display) == serves(first, &st.display)));
        let (served, left): (Vec<usize>, Vec<usize>) = (0..self.town.streets.len()).partition(|i| serves(first, &self.town.streets[*i].display));
        let names = |ix: &[usize]| -> Vec<String> { ix.iter().map(|i| self.town.streets[*i].display.clone()).collect() };
        // The shorter list of the two is said.
        match (same, served.first()) {
            (true, Some(&one)) if left.is_empty() && served.len() > 1 => Some((one, "dans toute la commune".to_string())),
            (true, Some(&one)) if !left.is_empty() && left.len() <= FEW && left.len() < served.len() => {
                Some((one, format!("dans toute la commune (sauf {})", speak::join_et(&names(&left)))))
            }
            (true, Some(&one)) if !left.is_empty() && served.len() <= FEW => Some((one, speak::join_et(&names(&served)))),
            _ => None,
        }
    }
}

/// After a collection answer, "et la semaine prochaine ?", "et après jeudi ?" or "j'ai raté le
/// camion, ils repassent quand ?" without a street: the same street again.
fn asks_another_passage(w: &Words, text: &str, now: DateTime) -> bool {
    let content = w.content();
    let only_when = content.iter().all(|x| is_time_word(x) || intent::is_waste_word(x) || intent::asks_when(&Words::one(x)));
    let after = collection_answer::asks_after(&w.t)
        && content.iter().all(|x| {
            is_time_word(x)
                || FOLLOW_WORDS.contains(x)
                || collection_answer::is_after_word(x)
                || matches!(*x, "apres" | "fois" | "passage" | "quand" | "prochaine" | "prochain")
        });
    after || (only_when && (w.has("semaine") || timeexpr::parse(text, now).is_some()))
}

/// "rue du Port, mon frigo est cassé, comment je fais ?", "aux Garrigues, je peux brûler les
/// branches ?": how, or whether one may, which an entry tells, not the round's days.
fn how_or_may(q: &Question, now: DateTime) -> bool {
    let w = &q.w;
    let when_words =
        w.any(&["quand", "quel", "quels", "quelle", "quelles", "jour", "jours", "prochain", "prochaine", "veille", "heure", "heures"]) || w.any(PASSAGE_WORDS);
    !when_words
        && day_said(q.text, now).is_none()
        && w.any(&["comment", "faut", "peux", "peut", "droit", "rendez", "inscrire", "inscription", "autorise", "interdit"])
        && q.faq_conf() >= 0.3
}

/// Whether the words name the rounds by the truck, its passage or the bins ("le camion des
/// déchets verts", "la prochaine tournée", "je sors mon bac"), not only by what is thrown ("les
/// branches", "l'herbe", which an entry on gardens may tell).
fn truck_or_bin(w: &Words) -> bool {
    const ROUND: &[&str] = &["ramassage", "camion", "eboueurs", "tournee", "conteneur"];
    w.any(ROUND) || w.any(collection_answer::PICKED_UP) || w.any(BIN_NOUNS) || w.any(I_PUT_OUT) || w.any(PASSAGE_WORDS)
}

/// The bins and bags themselves ("le bac", "les sacs").
const BIN_NOUNS: &[&str] = &["poubelle", "poubelles", "bac", "bacs", "sac", "sacs"];

/// Whether waste is meant, beside a school run or a parked car.
fn waste_said(w: &Words) -> bool {
    w.any(BIN_NOUNS) || w.any(&["ordures", "dechets", "tri", "verre", "encombrants"])
}

/// Whether every word of the rounds in the question ("bac") is a word of the service it names
/// ("le bac de Vaurenay", a ferry), there is one, and that service is no waste office (its names
/// say one word of the rounds at most: not "Allô Propreté", "le ramassage des ordures").
fn waste_words_name_service(q: &Question, town: &Town) -> bool {
    let waste_word = |x: &String| intent::is_waste_word(x);
    let of_waste = |i: usize| {
        let s = &town.services[i];
        let said: HashSet<String> = std::iter::once(&s.name).chain(&s.aliases).flat_map(|l| tokens(l)).filter(waste_word).collect();
        said.len() > 1
    };
    if q.svc().is_some_and(|s| of_waste(s.index)) {
        return false;
    }
    // "je sors le bac quand ?": a bin put out, whatever else the word names.
    let Some(s) = q.svc().filter(|_| !handles_bin(&q.w)) else { return false };
    let span = s.first..s.first + s.words;
    let waste_at = |i: &usize| waste_word(&q.w.t[*i]);
    let mut said = (0..q.w.t.len()).filter(waste_at);
    said.next().is_some_and(|i| span.contains(&i)) && said.all(|i| span.contains(&i))
}
