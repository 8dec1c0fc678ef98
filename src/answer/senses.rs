//! Everyday French ↔ administrative French: the life events, everyday and regional words and
//! acronyms that stand for a procedure or a service, general to every town (never per town).

mod colloquial;
mod table;

use colloquial::COLLOQUIAL;
use table::SENSES;

/// Things at home said to "die" when they break down; then bulky waste.
const APPLIANCES: &[&str] = &[
    "frigo",
    "frigidaire",
    "refrigerateur",
    "congelateur",
    "machine",
    "lave",
    "television",
    "tele",
    "ordinateur",
    "four",
    "chaudiere",
    "tondeuse",
    "gaziniere",
    "micro",
];

/// For each word of `words`, the administrative words it stands for in this question.
pub fn senses(words: &[String]) -> Vec<Vec<&'static str>> {
    let mut out: Vec<Vec<&'static str>> = vec![Vec::new(); words.len()];
    for sense in SENSES.iter().chain(COLLOQUIAL) {
        let positions: Vec<Option<usize>> = sense.when.iter().map(|w| words.iter().position(|x| x == w)).collect();
        if positions.iter().any(Option::is_none) {
            continue;
        }
        // The words of a phrase stand together ("la poste", "fin du mois"), not anywhere apart.
        let (lo, hi) = positions.iter().flatten().fold((usize::MAX, 0), |(lo, hi), p| (lo.min(*p), hi.max(*p)));
        if hi - lo > 2 * sense.when.len() {
            continue;
        }
        // "l'auto-école", "auto-entrepreneur": no car.
        if sense.when == ["auto"] && words.get(lo + 1).is_some_and(|n| matches!(n.as_str(), "entrepreneur" | "entreprise" | "stop" | "partage")) {
            continue;
        }
        // "j'ai perdu mon frère", not "mon frère a perdu sa carte" nor "perdu la carte de mon père".
        if sense.when.first() == Some(&"perdu")
            && sense.means.contains(&"deces")
            && !matches!(positions.as_slice(), [Some(a), Some(b)] if (a + 1..=a + 2).contains(b))
        {
            continue;
        }
        // "notre frigo est mort": a thing broken, no one's death.
        if sense.means.contains(&"deces") && (lo.saturating_sub(3)..lo).any(|i| APPLIANCES.contains(&words[i].as_str())) {
            continue;
        }
        // "pas se marier", "sans faire un mariage": no marriage.
        if sense.means.contains(&"mariage") && (lo.saturating_sub(3)..lo).any(|i| matches!(words[i].as_str(), "pas" | "sans")) {
            continue;
        }
        for p in positions.into_iter().flatten() {
            for m in sense.means {
                if !out[p].contains(m) {
                    out[p].push(m);
                }
            }
        }
    }
    out
}

/// Whether a sense names the procedure of a life event: a death, a birth, a marriage, the census
/// at sixteen.
pub fn is_life_event(sense: &str) -> bool {
    matches!(sense, "deces" | "obseques" | "inhumation" | "naissance" | "reconnaissance" | "recensement" | "mariage" | "pacs")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::normalize::tokens;

    #[test]
    fn life_events_point_to_procedures() {
        let w: Vec<String> = tokens("mon père vient de nous quitter qu'est-ce que je dois faire");
        let s = senses(&w);
        assert!(s.iter().flatten().any(|m| *m == "deces"), "{s:?}");
        let w = tokens("mon fils a eu seize ans");
        assert!(senses(&w).iter().flatten().any(|m| *m == "recensement"));
        let w = tokens("mon père est parti cette nuit à l'hôpital");
        assert!(senses(&w).iter().flatten().any(|m| *m == "deces"));
        let w = tokens("je n'arrive plus à payer depuis que mon mari est parti");
        assert!(!senses(&w).iter().flatten().any(|m| *m == "deces"));
        let w = tokens("le petit est né ce matin");
        assert!(senses(&w).iter().flatten().any(|m| *m == "naissance"));
        let w = tokens("on a trouvé un chat");
        assert!(senses(&w).iter().flatten().any(|m| *m == "fourriere"));
        // Unrelated words mean nothing more.
        let w = tokens("les horaires de la mairie");
        assert!(senses(&w).iter().all(Vec::is_empty));
    }

    #[test]
    fn everyday_words_of_many_fields_point_to_procedures() {
        let means = |q: &str, m: &str| senses(&tokens(q)).iter().flatten().any(|x| *x == m);
        assert!(means("mon mari vient de mourir ce matin", "deces"));
        assert!(means("ma rue est sous la poudreuse", "deneigement"));
        assert!(means("on m a mis une prune devant la halle", "amende"));
        assert!(means("ils ont pris mon auto avec la depanneuse", "voiture"));
        // "l'auto-école", "auto-entrepreneur": no car.
        assert!(!means("l auto ecole demande l attestation", "voiture"));
        assert!(!means("je suis auto entrepreneur", "vehicule"));
        assert!(means("plus une goutte au robinet ce matin", "compteur"));
        assert!(means("on veut changer les volets", "declaration"));
        // The roof taken down to the tip is no works to declare.
        assert!(!means("j ai demonte le toit de ma vieille grange", "declaration"));
        assert!(means("ils ont embarqué ma bagnole rue des tanneurs", "fourriere"));
        assert!(means("les monstres on les sort quand", "encombrants"));
        assert!(means("j ai le droit de mettre le tourniquet dans le jardin", "arrosage"));
        assert!(means("ils font un boucan pas possible", "bruit"));
        assert!(means("je joue du tuba je voudrais rejouer avec d autres", "harmonie"));
        assert!(means("les pots de confiture terminés ça va où", "verre"));
        assert!(means("le facteur a laissé un avis de passage pour mon paquet", "colis"));
        assert!(means("ils ont pris mon auto avec la dépanneuse", "fourriere"));
        assert!(means("les piqûres du carnet pour ma fille", "vaccination"));
        assert!(means("il a des mauvaises notes il faudrait l'aider", "devoirs"));
        assert!(means("je veux devenir français comme mes enfants", "naturalisation"));
        assert!(means("on a droit aux bûches de la commune", "affouage"));
        assert!(means("il y a des chiens avec les moutons là-haut", "protection"));
        assert!(means("y a des bestioles dans le matelas", "nuisibles"));
        assert!(means("mon ex il donne plus la pension alimentaire", "juridique"));
        assert!(means("ma sœur a accouché et l'acte est mal écrit", "rectification"));
        assert!(means("on voudrait louer notre appartement aux skieurs", "meuble"));
        assert!(means("ma mère ne peut plus cuisiner vous livrez des repas", "portage"));
        assert!(means("un bracelet d'appel en cas de chute", "teleassistance"));
        assert!(means("je mets mon chalet sur airbnb", "meuble"));
        assert!(means("qui doit pelleter le trottoir", "deneigement"));
        assert!(means("on veut se pacser", "pacs"));
        assert!(means("je suis papa depuis ce matin il y a un délai", "naissance"));
        assert!(means("on voudrait une union légale mais pas se marier", "pacs"));
        assert!(!means("on voudrait une union légale mais pas se marier", "mariage"));
        assert!(means("on voudrait se marier en juin", "mariage"));
        assert!(means("c'est quel prix pour faire des longueurs", "piscine"));
        assert!(means("le macaron pour se garer devant chez moi", "residents"));
        assert!(means("on voudrait se dire oui à la mairie", "mariage"));
        assert!(means("réserver notre dernière demeure", "concession"));
        assert!(means("mon récépissé expire le mois prochain", "sejour"));
        assert!(means("mettre quelques tables dehors devant le café", "terrasse"));
        assert!(means("on voudrait un bout de terre pour les légumes", "jardins"));
        assert!(means("on m'a piqué ma poubelle cette nuit", "bac"));
        assert!(means("elle a peur de tomber la nuit", "teleassistance"));
        assert!(means("il n'a plus d'adresse pour son courrier", "domiciliation"));
        // A mooring is no death; snow falling is no fall at home.
        assert!(!means("un corps mort pour le bateau", "deces"));
        assert!(!means("notre frigo est mort comment on le jette", "deces"));
        assert!(means("notre frigo est mort comment on le jette", "encombrants"));
        assert!(means("pour les gros objets qu'on peut pas mettre dans la poubelle", "encombrants"));
        assert!(means("mon frère a besoin d'une adresse pour recevoir son courrier", "domiciliation"));
        assert!(!means("j'ai besoin de l'adresse de la déchetterie", "domiciliation"));
        assert!(means("mon père est mort ce matin", "deces"));
        assert!(!means("une chute de neige cette nuit", "teleassistance"));
    }

    #[test]
    fn colloquial_wordings_point_to_procedures() {
        let means = |q: &str, m: &str| senses(&tokens(q)).iter().flatten().any(|x| *x == m);
        for (q, m) in [
            ("mon grand-père a passé l'arme à gauche cette nuit", "deces"),
            ("on est en deuil qu'est-ce qu'il faut faire", "deces"),
            ("le corbillard peut-il entrer dans le cimetière", "obseques"),
            ("on voudrait disperser les cendres de maman", "dispersion"),
            ("on attend un heureux événement pour juin", "naissance"),
            ("on n'est pas mariés et on attend un bébé", "reconnaissance"),
            ("je veux reprendre mon nom de jeune fille", "usage"),
            ("j'ai paumé mon carnet de famille", "livret"),
            ("on va se passer la bague au doigt cet été", "mariage"),
            ("on voudrait rompre notre pacs", "dissolution"),
            ("il me faut ma carte nationale elle est plus bonne", "identite"),
            ("c'est pour faire tamponner un papier par la mairie", "legalisation"),
            ("je suis hébergé chez ma sœur comment je prouve mon adresse", "domicile"),
            ("je serai absent le jour du vote", "procuration"),
            ("je voudrais mettre une cabane au fond du jardin", "declaration"),
            ("on veut creuser une piscine derrière la maison", "declaration"),
            ("on fait construire l'année prochaine", "permis"),
            ("le voisin a construit sans permis", "infraction"),
            ("les branches du voisin dépassent chez moi", "elagage"),
            ("les éboueurs sont pas passés ce matin", "collecte"),
            ("les épluchures ça va dans quoi", "biodechets"),
            ("où est-ce que je jette les pots de peinture", "dechetterie"),
            ("j'ai un vieux clic-clac à jeter", "encombrants"),
            ("le voisin fait cramer ses herbes et ça brûle tout le temps", "brulage"),
            ("y a plein de crottes de chien devant l'école", "dejections"),
            ("quelqu'un a fait des tags sur mon mur", "graffitis"),
            ("le tuyau a éclaté avec le gel", "fuite"),
            ("l'eau du robinet est marron depuis hier", "qualite"),
            ("ça sent l'égout dans la rue", "assainissement"),
            ("il y a des nids de poule partout dans ma rue", "voirie"),
            ("les voitures roulent trop vite devant l'école il faudrait un dos d'âne", "ralentisseur"),
            ("une voiture est garée devant mon garage", "stationnement"),
            ("ma bagnole a été embarquée je peux la récupérer où", "fourriere"),
            ("les voisins font un raffut pas possible", "bruit"),
            ("y a un essaim dans mon cerisier", "essaim"),
            ("j'ai des rats dans le jardin", "deratisation"),
            ("on voudrait louer la salle pour un anniversaire", "location"),
            ("le petit va avoir trois ans en septembre", "maternelle"),
            ("je cherche une nourrice pour ma fille", "assistante"),
            ("mon proprio veut rien faire pour les moisissures", "insalubrite"),
        ] {
            assert!(means(q, m), "{q} → {m}");
        }
        // One's brother lost, not the card he lost.
        assert!(means("j'ai perdu mon frère la semaine dernière", "deces"));
        assert!(!means("mon frère a perdu sa carte d'identité", "deces"));
        assert!(!means("j'ai perdu la carte de mon père", "deces"));
    }
}
