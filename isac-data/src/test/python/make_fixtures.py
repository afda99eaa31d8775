#!/usr/bin/env python3
"""Writes the small fixture pickles for isac-data's reader tests.

Usage: python3 make_fixtures.py [OUT_DIR]   (default: ../resources/fixtures next to this script)

Every file is < 50 KB. Values are deterministic (numpy default_rng(42)); the tests assert the exact
counts of replaced values written here, so keep both in sync.
"""
import os
import pickle
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(42)


def save(name, obj, protocol=4):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=protocol)
    data = open(path, "rb").read()
    assert len(data) < 50_000, (name, len(data))
    return data


def rewrite_module(data, old, new):
    """Rewrites the GLOBAL module name (protocol <= 3 text opcodes, no frames)."""
    a = ("c" + old + "\n").encode()
    b = ("c" + new + "\n").encode()
    assert a in data, (old, data[:80])
    return data.replace(a, b)


def multibench_split(n, t, dims, dtype, first_id):
    vision = rng.normal(size=(n, t, dims[0])).astype(dtype)
    audio = rng.normal(size=(n, t, dims[1])).astype(dtype)
    text = rng.normal(size=(n, t, dims[2])).astype(dtype)
    text[:, 0, :] = 0.0  # left padding: first step of every sample is a zero row
    labels = rng.uniform(-3, 3, size=(n, 1, 1)).astype(dtype)
    ids = np.array([["vid%03d" % (first_id + i), str(i)] for i in range(n)])
    return {"vision": vision, "audio": audio, "text": text, "labels": labels, "id": ids}


# 1. MultiBench float64, small dims (V 5, A 4, T 6), T = 5, N = 6/3/3, with dirt:
#    train: audio 3x -inf, vision 2x NaN, text 1x 1e300 (+inf once cast to float32),
#           audio 1x -1e300 (-inf once cast), sample 2 text all zero
#    test:  vision 1x +inf
mb64 = {
    "train": multibench_split(6, 5, (5, 4, 6), np.float64, 0),
    "valid": multibench_split(3, 5, (5, 4, 6), np.float64, 100),
    "test": multibench_split(3, 5, (5, 4, 6), np.float64, 200),
}
tr = mb64["train"]
tr["audio"][0, 1, 0] = -np.inf
tr["audio"][1, 2, 3] = -np.inf
tr["audio"][5, 4, 1] = -np.inf
tr["audio"][4, 4, 2] = -1e300
tr["vision"][3, 0, 0] = np.nan
tr["vision"][3, 1, 4] = np.nan
tr["text"][1, 3, 2] = 1e300
tr["text"][2] = 0.0
mb64["test"]["vision"][2, 2, 2] = np.inf
save("multibench_f64.pkl", mb64, protocol=4)

# 2. MultiBench float32 with the real MOSEI dims (35/74/300), T = 3, N = 3/2/2:
#    train: audio 2x -inf, text 1x NaN; valid: sample 1 text all zero
mb32 = {
    "train": multibench_split(3, 3, (35, 74, 300), np.float32, 0),
    "valid": multibench_split(2, 3, (35, 74, 300), np.float32, 100),
    "test": multibench_split(2, 3, (35, 74, 300), np.float32, 200),
}
mb32["train"]["audio"][0, 0, 0] = -np.inf
mb32["train"]["audio"][2, 2, 73] = -np.inf
mb32["train"]["text"][1, 1, 1] = np.nan
mb32["valid"]["text"][1] = 0.0
save("multibench_f32.pkl", mb32, protocol=4)

# 3. numpy-1 and numpy-2 style globals (protocol 3: GLOBAL text opcodes, bytes as BINBYTES).
small = {
    "train": multibench_split(2, 2, (3, 2, 4), np.float32, 0),
    "valid": multibench_split(1, 2, (3, 2, 4), np.float32, 10),
    "test": multibench_split(1, 2, (3, 2, 4), np.float32, 20),
}
raw = pickle.dumps(small, protocol=3)
np2 = raw if b"cnumpy._core.multiarray\n" in raw else rewrite_module(
    raw, "numpy.core.multiarray", "numpy._core.multiarray")
np1 = rewrite_module(np2, "numpy._core.multiarray", "numpy.core.multiarray")
assert b"numpy._core" not in np1 and b"numpy.core.multiarray" not in np2
open(os.path.join(OUT, "numpy2_globals.pkl"), "wb").write(np2)
open(os.path.join(OUT, "numpy1_globals.pkl"), "wb").write(np1)
# the same content with protocol 5: numpy writes _frombuffer(bytearray, dtype, shape, order)
save("protocol5.pkl", small, protocol=5)


# 4. MMSA aligned (T = 4 for all) and unaligned (text 4, audio 7, vision 6), N = 4/2/2
def mmsa_split(n, t_text, t_audio, t_vision, first):
    d = {
        "raw_text": np.array(["utterance %d" % (first + i) for i in range(n)], dtype=object),
        "audio": rng.normal(size=(n, t_audio, 4)).astype(np.float32),
        "vision": rng.normal(size=(n, t_vision, 5)).astype(np.float32),
        "text": rng.normal(size=(n, t_text, 6)).astype(np.float32),
        "text_bert": np.stack([rng.integers(100, 999, size=(n, t_text)),
                               np.ones((n, t_text)), np.zeros((n, t_text))], axis=1).astype(np.float32),
        "audio_lengths": np.minimum(t_audio, rng.integers(1, t_audio + 1, size=n)).astype(np.int64)
                         if t_audio != t_text else np.full(n, t_audio, dtype=np.int64),
        "vision_lengths": np.minimum(t_vision, rng.integers(1, t_vision + 1, size=n)).astype(np.int64)
                          if t_vision != t_text else np.full(n, t_vision, dtype=np.int64),
        "regression_labels": rng.uniform(-3, 3, size=n).astype(np.float32),
        "classification_labels": rng.integers(0, 3, size=n).astype(np.float32),
        "id": np.array(["clip%02d$_$%d" % (first + i, i) for i in range(n)], dtype=object),
    }
    d["audio"][0, 0, 0] = -np.inf
    return d


save("mmsa_aligned.pkl", {"train": mmsa_split(4, 4, 4, 4, 0), "valid": mmsa_split(2, 4, 4, 4, 10),
                          "test": mmsa_split(2, 4, 4, 4, 20)}, protocol=4)
unal = {"train": mmsa_split(4, 4, 7, 6, 0), "valid": mmsa_split(2, 4, 7, 6, 10),
        "test": mmsa_split(2, 4, 7, 6, 20)}
save("mmsa_unaligned.pkl", unal, protocol=4)
# MMSA with text_bert only (no 'text' key)
bert = {k: {kk: vv for kk, vv in v.items() if kk != "text"} for k, v in unal.items()}
save("mmsa_text_bert.pkl", bert, protocol=4)


# 5. A malicious pickle: loading it with Python's pickle would run `touch /tmp/pwned-isacemu-fixture`.
class Evil:
    def __reduce__(self):
        return (os.system, ("touch /tmp/pwned-isacemu-fixture",))


evil = {"train": {"vision": small["train"]["vision"], "payload": Evil()}}
save("malicious_os_system.pkl", evil, protocol=4)
save("malicious_os_system_p2.pkl", {"x": Evil()}, protocol=2)

# 6. A truncated pickle: the float32 MultiBench file cut at 60 %.
full = pickle.dumps(mb32, protocol=4)
open(os.path.join(OUT, "truncated.pkl"), "wb").write(full[: int(len(full) * 0.6)])

# 7. Layout variants for the labels-only read (own generator, so the files above stay as they are):
# keys in another order (labels and text first), Fortran-order float64 vision with NaN, big-endian
# float32 audio with -inf, int16 text with one all-zero sample per split.
rng7 = np.random.default_rng(43)


def mixed_split(n, t, first_id):
    text = rng7.integers(-5, 6, size=(n, t, 4)).astype(np.int16)
    text[1] = 0
    vision = np.asfortranarray(rng7.normal(size=(n, t, 5)))
    vision[0, 1, 2] = np.nan
    audio = rng7.normal(size=(n, t, 3)).astype(">f4")
    audio[n - 1, 0, 0] = -np.inf
    return {"labels": rng7.uniform(-3, 3, size=(n, 1, 1)), "text": text, "vision": vision, "audio": audio,
            "id": np.array(["mix%03d" % (first_id + i) for i in range(n)])}


save("multibench_mixed_layouts.pkl", {"train": mixed_split(5, 4, 0), "valid": mixed_split(3, 4, 100),
                                      "test": mixed_split(3, 4, 200)}, protocol=4)

# 8. MMSA unaligned whose valid split disagrees with train on audio's T_m (8 vs 7): must be refused
# naming the split, the key and both shapes. Own generator, so the files above stay as they are.
rng = np.random.default_rng(44)
save("mmsa_unaligned_valid_audio_t8.pkl", {"train": mmsa_split(4, 4, 7, 6, 0), "valid": mmsa_split(2, 4, 8, 6, 10),
                                           "test": mmsa_split(2, 4, 7, 6, 20)}, protocol=4)

for name in sorted(os.listdir(OUT)):
    print("%-28s %6d bytes" % (name, os.path.getsize(os.path.join(OUT, name))))
