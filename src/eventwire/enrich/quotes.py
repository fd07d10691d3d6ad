"""Direct quotations and who said them: '"…," X said', 'X said: "…"', '"…" according to X', 'X's spokesperson
said "…"'. The speaker is returned as a text span; the coder maps it to an Actor."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventwire.nlp import sentence_of

SAY_LEMMAS = frozenset({
    "say", "tell", "state", "add", "announce", "declare", "claim", "insist", "warn", "write", "tweet", "post",
    "argue", "note", "explain", "respond", "reply", "continue", "ask", "accuse", "deny", "allege", "urge",
    "describe", "call", "conclude", "stress", "affirm", "assert", "report", "remark", "comment",
    "acknowledge", "admit", "vow", "promise", "threaten", "demand", "suggest", "read", "quote", "cite",
    "testify",
})
OPENING = {'"': '"', "“": "”", "«": "»"}
MAX_QUOTE_CHARS = 5000  # an unmatched quote mark must not swallow the rest of the article
SPEAKER_WINDOW = 12  # tokens after a closing quote in which "X said" may follow


@dataclass(frozen=True)
class Quote:
    text: str  # the words inside the quote marks
    start: int  # character offsets of `text` in the Doc
    end: int
    speaker_text: str | None
    speaker_start: int = -1
    speaker_end: int = -1


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the contents of each quotation: curly pairs, and straight quotes taken in pairs."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        mark = text[i]
        closing = OPENING.get(mark)
        if closing is None:
            i += 1
            continue
        end = text.find(closing, i + 1, i + 1 + MAX_QUOTE_CHARS)
        if mark == '"' and end == -1:
            i += 1
            continue
        if end == -1:
            i += 1
            continue
        if end > i + 1 and text[i + 1:end].strip():
            spans.append((i + 1, end))
        i = end + 1
    return spans


def find_quotes(doc: Doc, text: str | None = None) -> list[Quote]:
    """The document's quotations; `text`: its text where the caller has it (Doc.text joins every token)."""
    quotes = []
    text = doc.text if text is None else text
    for start, end in quote_spans(text):
        inside = doc.char_span(start, end, alignment_mode="expand")
        if inside is None:
            continue
        speaker = find_speaker(doc, inside)
        quotes.append(Quote(text=text[start:end], start=start, end=end,
                            speaker_text=speaker.text if speaker is not None else None,
                            speaker_start=speaker.start_char if speaker is not None else -1,
                            speaker_end=speaker.end_char if speaker is not None else -1))
    return quotes


def find_speaker(doc: Doc, inside: Span) -> Span | None:
    """The speaker of the quotation `inside`: a speech verb right after it ('"…," X said'), else the one
    that introduces it ('X said: "…"'), else 'according to X' in the same sentence."""
    quoted = set(range(inside.start, inside.end))
    after = [t for t in doc[inside.end:min(len(doc), inside.end + SPEAKER_WINDOW)] if t.i not in quoted]
    for token in after:
        if token.is_sent_start and token.i > inside.end + 1:
            break
        if is_speech_verb(token):
            speaker = subject_of(token) or inverted_subject(token)
            if speaker is not None:
                return speaker
    sentence_start = sentence_of(doc[inside.start]).start
    before = [t for t in doc[sentence_start:inside.start] if t.i not in quoted]
    for token in reversed(before):
        if is_speech_verb(token):
            speaker = subject_of(token)
            if speaker is not None:
                return speaker
    introducer = _introducing_clause(doc, inside)
    if introducer is not None:
        return introducer
    return according_to(sentence_of(doc[inside.start]), quoted)


def _introducing_clause(doc: Doc, inside: Span) -> Span | None:
    """'Trump, also on Twitter, defended his decision, "..."': a quotation that follows a clause and a comma
    or colon is that clause's subject's, whatever the verb."""
    mark = next((t for t in reversed(doc[max(0, inside.start - 3):inside.start]) if t.text in (",", ":")), None)
    if mark is None:
        return None
    sentence = sentence_of(mark)
    root = sentence.root
    if root.i < mark.i and root.pos_ in ("VERB", "AUX"):
        return subject_of(root)
    # (the parser may hang the clause from the quotation's verb: then the first verb with a subject before it)
    verb = next((t for t in doc[sentence.start:mark.i] if t.pos_ in ("VERB", "AUX")
                 and any(c.dep_ == "nsubj" for c in t.children)), None)
    return subject_of(verb) if verb is not None else None


def is_speech_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SAY_LEMMAS


def subject_of(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return trim(verb.doc[child.left_edge.i:child.right_edge.i + 1])
    if verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i != verb.i:
        return subject_of(verb.head) if is_speech_verb(verb.head) else None
    return None


def inverted_subject(verb: Token) -> Span | None:
    """'"...," read the statement': after a quotation, the parser may take the inverted subject for an
    object."""
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and child.i > verb.i:
            return trim(verb.doc[child.left_edge.i:child.right_edge.i + 1])
    return None


def according_to(sentence: Span, quoted: set[int]) -> Span | None:
    """'according to X'; for 'according to a tweet by X', X."""
    doc = sentence.doc
    for token in sentence:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        objects = [c for c in doc[token.i + 1].children if c.dep_ == "pobj" and c.i not in quoted]
        if not objects:
            continue
        source = objects[0]
        for prep in source.children:
            agents = [c for c in prep.children if c.dep_ == "pobj"] if prep.lower_ == "by" else []
            if agents:
                source = agents[0]
                break
        return trim(doc[source.left_edge.i:source.right_edge.i + 1])
    return None


def trim(span: Span) -> Span:
    """Without surrounding punctuation and quote marks."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]
