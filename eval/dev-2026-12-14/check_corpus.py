#!/usr/bin/env python3
"""Self-check of the held-out corpus (Python 3.11+, standard library only).

Usage: python3 check_corpus.py [--show]   (--show prints the timetable view of every hours case
and the next dates of every collection rule, for checking the facts by hand)
Exit status 0 when every check passes.
"""
import datetime as dt
import difflib
import pathlib
import re
import sys
import tomllib
import unicodedata
from zoneinfo import ZoneInfo

ROOT = pathlib.Path(__file__).resolve().parent
SHOW = "--show" in sys.argv
errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


# ------------------------------------------------------------------ normalisation
def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def norm(s):
    s = strip_accents(s.lower()).replace("œ", "oe").replace("æ", "ae")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " " + " ".join(s.split()) + " "


def contains(hay, fact):
    return norm(fact).strip() in norm(hay)


# ------------------------------------------------------------------ calendar
DAYS_EN = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS_FR = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
             "septembre", "octobre", "novembre", "decembre"]
NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1,
       "premier": 1, "deuxieme": 2, "second": 2, "troisieme": 3, "quatrieme": 4, "dernier": -1}


def day_index(name):
    n = strip_accents(name.lower())
    if n in DAYS_EN:
        return DAYS_EN.index(n)
    if n in DAYS_FR:
        return DAYS_FR.index(n)
    return None


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
    h = {dt.date(year, 1, 1), e + dt.timedelta(days=1), dt.date(year, 5, 1), dt.date(year, 5, 8),
         e + dt.timedelta(days=39), e + dt.timedelta(days=50), dt.date(year, 7, 14),
         dt.date(year, 8, 15), dt.date(year, 11, 1), dt.date(year, 11, 11), dt.date(year, 12, 25)}
    if kind == "alsace-moselle":
        h |= {e - dt.timedelta(days=2), dt.date(year, 12, 26)}
    return h


def is_holiday(d, kind):
    return d in holidays(d.year, kind)


def fr_date(d):
    return f"{DAYS_FR[d.weekday()]} {d.day} {MONTHS_FR[d.month - 1]}"


def hm(m):
    h, mm = divmod(m, 60)
    return f"{h} h" if mm == 0 else f"{h} h {mm:02d}"


# ------------------------------------------------------------------ schema
TOWN_KEYS = {"name", "timezone", "holidays", "phone", "address", "website", "welcome",
             "privacy_notice", "operator"}
TOWN_REQUIRED = TOWN_KEYS - {"welcome"}
SERVICE_KEYS = {"id", "name", "aliases", "address", "phone", "transfer", "hours",
                "closed_on_holidays", "exception"}
EXC_KEYS = {"from", "to", "hours", "reason"}
FAQ_KEYS = {"id", "service", "questions", "keywords", "answer"}
COLL_KEYS = {"kind", "days", "streets", "note", "weeks", "monthly", "dates", "on_holiday"}
Q_TOP_KEYS = {"now", "case"}
CASE_KEYS = {"intent", "service", "faq", "facts", "questions", "now", "context"}
INTENTS = {"hours", "faq", "collection", "contact", "unknown", "operator", "message", "repeat",
           "slower", "goodbye"}
ID_RE = re.compile(r"^[a-z0-9-]+$")
RANGE_RE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


def parse_range(s, where):
    m = RANGE_RE.match(s) if isinstance(s, str) else None
    if not m:
        err(where, f"bad hours range {s!r}")
        return None
    h1, m1, h2, m2 = map(int, m.groups())
    a, b = h1 * 60 + m1, h2 * 60 + m2
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2) or a >= b:
        err(where, f"invalid hours range {s!r}")
        return None
    return (a, b)


def parse_ranges(lst, where):
    out = []
    if not isinstance(lst, list):
        err(where, "hours must be a list")
        return out
    for s in lst:
        r = parse_range(s, where)
        if r:
            out.append(r)
    out.sort()
    for (a1, b1), (a2, b2) in zip(out, out[1:]):
        if a2 < b1:
            err(where, "overlapping ranges")
    return out


def parse_date(s, where):
    try:
        return dt.date.fromisoformat(s)
    except Exception:
        err(where, f"bad date {s!r}")
        return None


class Town:
    def __init__(self, path):
        self.id = path.stem
        self.path = path
        with open(path, "rb") as f:
            self.raw = tomllib.load(f)
        w = f"towns/{path.name}"
        for k in self.raw:
            if k not in {"town", "service", "faq", "collection"}:
                err(w, f"unknown top-level key {k!r}")
        t = self.raw.get("town", {})
        for k in t:
            if k not in TOWN_KEYS:
                err(w, f"[town] unknown key {k!r}")
        for k in TOWN_REQUIRED:
            if k not in t:
                err(w, f"[town] missing {k!r}")
        self.tz = ZoneInfo(t.get("timezone", "UTC"))
        self.hol = t.get("holidays", "france")
        if self.hol not in {"france", "alsace-moselle", "none"}:
            err(w, f"bad holidays {self.hol!r}")
        self.services = {}
        for s in self.raw.get("service", []):
            sid = s.get("id", "?")
            ws = f"{w} service {sid}"
            for k in s:
                if k not in SERVICE_KEYS:
                    err(ws, f"unknown key {k!r}")
            if not ID_RE.match(sid):
                err(ws, "bad id")
            if sid in self.services:
                err(ws, "duplicate id")
            for k in ("name", "address", "phone"):
                if not isinstance(s.get(k), str):
                    err(ws, f"missing {k}")
            if not isinstance(s.get("aliases", []), list):
                err(ws, "aliases must be a list")
            week = {}
            hours = s.get("hours", {})
            for k, v in hours.items():
                if k not in DAYS_EN:
                    err(ws, f"unknown day {k!r}")
                    continue
                week[DAYS_EN.index(k)] = parse_ranges(v, f"{ws} hours.{k}")
            exc = []
            for e in s.get("exception", []):
                for k in e:
                    if k not in EXC_KEYS:
                        err(ws, f"exception: unknown key {k!r}")
                a = parse_date(e.get("from", ""), ws)
                b = parse_date(e["to"], ws) if "to" in e else a
                if a and b and b < a:
                    err(ws, f"exception {a}..{b}: to before from")
                if "hours" not in e:
                    err(ws, "exception without hours")
                exc.append((a, b, parse_ranges(e.get("hours", []), f"{ws} exception"), e.get("reason", "")))
            coh = s.get("closed_on_holidays", True)
            if not isinstance(coh, bool):
                err(ws, "closed_on_holidays must be a boolean")
            self.services[sid] = dict(raw=s, week=week, exc=exc, coh=coh)
        if t.get("operator") not in self.services:
            err(w, "[town] operator is not a service id")
        self.faqs = {}
        for q in self.raw.get("faq", []):
            fid = q.get("id", "?")
            wf = f"{w} faq {fid}"
            for k in q:
                if k not in FAQ_KEYS:
                    err(wf, f"unknown key {k!r}")
            if not ID_RE.match(fid):
                err(wf, "bad id")
            if fid in self.faqs:
                err(wf, "duplicate id")
            if "service" in q and q["service"] not in self.services:
                err(wf, f"unknown service {q['service']!r}")
            if not (2 <= len(q.get("questions", [])) <= 4):
                err(wf, "questions: 2 to 4 clerk phrasings expected")
            if not q.get("keywords") or not q.get("answer"):
                err(wf, "keywords and answer required")
            self.faqs[fid] = q
        self.rules = []
        for i, c in enumerate(self.raw.get("collection", [])):
            wc = f"{w} collection #{i + 1} ({c.get('kind')})"
            for k in c:
                if k not in COLL_KEYS:
                    err(wc, f"unknown key {k!r}")
            modes = [k for k in ("weeks", "monthly", "dates") if k in c]
            if len(modes) > 1:
                err(wc, "at most one of weeks/monthly/dates")
            days = [day_index(d) for d in c.get("days", [])]
            if None in days:
                err(wc, "bad day name")
            if not days and "dates" not in c:
                err(wc, "days required")
            weeks = c.get("weeks")
            if weeks is not None and weeks not in ("odd", "even", "impaires", "paires"):
                err(wc, f"bad weeks {weeks!r}")
            monthly = [NTH.get(strip_accents(x)) for x in c.get("monthly", [])]
            if None in monthly:
                err(wc, "bad monthly value")
            dates = [parse_date(x, wc) for x in c.get("dates", [])]
            oh = c.get("on_holiday", "kept")
            if oh not in ("kept", "next-day", "cancelled"):
                err(wc, f"bad on_holiday {oh!r}")
            if not c.get("streets"):
                err(wc, "streets required")
            self.rules.append(dict(raw=c, days=set(d for d in days if d is not None), weeks=weeks,
                                   monthly=monthly, dates=set(d for d in dates if d), oh=oh))

    # --- opening hours
    def day_hours(self, sid, d):
        s = self.services[sid]
        for a, b, hrs, reason in s["exc"]:
            if a and b and a <= d <= b:
                return hrs, f"exception ({reason})"
        if s["coh"] and is_holiday(d, self.hol):
            return [], "public holiday"
        return s["week"].get(d.weekday(), []), "weekly"

    def state(self, sid, now):
        """(open_until or None, next_open datetime.date, minute) from local naive time `now`."""
        d, m = now.date(), now.hour * 60 + now.minute
        hrs, _ = self.day_hours(sid, d)
        until = None
        for a, b in hrs:
            if a <= m < b:
                until = b
        for i in range(0, 400):
            dd = d + dt.timedelta(days=i)
            hrs, _ = self.day_hours(sid, dd)
            for a, b in hrs:
                if i > 0 or a > m:
                    return until, dd, a
        return until, None, None

    # --- collection
    def rule_dates(self, r, start, days=400):
        out = []
        hol = lambda d: is_holiday(d, self.hol)
        for i in range(-7, days):
            d = start + dt.timedelta(days=i)
            if r["dates"]:
                ok = d in r["dates"]
            else:
                ok = d.weekday() in r["days"]
                if ok and r["weeks"]:
                    odd = d.isocalendar()[1] % 2 == 1
                    ok = odd if r["weeks"] in ("odd", "impaires") else not odd
                if ok and r["monthly"]:
                    nth = (d.day - 1) // 7 + 1
                    last = (d + dt.timedelta(days=7)).month != d.month
                    ok = nth in r["monthly"] or (last and -1 in r["monthly"])
            if not ok:
                continue
            if hol(d):
                if r["oh"] == "cancelled":
                    continue
                if r["oh"] == "next-day":
                    d = d + dt.timedelta(days=1)
                    while hol(d) or d.weekday() == 6:
                        d += dt.timedelta(days=1)
            if d >= start:
                out.append(d)
        return sorted(set(out))


# ------------------------------------------------------------------ facts
TIME_RE = re.compile(r"^(\d{1,2}) h(?: (\d{2}))?$")
DATE_RE = re.compile(r"^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (\d{1,2}) ("
                     + "|".join(MONTHS_FR) + r")$")


def fact_date(fact, ref):
    m = DATE_RE.match(fact)
    if not m:
        return None, None
    day, month = int(m.group(2)), MONTHS_FR.index(m.group(3)) + 1
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            c = dt.date(y, month, day)
        except ValueError:
            continue
        if best is None or abs((c - ref).days) < abs((best - ref).days):
            best = c
    return best, DAYS_FR.index(m.group(1))


def fact_minutes(fact):
    m = TIME_RE.match(fact)
    if not m:
        return None
    return int(m.group(1)) * 60 + int(m.group(2) or 0)


def check_facts_format(w, facts):
    for f in facts:
        if f != strip_accents(f.lower()):
            err(w, f"fact {f!r} must be lower case without accents")
        if re.search(r"\d+h\d*|midi|minuit", f):
            err(w, f"fact {f!r}: write times as '17 h 30' / '12 h'")


# ------------------------------------------------------------------ questions
def check_questions(town, path):
    w = f"questions/{path.name}"
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    for k in raw:
        if k not in Q_TOP_KEYS:
            err(w, f"unknown top-level key {k!r}")
    clerk = [(fid, norm(q).strip()) for fid, faq in town.faqs.items() for q in faq["questions"]]
    counts = {}
    cases = raw.get("case", [])

    def parse_now(s, wc):
        try:
            n = dt.datetime.fromisoformat(s)
        except Exception:
            err(wc, f"bad now {s!r}")
            return None
        if n.tzinfo is None:
            err(wc, "now without UTC offset")
            return None
        local = n.astimezone(town.tz)
        if local.utcoffset() != n.utcoffset():
            err(wc, f"now {s} does not carry the town's offset ({local.utcoffset()})")
        return local.replace(tzinfo=None)

    default_now = parse_now(raw.get("now", ""), f"{w} now")
    for i, c in enumerate(cases):
        wc = f"{w} case #{i + 1} ({c.get('intent')} {c.get('service', c.get('faq', ''))})"
        for k in c:
            if k not in CASE_KEYS:
                err(wc, f"unknown key {k!r}")
        intent = c.get("intent")
        if intent not in INTENTS:
            err(wc, f"bad intent {intent!r}")
            continue
        qs = c.get("questions", [])
        if not qs or not all(isinstance(q, str) and q.strip() for q in qs):
            err(wc, "questions missing")
        facts = c.get("facts")
        if not isinstance(facts, list):
            err(wc, "facts list required")
            facts = []
        check_facts_format(wc, facts)
        n = counts.setdefault(intent, [0, 0])
        n[0] += 1
        n[1] += len(qs)
        now = parse_now(c["now"], wc) if "now" in c else default_now
        if now is None:
            continue
        # caller style and near copies
        for u in qs + c.get("context", []):
            if u != u.lower() or re.search(r"[?!.;:,]", u):
                err(wc, f"utterance not in transcribed style: {u!r}")
            nu = norm(u).strip()
            for fid, cq in clerk:
                r = difflib.SequenceMatcher(None, nu, cq).ratio()
                if r > 0.75:
                    err(wc, f"utterance {u!r} near-copies FAQ {fid} clerk question ({r:.2f})")
        sid = c.get("service")
        fid = c.get("faq")
        if sid is not None and sid not in town.services:
            err(wc, f"unknown service {sid!r}")
            continue
        if fid is not None and fid not in town.faqs:
            err(wc, f"unknown faq {fid!r}")
            continue
        if intent in ("hours", "contact") and not sid:
            err(wc, "service required")
            continue
        if intent == "faq" and not fid:
            err(wc, "faq id required")
        if intent in ("unknown", "operator", "message", "repeat", "slower", "goodbye") and facts:
            err(wc, "this intent takes no facts")
        # dated facts: weekday
        dated = []
        for f in facts:
            d, wd = fact_date(f, now.date())
            if d is None:
                if intent in ("hours", "collection") and re.search(r"\d+ (" + "|".join(MONTHS_FR) + ")", f):
                    err(wc, f"date fact {f!r} must read 'weekday day month'")
                continue
            if d.weekday() != wd:
                err(wc, f"fact {f!r}: {d} is a {DAYS_FR[d.weekday()]}")
            dated.append(d)
        if intent == "faq":
            for f in facts:
                if not contains(town.faqs[fid]["answer"], f):
                    err(wc, f"fact {f!r} not in the answer of faq {fid}")
            if not (1 <= len(facts) <= 2):
                err(wc, "faq cases take one or two facts")
        elif intent == "contact":
            s = town.services[sid]["raw"]
            for f in facts:
                if not (f == s["phone"] or contains(s["address"], f)):
                    err(wc, f"contact fact {f!r} is neither the phone nor in the address")
            if not facts:
                err(wc, "contact case without facts")
        elif intent == "hours":
            check_hours_case(town, wc, sid, now, facts, dated, c)
        elif intent == "collection":
            check_collection_case(town, wc, now, facts, dated, c)
    return counts, len(cases)


def check_hours_case(town, wc, sid, now, facts, dated, c):
    until, nd, nm = town.state(sid, now)
    today_hrs, why = town.day_hours(sid, now.date())
    lines = [f"  now {now:%a %Y-%m-%d %H:%M}: " + (f"OPEN until {hm(until)}" if until else "closed")
             + (f"; next opening {fr_date(nd)} {hm(nm)}" if nd else "; never opens")]
    relevant = {now.date(), now.date() + dt.timedelta(days=1)} | set(dated)
    if nd:
        relevant.add(nd)
    weekdays = {DAYS_FR.index(f) for f in facts if f in DAYS_FR}
    for d in sorted(relevant):
        hrs, why = town.day_hours(sid, d)
        lines.append(f"  {fr_date(d)} ({d}): "
                     + (", ".join(f"{hm(a)}-{hm(b)}" for a, b in hrs) or "closed") + f" [{why}]")
    for wd in sorted(weekdays):
        hrs = town.services[sid]["week"].get(wd, [])
        lines.append(f"  weekly {DAYS_FR[wd]}: " + (", ".join(f"{hm(a)}-{hm(b)}" for a, b in hrs) or "closed"))
    # time facts must be boundaries of a relevant day
    bounds = set()
    for d in relevant:
        for a, b in town.day_hours(sid, d)[0]:
            bounds |= {a, b}
    for wd in weekdays:
        for a, b in town.services[sid]["week"].get(wd, []):
            bounds |= {a, b}
    for f in facts:
        m = fact_minutes(f)
        if m is not None and m not in bounds:
            err(wc, f"time fact {f!r} is not an opening or closing time of a relevant day")
        if m is None and f != "ferm" and fact_date(f, now.date())[0] is None and f not in DAYS_FR:
            err(wc, f"hours fact {f!r} is neither a time, a date, a weekday nor 'ferm'")
    if "ferm" in facts and dated:
        closed_days = [d for d in dated if not town.day_hours(sid, d)[0]]
        allowed = {nd}
        for d in closed_days + [now.date()]:
            _, x, _ = town.state(sid, dt.datetime.combine(d + dt.timedelta(days=1), dt.time(0, 0)))
            allowed.add(x)
        for d in dated:
            if d not in closed_days and d not in allowed:
                err(wc, f"next-opening date {fr_date(d)} is wrong (next opening: {fr_date(nd)})")
    if "ferm" in facts and not dated and not weekdays:
        if until is not None:
            err(wc, "'ferm' but the service is open at now")
    if "ferm" not in facts and not dated and not weekdays and until is None:
        tomorrow = {x for a, b in town.day_hours(sid, now.date() + dt.timedelta(days=1))[0] for x in (a, b)}
        if not all(fact_minutes(f) in tomorrow for f in facts):
            err(wc, "service closed at now but no 'ferm' fact (and the times are not tomorrow's)")
    if SHOW:
        print(f"{wc}\n    Q: {c['questions'][0]}\n    facts: {facts}")
        print("\n".join(lines))


def check_collection_case(town, wc, now, facts, dated, c):
    if not facts:
        err(wc, "collection case without facts")
    all_dates = {}
    for r in town.rules:
        for d in r["dates"] or town.rule_dates(r, now.date() - dt.timedelta(days=40), 120):
            pass
    for r in town.rules:
        for d in town.rule_dates(r, now.date() - dt.timedelta(days=40), 160):
            all_dates.setdefault(d, []).append(r["raw"]["kind"])
    for d in dated:
        if d not in all_dates:
            err(wc, f"{fr_date(d)} is not a collection date of any rule")
    for f in facts:
        if f in DAYS_FR and not any(DAYS_FR.index(f) in r["days"] for r in town.rules):
            err(wc, f"weekday {f!r} is not a collection day of any rule")
        if f not in DAYS_FR and fact_date(f, now.date())[0] is None:
            err(wc, f"collection fact {f!r} is neither a weekday nor a date")
    if SHOW:
        print(f"{wc}\n    Q: {c['questions'][0]}\n    facts: {facts} now {now:%a %Y-%m-%d %H:%M}")
        for d in dated:
            print(f"    {fr_date(d)}: {all_dates.get(d)}")


def show_rules(town, start):
    print(f"== collection rules of {town.id} from {start}")
    for r in town.rules:
        ds = town.rule_dates(r, start, 70)
        print(f"  {r['raw']['kind']} / {r['raw']['streets'][0]}: " + ", ".join(fr_date(d) for d in ds[:6]))


def main():
    towns = sorted((ROOT / "towns").glob("*.toml"))
    qfiles = {p.stem: p for p in (ROOT / "questions").glob("*.toml")}
    total = {}
    summary = []
    for p in towns:
        try:
            town = Town(p)
        except tomllib.TOMLDecodeError as e:
            err(str(p), f"TOML error: {e}")
            continue
        # FAQ answers: for the ear, digits for numbers
        if len(town.services) < 7:
            err(town.id, "too few services")
        if p.stem not in qfiles:
            err(town.id, "no question file")
            continue
        try:
            counts, ncases = check_questions(town, qfiles[p.stem])
        except tomllib.TOMLDecodeError as e:
            err(str(qfiles[p.stem]), f"TOML error: {e}")
            continue
        nutt = sum(v[1] for v in counts.values())
        if ncases < 110 or nutt < 200:
            err(town.id, f"{ncases} cases / {nutt} utterances: at least 110 / 200 required")
        summary.append((town.id, counts, ncases, nutt, len(town.services), len(town.faqs), len(town.rules)))
        if SHOW:
            with open(qfiles[p.stem], "rb") as f:
                n = dt.datetime.fromisoformat(tomllib.load(f)["now"]).date()
            show_rules(town, n)
        for intent, (a, b) in counts.items():
            t = total.setdefault(intent, [0, 0])
            t[0] += a
            t[1] += b
    for q in qfiles:
        if not (ROOT / "towns" / f"{q}.toml").exists():
            err(f"questions/{q}.toml", "no matching town file")
    order = ["hours", "faq", "collection", "contact", "unknown", "operator", "message", "repeat",
             "slower", "goodbye"]
    for tid, counts, ncases, nutt, ns, nf, nr in summary:
        print(f"{tid}: {ns} services, {nf} FAQ, {nr} collection rules; {ncases} cases / {nutt} utterances")
        print("   " + "  ".join(f"{i} {counts.get(i, [0, 0])[0]}/{counts.get(i, [0, 0])[1]}" for i in order))
    print("all: " + "  ".join(f"{i} {total.get(i, [0, 0])[0]}/{total.get(i, [0, 0])[1]}" for i in order)
          + f"  total {sum(v[0] for v in total.values())}/{sum(v[1] for v in total.values())}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
