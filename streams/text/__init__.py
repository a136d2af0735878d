"""Text normalisation: Arabic and Latin scripts, word streams with offsets into the original."""

from streams.text.normalise import WordStream, chunk_words, fold, snippet

__all__ = ["WordStream", "chunk_words", "fold", "snippet"]
