"""Roles of actor mentions from the dependency parse: agent (did it), patient (had it done to
them) or source (only said something: "according to X", "X said", "an X spokesperson")."""
from __future__ import annotations

def role_of(span, roles: dict, depth: int = 0) -> str | None:
    """agent (did it), patient (had it done to them) or source (only said something).

    Climbs from the mention's head through noun modifiers ("IS fighters", "SDF
    spokesperson", "an IS attack on ...") to the word that is an argument of a clause;
    "the positions of X" and "a vehicle belonging to X" take the role of the noun above."""
    tok = head_token(span)
    for _ in range(6):
        head = tok.head
        hl = head.lemma_.lower()
        if tok.dep_ in ("compound", "poss", "amod", "nmod", "appos", "nummod") and head.i != tok.i:
            if hl in roles["source_heads"] or head.lower_ in roles["source_heads"]:
                return "source"
            if hl in roles["attack_nouns"] or head.lower_ in roles["attack_nouns"]:
                return "agent"
            if hl in roles["victim_nouns"]:
                return "patient"
            tok = head
            continue
        if tok.dep_ == "conj" and head.i != tok.i:
            tok = head
            continue
        break
    dep, head = tok.dep_, tok.head
    hl = head.lemma_.lower()
    if dep in ("nsubj", "csubj", "expl"):
        if hl in roles["say_verbs"]:
            return "source"
        if hl in roles["patient_verbs"] or any(ch.dep_ == "auxpass" and not ch.is_upper for ch in head.children):
            return "patient"
        # a headline's "4 soldiers killed in blast": past participle, no auxiliary
        if head.tag_ == "VBN" and not any(ch.dep_ in ("aux", "dobj") for ch in head.children):
            return "patient"
        return "agent"
    if dep == "nsubjpass":
        # "militias were seen mobilising", "gunmen were reported to have attacked": the
        # subject of a passive perception or report verb does what its complement says
        if hl in _RAISING and any(ch.dep_ in ("xcomp", "ccomp", "advcl") and ch.pos_ == "VERB"
                                  and ch.tag_ != "VBN" for ch in head.children):
            return "agent"
        return "patient"
    if dep in ("dobj", "obj", "dative", "oprd"):
        return "source" if hl in roles["say_verbs"] else "patient"
    if dep == "agent" or (dep == "pobj" and head.lower_ == "by"):
        return "agent"
    if dep != "pobj":
        return None
    prep, above = head.lower_, head.head
    al = above.lemma_.lower()
    if prep == "to" and above.lower_ == "according":
        return "source"
    if prep in roles["patient_preps"]:
        return "patient"
    if prep in roles["agent_preps"]:
        return "agent"
    if prep == "with" and (al in roles["mutual_verbs"] or al in roles["mutual_nouns"]):
        return "agent"
    if prep in ("for", "to") and al in ("responsibility", "claim"):
        return "agent"
    if al in roles["victim_nouns"]:
        return "patient"
    if al in roles["attack_nouns"]:
        return "agent"
    if al in roles["source_heads"]:
        return "source"
    if depth < 3 and prep in ("of", "to", "from") and above.i != tok.i:
        if al in ("belong", "belonging") and above.dep_ in ("acl", "relcl"):
            above = above.head
        if above.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return role_of(above.doc[above.i:above.i + 1], roles, depth + 1)
    return None


_RAISING = {"see", "spot", "observe", "report", "believe", "say", "think", "suspect",
            "know", "hear", "witness", "film", "photograph", "seen"}


_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "obj", "pobj", "agent", "dative", "conj", "appos")


def head_token(span):
    """The mention's head for its role: ``span.root``, unless the parser split the span
    ("Abgaal" npadvmod + "clan militia" nsubj) and another word leaving it is an argument."""
    root = span.root
    if root.dep_ in _ARGUMENT_DEPS or root.dep_ in ("compound", "poss", "amod", "nmod"):
        return root
    exits = [t for t in span if t is not root and not span.start <= t.head.i < span.end]
    return next((t for t in exits if t.dep_ in _ARGUMENT_DEPS), root)


def governing_verb(span):
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def spokesperson_of(span) -> bool:
    """Is this mention the organisation of a person who spoke ("an SDF spokesperson")?"""
    tok = span.root
    return tok.dep_ in ("compound", "poss", "amod", "nmod") and tok.head.lemma_.lower() in (
        "spokesperson", "spokesman", "spokeswoman", "commander", "official", "representative", "leader")
