//! The sentence encoder on the real model (`models/e5-small-q4.bin`, `scripts/install/50-encoder.sh`).

use standardiste::answer::encoder::{cosine, default_path, Encoder, EncoderError, Kernel, DIM, INSTALL_STEP};

fn encoder() -> Encoder {
    Encoder::load_default().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_french_paraphrase_is_nearer_than_an_unrelated_service() {
    let e = encoder();
    let q = e.embed_query("mon père est décédé, que dois-je faire");
    let death = e.embed_passage("déclarer un décès");
    let canteen = e.embed_passage("inscrire mon enfant à la cantine");
    let (near, far) = (cosine(&q, &death), cosine(&q, &canteen));
    assert!(near > far + 0.02, "décès {near:.3} vs cantine {far:.3}");

    let q = e.embed_query("il faut que je refasse mes papiers d'identité");
    let id = e.embed_passage("carte nationale d'identité et passeport : prendre rendez-vous");
    let bins = e.embed_passage("collecte des ordures ménagères et du tri sélectif");
    assert!(cosine(&q, &id) > cosine(&q, &bins) + 0.02, "{} vs {}", cosine(&q, &id), cosine(&q, &bins));
}

#[test]
fn embeddings_are_normalised_and_deterministic() {
    let e = encoder();
    let a = e.embed_query("la mairie est ouverte samedi ?");
    assert_eq!(a.len(), DIM);
    let norm: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    assert_eq!(a, e.embed_query("la mairie est ouverte samedi ?"));
    // The prefix matters: query and passage embeddings of one text differ.
    assert_ne!(a, e.embed_passage("la mairie est ouverte samedi ?"));
}

#[test]
fn one_encoder_serves_several_threads() {
    let e = encoder();
    let texts = ["où jeter mes encombrants", "le cimetière ferme à quelle heure", "je voudrais parler au maire"];
    let alone: Vec<Vec<f32>> = texts.iter().map(|t| e.embed_query(t)).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = texts.iter().map(|t| s.spawn(|| e.embed_query(t))).collect();
        for (h, want) in handles.into_iter().zip(&alone) {
            assert_eq!(&h.join().unwrap(), want);
        }
    });
}

#[test]
fn both_kernels_agree() {
    if !Kernel::Avx2.available() {
        return;
    }
    let g = Encoder::load_with(&default_path(), Kernel::Generic).unwrap();
    let x = Encoder::load_with(&default_path(), Kernel::Avx2).unwrap();
    for t in ["déclarer la naissance de ma fille", "les horaires de la déchetterie"] {
        let c = cosine(&g.embed_query(t), &x.embed_query(t));
        assert!(c > 0.97, "{t}: generic vs avx2 cosine {c}");
    }
}

#[test]
fn empty_and_odd_text_still_embeds() {
    let e = encoder();
    for t in ["", "   ", "a\0b", "😀 ??? ", &"très long ".repeat(400)] {
        let v = e.embed_passage(t);
        assert!(v.iter().all(|x| x.is_finite()), "{t:?}");
    }
}

#[test]
fn missing_model_gives_the_install_command() {
    let err = Encoder::load(std::path::Path::new("/nonexistent/models/e5-small-q4.bin")).unwrap_err();
    assert!(matches!(err, EncoderError::Missing { .. }));
    let msg = err.to_string();
    assert!(msg.contains("/nonexistent/models/e5-small-q4.bin") && msg.contains(INSTALL_STEP), "{msg}");
}
