#!/usr/bin/env python3
"""faster-whisper reference for `standardiste bench asr`.

Reads a JSON list of 16 kHz mono WAV paths on stdin, transcribes each with faster-whisper on CPU
(French forced, greedy, no temperature fallback: the same decoding as standardiste), and prints one
JSON object per compute type: {"compute_type", "load_seconds", "results": [{"text", "seconds"}]}.
Usage: faster_whisper_bench.py MODEL_DIR THREADS COMPUTE_TYPE [COMPUTE_TYPE...] < wavs.json
"""
import json
import sys
import time
import wave

import numpy as np
from faster_whisper import WhisperModel


def read_wav(path):
    with wave.open(path, "rb") as w:
        assert w.getframerate() == 16000 and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
    return pcm.astype(np.float32) / 32768.0


def main():
    model_dir, threads, compute_types = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    paths = json.load(sys.stdin)
    audios = [read_wav(p) for p in paths]
    for ct in compute_types:
        t0 = time.perf_counter()
        model = WhisperModel(model_dir, device="cpu", compute_type=ct, cpu_threads=threads, num_workers=1)
        load = time.perf_counter() - t0

        def run(audio):
            segments, _ = model.transcribe(
                audio, language="fr", task="transcribe", beam_size=1, best_of=1, temperature=0.0,
                condition_on_previous_text=False, without_timestamps=True, vad_filter=False)
            return " ".join(s.text.strip() for s in segments).strip()

        run(audios[0])  # warm-up, not measured (as on the Rust side)
        results = []
        for a in audios:
            t = time.perf_counter()
            text = run(a)
            results.append({"text": text, "seconds": time.perf_counter() - t})
        print(json.dumps({"compute_type": ct, "load_seconds": load, "results": results}), flush=True)


if __name__ == "__main__":
    main()
