#!/usr/bin/env python3
"""Independent verifier for certified draws (ssj-draw/1, /2, /3).

Written from docs/draw.md alone, in Python with the standard library only.

Usage:
    python3 verifier/ssj_verify.py FILE.json [FILE.json ...] [--json]

Each FILE is an export in the format `ssj-draw-export/1` (docs/draw.md, section 10).
Exit status: 0 everything verifies, 1 something fails, 2 unreadable input.
"""

import hashlib
import json
import math
import re
import struct
import sys
import unicodedata
from datetime import datetime

EXPORT_FORMAT = "ssj-draw-export/1"
V1, V2, V3 = "ssj-draw/1", "ssj-draw/2", "ssj-draw/3"
VERSIONS = (V1, V2, V3)
DEFAULT_ANNUAL_CAP = 4
RISK_CLASSES = ("A", "B", "C", "D")
HEX64 = re.compile(r"[0-9a-f]{64}\Z")
HEX64_ANYCASE = re.compile(r"[0-9a-fA-F]{64}\Z")
CANONICAL_SECRET = re.compile(r"[0-9a-f]{32,64}\Z")


# --------------------------------------------------------------------------------------------
# Section 2: conventions — canonical JSON as ECMAScript JSON.stringify writes it, UTF-8, SHA-256
# --------------------------------------------------------------------------------------------

def _js_double(x):
    """Number.prototype.toString for a double (ECMAScript Number::toString, radix 10)."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"  # also -0
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    sign = "-" if x < 0 else ""
    r = repr(abs(x))  # Python's repr is the shortest round-trip form, correctly rounded
    if "e" in r or "E" in r:
        mant, exp = r.lower().split("e")
        exp = int(exp)
    else:
        mant, exp = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    digits = (ip + fp).lstrip("0")
    # value = 0.<digits> * 10**n  ; position of decimal point relative to digits
    lead_zeros = len(ip + fp) - len((ip + fp).lstrip("0"))
    n = len(ip) + exp - lead_zeros
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        es = ("+" if e >= 0 else "-") + str(abs(e))
        s = digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + es
    return sign + s


def js_number(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        if abs(v) <= 2 ** 53:
            return str(v)
        return _js_double(float(v))  # JavaScript holds every number as a double
    if not math.isfinite(v):
        return "null"  # JSON.stringify writes NaN and Infinity as null
    return _js_double(float(v))


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def js_string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif c < 0x20:
            out.append("\\u%04x" % c)
        elif 0xD800 <= c <= 0xDFFF:  # a lone surrogate (a Python str never holds a valid pair as two units)
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def canonical_json(v):
    """canonicalJson: no whitespace, keys sorted by code point, null kept, arrays in order."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return js_number(v)
    if isinstance(v, str):
        return js_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(canonical_json(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v.keys())
        return "{" + ",".join(js_string(k) + ":" + canonical_json(v[k]) for k in keys) + "}"
    raise TypeError("not JSON: %r" % (v,))


def utf8(s):
    """UTF-8 bytes of a string; a lone surrogate becomes U+FFFD as in TextEncoder / Node's hash.update."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in s):
        s = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
    return s.encode("utf-8")


def sha256_hex(text):
    return hashlib.sha256(utf8(text)).hexdigest()


def js_str(v):
    """String(v) for the values that appear in hashed text (session numbers, ids)."""
    if isinstance(v, str):
        return v
    if v is None:
        return "null"
    return js_number(v)


def utf16_key(s):
    return s.encode("utf-16-be", "surrogatepass")


def round_half_up(x):
    """round(x) of the spec: floor(x + 0.5) on IEEE-754 doubles."""
    return int(math.floor(float(x) + 0.5))


def by_id(rows):
    return sorted(rows, key=lambda r: r["id"])


# --------------------------------------------------------------------------------------------
# Section 4: the generator
# --------------------------------------------------------------------------------------------

class Generator:
    def __init__(self, key, stream):
        self.prefix = utf8(key) + b"\x00" + utf8(stream) + b"\x00"
        self.block = 0
        self.words = ()
        self.pos = 0

    def word(self):
        if self.pos >= len(self.words):
            digest = hashlib.sha256(self.prefix + struct.pack(">I", self.block)).digest()
            self.words = struct.unpack(">8I", digest)
            self.pos = 0
            self.block += 1
        w = self.words[self.pos]
        self.pos += 1
        return w

    def below(self, n):
        if not (1 <= n <= 2 ** 32):
            raise ValueError("below(%r) out of range" % (n,))
        limit = (2 ** 32 // n) * n
        while True:
            u = self.word()
            if u < limit:
                return u % n

    def sample(self, xs, k):
        a = list(xs)
        for i in range(k):
            j = i + self.below(len(xs) - i)
            a[i], a[j] = a[j], a[i]
        return a[:k]


# --------------------------------------------------------------------------------------------
# Section 5 and 9.1: input digests
# --------------------------------------------------------------------------------------------

ENTERPRISE_FIELDS = ["id", "creditCode", "name", "sector", "category", "township", "operatingState", "riskClass",
                     "seriousViolation", "abnormalOperation", "penalized", "randomInspectionsThisYear"]
INSPECTOR_FIELDS_V3 = ["id", "name", "certificateNo", "certificateFrom", "certificateTo", "certificateStatus",
                       "specialties", "townships", "available"]
INSPECTOR_FIELDS_V1 = ["id", "name", "certificateNo", "certificateFrom", "certificateTo", "certificateStatus",
                       "specialties", "townships", "onLeave", "active"]
EXPERT_FIELDS = ["id", "name", "specialties", "active"]
ITEM_FIELDS = ["id", "code", "sector", "name", "effectiveFrom", "effectiveTo", "reviewState"]
CONFLICT_FIELDS_V3 = ["inspectorId", "enterpriseId"]
CONFLICT_FIELDS_V1 = ["inspectorId", "enterpriseId", "reason"]


def _row_json(row, fields, array_key):
    values = []
    for f in fields:
        v = row.get(f)
        if isinstance(v, list):
            v = sorted(v, key=array_key)
        values.append(v)
    return canonical_json(values)


def input_digest(inputs, version):
    """ssj-digest/2 for ssj-draw/3, ssj-digest/1 for ssj-draw/1 and /2."""
    v3 = version == V3
    # An absent annualCap is hashed as 4 (checked against the golden /1 and /2 records, which have none).
    head = {"annualCap": annual_cap(inputs), "drawDate": inputs.get("drawDate"), "drawId": inputs.get("drawId"),
            "rule": inputs.get("rule")}
    if v3:
        head["format"] = "ssj-digest/2"
    array_key = (lambda s: s) if v3 else utf16_key
    insp_fields = INSPECTOR_FIELDS_V3 if v3 else INSPECTOR_FIELDS_V1
    conf_fields = CONFLICT_FIELDS_V3 if v3 else CONFLICT_FIELDS_V1
    lines = [canonical_json(head)]
    for name, fields in (("enterprises", ENTERPRISE_FIELDS), ("inspectors", insp_fields),
                         ("experts", EXPERT_FIELDS), ("items", ITEM_FIELDS)):
        lines.append("#%s %s" % (name, ",".join(fields)))
        for row in by_id(inputs.get(name) or []):
            lines.append(_row_json(row, fields, array_key))
    lines.append("#conflicts %s" % ",".join(conf_fields))
    if v3:
        conflicts = sorted(inputs.get("conflicts") or [], key=lambda c: (c["inspectorId"], c["enterpriseId"]))
    else:
        # the reason is ordered by the runtime's localeCompare; code-point order stands in for it
        # (only two conflicts of one pair could tell the difference)
        conflicts = sorted(inputs.get("conflicts") or [],
                           key=lambda c: (c["inspectorId"], c["enterpriseId"], c.get("reason") or ""))
    for c in conflicts:
        lines.append(_row_json(c, conf_fields, array_key))
    return sha256_hex("".join(line + "\n" for line in lines))


# --------------------------------------------------------------------------------------------
# Section 3: entropy (ssj-draw/3)
# --------------------------------------------------------------------------------------------

BEACON_TEXT = re.compile(r"[0-9]+(?:[ ,\uff0c\u3001+]+[0-9]+)*", flags=re.ASCII)


def canonical_beacon(value, count, max_value):
    """Section 3: the value in the session's format, canonical (RFC 3797); returns (canonical, problem)."""
    if not isinstance(value, str):
        return None, "beacon value is not a string"
    text = value.strip(" ")
    if not BEACON_TEXT.fullmatch(text):
        return None, "beacon value is not ASCII digits and separators (space , \uff0c \u3001 +)"
    runs = re.findall(r"[0-9]+", text, flags=re.ASCII)
    if not is_integer(count) or len(runs) != count:
        return None, "beacon value holds %d numbers, not %r" % (len(runs), count)
    if any(len(r) > 10 for r in runs):
        return None, "beacon value holds a number of more than 10 digits"
    numbers = sorted(int(r) for r in runs)
    if not is_integer(max_value) or any(n > max_value for n in numbers):
        return None, "beacon value holds a number above %r" % (max_value,)
    return "".join("%d." % n for n in numbers) + "/", None


def commitment_of(draw_id, session, participant, secret):
    return sha256_hex("ssj-draw/3\n%s\n%s\n%s\n%s" % (draw_id, js_str(session), participant, secret))


def is_integer(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v == int(v)


def check_entropy_v3(record, problems):
    """Section 3 validity. Returns the canonical beacon value to use in the key."""
    entropy = record.get("entropy")
    if not isinstance(entropy, dict):
        problems.append("record has no entropy")
        return None
    session = entropy.get("session")
    if not is_integer(session) or session < 1:
        problems.append("entropy session %r is not an integer >= 1" % (session,))
    parts = entropy.get("participants")
    if not isinstance(parts, list):
        problems.append("entropy has no participants list")
        parts = []
    names = [p.get("participant") if isinstance(p, dict) else None for p in parts]
    if any(not isinstance(n, str) for n in names):
        problems.append("a participant has no name")
    else:
        if len(set(names)) != len(names):
            problems.append("participants are not unique")
        if any(names[i] >= names[i + 1] for i in range(len(names) - 1)):
            problems.append("participants are not in code-point order")
    if len(parts) < 2:
        problems.append("fewer than 2 participants (%d)" % len(parts))
    revealed = 0
    for p in parts:
        if not isinstance(p, dict):
            continue
        who = p.get("participant")
        com = p.get("commitment")
        if not isinstance(com, str) or not HEX64.match(com):
            problems.append("commitment of %s is not 64 lowercase hex digits" % who)
        if "secret" not in p:
            problems.append("participant %s has no secret field (null when withheld)" % who)
            continue
        sec = p.get("secret")
        if sec is None:
            continue
        if not isinstance(sec, str) or not CANONICAL_SECRET.match(sec):
            problems.append("secret of %s is not canonical (32 to 64 lowercase hex digits)" % who)
            continue
        revealed += 1
        if commitment_of(record.get("drawId"), session, who, sec) != com:
            problems.append("secret of %s does not open its commitment" % who)
    if revealed < 1:
        problems.append("no secret is revealed")
    beacon = entropy.get("beacon")
    if not isinstance(beacon, dict):
        problems.append("entropy has no beacon")
        return None
    kind, count, max_value = beacon.get("kind"), beacon.get("count"), beacon.get("max")
    if kind not in ("LOTTERY", "DICE"):
        problems.append("beacon kind %r is not LOTTERY or DICE" % (kind,))
    if kind == "LOTTERY" and _time(beacon.get("availableAt")) is None:
        problems.append("a LOTTERY beacon needs availableAt")
    if not (is_integer(count) and 1 <= count <= 20 and is_integer(max_value) and 1 <= max_value <= 10 ** 9):
        problems.append("beacon count must be 1-20 and max 1-1000000000")
    canonical, problem = canonical_beacon(beacon.get("value"), count, max_value)
    if problem:
        problems.append(problem)
    if canonical is None:
        return beacon.get("canonical")
    if beacon.get("canonical") != canonical:
        problems.append("beacon.canonical %r is not the canonical form %r of beacon.value"
                        % (beacon.get("canonical"), canonical))
    return canonical


def key_v3(record, digest, beacon_canonical):
    entropy = record.get("entropy") or {}
    reveals = sorted(([p.get("participant"), p.get("name"), p.get("secret")]
                      for p in entropy.get("participants") or [] if isinstance(p, dict)),
                     key=lambda r: r[0] if isinstance(r[0], str) else "")
    beacon = entropy.get("beacon") or {}
    k = {"beacon": {"availableAt": beacon.get("availableAt"), "canonical": beacon_canonical,
                    "count": beacon.get("count"), "kind": beacon.get("kind"), "max": beacon.get("max"),
                    "source": beacon.get("source")},
         "drawId": record.get("drawId"), "inputDigest": digest,
         "reveals": reveals, "session": entropy.get("session"), "version": V3}
    return sha256_hex(canonical_json(k))


def key_v1(record, digest, problems):
    seed, witness, commitment = record.get("seed"), record.get("witness"), record.get("seedCommitment")
    if not isinstance(seed, str) or not HEX64_ANYCASE.match(seed):
        problems.append("seed is not 64 hex digits")
        seed = seed if isinstance(seed, str) else ""
    if not isinstance(witness, str):
        problems.append("witness is not a string")
        witness = "" if witness is None else str(witness)
    if sha256_hex(seed) != commitment:
        problems.append("seed does not open seedCommitment")
    return sha256_hex(seed + "|" + witness + "|" + digest)


# --------------------------------------------------------------------------------------------
# Section 6 and 9.1: the algorithm
# --------------------------------------------------------------------------------------------

class Infeasible(Exception):
    pass


class Refused(Exception):
    pass


def _group(excluded):
    groups, index = [], {}
    for reason, rid in excluded:
        if reason not in index:
            index[reason] = len(groups)
            groups.append({"reason": reason, "ids": []})
        groups[index[reason]]["ids"].append(rid)
    return groups


def annual_cap(inputs):
    cap = inputs.get("annualCap")
    return DEFAULT_ANNUAL_CAP if cap is None else cap


def in_scope(e, rule):
    sectors = rule.get("sectors")
    if isinstance(sectors, list) and e.get("sector") not in sectors:
        return False
    cats = rule.get("categories")
    if isinstance(cats, list) and len(cats) > 0:
        cat = e.get("category")
        if (cat if cat is not None else "") not in cats:
            return False
    return True


def enterprise_exclusion(e, cap, version):
    state = e.get("operatingState")
    if state == "CLOSED":
        return "CLOSED" if version == V3 else "closed (关闭注销)"
    if state == "SUSPENDED":
        return "SUSPENDED" if version == V3 else "suspended (停产停业)"
    n = e.get("randomInspectionsThisYear")
    exempt = bool(e.get("seriousViolation")) or bool(e.get("abnormalOperation")) or bool(e.get("penalized"))
    if n is not None and n >= cap and not exempt:
        return "ART15_CAP" if version == V3 else "Art. 15 cap: %s random inspections this year" % js_str(n)
    return None


def _lt(a, b):
    """a < b as JavaScript compares two dates held as text (null never compares true)."""
    return isinstance(a, str) and isinstance(b, str) and a < b


def inspector_exclusion(i, draw_date, version):
    if version == V3:
        if i.get("available") is not True:
            return "UNAVAILABLE"
        if i.get("certificateStatus") != "VALID":
            return "CERTIFICATE_NOT_VALID"
        if _lt(draw_date, i.get("certificateFrom")):
            return "CERTIFICATE_NOT_YET_VALID"
        if _lt(i.get("certificateTo"), draw_date):
            return "CERTIFICATE_EXPIRED"
        return None
    if i.get("active") is not True:
        return "not on the active roster"
    if i.get("certificateStatus") != "VALID":
        return "certificate %s" % str(i.get("certificateStatus")).lower()
    if _lt(draw_date, i.get("certificateFrom")):
        return "certificate not valid until %s" % i.get("certificateFrom")
    if _lt(i.get("certificateTo"), draw_date):
        return "certificate expired %s" % i.get("certificateTo")
    if i.get("onLeave"):
        return "on leave"
    return None


def staffable(ent, pool, conflicts, rule):
    """Section 6.1: enough pool inspectors may stand at the enterprise for the team size and every quota."""
    fitting = [i for i in pool if can_stand(i, ent, conflicts, rule)]
    if len(fitting) < (rule.get("teamSize") or 0):
        return False
    for q in rule.get("quotas") or []:
        if sum(1 for i in fitting if q.get("specialty") in (i.get("specialties") or [])) < q.get("min", 0):
            return False
    return True


def can_stand(insp, ent, conflicts, rule):
    if (insp["id"], ent["id"]) in conflicts:
        return False
    if rule.get("crossTownship") and ent.get("township") in (insp.get("townships") or []):
        return False
    return True


class Deck:
    """The dealing deck of ssj-draw/1 and /2 (section 9.1)."""

    def __init__(self, key, pool):
        self.key = key
        self.pool = pool
        self.n = len(pool)
        self.round = -1
        self.new_round()

    def new_round(self):
        self.round += 1
        self.order = list(range(self.n))
        self.revealed = 0
        self.skipped = []
        self.dealt = [False] * self.n
        self.gen = Generator(self.key, "deck:%d" % self.round)

    def deal(self, fits, enterprise_id):
        if self.revealed >= self.n and not self.skipped:
            self.new_round()
        for pos, idx in enumerate(self.skipped):
            if fits(self.pool[idx]):
                del self.skipped[pos]
                self.dealt[idx] = True
                return self.pool[idx]
        while self.revealed < self.n:
            i = self.revealed
            self.revealed += 1
            j = i + self.gen.below(self.n - i)
            self.order[i], self.order[j] = self.order[j], self.order[i]
            card = self.order[i]
            if fits(self.pool[card]):
                self.dealt[card] = True
                return self.pool[card]
            self.skipped.append(card)
        forced = [self.pool[x] for x in range(self.n) if self.dealt[x] and fits(self.pool[x])]
        if not forced:
            return None
        return forced[Generator(self.key, "forced:%s" % js_str(enterprise_id)).below(len(forced))]


def compute_outputs(inputs, key, version):
    """Returns (outputs, None) or (None, [shortages])."""
    rule = inputs.get("rule") or {}
    draw_date = inputs.get("drawDate")
    cap = annual_cap(inputs)
    enterprises = by_id(inputs.get("enterprises") or [])
    inspectors = by_id(inputs.get("inspectors") or [])
    items = by_id(inputs.get("items") or [])
    conflicts = {(c["inspectorId"], c["enterpriseId"]) for c in inputs.get("conflicts") or []}
    shortages = []

    # 6.1
    eligible, excluded = [], []
    for e in enterprises:
        if not in_scope(e, rule):
            continue
        reason = enterprise_exclusion(e, cap, version)
        if reason is None:
            eligible.append(e)
        else:
            excluded.append((reason, e["id"]))
    excluded_enterprises = _group(excluded)

    # 6.3 (needed by 6.1's last step in ssj-draw/3)
    pool, excluded_i = [], []
    for i in inspectors:
        reason = inspector_exclusion(i, draw_date, version)
        if reason is None:
            pool.append(i)
        else:
            excluded_i.append((reason, i["id"]))
    excluded_inspectors = _group(excluded_i)

    # 6.1, last step (ssj-draw/3): no team can be formed
    if version == V3:
        no_team = [e["id"] for e in eligible if not staffable(e, pool, conflicts, rule)]
        if no_team:
            eligible = [e for e in eligible if e["id"] not in no_team]
            excluded_enterprises.append({"reason": "NO_TEAM", "ids": no_team})

    # 6.2
    strata_spec = []
    risk = rule.get("riskRatios")
    if isinstance(risk, dict):
        for cls in RISK_CLASSES:
            if cls in risk:
                members = [e for e in eligible if e.get("riskClass") == cls]
                strata_spec.append((cls, members, round_half_up(risk[cls] * len(members))))
    else:
        spec = rule.get("enterprises") or {}
        if "count" in spec:
            k = spec["count"]
        else:
            k = round_half_up(spec.get("ratio", 0) * len(eligible))
        strata_spec.append(("ALL", eligible, k))
    strata, drawn = [], []
    for name, members, k in strata_spec:
        strata.append({"stratum": name, "eligible": len(members), "drawn": min(k, len(members))})
        if k > len(members):
            shortages.append("stratum %s: %d to draw, %d eligible" % (name, k, len(members)))
            continue
        drawn.extend(Generator(key, "enterprises:%s" % name).sample(members, k))

    # 6.4 (ssj-draw/3) or the deck (9.1)
    team_size = rule.get("teamSize") or 0
    quotas = rule.get("quotas") or []
    teams = []
    if version == V3:
        assign = Generator(key, "assign")
        load = {i["id"]: 0 for i in pool}
    else:
        deck = Deck(key, pool)

    for e in drawn:
        team = []

        def fits(insp, specialty):
            if insp["id"] in team:
                return False
            if specialty is not None and specialty not in (insp.get("specialties") or []):
                return False
            return can_stand(insp, e, conflicts, rule)

        def fill(specialty):
            if version == V3:
                cands = [i for i in pool if fits(i, specialty)]
                if not cands:
                    return None
                m = min(load[i["id"]] for i in cands)
                least = [i for i in cands if load[i["id"]] == m]
                chosen = least[assign.below(len(least))]
                load[chosen["id"]] += 1
                return chosen
            return deck.deal(lambda i: fits(i, specialty), e["id"])

        ok = True
        for q in quotas:
            spec = q.get("specialty")
            have = sum(1 for iid in team if spec in (_find(pool, iid).get("specialties") or []))
            while have < q.get("min", 0):
                chosen = fill(spec)
                if chosen is None:
                    shortages.append("%s: team needs one more %s inspector, none can be sent" % (e.get("name"), spec))
                    ok = False
                    break
                team.append(chosen["id"])
                have += 1
            if not ok:
                break
        while ok and len(team) < team_size:
            chosen = fill(None)
            if chosen is None:
                shortages.append("%s: team needs one more inspector, none can be sent" % e.get("name"))
                ok = False
                break
            team.append(chosen["id"])
        teams.append(team)
        if not ok:
            break  # the draw fails whole; the generator state after a shortage no longer matters

    # 6.5
    per_inspection = rule.get("itemsPerInspection") or 0
    shared = Generator(key, "items") if version in (V2, V3) else None
    item_lists = []
    for e in drawn:
        ipool = [it for it in items
                 if it.get("sector") == e.get("sector")
                 and it.get("reviewState") in ("APPROVED", "PUBLISHED")
                 and isinstance(it.get("effectiveFrom"), str) and it["effectiveFrom"] <= draw_date
                 and (it.get("effectiveTo") is None or it["effectiveTo"] > draw_date)]
        if len(ipool) < per_inspection:
            shortages.append("%s: %d items needed, %d in force" % (e.get("name"), per_inspection, len(ipool)))
            item_lists.append([])
            continue
        gen = shared if shared is not None else Generator(key, "items:%s" % js_str(e["id"]))
        item_lists.append([it["id"] for it in gen.sample(ipool, per_inspection)])

    if shortages:
        return None, shortages
    assignments = [{"enterpriseId": e["id"], "inspectorIds": t, "expertIds": [], "itemIds": its}
                   for e, t, its in zip(drawn, teams, item_lists)]
    return {"assignments": assignments, "strata": strata, "excludedEnterprises": excluded_enterprises,
            "excludedInspectors": excluded_inspectors, "recused": []}, None


def _find(rows, rid):
    for r in rows:
        if r["id"] == rid:
            return r
    return None


# --------------------------------------------------------------------------------------------
# Section 7 and 9.1: recusal
# --------------------------------------------------------------------------------------------

def meets_quotas(inspector_ids, expert_ids, insp_by_id, exp_by_id, quotas):
    specs = [insp_by_id[i].get("specialties") or [] if i in insp_by_id else [] for i in inspector_ids]
    specs += [exp_by_id[x].get("specialties") or [] if x in exp_by_id else [] for x in expert_ids]
    for q in quotas:
        if sum(1 for s in specs if q.get("specialty") in s) < q.get("min", 0):
            return False
    return True


def compute_recusal(inputs, base_outputs, request, gen_factory, version):
    """Returns the new outputs; raises Refused."""
    rule = inputs.get("rule") or {}
    quotas = rule.get("quotas") or []
    draw_date = inputs.get("drawDate")
    inspectors = by_id(inputs.get("inspectors") or [])
    experts = by_id(inputs.get("experts") or [])
    insp_by_id = {i["id"]: i for i in inspectors}
    exp_by_id = {x["id"]: x for x in experts}
    ent_by_id = {e["id"]: e for e in inputs.get("enterprises") or []}

    eid, iid, mode = request.get("enterpriseId"), request.get("inspectorId"), request.get("mode")
    with_id = request.get("withId")
    locked = set(request.get("locked") or [])

    entry = {"inspectorId": iid, "enterpriseId": eid}
    if version != V3 and "reason" in request:
        entry["reason"] = request["reason"]
    recused = list(base_outputs.get("recused") or []) + [entry]
    conflicts = {(c["inspectorId"], c["enterpriseId"]) for c in inputs.get("conflicts") or []}
    conflicts |= {(r.get("inspectorId"), r.get("enterpriseId")) for r in recused}

    assignments = [dict(a, inspectorIds=list(a.get("inspectorIds") or []), expertIds=list(a.get("expertIds") or []))
                   for a in base_outputs.get("assignments") or []]
    t = next((k for k, a in enumerate(assignments) if a.get("enterpriseId") == eid), None)
    if t is None:
        raise Refused("enterprise %s has no assignment in the base record" % js_str(eid))
    target = assignments[t]
    if iid not in target["inspectorIds"]:
        raise Refused("inspector %s is not on the team of enterprise %s" % (js_str(iid), js_str(eid)))
    if eid not in ent_by_id:
        raise Refused("enterprise %s is not in the snapshot" % js_str(eid))
    ent = ent_by_id[eid]

    def stands(insp_id, enterprise_id):
        insp, e = insp_by_id.get(insp_id), ent_by_id.get(enterprise_id)
        return insp is not None and e is not None and can_stand(insp, e, conflicts, rule)

    def quotas_ok(ins, exps):
        return meets_quotas(ins, exps, insp_by_id, exp_by_id, quotas)

    if mode == "REPLACEMENT":
        if with_id is not None:
            raise Refused("withId must be null for a REPLACEMENT")
        load = {}
        for a in assignments:
            for x in a["inspectorIds"]:
                load[x] = load.get(x, 0) + 1
        pos = target["inspectorIds"].index(iid)

        def replaced(cand_id):
            team = list(target["inspectorIds"])
            if version == V3:
                team[pos] = cand_id
            else:
                del team[pos]
                team.append(cand_id)
            return team

        cands = [i for i in inspectors
                 if inspector_exclusion(i, draw_date, version) is None
                 and i["id"] not in target["inspectorIds"]
                 and stands(i["id"], eid)
                 and quotas_ok(replaced(i["id"]), target["expertIds"])]
        if not cands:
            raise Refused("no inspector can replace %s at enterprise %s" % (js_str(iid), js_str(eid)))
        m = min(load.get(i["id"], 0) for i in cands)
        least = [i for i in cands if load.get(i["id"], 0) == m]
        chosen = least[gen_factory().below(len(least))]
        target["inspectorIds"] = replaced(chosen["id"])
    elif mode == "SWAP":
        options = []
        for k, o in enumerate(assignments):
            if k == t or iid in o["inspectorIds"] or o.get("enterpriseId") in locked:
                continue
            for p, x in enumerate(o["inspectorIds"]):
                if x not in insp_by_id or x in target["inspectorIds"]:
                    continue
                if not stands(x, eid) or not stands(iid, o.get("enterpriseId")):
                    continue
                new_target = [x if y == iid else y for y in target["inspectorIds"]]
                new_other = list(o["inspectorIds"])
                new_other[p] = iid
                if quotas_ok(new_target, target["expertIds"]) and quotas_ok(new_other, o["expertIds"]):
                    options.append((k, x, new_target, new_other))
        if with_id is None:
            if not options:
                raise Refused("no swap is possible for inspector %s at enterprise %s" % (js_str(iid), js_str(eid)))
            chosen = options[gen_factory().below(len(options))]
        else:
            chosen = next((op for op in options if op[1] == with_id), None)
            if chosen is None:
                raise Refused("inspector %s cannot be swapped in" % js_str(with_id))
        k, _, new_target, new_other = chosen
        target["inspectorIds"] = new_target
        assignments[k]["inspectorIds"] = new_other
    elif mode == "EXPERT":
        without = [y for y in target["inspectorIds"] if y != iid]
        cands = [x for x in experts
                 if x.get("active") is True and x["id"] not in target["expertIds"]
                 and quotas_ok(without, target["expertIds"] + [x["id"]])]
        if with_id is None:
            if not cands:
                raise Refused("no expert can stand in at enterprise %s" % js_str(eid))
            chosen = cands[gen_factory().below(len(cands))]
        else:
            chosen = next((x for x in cands if x["id"] == with_id), None)
            if chosen is None:
                raise Refused("expert %s cannot stand in" % js_str(with_id))
        target["inspectorIds"] = without
        target["expertIds"] = target["expertIds"] + [chosen["id"]]
    else:
        raise Refused("unknown recusal mode %r" % (mode,))

    out = dict(base_outputs)
    out["assignments"] = assignments
    out["recused"] = recused
    return out


# --------------------------------------------------------------------------------------------
# Records and chains
# --------------------------------------------------------------------------------------------

def _same(a, b):
    return canonical_json(a) == canonical_json(b)


def _outputs_diff(recorded, computed):
    if not isinstance(recorded, dict):
        return "outputs are not an object"
    parts = []
    for f in sorted(set(recorded) | set(computed)):
        if f not in computed:
            parts.append("unexpected field %s" % f)
        elif f not in recorded:
            parts.append("missing field %s" % f)
        elif not _same(recorded[f], computed[f]):
            if f == "assignments" and isinstance(recorded[f], list):
                bad = [str(k) for k in range(max(len(recorded[f]), len(computed[f])))
                       if k >= len(recorded[f]) or k >= len(computed[f])
                       or not _same(recorded[f][k], computed[f][k])]
                parts.append("assignments differ at %s (recomputed %s)" % (
                    ",".join(bad), ";".join(canonical_json(computed[f][int(k)]) for k in bad
                                           if int(k) < len(computed[f]))))
            else:
                parts.append("%s differ (recomputed %s)" % (f, canonical_json(computed[f])))
    return "outputs differ from the recomputation: " + "; ".join(parts)


def verify_initial(record, inputs, version, problems):
    """Returns the key of the record (for ssj-draw/3 recusals)."""
    if record.get("kind") != "INITIAL":
        problems.append("first record has kind %r, not INITIAL" % (record.get("kind"),))
    if record.get("supersedes") is not None:
        problems.append("first record supersedes %r" % (record.get("supersedes"),))
    if record.get("drawId") != inputs.get("drawId"):
        problems.append("drawId %r is not the snapshot's %r" % (record.get("drawId"), inputs.get("drawId")))
    if version == V3 and inputs.get("version") != V3:
        problems.append("inputs.version is %r, not %r" % (inputs.get("version"), V3))
    digest = input_digest(inputs, version)
    if record.get("inputDigest") != digest:
        problems.append("inputDigest mismatch (recomputed %s)" % digest)
    if version == V3:
        beacon = check_entropy_v3(record, problems)
        key = key_v3(record, digest, beacon)
    else:
        key = key_v1(record, digest, problems)
    outputs, shortages = compute_outputs(inputs, key, version)
    recorded = record.get("outputs")
    if outputs is None:
        if recorded is not None:
            problems.append("the recomputed draw is infeasible (%s) but the record has outputs" % "; ".join(shortages))
    elif recorded is None:
        problems.append("the record has no outputs but the recomputed draw is feasible")
    elif not _same(recorded, outputs):
        problems.append(_outputs_diff(recorded, outputs))
    return key


def verify_recusal(record, base, root, root_key, inputs, version, n, problems):
    request = record.get("request")
    if record.get("kind") != "RECUSAL":
        problems.append("kind is %r, not RECUSAL" % (record.get("kind"),))
    if not isinstance(request, dict):
        problems.append("record has no request")
        return
    root_id = root.get("drawId")
    if record.get("supersedes") != base.get("drawId"):
        problems.append("supersedes %r, not the base %r" % (record.get("supersedes"), base.get("drawId")))
    base_outputs = base.get("outputs")
    if not isinstance(base_outputs, dict):
        problems.append("the base record has no outputs")
        return
    locked = request.get("locked")
    if version == V3:
        seq = request.get("sequence")
        base_seq = (base.get("request") or {}).get("sequence", 0) if base is not root else 0
        if not is_integer(seq) or seq != base_seq + 1:
            problems.append("sequence %r does not follow the base's (%r)" % (seq, base_seq))
        expected_id = "%s/r%s" % (root_id, js_str(seq))
        if record.get("root") != root_id:
            problems.append("root %r is not %r" % (record.get("root"), root_id))
        if not isinstance(locked, list):
            problems.append("locked is not a list")
        if "withId" not in request:
            problems.append("request has no withId (null when drawn)")
    else:
        expected_id = "%s/r%d" % (root_id, n)
    if locked is not None:
        if not isinstance(locked, list) or any(locked[k] >= locked[k + 1] for k in range(len(locked) - 1)):
            problems.append("locked is not ascending without repeats")
    if record.get("drawId") != expected_id:
        problems.append("drawId %r is not %r" % (record.get("drawId"), expected_id))

    if version == V3:
        body = {"base": {"drawId": base.get("drawId"), "outputs": base_outputs},
                "inputDigest": root.get("inputDigest"), "request": request, "version": V3}
        digest = sha256_hex(canonical_json(body))
        key, stream = root_key, "recusal:%s" % js_str(request.get("sequence"))
    else:
        body = {"base": {"drawId": base.get("drawId"), "outputs": base_outputs},
                "inputs": input_digest(inputs, version), "request": request}
        digest = sha256_hex(canonical_json(body))
        key = key_v1(record, digest, problems)
        stream = "recusal:%s:%s" % (js_str(request.get("enterpriseId")), js_str(request.get("inspectorId")))
    if record.get("inputDigest") != digest:
        problems.append("inputDigest mismatch (recomputed %s)" % digest)
    try:
        outputs = compute_recusal(inputs, base_outputs, request, lambda: Generator(key, stream), version)
    except Refused as why:
        problems.append("the recusal would be refused: %s" % why)
        return
    if not _same(record.get("outputs"), outputs):
        problems.append(_outputs_diff(record.get("outputs"), outputs))


# --------------------------------------------------------------------------------------------
# Section 10: the timeline
# --------------------------------------------------------------------------------------------

ACTIONS = {
    "draw.session": "setup",
    "draw.commitment": "commit",
    "draw.freeze": "freeze",
    "draw.reveal": "reveal",
    "draw.revealsClosed": "close",
    "draw.beaconEntered": "beacon",
    "draw.record": "record",
    "draw.failed": "failed",
}


def classify(action):
    return ACTIONS.get(action, "other")


def _time(s):
    if not isinstance(s, str):
        return None
    try:
        t = datetime.fromisoformat(s[:-1] + "+00:00" if s.endswith("Z") else s)
    except ValueError:
        return None
    return t if t.tzinfo is not None else None


def _canonical(v):
    return canonical_json(v)


def check_timeline(timeline, record):
    """Section 10: the record's session as its timeline published it. Returns (problems, notes)."""
    problems, notes = [], []
    if not isinstance(timeline, list):
        return ["timeline is not a list"], notes
    entropy = record.get("entropy") if isinstance(record.get("entropy"), dict) else {}
    session = entropy.get("session")
    parts = [p for p in entropy.get("participants") or [] if isinstance(p, dict)]
    beacon = entropy.get("beacon") if isinstance(entropy.get("beacon"), dict) else {}
    entries = []
    for k, en in enumerate(timeline):
        if not isinstance(en, dict):
            problems.append("timeline entry %d is not an object" % k)
            continue
        t = _time(en.get("at"))
        if t is None:
            problems.append("timeline entry %d has no valid time %r" % (k, en.get("at")))
            continue
        details = en.get("details") if isinstance(en.get("details"), dict) else {}
        entries.append((k, t, classify(en.get("action")), en.get("action"), details))
    for a, b in zip(entries, entries[1:]):
        if b[1] < a[1]:
            problems.append("timeline is not oldest first (entry %d before %d)" % (a[0], b[0]))
    mine = [e for e in entries if e[4].get("session") == session]
    others = sorted({str(e[3]) for e in mine if e[2] == "other"})
    if others:
        notes.append("timeline actions not checked: %s" % ", ".join(others))
    kinds = {}
    for e in mine:
        kinds.setdefault(e[2], []).append(e)
    one = {}
    for kind in ("setup", "freeze", "close", "record"):
        found = kinds.get(kind, [])
        if len(found) != 1:
            problems.append("timeline holds %d %s entries for session %r (1 expected)" % (len(found), kind, session))
        one[kind] = found[0] if found else None
    st, fz, cl, rc = one["setup"], one["freeze"], one["close"], one["record"]
    if None in (st, fz, cl, rc):
        return problems, notes

    def by_participant(xs):
        return sorted(xs, key=lambda x: x.get("participant") if isinstance(x, dict) else "")

    named = [{"participant": p.get("participant"), "name": p.get("name")} for p in parts]
    if _canonical(by_participant(st[4].get("participants") or [])) != _canonical(by_participant(named)):
        problems.append("the participants or their names differ from those the session published")
    fmt = {k: beacon.get(k) for k in ("kind", "source", "availableAt", "count", "max")}
    if _canonical(st[4].get("beacon")) != _canonical(fmt):
        problems.append("the public random source or its format differs from the one the session published")
    committed = [{"participant": p.get("participant"), "commitment": p.get("commitment")} for p in parts]
    if _canonical(by_participant(fz[4].get("participants") or [])) != _canonical(by_participant(committed)):
        problems.append("the commitments differ from those the freeze published")
    if fz[4].get("inputDigest") != record.get("inputDigest"):
        problems.append("the freeze published digest %r, the record has %r"
                        % (fz[4].get("inputDigest"), record.get("inputDigest")))
    for p in parts:
        who = p.get("participant")
        commits = [c for c in kinds.get("commit", []) if c[4].get("participant") == who]
        if not commits or commits[0][4].get("commitment") != p.get("commitment") or commits[0][0] > fz[0]:
            problems.append("%s's commitment was not published before the freeze" % who)
        reveals = [r for r in kinds.get("reveal", []) if r[4].get("participant") == who]
        if p.get("secret") is None:
            if reveals:
                problems.append("%s revealed in the timeline but the record says withheld" % who)
        elif len(reveals) != 1 or reveals[0][4].get("secret") != p.get("secret"):
            problems.append("%s's reveal in the timeline differs from the record" % who)
        elif not (fz[0] < reveals[0][0] < cl[0]):
            problems.append("%s revealed outside the reveal window" % who)
    withheld = sorted(p.get("participant") for p in parts if p.get("secret") is None)
    if sorted(cl[4].get("withheld") or []) != withheld:
        problems.append("the close of reveals names other participants as withheld")
    entered = [e for e in kinds.get("beacon", []) if cl[0] < e[0] < rc[0]][-2:]
    who_all = {p.get("participant") for p in parts}
    if (len(entered) != 2 or entered[0][4].get("participant") == entered[1][4].get("participant")
            or not all(e[4].get("participant") in who_all and e[4].get("canonical") == beacon.get("canonical")
                       for e in entered)):
        problems.append("the public value was not entered alike by two participants after reveals closed")
    if rc[4].get("inputDigest") != record.get("inputDigest") or rc[4].get("beacon") != beacon.get("value"):
        problems.append("the record entry names another digest or value")
    if not (fz[0] < cl[0] < rc[0]):
        problems.append("freeze, close of reveals and record are out of order")
    available = beacon.get("availableAt")
    if available is not None:
        at = _time(available)
        if at is None:
            problems.append("beacon.availableAt %r is not a time" % (available,))
        else:
            if not cl[1] < at:
                problems.append("reveals closed at %s, not before the public value's stated time %s"
                                % (cl[1].isoformat(), available))
            if any(e[1] < at for e in [rc] + entered):
                problems.append("the value was entered before its stated time %s" % available)
    return problems, notes


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

class Unreadable(Exception):
    pass


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def load_export(path):
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        doc = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (OSError, UnicodeDecodeError, ValueError) as why:
        raise Unreadable(str(why))
    if not isinstance(doc, dict):
        raise Unreadable("not a JSON object")
    if not isinstance(doc.get("inputs"), dict):
        raise Unreadable("no inputs object")
    if not isinstance(doc.get("records"), list) or not doc["records"] \
            or not all(isinstance(r, dict) for r in doc["records"]):
        raise Unreadable("no records list")
    return doc


def verify_export(doc):
    """Returns a result dict: {drawId, ok, problems, records:[...], timeline}."""
    inputs = doc["inputs"]
    records = doc["records"]
    file_problems = []
    if doc.get("format") != EXPORT_FORMAT:
        file_problems.append("format is %r, not %r" % (doc.get("format"), EXPORT_FORMAT))
    if doc.get("drawId") != inputs.get("drawId"):
        file_problems.append("export drawId %r is not the snapshot's %r" % (doc.get("drawId"), inputs.get("drawId")))
    root = records[0]
    version = root.get("algorithmVersion")
    results = []
    root_key = None
    for n, record in enumerate(records):
        problems = []
        rv = record.get("algorithmVersion")
        try:
            if rv not in VERSIONS:
                problems.append("unknown algorithmVersion %r" % (rv,))
            elif rv != version:
                problems.append("algorithmVersion %r differs from the chain's %r" % (rv, version))
            elif n == 0:
                root_key = verify_initial(record, inputs, rv, problems)
            else:
                verify_recusal(record, records[n - 1], root, root_key, inputs, rv, n, problems)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as why:
            problems.append("malformed record: %s: %s" % (type(why).__name__, why))
        results.append({"drawId": record.get("drawId"), "kind": record.get("kind"),
                        "algorithmVersion": rv, "ok": not problems, "problems": problems})
    timeline = None
    if version == V3 and doc.get("timeline") is None:
        # Section 10: the session is part of an ssj-draw/3 record.
        results[0]["problems"].append("timeline: missing")
        results[0]["ok"] = False
    if "timeline" in doc and doc["timeline"] is not None:
        try:
            t_problems, t_notes = check_timeline(doc["timeline"], root)
        except (KeyError, TypeError, ValueError, AttributeError) as why:
            t_problems, t_notes = ["malformed timeline: %s" % why], []
        timeline = {"ok": not t_problems, "problems": t_problems, "notes": t_notes}
        if t_problems:
            results[0]["problems"].extend("timeline: " + p for p in t_problems)
            results[0]["ok"] = False
    if file_problems:
        results[0]["problems"][:0] = ["export: " + p for p in file_problems]
        results[0]["ok"] = False
    return {"drawId": doc.get("drawId"), "ok": all(r["ok"] for r in results),
            "problems": file_problems, "records": results, "timeline": timeline}


def main(argv):
    args = [a for a in argv if a != "--json"]
    as_json = "--json" in argv
    if not args or any(a.startswith("-") for a in args):
        sys.stderr.write("usage: python3 verifier/ssj_verify.py FILE.json [FILE.json ...] [--json]\n")
        return 2
    files, status = [], 0
    for path in args:
        try:
            doc = load_export(path)
        except Unreadable as why:
            files.append({"file": path, "readable": False, "ok": False, "error": str(why)})
            status = 2
            if not as_json:
                print("FAIL %s: unreadable: %s" % (path, why))
            continue
        result = verify_export(doc)
        result.update({"file": path, "readable": True})
        files.append(result)
        if not result["ok"] and status == 0:
            status = 1
        if not as_json:
            for r in result["records"]:
                if r["ok"]:
                    print("ok   %s %s" % (r["drawId"], r["kind"]))
                else:
                    print("FAIL %s %s: %s" % (r["drawId"], r["kind"], "; ".join(r["problems"])))
            if result["timeline"] is not None:
                for note in result["timeline"]["notes"]:
                    sys.stderr.write("note %s timeline: %s\n" % (result["drawId"], note))
    if as_json:
        print(json.dumps({"ok": status == 0, "status": status, "files": files}, ensure_ascii=False, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
