#!/usr/bin/env python3
"""Self-check of the held-out corpus (written with the corpus, independent of the assistant's code).

Parses every town and question file, validates the documented format, cross-checks ids,
looks for copies of the clerk's FAQ phrasings among the test questions, and recomputes
opening hours and collection dates with a small reference implementation of the rules in
the brief, so that date/time facts can be verified.

Usage: python3 check_corpus.py [-v]
"""
import datetime as dt
import difflib
import re
import sys
import tomllib
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent
VERBOSE = "-v" in sys.argv
errors = []


def err(msg):
    errors.append(msg)
    print("ERROR:", msg)


DAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS_FR = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
             "septembre", "octobre", "novembre", "decembre"]
ID_RE = re.compile(r"^[a-z0-9-]+$")
HOURS_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")
INTENTS = {"hours", "faq", "collection", "contact", "operator", "message", "repeat", "slower", "goodbye", "unknown"}

TOWN_KEYS = {"name", "timezone", "holidays", "phone", "address", "website", "welcome", "privacy_notice", "operator"}
SERVICE_KEYS = {"id", "name", "aliases", "address", "phone", "transfer", "hours", "closed_on_holidays", "exception"}
EXC_KEYS = {"from", "to", "hours", "reason"}
FAQ_KEYS = {"id", "service", "questions", "keywords", "answer"}
COLL_KEYS = {"kind", "days", "streets", "note", "weeks", "monthly", "dates", "on_holiday"}
CASE_KEYS = {"now", "context", "intent", "service", "faq", "facts", "questions"}


def norm(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def day_index(name):
    n = norm(name)
    if n in DAYS_EN:
        return DAYS_EN.index(n)
    if n in DAYS_FR:
        return DAYS_FR.index(n)
    raise ValueError(name)


def easter(y):
    a = y % 19
    b, c = divmod(y, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


def holidays(year, kind):
    if kind == "none":
        return set()
    e = easter(year)
    hs = {dt.date(year, 1, 1), e + dt.timedelta(1), dt.date(year, 5, 1), dt.date(year, 5, 8),
          e + dt.timedelta(39), e + dt.timedelta(50), dt.date(year, 7, 14), dt.date(year, 8, 15),
          dt.date(year, 11, 1), dt.date(year, 11, 11), dt.date(year, 12, 25)}
    if kind == "alsace-moselle":
        hs |= {e - dt.timedelta(2), dt.date(year, 12, 26)}
    return hs


def is_holiday(d, kind):
    return d in holidays(d.year, kind)


def hours_on(svc, d, kind):
    for ex in svc.get("exception", []):
        f = dt.date.fromisoformat(ex["from"])
        t = dt.date.fromisoformat(ex.get("to", ex["from"]))
        if f <= d <= t:
            return list(ex["hours"]), ex.get("reason", "")
    if svc.get("closed_on_holidays", True) and is_holiday(d, kind):
        return [], "jour férié"
    return list(svc.get("hours", {}).get(DAYS_EN[d.weekday()], [])), ""


def parse_iv(iv, d, tz):
    a, b = iv.split("-")
    ha, ma = map(int, a.split(":"))
    hb, mb = map(int, b.split(":"))
    start = dt.datetime(d.year, d.month, d.day, ha, ma, tzinfo=tz)
    end = dt.datetime(d.year, d.month, d.day, 0, 0, tzinfo=tz) + dt.timedelta(hours=hb, minutes=mb)
    return start, end


def status(svc, now, kind, tz):
    """('open', end) or ('closed', next_start) or ('closed', None)."""
    d = now.date()
    for iv in hours_on(svc, d, kind)[0]:
        s, e = parse_iv(iv, d, tz)
        if s <= now < e:
            return "open", e
    for k in range(0, 400):
        dd = d + dt.timedelta(k)
        for iv in hours_on(svc, dd, kind)[0]:
            s, e = parse_iv(iv, dd, tz)
            if s > now:
                return "closed", s
    return "closed", None


def nth_ok(d, which):
    import calendar
    last = calendar.monthrange(d.year, d.month)[1]
    pos = {"first": 1, "second": 2, "third": 3, "fourth": 4}
    if which == "last":
        return d.day + 7 > last
    return (d.day - 1) // 7 + 1 == pos[which]


def collection_dates(rule, start, n_days, kind):
    out = []
    for k in range(n_days):
        d = start + dt.timedelta(k)
        if "dates" in rule:
            base = d.isoformat() in rule["dates"]
        else:
            base = d.weekday() in {day_index(x) for x in rule["days"]}
            if base and "weeks" in rule:
                odd = d.isocalendar()[1] % 2 == 1
                base = odd if rule["weeks"] == "odd" else not odd
            if base and "monthly" in rule:
                base = any(nth_ok(d, w) for w in rule["monthly"])
        if not base:
            continue
        if is_holiday(d, kind):
            mode = rule.get("on_holiday", "kept")
            if mode == "cancelled":
                continue
            if mode == "next-day":
                out.append(d + dt.timedelta(1))
                continue
        out.append(d)
    return out


def fr_date(d):
    return f"{DAYS_FR[d.weekday()]} {d.day} {MONTHS_FR[d.month - 1]}"


def fmt_t(t):
    return f"{t.hour} h" if t.minute == 0 else f"{t.hour} h {t.minute:02d}"


def check_town(path):
    town = tomllib.loads(path.read_text())
    tid = path.stem
    for k in town:
        if k not in {"town", "service", "faq", "collection"}:
            err(f"{tid}: unknown top-level key {k}")
    t = town["town"]
    for k in t:
        if k not in TOWN_KEYS:
            err(f"{tid}: unknown town key {k}")
    for k in ["name", "timezone", "holidays", "phone", "address", "website", "privacy_notice", "operator"]:
        if k not in t:
            err(f"{tid}: missing town.{k}")
    ZoneInfo(t["timezone"])
    if t["holidays"] not in {"france", "alsace-moselle", "none"}:
        err(f"{tid}: bad holidays")
    sids = set()
    n_exc = 0
    for s in town["service"]:
        for k in s:
            if k not in SERVICE_KEYS:
                err(f"{tid}: service {s.get('id')}: unknown key {k}")
        if not ID_RE.match(s["id"]) or s["id"] in sids:
            err(f"{tid}: bad/duplicate service id {s['id']}")
        sids.add(s["id"])
        for day, ivs in s.get("hours", {}).items():
            if day not in DAYS_EN:
                err(f"{tid}: {s['id']}: bad day {day}")
            for iv in ivs:
                if not HOURS_RE.match(iv):
                    err(f"{tid}: {s['id']}: bad interval {iv}")
        for ex in s.get("exception", []):
            n_exc += 1
            for k in ex:
                if k not in EXC_KEYS:
                    err(f"{tid}: {s['id']}: unknown exception key {k}")
            dt.date.fromisoformat(ex["from"])
            if "to" in ex and dt.date.fromisoformat(ex["to"]) < dt.date.fromisoformat(ex["from"]):
                err(f"{tid}: {s['id']}: exception to < from")
            for iv in ex["hours"]:
                if not HOURS_RE.match(iv):
                    err(f"{tid}: {s['id']}: bad exception interval {iv}")
        # overlapping exceptions
        exs = s.get("exception", [])
        for i in range(len(exs)):
            for j in range(i + 1, len(exs)):
                a0, a1 = exs[i]["from"], exs[i].get("to", exs[i]["from"])
                b0, b1 = exs[j]["from"], exs[j].get("to", exs[j]["from"])
                if not (a1 < b0 or b1 < a0):
                    err(f"{tid}: {s['id']}: overlapping exceptions")
    if t["operator"] not in sids:
        err(f"{tid}: operator {t['operator']} is not a service")
    fids = set()
    for f in town["faq"]:
        for k in f:
            if k not in FAQ_KEYS:
                err(f"{tid}: faq {f.get('id')}: unknown key {k}")
        if not ID_RE.match(f["id"]) or f["id"] in fids:
            err(f"{tid}: bad/duplicate faq id {f['id']}")
        fids.add(f["id"])
        if "service" in f and f["service"] not in sids:
            err(f"{tid}: faq {f['id']}: unknown service {f['service']}")
        if not 2 <= len(f["questions"]) <= 4:
            err(f"{tid}: faq {f['id']}: {len(f['questions'])} clerk questions")
    nonweekly = 0
    for c in town["collection"]:
        for k in c:
            if k not in COLL_KEYS:
                err(f"{tid}: collection: unknown key {k}")
        if sum(k in c for k in ("weeks", "monthly", "dates")) > 1:
            err(f"{tid}: collection uses more than one of weeks/monthly/dates")
        if "dates" not in c and not c.get("days"):
            err(f"{tid}: collection without days")
        for x in c.get("days", []):
            day_index(x)
        if c.get("on_holiday", "kept") not in {"kept", "next-day", "cancelled"}:
            err(f"{tid}: bad on_holiday")
        if any(k in c for k in ("weeks", "monthly", "dates")) or c.get("on_holiday") == "next-day":
            nonweekly += 1
    print(f"town {tid}: {len(sids)} services, {len(fids)} faq, {len(town['collection'])} collection rules "
          f"({nonweekly} non-weekly/next-day), {n_exc} exceptions")
    if nonweekly == 0 or n_exc == 0:
        err(f"{tid}: needs a non-weekly collection rule and a service exception")
    return town, sids, fids


def check_questions(path, town, sids, fids):
    tid = path.stem
    q = tomllib.loads(path.read_text())
    tz = ZoneInfo(town["town"]["timezone"])
    kind = town["town"]["holidays"]
    svcs = {s["id"]: s for s in town["service"]}
    clerk = {}
    for f in town["faq"]:
        for cq in f["questions"]:
            clerk[norm(cq)] = f["id"]
    default_now = dt.datetime.fromisoformat(q["now"])
    counts_cases, counts_utt = {}, {}
    followups = 0
    seen = set()
    for i, c in enumerate(q["case"]):
        label = f"{tid} case {i + 1} ({c.get('intent')}: {c['questions'][0][:50]})"
        for k in c:
            if k not in CASE_KEYS:
                err(f"{label}: unknown key {k}")
        it = c["intent"]
        if it not in INTENTS:
            err(f"{label}: bad intent")
        if "service" in c and c["service"] not in sids:
            err(f"{label}: unknown service {c['service']}")
        if it in {"hours", "contact"} and "service" not in c:
            err(f"{label}: hours/contact without service")
        if it == "faq" and c.get("faq") not in fids:
            err(f"{label}: faq id missing or unknown: {c.get('faq')}")
        if it != "faq" and "faq" in c:
            err(f"{label}: faq id on a non-faq case")
        if "context" in c:
            followups += 1
        now = dt.datetime.fromisoformat(c.get("now", q["now"]))
        off = now.utcoffset()
        if off != now.astimezone(tz).utcoffset():
            err(f"{label}: now offset {off} does not match {tz}")
        now = now.astimezone(tz)
        counts_cases[it] = counts_cases.get(it, 0) + 1
        counts_utt[it] = counts_utt.get(it, 0) + len(c["questions"])
        for u in c["questions"]:
            nu = norm(u)
            if nu in seen:
                err(f"{label}: duplicate utterance {u!r}")
            seen.add(nu)
            for cq, fid in clerk.items():
                r = difflib.SequenceMatcher(None, nu, cq).ratio()
                if r > 0.75:
                    err(f"{label}: utterance too close ({r:.2f}) to clerk question of {fid}: {u!r} ~ {cq!r}")
        if it == "faq" and c.get("faq") in fids:
            ans = norm(next(f["answer"] for f in town["faq"] if f["id"] == c["faq"]))
            for fact in c.get("facts", []):
                if norm(fact) not in ans:
                    err(f"{label}: fact {fact!r} not in the answer of {c['faq']}")
        if it == "contact":
            svc = svcs[c["service"]]
            blob = norm(svc["address"] + " " + svc["phone"])
            for fact in c.get("facts", []):
                if norm(fact) not in blob:
                    err(f"{label}: fact {fact!r} not in the address/phone of {c['service']}")
        if it == "unknown" and c.get("facts"):
            err(f"{label}: unknown case with facts")
        # date facts: weekday must match the date (year taken from now, rolling over)
        for fact in c.get("facts", []):
            m = re.match(r"^(\w+) (\d+) (\w+)$", norm(fact))
            if m and m.group(1) in DAYS_FR and m.group(3) in MONTHS_FR:
                dd = None
                for y in (now.year, now.year + 1):
                    cand = dt.date(y, MONTHS_FR.index(m.group(3)) + 1, int(m.group(2)))
                    if cand >= now.date() - dt.timedelta(1):
                        dd = cand
                        break
                if dd is None or DAYS_FR[dd.weekday()] != m.group(1):
                    err(f"{label}: date fact {fact!r} has the wrong weekday")
        if it == "hours":
            svc = svcs[c["service"]]
            st, when = status(svc, now, kind, tz)
            today = hours_on(svc, now.date(), kind)
            desc = (f"OPEN until {fmt_t(when)}" if st == "open"
                    else f"CLOSED, next {fr_date(when.date())} {fmt_t(when)}" if when else "CLOSED for good")
            if VERBOSE:
                print(f"  [{now:%a %d %b %H:%M}] {c['service']}: {desc}; today {today[0]} | facts {c['facts']} | {c['questions'][0][:70]}")
            # if the case says 'ferm' and names a next date, it must match the computed next opening
            dates = [f for f in c["facts"] if re.match(r"^\w+ \d+ \w+$", norm(f))]
            if "ferm" in c["facts"] and dates and st == "closed" and when:
                # the question may be about a later day; check the named date is an opening day
                for f in dates:
                    m = re.match(r"^(\w+) (\d+) (\w+)$", norm(f))
                    y = now.year if MONTHS_FR.index(m.group(3)) + 1 >= now.month else now.year + 1
                    dd = dt.date(y, MONTHS_FR.index(m.group(3)) + 1, int(m.group(2)))
                    ivs = hours_on(svc, dd, kind)[0]
                    if not ivs:
                        err(f"{label}: next-opening date {f} is a closed day")
                    else:
                        s0, _ = parse_iv(ivs[0], dd, tz)
                        times = [x for x in c["facts"] if re.match(r"^\d+ h( \d+)?$", x)]
                        if times and fmt_t(s0) not in times:
                            err(f"{label}: first opening on {f} is {fmt_t(s0)}, facts say {times}")
        if it == "collection" and VERBOSE:
            print(f"  [{now:%a %d %b %H:%M}] collection facts {c['facts']} | {c['questions'][0][:70]}")
        if it == "collection":
            # every dated fact must be a collection date of at least one rule
            alld = set()
            for rule in town["collection"]:
                alld |= set(collection_dates(rule, now.date(), 200, kind))
            for fact in c["facts"]:
                m = re.match(r"^(\w+) (\d+) (\w+)$", norm(fact))
                if m:
                    hit = [d for d in alld if fr_date(d) == norm(fact)]
                    if not hit:
                        err(f"{label}: {fact} is not a collection date of any rule")
    total_u = sum(counts_utt.values())
    print(f"questions {tid}: {len(q['case'])} cases, {total_u} utterances, {followups} follow-ups")
    print("   cases:", dict(sorted(counts_cases.items())))
    print("   utterances:", dict(sorted(counts_utt.items())))
    return counts_cases, counts_utt, followups


def main():
    summary = {}
    for tp in sorted((ROOT / "towns").glob("*.toml")):
        town, sids, fids = check_town(tp)
        qp = ROOT / "questions" / tp.name
        if not qp.exists():
            err(f"missing question file for {tp.stem}")
            continue
        summary[tp.stem] = check_questions(qp, town, sids, fids)
        if VERBOSE:
            print(f"  collection dates from the default moment, {tp.stem}:")
            q = tomllib.loads(qp.read_text())
            start = dt.datetime.fromisoformat(q["now"]).date()
            for rule in town["collection"]:
                ds = collection_dates(rule, start, 70, town["town"]["holidays"])[:6]
                print(f"    {rule['kind']} / {rule['streets'][0]}: {[fr_date(d) for d in ds]}")
    print()
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
