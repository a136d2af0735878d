"""Fingerprints are datasketch's affine32 MinHash of the folded words' 3-shingles, value for value."""

from __future__ import annotations

import base64

from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from streams.alerting.similarity import PERMUTATIONS, SHINGLE_WORDS, fingerprint, similarity
from streams.text.normalise import fold
from tests.fuzzing import FUZZ


def reference(text: str) -> str:
    """The fingerprint as datasketch computes it, over the words of ``fold`` (the definition)."""
    words = fold(text).split()
    if not words:
        return ""
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1, scheme="affine32")
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return base64.b64encode(minhash.hashvalues.astype("<u4").tobytes()).decode("ascii")


WIRE = (
    "حلب-سانا: أعلنت مصادر محلية أن فصائل مسلحة دخلت أطراف المدينة صباح اليوم، وسط اشتباكات مع قوات الحكومة.\n"
    "Local sources said armed groups reached the outskirts of the city this morning; clashes continued at 10:30."
)


def test_fingerprints_are_datasketchs_minhash_values() -> None:
    for text in (WIRE, WIRE.upper(), "one", "one two", "one two three", "ـــأَحْمَد  ‏قال", "x " * 500):
        assert fingerprint(text) == reference(text), text
    assert similarity(fingerprint(WIRE), reference(WIRE)) == 1.0


# Letters, digits, Arabic with its marks, look-alikes, controls and spaces: what the normaliser folds.
TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 \n\t.,'’-")
        # Separators str.split and bytes.split read differently.
        + list("\x0b\x1c\x1f\x85\xa0\u2028\u3000")
        + [chr(c) for c in range(0x0620, 0x0660)]
        + list("٠١٢ـ\u200b\u200f\u202eﻻیكە")
    ),
    max_size=300,
)


@FUZZ
@given(TEXT)
def test_fingerprints_match_the_reference_on_any_text(text: str) -> None:
    assert fingerprint(text) == reference(text)
