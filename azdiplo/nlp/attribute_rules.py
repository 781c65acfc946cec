"""The model's attribute ruler, the same attributes from a table of the tokens already seen.

spaCy's ``AttributeRuler`` (in en_core_web_sm: 179 rules, most of them one
token's fine tag, lower case, dependency or whitespace mapped to its part of
speech, morphology and lemma) runs a ``Matcher`` of all its rules over every
token of every Doc and then sets each match's attributes through a new
``Span`` and ``Token``. A rule of one token decides from that token's own
(tag, lower case, dependency, is-space) alone; here the rules of one token
that apply to each such combination are worked out once per process and
kept, and only the few rules of several tokens run in a ``Matcher``. Each
token then gets the attributes of its rules in the ruler's order (later
rules win), as spaCy's ``set_annotations`` gives them.

Only a ruler whose rules this reads exactly is changed (``cached``): token
patterns over TAG, LOWER, DEP and IS_SPACE with equality, IN and NOT_IN, and
attributes of the token alone (TAG, POS, MORPH, LEMMA, DEP, NORM); any other
ruler is left as spaCy made it.
"""

from __future__ import annotations

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, POS, TAG

_READ = [TAG, LOWER, DEP, IS_SPACE]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_TOKEN_ONLY = {TAG, POS, MORPH, LEMMA, DEP, NORM}


def _test(field: int, value):
    """A test of one token's (tag, lower, dep, is_space) strings for one pattern key, or None."""
    if field == 3:
        return (lambda t: t[3] == value) if isinstance(value, bool) else None
    if isinstance(value, str):
        return lambda t: t[field] == value
    if isinstance(value, dict) and len(value) == 1:
        (op, values), = value.items()
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            return None
        values = frozenset(values)
        if op == "IN":
            return lambda t: t[field] in values
        if op == "NOT_IN":
            return lambda t: t[field] not in values
    return None


def _one_token(patterns):
    """The tests of a rule whose every pattern is one token read exactly, or None; and
    the (field, value) pairs that each of its patterns needs, to look the rule up by."""
    alternatives, anchors = [], []
    for pattern in patterns:
        if len(pattern) != 1:
            return None, None
        tests, anchor = [], None
        for key, value in pattern[0].items():
            field = _FIELDS.get(key)
            test = _test(field, value) if field is not None else None
            if test is None:
                return None, None
            tests.append(test)
            if isinstance(value, str) and (anchor is None or field == 1):
                anchor = (field, value)  # the lower case if it names one, else its tag or dependency
        alternatives.append(tests)
        anchors.append(anchor)
    return alternatives, anchors


def cached(ruler) -> bool:
    """Make the model's attribute ruler ``ruler`` answer its one-token rules from a table (in place)."""
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler

    if type(ruler) is not AttributeRuler or not ruler.attrs:
        return False
    if any(key not in _TOKEN_ONLY for attrs in ruler.attrs for key in attrs):
        return False  # "_" (extensions) or an attribute of the word's lexeme: leave spaCy's
    single, anchored, anywhere = {}, {}, set()
    multi = Matcher(ruler.vocab, validate=False)
    for i in range(len(ruler.attrs)):
        key = str(i)
        patterns = ruler.matcher.get(key)[1]
        tests, anchors = _one_token(patterns) if ruler.indices[i] in (0, -1) else (None, None)
        if tests is None:
            multi.add(ruler.vocab.strings.add(key), patterns)
            continue
        single[i] = tests
        if any(a is None for a in anchors):
            anywhere.add(i)
        for a in anchors:
            if a is not None:
                anchored.setdefault(a, set()).add(i)
    ruler.__class__ = CachedAttributeRuler
    ruler.single_rules = single
    ruler.anchored = anchored
    ruler.anywhere = frozenset(anywhere)
    ruler.multi_matcher = multi if len(multi) else None
    ruler.rules_of = {}
    ruler.merged_of = {}
    return True


def _make():
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Span
    from spacy.tokens._retokenize import set_token_attrs

    class CachedAttributeRuler(AttributeRuler):
        single_rules: dict
        anchored: dict
        anywhere: frozenset
        multi_matcher: object
        rules_of: dict
        merged_of: dict

        def rules(self, row: tuple) -> tuple:
            """The one-token rules that match a token of (tag, lower, dep, is_space) ``row``, in order."""
            strings = self.vocab.strings
            t = (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))
            anchored = self.anchored
            candidates = self.anywhere.union(*(anchored.get((f, t[f]), ()) for f in (0, 1, 2)))
            single = self.single_rules
            found = tuple(sorted(i for i in candidates if any(all(test(t) for test in tests) for tests in single[i])))
            self.rules_of[row] = found
            return found

        def merged(self, ids: tuple) -> dict:
            attrs: dict = {}
            for i in ids:
                attrs.update(self.attrs[i])
            self.merged_of[ids] = attrs
            return attrs

        def __call__(self, doc):
            error_handler = self.get_error_handler()
            try:
                rows = doc.to_array(_READ).tolist() if len(doc) else []
                rules_of = self.rules_of
                ids_of = []
                for row in map(tuple, rows):
                    ids = rules_of.get(row)
                    ids_of.append(self.rules(row) if ids is None else ids)
                if self.multi_matcher is not None:
                    strings = self.vocab.strings
                    extra: dict[int, list] = {}
                    for match_id, start, end in self.multi_matcher(doc, allow_missing=True, as_spans=False):
                        attr_id = int(strings[match_id])
                        index = self.indices[attr_id]
                        i = start + index if index >= 0 else end + index
                        if not start <= i < end:  # spaCy's own error
                            super().set_annotations(doc, [(attr_id, match_id, start, end)])
                        extra.setdefault(i, []).append(attr_id)
                    for i, more in extra.items():
                        ids_of[i] = tuple(sorted(set(ids_of[i]).union(more)))
                merged_of = self.merged_of
                for i, ids in enumerate(ids_of):
                    if ids:
                        attrs = merged_of.get(ids)
                        set_token_attrs(doc[i], self.merged(ids) if attrs is None else attrs)
                return doc
            except Exception as e:
                return error_handler(self.name, self, [doc], e)

    return CachedAttributeRuler


CachedAttributeRuler = _make()
