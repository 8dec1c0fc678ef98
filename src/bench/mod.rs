//! `standardiste bench …`: benchmarks that print ratios against a reference measured in the same run.

pub mod answers;
pub mod asr;
pub mod call;
pub mod cluster;
pub mod encoder;
pub mod sip;
pub mod tts;

/// Arguments of `standardiste bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub which: Which,
}

/// Which benchmark to run.
#[derive(Debug, clap::Subcommand)]
pub enum Which {
    /// Speech recognition: WER, latency, real-time factor vs naive whisper.cpp and faster-whisper.
    Asr(asr::Args),
    /// Speech synthesis: time to first audio, real-time factor, round-trip intelligibility.
    Tts(tts::Args),
    /// SIP: SIPp at rising call rates, RTP timing jitter, memory per call.
    Sip(sip::Args),
    /// Calls: voice-to-voice latency over SIP against a fixed-silence endpointer, and capacity.
    Call(call::Args),
    /// Answering core: accuracy per intent, wrong facts, unknown handling, latency.
    Answers(answers::Args),
    /// Sentence encoder (multilingual-e5-small, 4-bit): ms per question on one thread.
    Encoder(encoder::Args),
}

/// Runs one benchmark.
pub fn run(args: Args) -> anyhow::Result<()> {
    match args.which {
        Which::Asr(a) => asr::run(a),
        Which::Tts(a) => tts::run(a),
        Which::Sip(a) => sip::run(a),
        Which::Answers(a) => answers::run(a),
        Which::Call(a) => call::run(a),
        Which::Encoder(a) => encoder::run(a),
    }
}
