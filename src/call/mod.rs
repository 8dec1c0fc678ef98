//! Call behaviour: what happens on an answered call (welcome, DTMF echo, hang-up rules).
