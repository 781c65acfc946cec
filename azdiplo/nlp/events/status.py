"""Whether an event happened: occurred, planned, hypothetical or negated.

From the modality of the clauses that govern the trigger: negation ("did not
meet"), refusal ("refused to meet": CAMEO 125), words that cancel or deny
("postponed the visit", "denied reports that they had met"; the finder keeps
a negated event only when a party acted: a refusal, or a visit called off), plans and
futures ("will visit", "is to visit", "is expected to", "said he would
meet", "the planned summit"), and hypotheticals ("could meet", "if").
"""

from __future__ import annotations

from ...lexicon import Lexicon
from .model import Candidate

_WILL = {"will", "shall", "'ll", "wo"}


def set_status(c: Candidate, lex: Lexicon) -> None:
    verb, noun = c.trigger.verb, c.trigger.noun
    c.goal = purpose(verb, lex) if verb is not None else None
    c.wish = wished(c.trigger, lex)
    if c.goal is not None or c.wish is not None:
        c.status = "hypothetical"
        return
    if barred(c.trigger.tok, lex) is not None:
        c.status = "negated"  # "is still banned from taking part in meetings with envoys"
        return
    full = governors(verb if verb is not None else noun, lex)
    # "during a visit", "after talks": the clause a noun is a circumstance of gives its tense
    # (will, would), not its plans or denials ("agreed ... during a visit")
    cut = next((k for k in range(1, len(full)) if full[k - 1].dep_ == "pobj"
                and full[k - 1].head.lower_ in lex.word_set("frame_preps")), len(full))
    chain = full[:cut]
    words = {ch.lower_ for g in full[cut:cut + 1] for ch in g.children if ch.dep_ in ("aux", "auxpass")}
    for g in chain:
        for ch in g.children:
            if ch.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "amod", "det", "prep"):
                words.add(ch.lower_)
    lemmas = [g.lemma_.lower() for g in chain[1:]]
    neg = any(ch.dep_ == "neg" for g in chain[:3] for ch in g.children) or ("no" in words and noun is not None)
    if any(lemma in lex.word_set("refusal_governors") for lemma in lemmas[:3]):
        c.status, c.refused = "negated", True
        return
    if neg or any(lemma in lex.word_set("negation_governors") and lemma not in ("call", "rule") for lemma in lemmas[:2]):
        c.status = "negated"
        # "postponed the visit", "called off the talks": a party's act; "denied they had met",
        # "did not meet": no act at all
        c.called_off = not neg and any(lemma in lex.word_set("calling_off_governors") for lemma in lemmas[:2])
        return
    # "X is to visit Y": be + to-infinitive is a plan
    be_to = len(chain) > 1 and chain[1].lemma_ == "be" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in chain[0].children)
    # "X said he would meet Y": reported speech turns will into would, a plan all the same
    reported_will = "would" in words and any(
        g.dep_ == "ccomp" and g.head.lemma_.lower() in lex.word_set("speech_verbs") for g in chain[:3])
    if words & _WILL or be_to or reported_will or any(lemma in lex.word_set("planned_governors") for lemma in lemmas[:3]):
        c.status = "planned"
        return
    if noun is not None and {ch.lower_ for ch in noun.children if ch.dep_ in ("amod", "compound")} & lex.word_set("planned_modifiers"):
        c.status = "planned"
        return
    if noun is not None and any(ch.dep_ in ("acl", "relcl") and ch.lemma_.lower() in lex.word_set("planned_participles")
                                and not any(a.lower_ in ("had", "was", "were") and a.dep_ == "aux" for a in ch.children)
                                for ch in noun.children):
        c.status = "planned"  # "the summit slated for Nov. 4-5", "talks scheduled for May"
        return
    if noun is not None and any(ch.dep_ in ("acl", "relcl") and to_be_done(ch) for ch in noun.children):
        c.status = "planned"  # "the meeting, to be held in Geneva on Monday", "an accord to be signed"
        return
    if any(g.head.lower_ == "without" and g.dep_ == "pcomp" for g in chain[:2]):
        c.status = "negated"  # "without first negotiating with the IMF"
        return
    if words & lex.word_set("hypothetical_words"):
        c.status = "hypothetical"


def to_be_done(verb) -> bool:
    """A passive infinitive ("to be held", "to be signed"): what is still to happen (not "a
    meeting to discuss trade", a purpose)."""
    deps = {(ch.dep_, ch.lower_) for ch in verb.children}
    return ("aux", "to") in deps and ("auxpass", "be") in deps


def barred(tok, lex: Lexicon) -> str | None:
    """The verb that forbids the event: "banned from taking part in meetings with envoys",
    "barred X from meeting Y", "prevented him from attending the summit" (an act
    forbidden, 'from' + a verb; "excluded from the talks" leaves the talks themselves be)."""
    cur, below = tok, None
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return None
        if cur.dep_ == "prep" and cur.lower_ == "from" and below is not None and below.dep_ == "pcomp" \
                and head.lemma_.lower() in lex.word_set("barring_verbs"):
            return head.text
        cur, below = head, cur
    return None


def purpose(verb, lex: Lexicon) -> str | None:
    """The noun that makes a verb's event the aim of another act: "talks in a bid to reach an
    agreement", "in an effort to sign", "with a view to signing", "in the hope of reaching"."""
    if verb.dep_ == "acl" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in verb.children):
        head = verb.head
    elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in ("to", "of"):
        head = verb.head.head
    else:
        return None
    return head.text if head.lemma_.lower() in lex.word_set("purpose_nouns") else None


def wished(trig, lex: Lexicon) -> str | None:
    """The word that makes an event noun what someone asks, proposes or hopes for, not what
    took place: "calls for talks with Iran", "a proposal for a summit", "hopes of a deal",
    "an interest in a swift agreement", "little appetite for negotiations" (a noun of
    wishing, the event its prepositional object), "in a bid to revive negotiations" (a noun
    of trying, the event the object of its infinitive), "urged talks between A and B",
    "proposed a summit" (a verb of asking, the event its object), "called for talks" (a verb
    of asking for it) — not "called a meeting", which convenes one."""
    noun = trig.noun
    if noun is None or trig.verb is not None:
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in ("for", "of", "in") and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in lex.word_set("wish_nouns"):
        return head.head.text
    if noun.dep_ == "dobj" and head.lemma_.lower() in lex.word_set("asking_verbs"):
        return head.text
    if noun.dep_ == "dobj" and head.dep_ in ("acl", "xcomp") and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in lex.word_set("attempt_nouns") and head.head.i < head.i:
        return f"{head.head.text} to {head.text}"  # "a bid to revive negotiations": what is tried for
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in lex.word_set("asking_for_verbs"):
        return f"{head.head.text} {head.text}"  # "called for talks", "pressed for negotiations"
    return None


def governors(tok, lex: Lexicon) -> list:
    """The trigger and the verbs whose modality governs it: "is expected to pay a visit",
    "denied that they had met", "denied reports that they had met", "the planned visit
    was postponed". A noun inside a phrase of another noun ("on the sidelines of the
    summit") governs itself."""
    chain, cur = [tok], tok
    hearsay = lex.word_set("hearsay_nouns")
    for _ in range(5):
        head, dep = cur.head, cur.dep_
        if head.i == cur.i:
            break
        if dep == "advcl" and any(ch.dep_ == "mark" and ch.lower_ != "to" for ch in cur.children):
            break  # "... when X visited Y": a time clause keeps its own modality
        if dep in ("xcomp", "ccomp", "advcl", "conj", "dobj", "nsubj", "nsubjpass", "attr", "oprd", "pcomp") \
                or (dep == "acl" and head.lemma_.lower() in hearsay):
            cur = head
        elif dep == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            cur = head.head
        else:
            break
        chain.append(cur)
    return chain
