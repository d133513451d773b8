"""Self-test of ssj_verify.py (stdlib unittest).

Run from the repository root:  python3 -m unittest discover -s verifier -p 'test_*.py'
"""

import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import ssj_verify as sv  # noqa: E402

GOLDEN = os.path.join(HERE, "..", "test", "golden")
FILES = {v: os.path.join(GOLDEN, "draw-export-v%d.json" % v) for v in (1, 2, 3)}
SCRIPT = os.path.join(HERE, "ssj_verify.py")


def load(v):
    with open(FILES[v], encoding="utf-8") as fh:
        return json.load(fh)


def failures(doc):
    result = sv.verify_export(doc)
    return [(r["drawId"], p) for r in result["records"] for p in r["problems"]]


class GoldenFiles(unittest.TestCase):
    def test_each_golden_file_verifies(self):
        for v in (1, 2, 3):
            with self.subTest(version=v):
                result = sv.verify_export(load(v))
                self.assertTrue(result["ok"], result)
                self.assertEqual(len(result["records"]), {1: 2, 2: 4, 3: 4}[v])

    def test_cli_exit_status_and_lines(self):
        proc = subprocess.run([sys.executable, SCRIPT] + [FILES[v] for v in (1, 2, 3)],
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 10)
        self.assertTrue(all(line.startswith("ok   ") for line in lines))
        self.assertIn("ok   KAT-2027-03/r3 RECUSAL", lines)

    def test_cli_json(self):
        proc = subprocess.run([sys.executable, SCRIPT, FILES[3], "--json"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0)
        doc = json.loads(proc.stdout)
        self.assertTrue(doc["ok"])
        self.assertEqual([r["kind"] for r in doc["files"][0]["records"]], ["INITIAL", "RECUSAL", "RECUSAL", "RECUSAL"])


class Tampering(unittest.TestCase):
    def test_reversed_item_ids(self):
        for v in (1, 2, 3):
            with self.subTest(version=v):
                doc = load(v)
                doc["records"][0]["outputs"]["assignments"][0]["itemIds"].reverse()
                probs = failures(doc)
                self.assertTrue(any(d == doc["drawId"] and "outputs differ" in p for d, p in probs), probs)

    def test_enterprise_name_changes_digest(self):
        for v in (1, 2, 3):
            with self.subTest(version=v):
                doc = load(v)
                doc["inputs"]["enterprises"][4]["name"] = "企业五"
                probs = failures(doc)
                self.assertTrue(any("inputDigest mismatch" in p for _, p in probs), probs)
                # every recusal hashes the snapshot digest (v1/v2) or the root digest, so only
                # the records recomputed from the inputs fail: the initial one at least
                self.assertIn(doc["drawId"], [d for d, _ in probs])

    def test_v3_revealed_secret_changed(self):
        doc = load(3)
        parts = doc["records"][0]["entropy"]["participants"]
        parts[0]["secret"] = "3f9a0c1e5b7d2486aa01bc3de4f56780"
        probs = failures(doc)
        self.assertTrue(any("does not open its commitment" in p for _, p in probs), probs)
        self.assertTrue(any("outputs differ" in p for _, p in probs), probs)

    def test_v3_secret_recommitted_still_changes_outputs(self):
        doc = load(3)
        rec = doc["records"][0]
        p = rec["entropy"]["participants"][0]
        p["secret"] = "00112233445566778899aabbccddeeff"
        p["commitment"] = sv.commitment_of(rec["drawId"], rec["entropy"]["session"], p["participant"], p["secret"])
        probs = failures(doc)
        # the record's own checks pass the new commitment; the outputs (and the published timeline) do not
        self.assertFalse(any("commitment" in q and not q.startswith("timeline") for _, q in probs), probs)
        self.assertTrue(any("outputs differ" in q for _, q in probs), probs)

    def test_v3_non_canonical_secret(self):
        doc = load(3)
        rec = doc["records"][0]
        p = rec["entropy"]["participants"][0]
        p["secret"] = p["secret"].upper()
        probs = failures(doc)
        self.assertTrue(any("not canonical" in q for _, q in probs), probs)

    def test_v3_beacon_numbers_changed(self):
        doc = load(3)
        beacon = doc["records"][0]["entropy"]["beacon"]
        beacon["value"] = beacon["value"].replace("03 11", "04 11")
        probs = failures(doc)
        self.assertTrue(any("canonical form" in p for _, p in probs), probs)
        # also with a matching canonical form: the key changes, so the outputs do
        beacon["canonical"] = sv.canonical_beacon(beacon["value"], beacon["count"], beacon["max"])[0]
        probs = failures(doc)
        self.assertFalse(any("canonical form" in p for _, p in probs), probs)
        self.assertTrue(any("outputs differ" in p for _, p in probs), probs)

    def test_v3_beacon_spelling_does_not_matter(self):
        doc = load(3)
        beacon = doc["records"][0]["entropy"]["beacon"]
        beacon["value"] = "31,28，22、17 11 3 + 0009"  # re-ordered, other separators, leading zeros
        # the record verifies alike; the timeline's record entry names the value as it was typed, so fix it there too
        next(e for e in doc["timeline"] if e["action"] == "draw.record")["details"]["beacon"] = beacon["value"]
        self.assertEqual(failures(doc), [])

    def test_v3_beacon_with_more_or_hidden_numbers(self):
        for value in ["第2027035期 03 11 17 22 28 31 + 09", "03 11 17 22 2\u200b8 31 + 09", "０３ １１ １７ ２２ ２８ ３１ ０９"]:
            with self.subTest(value=value):
                doc = load(3)
                doc["records"][0]["entropy"]["beacon"]["value"] = value
                self.assertTrue(failures(doc))

    def test_last_recusal_team_edited(self):
        for v in (1, 2, 3):
            with self.subTest(version=v):
                doc = load(v)
                last = doc["records"][-1]
                a = next(a for a in last["outputs"]["assignments"] if a["enterpriseId"] == last["request"]["enterpriseId"])
                a["inspectorIds"] = [x + 1 for x in a["inspectorIds"]]
                probs = failures(doc)
                self.assertEqual({d for d, _ in probs}, {last["drawId"]}, probs)

    def test_recusal_request_changed(self):
        doc = load(3)
        doc["records"][2]["request"]["locked"] = [1, 7]
        probs = failures(doc)
        self.assertTrue(any(d.endswith("/r2") and "inputDigest mismatch" in p for d, p in probs), probs)

    def test_recusal_sequence_and_links(self):
        doc = load(3)
        doc["records"][3]["supersedes"] = "KAT-2027-03/r1"
        probs = failures(doc)
        self.assertTrue(any("supersedes" in p for _, p in probs), probs)
        doc = load(2)
        doc["records"][1]["drawId"] = "KAT-2027-02/r9"
        probs = failures(doc)
        self.assertTrue(any("drawId" in p for _, p in probs), probs)

    def test_v1_seed_does_not_open_commitment(self):
        doc = load(1)
        doc["records"][0]["seed"] = "0" * 64
        probs = failures(doc)
        self.assertTrue(any("seedCommitment" in p for _, p in probs), probs)

    def test_cli_fails_with_1_and_2(self):
        doc = load(3)
        doc["records"][0]["outputs"]["assignments"][0]["itemIds"].reverse()
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False)
            proc = subprocess.run([sys.executable, SCRIPT, FILES[1], bad], capture_output=True, text=True)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("FAIL KAT-2027-03 INITIAL: ", proc.stdout)
            # r1 hashes the base outputs, so it fails too; r2 does not depend on them
            self.assertIn("FAIL KAT-2027-03/r1 RECUSAL: inputDigest mismatch", proc.stdout)
            self.assertIn("ok   KAT-2027-03/r2 RECUSAL", proc.stdout)
            junk = os.path.join(tmp, "junk.json")
            with open(junk, "w") as fh:
                fh.write("{not json")
            proc = subprocess.run([sys.executable, SCRIPT, junk], capture_output=True, text=True)
            self.assertEqual(proc.returncode, 2)
            proc = subprocess.run([sys.executable, SCRIPT, os.path.join(tmp, "missing.json")],
                                  capture_output=True, text=True)
            self.assertEqual(proc.returncode, 2)


class Timeline(unittest.TestCase):
    """Section 10's timeline, in the exact format the bureau's system exports."""

    def good_timeline(self, doc):
        return [dict(e, details=dict(e["details"])) for e in doc["timeline"]]

    def check(self, doc, t, expected):
        doc["timeline"] = t
        probs = failures(doc)
        self.assertTrue(any(expected in p for _, p in probs), probs)

    def test_good_timeline(self):
        doc = load(3)
        doc["timeline"] = self.good_timeline(doc)
        self.assertEqual(failures(doc), [])

    def test_other_sessions_are_not_this_record_s(self):
        doc = load(3)
        t = self.good_timeline(doc)
        for e in t:
            e["details"]["session"] = 2
        self.check(doc, t, "0 freeze entries")

    def test_reveal_before_freeze(self):
        doc = load(3)
        t = self.good_timeline(doc)
        freeze = next(k for k, e in enumerate(t) if e["action"] == "draw.freeze")
        reveal = t.pop(freeze + 1)
        reveal["at"] = "2027-03-28T01:30:00.000Z"
        t.insert(freeze, reveal)
        self.check(doc, t, "revealed outside the reveal window")

    def test_commitment_after_freeze(self):
        doc = load(3)
        t = self.good_timeline(doc)
        t[1]["at"] = "2027-03-28T02:00:00.000Z"
        t.insert(5, t.pop(1))  # after the freeze
        self.check(doc, t, "commitment was not published before the freeze")

    def test_close_at_stated_time(self):
        doc = load(3)
        t = self.good_timeline(doc)
        next(e for e in t if e["action"] == "draw.revealsClosed")["at"] = "2027-03-30T13:15:00.000Z"
        self.check(doc, t, "not before the public value's stated time")

    def test_record_before_stated_time(self):
        doc = load(3)
        t = self.good_timeline(doc)
        t[-1]["at"] = "2027-03-30T13:14:30.000Z"
        self.check(doc, t, "entered before its stated time")

    def test_withheld_secret_revealed(self):
        doc = load(3)
        t = self.good_timeline(doc)
        withheld = next(p for p in doc["records"][0]["entropy"]["participants"] if p["secret"] is None)
        close = next(k for k, e in enumerate(t) if e["action"] == "draw.revealsClosed")
        t.insert(close, {"at": "2027-03-30T10:00:00.000Z", "action": "draw.reveal", "actor": "x",
                         "details": {"session": 1, "participant": withheld["participant"], "secret": "ab" * 16}})
        self.check(doc, t, "record says withheld")


class Conventions(unittest.TestCase):
    def test_canonical_json(self):
        self.assertEqual(sv.canonical_json({"b": [1, 0.25, 0.3, 1e-7, 3.0], "a": None, "c": "é\u2028\x7f\x01\n\"\\"}),
                         '{"a":null,"b":[1,0.25,0.3,1e-7,3],"c":"é\u2028\x7f\\u0001\\n\\"\\\\"}')
        self.assertEqual(sv.canonical_json(["\ud800"]), '["\\ud800"]')
        self.assertEqual(sv.canonical_json([1e21, 1e20, 0.000001, 1.5e-7, -0.0]),
                         '[1e+21,100000000000000000000,0.000001,1.5e-7,0]')

    def test_round_half_up(self):
        self.assertEqual(sv.round_half_up(2.5), 3)
        self.assertEqual(sv.round_half_up(0.1 * 30), 3)
        self.assertEqual(sv.round_half_up(0.5 * 9), 5)

    def test_code_point_order(self):
        self.assertLess("ｱ", "𠮷")
        self.assertGreater(sv.utf16_key("ｱ"), sv.utf16_key("𠮷"))

    def test_beacon_canonical(self):
        self.assertEqual(sv.canonical_beacon("03 11 17 22 28 31 + 09", 7, 33), ("3.9.11.17.22.28.31./", None))
        self.assertEqual(sv.canonical_beacon("6，6、1", 3, 6), ("1.6.6./", None))
        self.assertIsNotNone(sv.canonical_beacon("no digits", 1, 9)[1])
        self.assertIsNotNone(sv.canonical_beacon("03 11 17 22 28 31 + 39", 7, 33)[1])
        self.assertIsNotNone(sv.canonical_beacon("０３ 00 7", 3, 9)[1])

    def test_commitment_example(self):
        com = sv.commitment_of("D2027-FMG-01", 1, "fagui", "3f9a" + "0" * 28)
        raw = "ssj-draw/3\nD2027-FMG-01\n1\nfagui\n3f9a" + "0" * 28
        self.assertEqual(com, hashlib.sha256(raw.encode()).hexdigest())

    def test_below_one_takes_a_word(self):
        g1, g2 = sv.Generator("k" * 64, "s"), sv.Generator("k" * 64, "s")
        self.assertEqual(g1.below(1), 0)
        g2.word()
        self.assertEqual(g1.word(), g2.word())

    def test_generator_blocks(self):
        g = sv.Generator("ab", "assign")
        words = [g.word() for _ in range(9)]
        b0 = hashlib.sha256(b"ab\x00assign\x00\x00\x00\x00\x00").digest()
        b1 = hashlib.sha256(b"ab\x00assign\x00\x00\x00\x00\x01").digest()
        self.assertEqual(words[0], int.from_bytes(b0[:4], "big"))
        self.assertEqual(words[8], int.from_bytes(b1[:4], "big"))


if __name__ == "__main__":
    unittest.main()
