//! Call behaviour: what happens on an answered call (welcome, DTMF echo, hang-up rules).

pub mod flow;
pub mod manager;

/// The welcome said to callers. REPLACE with the town's `welcome` (`crate::answer::Town`) when it lands.
pub const PLACEHOLDER_WELCOME: &str =
    "Bonjour, vous êtes bien à la mairie. Tapez une touche, je vous la répéterai. Tapez dièse pour raccrocher.";
