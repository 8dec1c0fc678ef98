//! Call behaviour: what happens on an answered call (welcome, DTMF echo, hang-up rules).

pub mod flow;
pub mod manager;

use crate::answer::Town;

/// What the minimal call flow tells callers they can do (before the conversation engine lands).
pub const KEYPAD_HINT: &str = "Tapez une touche, je vous la répéterai. Tapez dièse pour raccrocher.";

/// The welcome said when a call is answered: the town's `welcome` (or its name), then the keypad hint.
pub fn welcome_text(town: &Town) -> String {
    let welcome = town.welcome.clone().unwrap_or_else(|| format!("Bonjour, vous êtes bien à la mairie de {}.", town.name));
    format!("{} {KEYPAD_HINT}", welcome.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welcome_uses_the_towns_words() {
        let mut town = Town::sample();
        town.welcome = Some("Mairie de Testville, bonjour.".into());
        assert_eq!(welcome_text(&town), format!("Mairie de Testville, bonjour. {KEYPAD_HINT}"));
        town.welcome = None;
        town.name = "Testville".into();
        assert!(welcome_text(&town).starts_with("Bonjour, vous êtes bien à la mairie de Testville."));
    }
}
