//! `standardiste ask --json` through the real binary.

use std::process::Command;

fn ask(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_standardiste")).arg("ask").args(args).output().expect("run standardiste");
    assert!(out.status.success(), "ask failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

#[test]
fn ask_json_hours_on_the_sample_town() {
    let v = ask(&["--now", "2026-07-08T10:15:00+02:00", "--json", "la piscine est ouverte samedi ?"]);
    assert_eq!(v["intent"], "hours");
    assert_eq!(v["service"], "piscine");
    assert!(v["faq"].is_null());
    let a = v["answer"].as_str().unwrap();
    assert!(a.contains("10 h") && a.contains("18 h"), "{a}");
    assert!(v["confidence"].as_f64().unwrap() > 0.5);
}

#[test]
fn ask_json_faq_and_unknown() {
    let v = ask(&["--now", "2026-07-08T10:15:00+02:00", "--json", "ma carte d identite est perimee"]);
    assert_eq!(v["intent"], "faq");
    assert_eq!(v["faq"], "carte-identite");
    let v = ask(&["--now", "2026-07-08T10:15:00+02:00", "--json", "qui a gagné le match de foot hier soir"]);
    assert_eq!(v["intent"], "unknown");
    assert!(v["faq"].is_null());
}

#[test]
fn ask_with_another_town_and_a_bad_town() {
    let v = ask(&["--town", "tests/data/village.toml", "--now", "2026-07-13T09:30:00+02:00", "--json", "les poubelles grand rue"]);
    assert_eq!(v["intent"], "collection");
    assert!(v["answer"].as_str().unwrap().contains("mardi"));

    let dir = tempfile::Builder::new().prefix("standardiste-bad-town-").tempdir().unwrap();
    let dir = dir.path();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "[town]\nname = \"X\"\ntimezone = \"Europe/Paris\"\noperator = \"a\"\n[[service]]\nid = \"a\"\nname = \"a\"\nhours.monday = [\"9h-12h\"]\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_standardiste")).args(["ask", "--town"]).arg(&bad).arg("bonjour").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:8") && err.contains("hours.monday"), "{err}");
}

#[test]
fn chat_keeps_context_across_lines() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_standardiste"))
        .args(["chat", "--now", "2026-07-08T10:15:00+02:00"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("la piscine est ouverte mardi ?\net le samedi ?\nau revoir\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("Roche-Aubière"), "{text}");
    assert!(lines[2].contains("samedi 11 juillet") && lines[2].contains("10 h"), "{text}");
    assert!(lines[3].contains("Au revoir"), "{text}");
}
