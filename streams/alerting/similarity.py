"""Near-duplicate articles: wire copy republished by several outlets counts as one piece of evidence.

An article's *fingerprint* is a MinHash signature over the word 3-shingles of
its normalised body (``streams.text.normalise.fold``, so Arabic letter variants,
diacritics and case make no difference); the title only stands in when there is
no body, because republishers rewrite headlines but keep the wire text. Two
articles are copies of one another when the estimated Jaccard similarity of
their shingle sets is at least :data:`COPY_THRESHOLD` (0.5): measured on wire
copies with a dateline, an added or a dropped paragraph, it is 0.8–1.0, while
two outlets reporting the same event in their own words share almost no 3-word
runs (below 0.1). The threshold sits in the middle of that gap.

With 64 permutations the estimate's standard error is at most 0.06, and a
fingerprint is 256 bytes (344 characters of base64), small enough to keep one
per piece of evidence in a story's table value.

The signature is datasketch's ``MinHash(num_perm=64, seed=1, scheme="affine32")`` value for value
(``tests/test_similarity.py`` holds it to that), computed here in a few array operations: the match
stage fingerprints every matching article, and in a crisis nearly every article matches. Building a
``MinHash`` draws its permutations anew each time and hashes shingle by shingle through a Python
call each, which cost as much as matching the article (and importing datasketch loads scipy).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib

import numpy as np

from streams.articles.model import Article
from streams.ruleset.matches import Match
from streams.text.normalise import WordStream

COPY_THRESHOLD = 0.5
SHINGLE_WORDS = 3
PERMUTATIONS = 64
# The key under which the match stage stores the article's fingerprint in ``Match.extra``.
FINGERPRINT_KEY = "fingerprint"
# Fixed, so fingerprints made by different workers and releases stay comparable.
_SEED = 1


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations h -> a * h + b (mod 2^32) drawn as datasketch draws them for ``_SEED``."""
    generator = np.random.RandomState(_SEED)
    # An odd ``a`` makes the map a bijection on 32-bit values.
    a = generator.randint(0, 1 << 31, PERMUTATIONS, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, PERMUTATIONS, dtype=np.uint32)
    return a, b


_A, _B = _permutations()


def _premix(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser (a bijection that spreads the bits), as the affine32 scheme applies it."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    mixed: np.ndarray = values ^ (values >> np.uint32(16))
    return mixed


def fingerprint(text: str) -> str:
    """The MinHash fingerprint of ``text`` as base64, or '' when it has no words."""
    # The normalised words of the whole field at once (``fold``'s words, without its chunk-by-chunk work),
    # as UTF-8 bytes: encoding the text once costs less than encoding every shingle.
    words = WordStream.of(text).stream.encode("utf-8").split()
    if not words:
        return ""
    # Runs of SHINGLE_WORDS words (zip stops at the shortest slice); a shorter text is one shingle.
    runs = zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)
    shingles = set(map(b" ".join, runs)) if len(words) >= SHINGLE_WORDS else {b" ".join(words)}
    # Each shingle's hash is the first 4 bytes of its SHA-1, little-endian (datasketch's sha1_hash32).
    digests = b"".join([hashlib.sha1(shingle).digest()[:4] for shingle in shingles])
    hashes = _premix(np.frombuffer(digests, dtype="<u4").astype(np.uint32))
    # Every permutation of every shingle in one array operation; the signature is the column minima.
    signature = (hashes[:, np.newaxis] * _A + _B).min(axis=0)
    return base64.b64encode(signature.astype("<u4").tobytes()).decode("ascii")


def similarity(a: str, b: str) -> float:
    """The estimated Jaccard similarity of two fingerprints; 0.0 when either is empty or malformed."""
    if not a or not b:
        return 0.0
    left, right = _values(a), _values(b)
    if left.size != PERMUTATIONS or right.size != PERMUTATIONS:
        return 0.0
    return float(np.count_nonzero(left == right)) / PERMUTATIONS


def is_copy(a: str, b: str) -> bool:
    """Whether two fingerprints belong to copies of one text (similarity ≥ :data:`COPY_THRESHOLD`)."""
    return similarity(a, b) >= COPY_THRESHOLD


def with_fingerprint(match: Match, article: Article) -> Match:
    """``match`` carrying the fingerprint of the body (else the title) of the ``article`` it was found in."""
    return with_fingerprints([match], article)[0]


def with_fingerprints(matches: list[Match], article: Article) -> list[Match]:
    """Every match of ``article``, carrying its body's (else its title's) fingerprint, computed once.

    The match stage calls this: only it still has the body, and the alert stage
    needs the body's fingerprint to recognise wire copies (the fingerprint adds
    about 350 bytes to the match record).
    """
    if not matches:
        return []
    value = fingerprint(article.body if article.body.strip() else article.title)
    return [dataclasses.replace(m, extra={**m.extra, FINGERPRINT_KEY: value}) for m in matches]


def match_fingerprint(match: Match) -> str:
    """The fingerprint a match carries, else one made from its evidence snippets.

    The fallback only recognises copies that kept the matched sentences; it
    keeps the alert stage useful for matches written without a fingerprint.
    """
    stored = match.extra.get(FINGERPRINT_KEY)
    if isinstance(stored, str) and stored:
        return stored
    return fingerprint("\n".join(e.snippet for e in match.evidence) or match.title)


def _values(encoded: str) -> np.ndarray:
    try:
        return np.frombuffer(base64.b64decode(encoded, validate=True), dtype="<u4")
    except ValueError:
        return np.empty(0, dtype="<u4")
