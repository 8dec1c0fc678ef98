//! What the assistant says of itself: welcome, keypad menu, personal-data notice, silence prompts.

use crate::answer::Town;

/// Said when the caller stays silent after an answer.
pub const REPROMPT: &str = "Je vous écoute. Posez votre question, ou tapez 0 pour parler à une personne.";
/// Said before hanging up on a silent line.
pub const SILENT_GOODBYE: &str = "Je ne vous entends pas. Merci de votre appel, au revoir.";
/// Said when a transfer failed.
pub const TRANSFER_FAILED: &str = "Je suis désolé, la personne n'a pas pu répondre. Voulez-vous laisser un message ?";
/// Said before slowing down.
pub const SLOWER: &str = "D'accord, je parle plus lentement.";
/// Said when there is nothing to repeat.
pub const NOTHING_TO_REPEAT: &str = "Quelle est votre question ?";
/// Said when all lines are busy (the call is then refused).
pub const BUSY: &str = "Toutes nos lignes sont occupées. Merci de rappeler dans quelques minutes.";

/// The welcome: who answers (an automatic assistant), how to reach a person, what is kept.
pub fn welcome(town: &Town, keep_transcripts: bool) -> String {
    let hello = town.welcome.clone().unwrap_or_else(|| format!("Bonjour, vous êtes bien à la mairie de {}.", town.name));
    let kept = if keep_transcripts {
        "Le texte de vos questions est conservé, jamais votre voix ; pour en savoir plus, tapez 8."
    } else {
        "Votre voix n'est pas enregistrée ; pour en savoir plus, tapez 8."
    };
    format!("{} Je suis l'assistant automatique de la mairie. Pour parler à une personne, tapez 0. {kept} Quelle est votre question ?", hello.trim_end())
}

/// The personal-data notice in full (key 8): the town's own, then what this service keeps.
pub fn privacy_notice(town: &Town, keep_transcripts: bool, retention_days: u32) -> String {
    let mut s = town.privacy_notice.clone().map(|p| format!("{} ", p.trim_end())).unwrap_or_default();
    s.push_str("Aucun enregistrement de votre voix n'est conservé. ");
    s.push_str(&format!(
        "La mairie garde la date et la durée de l'appel et les sujets demandés{}, pendant {retention_days} jours. ",
        if keep_transcripts { ", avec le texte de vos questions" } else { "" }
    ));
    s.push_str("Votre numéro n'est gardé que sous une forme illisible, sauf si vous laissez un message : votre nom, votre numéro et votre message sont alors transmis aux agents de la mairie. ");
    s.push_str("Pour toute question sur vos données, adressez-vous à la mairie. Tapez 9 pour réécouter.");
    s
}

/// The services offered on the keypad (the first ones of the town file).
pub fn menu_services(town: &Town, size: usize) -> Vec<usize> {
    (0..town.services.len().min(size)).collect()
}

/// The keypad menu.
pub fn menu(town: &Town, size: usize) -> String {
    let mut parts: Vec<String> = menu_services(town, size).into_iter().map(|i| format!("tapez {} pour {}", i + 1, town.services[i].name)).collect();
    parts.push("0 pour parler à une personne".into());
    parts.push("9 pour réécouter".into());
    parts.push("étoile pour que je parle plus lentement".into());
    let mut s = String::from("Vous pouvez aussi utiliser le clavier : ");
    s.push_str(&parts.join(", "));
    s.push('.');
    s
}
