//! Everyday French ↔ administrative French: the life events, everyday and regional words and
//! acronyms that stand for a procedure or a service, general to every town (never per town).

/// A way residents say something, and the administrative words it stands for. Every word of
/// `when` must be in the question (in any order); the words of `means` are then searched as well.
struct Sense {
    when: &'static [&'static str],
    means: &'static [&'static str],
}

const fn s(when: &'static [&'static str], means: &'static [&'static str]) -> Sense {
    Sense { when, means }
}

/// Life events, everyday words, regional words and acronyms.
const SENSES: &[Sense] = &[
    // A mistake in an act: its correction.
    s(&["faute"], &["erreur", "rectification"]),
    s(&["mal", "ecrit"], &["erreur", "rectification"]),
    s(&["mal", "orthographie"], &["erreur", "rectification"]),
    s(&["corriger"], &["erreur", "rectification"]),
    s(&["corrige"], &["erreur", "rectification"]),
    // Death.
    s(&["nous", "quitter"], &["deces", "declarer", "acte"]),
    // "il est parti cette nuit": a death, not a leaving ("depuis que mon mari est parti").
    s(&["parti", "cette", "nuit"], &["deces", "declarer", "acte"]),
    s(&["partie", "cette", "nuit"], &["deces", "declarer", "acte"]),
    s(&["nous", "quitte"], &["deces", "declarer", "acte"]),
    s(&["nous", "a", "quittes"], &["deces", "declarer", "acte"]),
    s(&["decede"], &["deces", "acte"]),
    s(&["deceder"], &["deces", "declarer"]),
    s(&["decedee"], &["deces", "acte"]),
    s(&["est", "mort"], &["deces", "acte"]),
    s(&["est", "morte"], &["deces", "acte"]),
    s(&["perdu", "mari"], &["deces"]),
    s(&["perdu", "femme"], &["deces"]),
    s(&["perdu", "pere"], &["deces"]),
    s(&["perdu", "mere"], &["deces"]),
    s(&["enterrer"], &["inhumation", "cimetiere", "concession"]),
    s(&["enterrement"], &["inhumation", "obseques", "cimetiere"]),
    s(&["funerailles"], &["obseques", "inhumation"]),
    s(&["cremation"], &["cendres", "columbarium", "cimetiere"]),
    s(&["urne"], &["cendres", "columbarium"]),
    s(&["mourir"], &["deces", "declarer"]),
    s(&["meurt"], &["deces", "declarer"]),
    s(&["decedes"], &["deces", "acte"]),
    s(&["eteint"], &["deces", "declarer"]),
    s(&["eteinte"], &["deces", "declarer"]),
    s(&["veuf"], &["deces"]),
    s(&["veuve"], &["deces"]),
    s(&["perdu", "papa"], &["deces"]),
    s(&["perdu", "maman"], &["deces"]),
    s(&["perdu", "epoux"], &["deces"]),
    s(&["perdu", "epouse"], &["deces"]),
    s(&["pompes", "funebres"], &["deces", "obseques"]),
    s(&["cercueil"], &["inhumation", "obseques"]),
    s(&["incineration"], &["cremation", "cendres"]),
    s(&["caveau"], &["concession", "cimetiere"]),
    s(&["enterre"], &["inhumation", "cimetiere"]),
    s(&["enterree"], &["inhumation", "cimetiere"]),
    s(&["incineree"], &["cremation", "cendres", "columbarium"]),
    s(&["incinere"], &["cremation", "cendres", "columbarium"]),
    s(&["cendres"], &["columbarium", "cremation", "cimetiere"]),
    // Birth.
    s(&["attend", "bebe"], &["naissance", "reconnaissance", "anticipee"]),
    s(&["attendons", "bebe"], &["naissance", "reconnaissance", "anticipee"]),
    s(&["attend", "enfant"], &["naissance", "reconnaissance", "anticipee"]),
    s(&["enceinte"], &["naissance", "reconnaissance", "anticipee"]),
    s(&["grossesse"], &["naissance", "reconnaissance", "anticipee"]),
    s(&["reconnaitre", "enfant"], &["reconnaissance"]),
    s(&["reconnaitre", "bebe"], &["reconnaissance"]),
    s(&["accouche"], &["naissance", "declarer"]),
    s(&["accouchee"], &["naissance", "declarer"]),
    s(&["vient", "naitre"], &["naissance", "declarer"]),
    s(&["nouveau", "ne"], &["naissance", "declarer"]),
    s(&["bebe", "ne"], &["naissance", "declarer"]),
    s(&["bebe", "nee"], &["naissance", "declarer"]),
    s(&["est", "ne"], &["naissance", "declarer"]),
    s(&["est", "nee"], &["naissance", "declarer"]),
    s(&["sont", "nes"], &["naissance", "declarer"]),
    s(&["eu", "bebe"], &["naissance", "declarer"]),
    s(&["va", "naitre"], &["naissance", "reconnaissance"]),
    // Sixteen: the census.
    s(&["16", "ans"], &["recensement", "recenser"]),
    s(&["seize", "ans"], &["recensement", "recenser"]),
    s(&["jdc"], &["recensement", "defense", "citoyennete"]),
    s(&["journee", "defense"], &["recensement", "citoyennete"]),
    s(&["journee", "citoyennete"], &["recensement", "defense"]),
    // Couples.
    s(&["se", "marier"], &["mariage"]),
    s(&["nous", "marier"], &["mariage"]),
    s(&["epouser"], &["mariage"]),
    s(&["divorce"], &["divorce", "mention", "etat", "civil"]),
    s(&["pacser"], &["pacs"]),
    s(&["pacse"], &["pacs"]),
    s(&["pax"], &["pacs"]),
    s(&["union", "libre"], &["pacs", "concubinage"]),
    s(&["fiance"], &["mariage"]),
    s(&["fiancee"], &["mariage"]),
    s(&["fiances"], &["mariage"]),
    s(&["temoins"], &["mariage", "temoins"]),
    s(&["noces"], &["mariage"]),
    s(&["noce"], &["mariage"]),
    s(&["dire", "oui"], &["mariage"]),
    // Papers.
    s(&["cni"], &["carte", "identite"]),
    s(&["papiers", "identite"], &["carte", "identite"]),
    s(&["carte", "perimee"], &["renouvellement", "carte", "identite"]),
    s(&["passeport", "perime"], &["renouvellement", "passeport"]),
    s(&["voyage", "etranger"], &["passeport"]),
    s(&["livret", "famille"], &["livret", "famille", "etat", "civil"]),
    s(&["acte", "naissance"], &["acte", "naissance", "etat", "civil"]),
    s(&["certificat", "residence"], &["justificatif", "domicile"]),
    s(&["attestation", "domicile"], &["justificatif", "domicile"]),
    s(&["legaliser", "signature"], &["legalisation", "signature"]),
    s(&["carte", "grise"], &["immatriculation", "ants", "vehicule"]),
    s(&["permis", "conduire"], &["permis", "conduire", "ants"]),
    s(&["vole", "carte"], &["vol", "perte", "declaration", "plainte"]),
    s(&["vole", "papiers"], &["vol", "perte", "declaration", "plainte"]),
    s(&["vole", "passeport"], &["vol", "perte", "declaration", "plainte"]),
    s(&["volee", "carte"], &["vol", "perte", "declaration", "plainte"]),
    s(&["voler", "carte"], &["vol", "perte", "declaration", "plainte"]),
    s(&["voler", "papiers"], &["vol", "perte", "declaration", "plainte"]),
    s(&["perdu", "papiers"], &["perte", "declaration", "renouvellement"]),
    s(&["perdu", "carte"], &["perte", "declaration", "renouvellement"]),
    s(&["perdu", "passeport"], &["perte", "declaration", "renouvellement"]),
    // Money, housing, help.
    s(&["payer", "loyer"], &["ccas", "aide", "sociale", "logement"]),
    s(&["fin", "mois"], &["ccas", "aide", "sociale"]),
    s(&["plus", "rien", "manger"], &["ccas", "aide", "alimentaire"]),
    s(&["colis", "alimentaire"], &["ccas", "aide", "alimentaire"]),
    // The elders' hamper at the year's end: "le panier de fin d'année".
    s(&["panier", "fin", "annee"], &["colis", "noel", "aines"]),
    s(&["panier", "noel"], &["colis", "noel", "aines"]),
    s(&["restos", "coeur"], &["aide", "alimentaire"]),
    s(&["expulse"], &["ccas", "logement", "aide"]),
    s(&["expulsion"], &["ccas", "logement", "aide"]),
    s(&["logement", "social"], &["logement", "social", "hlm", "demande"]),
    s(&["hlm"], &["logement", "social"]),
    s(&["caf"], &["allocations", "familiales", "aide"]),
    s(&["rsa"], &["ccas", "aide", "sociale"]),
    s(&["apa"], &["ccas", "personnes", "agees", "autonomie"]),
    s(&["portage", "repas"], &["portage", "repas", "ccas"]),
    s(&["personne", "agee"], &["personnes", "agees", "ccas"]),
    s(&["maison", "retraite"], &["ehpad", "personnes", "agees"]),
    s(&["canicule"], &["canicule", "registre", "personnes", "vulnerables"]),
    s(&["isole"], &["registre", "personnes", "vulnerables", "ccas"]),
    s(&["isolee"], &["registre", "personnes", "vulnerables", "ccas"]),
    s(&["perdu", "travail"], &["ccas", "aide", "sociale"]),
    s(&["perdu", "emploi"], &["ccas", "aide", "sociale"]),
    s(&["chomage"], &["ccas", "aide", "sociale"]),
    s(&["faire", "courses"], &["ccas", "aide", "alimentaire"]),
    s(&["bons", "alimentaires"], &["ccas", "aide", "alimentaire"]),
    s(&["epicerie", "sociale"], &["epicerie", "sociale", "aide", "alimentaire", "ccas"]),
    s(&["epicerie", "solidaire"], &["epicerie", "sociale", "aide", "alimentaire", "ccas"]),
    s(&["epicerie", "pas", "chere"], &["epicerie", "sociale", "aide", "alimentaire", "ccas"]),
    s(&["petits", "revenus"], &["ccas", "aide", "sociale"]),
    s(&["frigo", "vide"], &["ccas", "aide", "alimentaire", "epicerie", "sociale"]),
    s(&["manger", "pas", "cher"], &["epicerie", "sociale", "aide", "alimentaire"]),
    s(&["magasin", "pas", "cher"], &["epicerie", "sociale", "aide", "alimentaire"]),
    s(&["retard", "loyer"], &["ccas", "aide", "sociale", "logement"]),
    s(&["payer", "electricite"], &["ccas", "aide", "sociale", "energie"]),
    s(&["payer", "factures"], &["ccas", "aide", "sociale"]),
    s(&["plus", "adresse"], &["domiciliation", "ccas"]),
    s(&["sans", "domicile"], &["domiciliation", "ccas"]),
    s(&["sdf"], &["domiciliation", "ccas"]),
    // "il a besoin d'une adresse pour son courrier", not "besoin de l'adresse de la déchetterie".
    s(&["besoin", "une", "adresse"], &["domiciliation", "ccas"]),
    s(&["faut", "une", "adresse"], &["domiciliation", "ccas"]),
    s(&["rien", "frigo"], &["ccas", "aide", "epicerie", "sociale"]),
    s(&["aider", "nourriture"], &["ccas", "aide", "alimentaire", "epicerie"]),
    s(&["mettre", "accord"], &["conciliateur", "conciliation", "litige"]),
    s(&["sans", "avocat"], &["conciliateur", "conciliation", "litige"]),
    s(&["litige"], &["conciliateur", "conciliation", "litige"]),
    s(&["repas", "apporter"], &["portage", "repas", "domicile"]),
    s(&["repas", "apportes"], &["portage", "repas", "domicile"]),
    s(&["livrez", "repas"], &["portage", "repas", "domicile"]),
    s(&["livrer", "repas"], &["portage", "repas", "domicile"]),
    s(&["livraison", "repas"], &["portage", "repas", "domicile"]),
    s(&["repas", "domicile"], &["portage", "repas", "domicile"]),
    s(&["plus", "cuisiner"], &["portage", "repas", "domicile"]),
    s(&["faire", "manger"], &["portage", "repas", "domicile"]),
    s(&["aide", "menagere"], &["aide", "domicile", "ccas"]),
    s(&["tombee"], &["teleassistance", "chute"]),
    s(&["tombe", "chez"], &["teleassistance", "chute"]),
    s(&["cas", "chute"], &["teleassistance", "chute"]),
    s(&["bracelet"], &["teleassistance"]),
    s(&["medaillon"], &["teleassistance"]),
    s(&["pendentif"], &["teleassistance"]),
    s(&["peur", "tomber"], &["teleassistance", "chute"]),
    s(&["collier", "tomber"], &["teleassistance", "chute"]),
    s(&["reste", "par", "terre"], &["teleassistance", "chute"]),
    s(&["grand", "froid"], &["registre", "personnes", "vulnerables", "froid"]),
    s(&["fortes", "chaleurs"], &["canicule", "registre", "personnes", "vulnerables"]),
    s(&["tres", "chaud"], &["canicule", "registre", "personnes", "vulnerables"]),
    s(&["toute", "seule"], &["registre", "personnes", "vulnerables", "isolees"]),
    s(&["tout", "seul"], &["registre", "personnes", "vulnerables", "isolees"]),
    // Building, garden, neighbours.
    s(&["cloture"], &["cloture", "declaration", "prealable", "urbanisme"]),
    s(&["portail"], &["cloture", "declaration", "prealable", "urbanisme"]),
    s(&["mur"], &["cloture", "declaration", "prealable", "urbanisme"]),
    s(&["veranda"], &["declaration", "prealable", "permis", "construire", "urbanisme"]),
    s(&["piscine", "jardin"], &["declaration", "prealable", "urbanisme"]),
    s(&["abri", "jardin"], &["declaration", "prealable", "urbanisme"]),
    s(&["cabanon"], &["abri", "jardin", "declaration", "prealable", "urbanisme"]),
    s(&["remise", "jardin"], &["abri", "jardin", "declaration", "prealable", "urbanisme"]),
    s(&["canisses"], &["cloture", "brise", "vue"]),
    s(&["occultantes"], &["cloture", "brise", "vue"]),
    s(&["barriere"], &["cloture", "portail", "declaration", "prealable"]),
    s(&["potager"], &["jardins", "familiaux", "partages", "parcelle"]),
    s(&["lopin"], &["jardins", "familiaux", "partages", "parcelle"]),
    s(&["bout", "terre"], &["jardins", "familiaux", "partages", "parcelle"]),
    s(&["poncer"], &["bruit", "travaux", "horaires"]),
    s(&["scier"], &["bruit", "travaux", "horaires"]),
    s(&["perce", "trous"], &["bruit", "travaux", "horaires"]),
    s(&["debroussailleuse"], &["bruit", "travaux", "horaires"]),
    s(&["garage", "construire"], &["permis", "construire", "urbanisme"]),
    s(&["agrandir", "maison"], &["permis", "construire", "urbanisme"]),
    s(&["extension", "maison"], &["permis", "construire", "urbanisme"]),
    s(&["panneaux", "solaires"], &["declaration", "prealable", "urbanisme"]),
    s(&["fenetres"], &["declaration", "prealable", "urbanisme"]),
    s(&["toiture"], &["declaration", "prealable", "urbanisme"]),
    s(&["facade"], &["ravalement", "declaration", "prealable", "urbanisme"]),
    s(&["plu"], &["plan", "local", "urbanisme"]),
    s(&["cadastre"], &["cadastre", "urbanisme", "plan"]),
    s(&["haie"], &["haie", "elagage", "voisinage"]),
    s(&["tondre"], &["bruit", "tonte", "horaires"]),
    s(&["tondeuse"], &["bruit", "tonte", "horaires"]),
    s(&["bruler"], &["brulage", "dechets", "verts"]),
    s(&["feu", "jardin"], &["brulage", "dechets", "verts"]),
    s(&["voisin", "bruit"], &["bruit", "voisinage", "tapage"]),
    s(&["aboie"], &["bruit", "voisinage", "chien"]),
    s(&["grillage"], &["cloture", "declaration", "prealable", "urbanisme"]),
    s(&["pergola"], &["declaration", "prealable", "urbanisme"]),
    s(&["carport"], &["declaration", "prealable", "urbanisme"]),
    s(&["velux"], &["declaration", "prealable", "urbanisme"]),
    s(&["piscine", "gonflable"], &["piscine", "declaration", "urbanisme"]),
    s(&["piscine", "hors", "sol"], &["piscine", "declaration", "urbanisme"]),
    s(&["agrandit"], &["permis", "construire", "declaration", "prealable", "urbanisme"]),
    s(&["agrandir"], &["permis", "construire", "declaration", "prealable", "urbanisme"]),
    s(&["agrandissement"], &["permis", "construire", "declaration", "prealable", "urbanisme"]),
    s(&["surelever"], &["permis", "construire", "urbanisme"]),
    s(&["batir"], &["permis", "construire", "certificat", "urbanisme", "constructible"]),
    s(&["constructible"], &["certificat", "urbanisme", "plu", "constructible"]),
    s(&["airbnb"], &["meuble", "tourisme", "location", "saisonniere", "declaration"]),
    s(&["location", "saisonniere"], &["meuble", "tourisme", "declaration"]),
    s(&["chambre", "hote"], &["meuble", "tourisme", "declaration"]),
    s(&["gite"], &["meuble", "tourisme", "declaration"]),
    s(&["feu", "branches"], &["brulage", "dechets", "verts"]),
    s(&["faire", "feu"], &["brulage", "dechets", "verts"]),
    s(&["ecobuage"], &["brulage", "dechets", "verts"]),
    s(&["perceuse"], &["bruit", "travaux", "horaires"]),
    s(&["bricolage"], &["bruit", "travaux", "horaires"]),
    s(&["bricoler"], &["bruit", "travaux", "horaires"]),
    s(&["tapage"], &["bruit", "voisinage", "tapage"]),
    s(&["boucan"], &["bruit", "voisinage", "tapage"]),
    s(&["vacarme"], &["bruit", "voisinage", "tapage"]),
    s(&["musique", "fort"], &["bruit", "voisinage", "tapage"]),
    s(&["coups", "fusil"], &["chasse"]),
    s(&["chasseurs"], &["chasse"]),
    s(&["chassent"], &["chasse"]),
    s(&["battue"], &["chasse"]),
    s(&["coques"], &["peche", "pied", "coquillages"]),
    s(&["palourdes"], &["peche", "pied", "coquillages"]),
    s(&["moules"], &["peche", "pied", "coquillages"]),
    s(&["huitres"], &["peche", "pied", "coquillages"]),
    s(&["coquillages"], &["peche", "pied", "coquillages"]),
    // Animals.
    s(&["trouve", "chat"], &["animal", "errant", "fourriere", "police", "municipale"]),
    s(&["trouve", "chien"], &["animal", "errant", "fourriere", "police", "municipale"]),
    s(&["chien", "perdu"], &["animal", "errant", "fourriere", "police", "municipale"]),
    s(&["chat", "perdu"], &["animal", "errant", "fourriere", "police", "municipale"]),
    s(&["perdu", "chien"], &["animal", "errant", "fourriere", "police", "municipale"]),
    s(&["perdu", "chat"], &["animal", "errant", "fourriere", "police", "municipale"]),
    s(&["chien", "errant"], &["animal", "errant", "fourriere"]),
    s(&["chats", "errants"], &["animal", "errant", "sterilisation"]),
    s(&["chien", "dangereux"], &["chien", "dangereux", "permis", "detention"]),
    s(&["chien", "traine"], &["animal", "errant", "fourriere"]),
    s(&["chien", "divague"], &["animal", "errant", "fourriere"]),
    s(&["chat", "disparu"], &["animal", "perdu", "errant"]),
    s(&["chien", "disparu"], &["animal", "perdu", "errant"]),
    s(&["chat", "parti"], &["animal", "perdu", "errant"]),
    s(&["chien", "parti"], &["animal", "perdu", "errant"]),
    s(&["chien", "sauve"], &["animal", "perdu", "errant", "fourriere"]),
    s(&["chat", "sauve"], &["animal", "perdu", "errant"]),
    s(&["chien", "echappe"], &["animal", "perdu", "errant", "fourriere"]),
    s(&["chat", "traine"], &["animal", "errant"]),
    s(&["toutou"], &["chien"]),
    s(&["pitbull"], &["chien", "dangereux", "categorie", "permis", "detention"]),
    s(&["rottweiler"], &["chien", "dangereux", "categorie", "permis", "detention"]),
    s(&["american", "staff"], &["chien", "dangereux", "categorie", "permis", "detention"]),
    s(&["chien", "categorie"], &["chien", "dangereux", "categorie", "permis", "detention"]),
    // Lost things, cars.
    s(&["perdu", "portefeuille"], &["objets", "trouves", "perte"]),
    s(&["perdu", "cles"], &["objets", "trouves", "perte"]),
    s(&["perdu", "sac"], &["objets", "trouves", "perte"]),
    s(&["voiture", "enlevee"], &["fourriere", "vehicule"]),
    s(&["voiture", "ventouse"], &["stationnement", "abusif", "police", "municipale"]),
    s(&["epave"], &["vehicule", "abandonne", "police", "municipale"]),
    s(&["oublie", "sac"], &["objets", "trouves", "perte"]),
    s(&["oublie", "cles"], &["objets", "trouves", "perte"]),
    s(&["oublie", "parapluie"], &["objets", "trouves", "perte"]),
    s(&["oublie", "telephone"], &["objets", "trouves", "perte"]),
    s(&["oublie", "portable"], &["objets", "trouves", "perte"]),
    s(&["oublie", "veste"], &["objets", "trouves", "perte"]),
    s(&["oublie", "lunettes"], &["objets", "trouves", "perte"]),
    s(&["perdu", "telephone"], &["objets", "trouves", "perte"]),
    s(&["perdu", "portable"], &["objets", "trouves", "perte"]),
    s(&["perdu", "lunettes"], &["objets", "trouves", "perte"]),
    s(&["perdu", "doudou"], &["objets", "trouves", "perte"]),
    s(&["perdu", "montre"], &["objets", "trouves", "perte"]),
    s(&["perdu", "bague"], &["objets", "trouves", "perte"]),
    s(&["paume"], &["objets", "trouves", "perte"]),
    s(&["egare"], &["objets", "trouves", "perte"]),
    s(&["quelqu", "rapporte"], &["objets", "trouves"]),
    s(&["bagnole"], &["voiture", "vehicule"]),
    s(&["voiture", "enlevee"], &["fourriere", "vehicule"]),
    s(&["enleve", "voiture"], &["fourriere", "vehicule"]),
    s(&["embarque", "voiture"], &["fourriere", "vehicule"]),
    s(&["enleve", "bagnole"], &["fourriere", "vehicule"]),
    s(&["embarque", "bagnole"], &["fourriere", "vehicule"]),
    s(&["amende"], &["stationnement", "amende", "police", "municipale"]),
    s(&["contravention"], &["stationnement", "amende", "police", "municipale"]),
    s(&["pv"], &["stationnement", "amende", "police", "municipale"]),
    s(&["zone", "bleue"], &["stationnement", "disque"]),
    s(&["camping", "car"], &["camping", "car", "aire", "stationnement"]),
    s(&["fourgon", "amenage"], &["camping", "car", "aire", "stationnement"]),
    s(&["van", "amenage"], &["camping", "car", "aire", "stationnement"]),
    s(&["maison", "vide"], &["tranquillite", "vacances", "surveillance", "police"]),
    s(&["surveiller", "maison"], &["tranquillite", "vacances", "surveillance", "police"]),
    // Children and school.
    s(&["manger", "midi"], &["cantine", "restauration", "scolaire"]),
    s(&["repas", "ecole"], &["cantine", "restauration", "scolaire"]),
    s(&["menu"], &["cantine", "menus", "restauration"]),
    s(&["menus"], &["cantine", "menus", "restauration"]),
    s(&["garderie"], &["periscolaire", "accueil"]),
    s(&["apres", "ecole"], &["periscolaire", "accueil", "garderie"]),
    s(&["avant", "ecole"], &["periscolaire", "accueil", "garderie"]),
    s(&["mercredi", "enfants"], &["centre", "loisirs", "accueil", "periscolaire"]),
    s(&["vacances", "enfants"], &["centre", "loisirs"]),
    s(&["centre", "aere"], &["centre", "loisirs"]),
    s(&["alsh"], &["centre", "loisirs"]),
    s(&["entre", "maternelle"], &["inscription", "scolaire", "ecole"]),
    s(&["rentree", "ecole"], &["inscription", "scolaire"]),
    s(&["inscrire", "ecole"], &["inscription", "scolaire"]),
    s(&["nounou"], &["assistante", "maternelle", "ram", "petite", "enfance"]),
    s(&["creche"], &["creche", "petite", "enfance", "multi", "accueil"]),
    s(&["ram"], &["relais", "petite", "enfance", "assistante", "maternelle"]),
    s(&["rpe"], &["relais", "petite", "enfance", "assistante", "maternelle"]),
    s(&["mange", "ecole"], &["cantine", "restauration", "scolaire"]),
    s(&["manger", "ecole"], &["cantine", "restauration", "scolaire"]),
    s(&["cantoche"], &["cantine", "restauration", "scolaire"]),
    s(&["petite", "section"], &["inscription", "scolaire", "maternelle"]),
    s(&["car", "college"], &["transport", "scolaire"]),
    s(&["bus", "ecole"], &["transport", "scolaire"]),
    s(&["mange", "midi"], &["cantine", "restauration", "scolaire"]),
    s(&["accueil", "soir"], &["periscolaire", "garderie"]),
    s(&["accueil", "matin"], &["periscolaire", "garderie"]),
    s(&["assistante", "maternelle"], &["assistante", "maternelle", "relais", "petite", "enfance"]),
    s(&["nounous"], &["assistante", "maternelle", "relais", "petite", "enfance"]),
    // Elections.
    s(&["voter"], &["listes", "electorales", "inscription", "vote"]),
    s(&["carte", "electeur"], &["listes", "electorales", "electorale"]),
    s(&["carte", "electorale"], &["listes", "electorales", "electeur"]),
    s(&["bureau", "vote"], &["elections", "vote", "bureau"]),
    // Waste and places (everyday names).
    s(&["dechet", "terie"], &["dechetterie"]),
    s(&["de", "chetterie"], &["dechetterie"]),
    s(&["decharge"], &["dechetterie"]),
    s(&["ressourcerie"], &["dechetterie", "reemploi"]),
    s(&["vieux", "meubles"], &["encombrants"]),
    s(&["gros", "objets"], &["encombrants"]),
    s(&["vieux", "frigo"], &["encombrants", "electromenager"]),
    s(&["frigo", "mort"], &["encombrants", "electromenager"]),
    s(&["machine", "morte"], &["encombrants", "electromenager"]),
    s(&["machine", "laver"], &["encombrants", "electromenager"]),
    s(&["gravats"], &["dechetterie", "gravats"]),
    s(&["sapin"], &["sapins", "noel", "collecte"]),
    s(&["composteur"], &["compost", "composteur", "biodechets"]),
    s(&["sac", "jaune"], &["tri", "recyclables", "emballages"]),
    s(&["poubelle", "jaune"], &["tri", "recyclables", "emballages"]),
    s(&["bac", "jaune"], &["tri", "recyclables", "emballages"]),
    s(&["poubelle", "cassee"], &["bac", "remplacement", "conteneur"]),
    s(&["bac", "casse"], &["bac", "remplacement", "conteneur"]),
    s(&["couvercle"], &["bac", "casse", "remplacement", "conteneur"]),
    s(&["pique", "poubelle"], &["bac", "vole", "remplacement", "conteneur"]),
    s(&["vole", "poubelle"], &["bac", "vole", "remplacement", "conteneur"]),
    s(&["volee", "poubelle"], &["bac", "vole", "remplacement", "conteneur"]),
    s(&["la", "poste"], &["agence", "postale", "poste"]),
    s(&["colis"], &["agence", "postale", "poste"]),
    s(&["centre", "social"], &["centre", "social", "maison", "quartier"]),
    s(&["salle", "polyvalente"], &["salle", "fetes", "location"]),
    s(&["salle", "communale"], &["salle", "fetes", "location"]),
    s(&["salle", "fete"], &["salle", "fetes", "location"]),
    s(&["cimetiere"], &["cimetiere", "concession"]),
    s(&["tombe"], &["concession", "cimetiere"]),
    s(&["monstres"], &["encombrants"]),
    s(&["ferraille"], &["encombrants", "ferraille", "dechetterie"]),
    s(&["canape"], &["encombrants"]),
    s(&["matelas"], &["encombrants"]),
    s(&["sommier"], &["encombrants"]),
    s(&["armoire"], &["encombrants"]),
    s(&["gaziniere"], &["encombrants", "electromenager"]),
    s(&["electromenager"], &["encombrants", "electromenager"]),
    s(&["branches"], &["dechets", "verts"]),
    s(&["tonte"], &["dechets", "verts"]),
    s(&["carte", "dechetterie"], &["badge", "carte", "acces", "dechetterie"]),
    s(&["badge"], &["badge", "carte", "acces"]),
    // Roads, public space.
    s(&["nid", "poule"], &["voirie", "signaler", "services", "techniques"]),
    s(&["trou", "route"], &["voirie", "signaler", "services", "techniques"]),
    s(&["lampadaire"], &["eclairage", "public", "signaler"]),
    s(&["eclairage"], &["eclairage", "public", "signaler"]),
    s(&["deneigement"], &["deneigement", "neige", "routes"]),
    s(&["neige"], &["deneigement", "neige"]),
    s(&["chasse", "neige"], &["deneigement", "neige"]),
    s(&["deneiger"], &["deneigement", "neige"]),
    s(&["deneigent"], &["deneigement", "neige"]),
    s(&["pelleter"], &["deneigement", "trottoir", "neige"]),
    s(&["saler"], &["deneigement", "sel", "salage"]),
    s(&["pouzzolane"], &["sel", "salage", "bac", "deneigement"]),
    s(&["arbre", "tombe"], &["urgence", "astreinte", "voirie"]),
    s(&["route", "bloquee"], &["urgence", "astreinte", "voirie"]),
    s(&["numero", "urgence"], &["urgence", "astreinte"]),
    s(&["plus", "eau"], &["eau", "coupure", "fuite", "urgence"]),
    s(&["compteur", "gele"], &["compteur", "gel", "eau"]),
    s(&["tuyaux", "geles"], &["canalisations", "gel", "eau"]),
    s(&["textos"], &["alerte", "sms", "information"]),
    s(&["sms"], &["alerte", "sms", "information"]),
    s(&["etre", "prevenu"], &["alerte", "sms", "information"]),
    s(&["emplacement", "marche"], &["marche", "emplacement", "droit", "place", "placier"]),
    s(&["maraicher"], &["marche", "emplacement", "droit", "place", "placier"]),
    s(&["exposant"], &["marche", "emplacement", "droit", "place"]),
    s(&["cyclone"], &["cyclone", "alerte", "vigilance"]),
    s(&["ouragan"], &["cyclone", "alerte", "vigilance"]),
    s(&["tempete"], &["cyclone", "alerte", "vigilance"]),
    s(&["eau", "coupee"], &["eau", "coupure", "assainissement"]),
    s(&["facture", "eau"], &["eau", "facture", "abonnement"]),
    s(&["fuite", "eau"], &["eau", "fuite", "urgence"]),
    s(&["tout", "egout"], &["assainissement"]),
    s(&["fosse", "septique"], &["assainissement", "spanc"]),
    s(&["demenage"], &["demenagement", "arrivee", "nouveaux", "habitants"]),
    s(&["emmenage"], &["demenagement", "arrivee", "nouveaux", "habitants"]),
    s(&["vient", "arriver", "commune"], &["nouveaux", "habitants", "arrivee"]),
    s(&["marche", "noel"], &["marche", "noel", "manifestations"]),
    s(&["brocante"], &["brocante", "vide", "grenier", "manifestations"]),
    s(&["vide", "grenier"], &["brocante", "vide", "grenier"]),
    s(&["stationner"], &["stationnement"]),
    s(&["garer"], &["stationnement"]),
    s(&["place", "handicape"], &["stationnement", "handicap"]),
    s(&["terrasse"], &["terrasse", "occupation", "domaine", "public"]),
    s(&["benne", "devant"], &["occupation", "domaine", "public", "autorisation"]),
    s(&["echafaudage"], &["occupation", "domaine", "public", "autorisation"]),
    s(&["demenagement", "camion"], &["stationnement", "occupation", "domaine", "public"]),
    s(&["demenage", "camion"], &["stationnement", "occupation", "domaine", "public"]),
    s(&["lumiere", "rue"], &["eclairage", "public", "lampadaire", "signaler"]),
    s(&["reverbere"], &["eclairage", "public", "lampadaire", "signaler"]),
    s(&["panneau", "tombe"], &["signaler", "voirie", "panneau"]),
    s(&["papillon", "pare"], &["amende", "stationnement", "contravention"]),
    s(&["garer", "combien"], &["stationnement", "zone", "bleue", "disque", "duree"]),
    s(&["gare", "combien"], &["stationnement", "zone", "bleue", "disque", "duree"]),
    s(&["voiture", "occasion"], &["carte", "grise", "immatriculation", "ants"]),
    s(&["retirer", "argent"], &["retrait", "especes", "agence", "postale"]),
    s(&["tirer", "sous"], &["retrait", "especes", "agence", "postale"]),
    s(&["accuse", "reception"], &["recommande", "lettre", "agence", "postale"]),
    s(&["forains"], &["marche"]),
    s(&["producteurs", "viennent"], &["marche"]),
    // Water, drought, pests.
    s(&["arroser"], &["arrosage", "restrictions", "secheresse"]),
    s(&["tourniquet"], &["arrosage", "restrictions", "secheresse"]),
    s(&["arroseur"], &["arrosage", "restrictions", "secheresse"]),
    s(&["karcher"], &["lavage", "restrictions", "secheresse"]),
    s(&["laver", "voiture"], &["lavage", "vehicules", "restrictions", "secheresse"]),
    s(&["remplir", "piscine"], &["remplissage", "piscine", "restrictions"]),
    s(&["puits"], &["forage", "puits", "declaration"]),
    s(&["moustiques"], &["moustique", "tigre", "moustiques"]),
    s(&["frelons"], &["frelons", "guepes", "nid", "destruction"]),
    s(&["frelon"], &["frelons", "guepes", "nid", "destruction"]),
    s(&["guepes"], &["frelons", "guepes", "nid", "destruction"]),
    s(&["cochons", "sauvages"], &["sangliers", "degats"]),
    s(&["sanglier"], &["sangliers", "degats"]),
    s(&["copeaux"], &["broyeur", "broyage"]),
    s(&["broyer"], &["broyeur", "broyage"]),
    s(&["nettoyer", "terrain"], &["debroussaillement", "obligations"]),
    s(&["debroussailler"], &["debroussaillement", "obligations"]),
    // Leisure.
    s(&["nager"], &["piscine", "entree", "tarifs"]),
    s(&["baigner"], &["piscine", "baignade"]),
    s(&["gym", "eau"], &["aquagym"]),
    s(&["violon"], &["ecole", "musique", "instrument", "conservatoire"]),
    s(&["piano"], &["ecole", "musique", "instrument", "conservatoire"]),
    s(&["guitare"], &["ecole", "musique", "instrument", "conservatoire"]),
    s(&["solfege"], &["ecole", "musique", "conservatoire"]),
    s(&["fanfare"], &["harmonie", "orchestre", "musique"]),
    // Wind instruments: the band as much as the music school.
    s(&["tuba"], &["harmonie", "orchestre", "musique", "instrument"]),
    s(&["trompette"], &["harmonie", "orchestre", "musique", "instrument"]),
    s(&["clarinette"], &["harmonie", "orchestre", "musique", "instrument"]),
    s(&["saxophone"], &["harmonie", "orchestre", "musique", "instrument"]),
    s(&["trombone"], &["harmonie", "orchestre", "musique", "instrument"]),
    s(&["bouquins"], &["livres", "bibliotheque", "mediatheque", "pret"]),
    s(&["romans"], &["livres", "bibliotheque", "mediatheque", "pret"]),
    s(&["vacanciers"], &["taxe", "sejour", "meuble", "tourisme"]),
    s(&["louer", "touristes"], &["meuble", "tourisme", "location", "saisonniere", "declaration"]),
    s(&["louer", "skieurs"], &["meuble", "tourisme", "location", "saisonniere", "declaration"]),
    s(&["location", "internet"], &["meuble", "tourisme", "location", "saisonniere", "enregistrement"]),
    // Glass said by its containers.
    s(&["bouteilles"], &["verre", "conteneur", "colonnes"]),
    s(&["bocaux"], &["verre", "conteneur", "colonnes"]),
    s(&["pots", "confiture"], &["verre", "conteneur", "colonnes"]),
    s(&["bouteilles", "vides"], &["verre", "conteneur", "colonnes"]),
    // The post: a parcel missed.
    s(&["paquet"], &["colis", "agence", "postale", "poste"]),
    s(&["avis", "passage"], &["colis", "recommande", "agence", "postale"]),
    s(&["recommande"], &["courrier", "agence", "postale"]),
    // A car taken away.
    s(&["depanneuse"], &["fourriere", "vehicule", "enleve"]),
    // Care and jabs.
    s(&["piqures"], &["vaccination", "vaccins"]),
    s(&["piqure"], &["vaccination", "vaccins"]),
    s(&["vaccins"], &["vaccination"]),
    s(&["vacciner"], &["vaccination", "vaccins"]),
    s(&["carnet", "sante"], &["vaccination", "vaccins"]),
    // Children: homework, holiday camps.
    s(&["devoirs"], &["aide", "devoirs", "soutien", "scolaire"]),
    s(&["reviser"], &["aide", "devoirs", "soutien", "scolaire"]),
    s(&["mauvaises", "notes"], &["aide", "devoirs", "soutien", "scolaire"]),
    s(&["colo"], &["colonies", "sejours", "vacances"]),
    s(&["colonie"], &["colonies", "sejours", "vacances"]),
    s(&["colos"], &["colonies", "sejours", "vacances"]),
    // Foreign residents: a stay, a visit, a nationality.
    s(&["consulat"], &["attestation", "accueil", "visa"]),
    s(&["carte", "sejour"], &["titre", "sejour", "prefecture"]),
    s(&["titre", "sejour"], &["titre", "sejour", "prefecture"]),
    s(&["devenir", "francais"], &["naturalisation", "nationalite"]),
    s(&["devenir", "francaise"], &["naturalisation", "nationalite"]),
    s(&["etre", "francais"], &["naturalisation", "nationalite"]),
    s(&["nationalite", "francaise"], &["naturalisation", "nationalite"]),
    // A bed for the night.
    s(&["dortoir"], &["gite", "hebergement", "nuitee"]),
    s(&["randonneurs"], &["gite", "hebergement", "randonnee"]),
    s(&["dormir", "nuit"], &["gite", "hebergement", "nuitee"]),
    // Firewood from the commune's forest.
    s(&["buches"], &["bois", "affouage", "chauffage"]),
    s(&["bois", "chauffage"], &["bois", "affouage"]),
    s(&["stere"], &["bois", "affouage"]),
    s(&["steres"], &["bois", "affouage"]),
    // Driving in snow.
    s(&["pneus", "neige"], &["equipements", "hiver", "chaines", "pneus"]),
    s(&["pneus", "hiver"], &["equipements", "hiver", "chaines", "pneus"]),
    s(&["chaines"], &["equipements", "hiver", "pneus"]),
    s(&["chaussettes", "neige"], &["equipements", "hiver", "chaines"]),
    // Mountain animals.
    s(&["patou"], &["chien", "protection", "troupeau"]),
    s(&["patous"], &["chien", "protection", "troupeau"]),
    s(&["chien", "moutons"], &["chien", "protection", "troupeau"]),
    s(&["chiens", "moutons"], &["chien", "protection", "troupeau"]),
    s(&["chien", "troupeau"], &["chien", "protection", "patou"]),
    s(&["brebis", "tuees"], &["ours", "predation", "attaque"]),
    s(&["brebis", "egorgees"], &["ours", "predation", "attaque"]),
    // Vermin at home.
    s(&["bestioles"], &["nuisibles", "insectes", "punaises"]),
    s(&["punaises"], &["punaises", "lit", "nuisibles"]),
    s(&["cafards"], &["nuisibles", "insectes", "blattes"]),
    // Rubbish dumped.
    s(&["deposer", "sauvage"], &["depot", "sauvage", "dechets"]),
    s(&["tas", "sacs"], &["depot", "sauvage", "dechets"]),
    s(&["decharge", "sauvage"], &["depot", "sauvage", "dechets"]),
    // Rights and lawyers.
    s(&["pension", "alimentaire"], &["juridique", "avocat", "droit", "justice"]),
    s(&["mes", "droits"], &["juridique", "avocat", "droit", "justice"]),
    s(&["avocat"], &["juridique", "avocat", "droit", "justice"]),
];

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
    for sense in SENSES {
        let positions: Vec<Option<usize>> = sense.when.iter().map(|w| words.iter().position(|x| x == w)).collect();
        if positions.iter().any(Option::is_none) {
            continue;
        }
        // The words of a phrase stand together ("la poste", "fin du mois"), not anywhere apart.
        let (lo, hi) = positions.iter().flatten().fold((usize::MAX, 0), |(lo, hi), p| (lo.min(*p), hi.max(*p)));
        if hi - lo > 2 * sense.when.len() {
            continue;
        }
        // "notre frigo est mort": a thing broken, no one's death.
        if sense.means.contains(&"deces") && (lo.saturating_sub(3)..lo).any(|i| APPLIANCES.contains(&words[i].as_str())) {
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
}
