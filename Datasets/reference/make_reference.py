#!/usr/bin/env python3
"""Builds the reference data files in Datasets/reference/ from read-only source files kept outside the
repository, in the folder ../shared beside it (see Datasets/reference/README.md, "Sources").

Run from the repository root:

    python3 Datasets/reference/make_reference.py

Standard library only; deterministic (same inputs give byte-identical outputs); re-runnable.
Reads (in that folder): seeds/001_37bfc6ecb41b6730.txt (FK 2012 report, appendix "Bilaga 1": förbund and
        member kommuner, 2012); reference/kommuner.csv, reference/counties.csv (SCB codes, sjbrg/swedish-geodata)
Writes: Datasets/reference/federations_2012.csv, federation_kommuner_2012.csv, published_figures.csv, prices.csv
Every check is printed; any failed check stops the script with exit status 1 before anything is written.
See Datasets/reference/README.md for the data dictionary.
"""

import csv
import io
import os
import sys
import unicodedata

SHARED = os.path.join("..", "shared")
SEED_001 = os.path.join(SHARED, "seeds", "001_37bfc6ecb41b6730.txt")
KOMMUNER_CSV = os.path.join(SHARED, "reference", "kommuner.csv")
COUNTIES_CSV = os.path.join(SHARED, "reference", "counties.csv")
OUT = os.path.join("Datasets", "reference")

SEED_003 = "003_c865a4a78e0c88ee.txt"
SEED_004 = "004_2e6b7bbfeeb17998.txt"
SEED_001_NAME = "001_37bfc6ecb41b6730.txt"
SEED_000 = "000_fc72c088c0ce5ae0.txt"
SEED_002 = "002_90f6b458e3eca125.txt"

# Spellings in the appendix that differ from kommuner.csv's short names.
# The first four are known variant spellings; the rest were mapped by hand.
KOMMUN_ALIASES = {
    "Ljusnaberg": "Ljusnarsberg",          # known variant
    "Malung": "Malung-Sälen",              # known variant
    "Krokoms": "Krokom",                   # known variant
    "Olofsström": "Olofström",             # by hand: misspelling in the appendix (Blekinge)
    "Göteborg Hisingen": "Göteborg",       # by hand: stadsdel area of Göteborg (Västra Götaland)
    "Göteborg Centrum": "Göteborg",        # by hand: stadsdel area of Göteborg
    "Göteborg Väster": "Göteborg",         # by hand: stadsdel area of Göteborg
    "Göteborg Nordost": "Göteborg",        # by hand: stadsdel area of Göteborg
}
COUNTY_ALIASES = {"Norrbottnen": "Norrbotten"}  # known variant

# Known inconsistencies inside the appendix between a län's header counts and its listed rows.
# (län, column): (header value, value counted from the listed rows). Any other mismatch fails the run.
KNOWN_APPENDIX_DISCREPANCIES = {
    ("Skåne", "förbund"): (13, 14),
    ("Blekinge", "kommuner med förbund"): (5, 4),
}

failures = []


def nfc(s):
    return unicodedata.normalize("NFC", s)


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: nfc(v) for k, v in row.items()} for row in csv.DictReader(f)]


def fmt(x):
    """Numbers with '.' decimals, no exponent, no trailing zeros; integers without a decimal point."""
    if isinstance(x, int):
        return str(x)
    if float(x).is_integer():
        return str(int(x))
    s = repr(float(x))
    if "e" in s or "E" in s:
        s = format(float(x), ".15f").rstrip("0").rstrip(".")
    return s


def write_csv(name, header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else (fmt(v) if isinstance(v, (int, float)) else v) for v in r])
    data = buf.getvalue().encode("utf-8")
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    print(f"wrote {path} ({len(rows)} rows)")


# ---------------------------------------------------------------------------------------------------------------
# 1. Förbund and member kommuner, 2012
# ---------------------------------------------------------------------------------------------------------------

def build_federations():
    kommuner = read_csv(KOMMUNER_CSV)
    counties = read_csv(COUNTIES_CSV)
    by_short = {}
    for k in kommuner:
        by_short[k["kommun_name_short"]] = k
    county_by_short = {c["county_name_short"]: c for c in counties}
    kommuner_per_county = {}
    for k in kommuner:
        kommuner_per_county[k["county_code"]] = kommuner_per_county.get(k["county_code"], 0) + 1
    check(len(kommuner) == 290 and len(by_short) == 290, f"kommuner.csv: 290 kommuner with unique short names ({len(by_short)})")
    check(len(counties) == 21, f"counties.csv: 21 län ({len(counties)})")

    with open(SEED_001, encoding="utf-8") as f:
        lines = [nfc(l.rstrip("\r\n")) for l in f]
    start = [i for i, l in enumerate(lines) if l.strip() == "Bilaga1 Samordningsförbund – aktuell sammanställning"]
    check(len(start) == 1, "seed 001: exactly one appendix heading 'Bilaga1 Samordningsförbund – aktuell sammanställning'")
    if len(start) != 1:
        return None

    sections = []          # {"name", "code", "header": (i_lan, med, forbund) or None, "lines": [(kommun names, förbund)]}
    totals = None
    section = None
    unresolved = []
    in_totals = False
    for lineno in range(start[0] + 1, len(lines)):
        raw = lines[lineno]
        if raw.startswith("*"):
            continue  # footnote explaining the asterisk on BÅD-ESÅ
        fields = [f.strip() for f in raw.split("\t")]
        nonempty = [f for f in fields if f]
        if not nonempty:
            continue
        if nonempty[0] == "Län" or nonempty[0].startswith("Kommuner i länet"):
            continue
        if len(nonempty) == 1 and not nonempty[0].isdigit():
            name = nonempty[0]
            if name == "Totalt":
                in_totals = True
                continue
            short = COUNTY_ALIASES.get(name, name)
            if short not in county_by_short:
                unresolved.append(f"län '{name}' (line {lineno + 1})")
                continue
            section = {"name": short, "code": county_by_short[short]["county_code"], "header": None, "lines": []}
            sections.append(section)
            continue
        numbers = []
        while nonempty and nonempty[0].isdigit() and len(numbers) < 3:
            numbers.append(int(nonempty.pop(0)))
        if in_totals:
            totals = numbers
            continue
        if numbers:
            section["header"] = numbers
        if not nonempty:
            continue
        if len(nonempty) != 2:
            check(False, f"seed 001 line {lineno + 1}: expected kommuner and a förbund name, found {nonempty}")
            continue
        names = [n.strip() for n in nonempty[0].split(",") if n.strip()]
        section["lines"].append((names, nonempty[1], lineno + 1))

    # Resolve names, collect förbund in appendix order (a förbund listed under two län is merged into one).
    federations = []
    by_name = {}
    hand_mapped = {}
    misplaced = []
    for s in sections:
        for names, fname, lineno in s["lines"]:
            clean = fname.rstrip("*").strip()
            members = []
            for n in names:
                target = KOMMUN_ALIASES.get(n, n)
                if target not in by_short:
                    unresolved.append(f"kommun '{n}' (line {lineno}, {s['name']})")
                    continue
                if target != n:
                    hand_mapped[n] = target
                k = by_short[target]
                if k["county_code"] != s["code"]:
                    misplaced.append(f"{k['kommun_name_short']} ({k['kommun_code']}, län {k['county_code']}) "
                                     f"listed under {s['name']} ({s['code']})")
                members.append(k)
            if clean in by_name:
                fed = by_name[clean]
                fed["sections"].append(s["name"])
            else:
                fed = {"name": clean, "members": [], "sections": [s["name"]], "starred": fname.endswith("*")}
                by_name[clean] = fed
                federations.append(fed)
            for k in members:
                if k["kommun_code"] not in [m["kommun_code"] for m in fed["members"]]:
                    fed["members"].append(k)

    print()
    print("Name resolution")
    for n in sorted(hand_mapped):
        how = "known variant" if n in ("Ljusnaberg", "Malung", "Krokoms") else "by hand"
        print(f"      mapped '{n}' -> '{hand_mapped[n]}' ({how})")
    print(f"      mapped län 'Norrbottnen' -> 'Norrbotten' (known variant)")
    for u in unresolved:
        print(f"FAIL  unresolved: {u}")
    check(not unresolved, f"every appendix name resolved to a code ({len(unresolved)} unresolved)")
    for m in misplaced:
        print(f"FAIL  {m}")
    check(not misplaced, "every listed kommun lies in the län it is listed under")

    print()
    print("Appendix header counts against the listed rows (per län)")
    header_kommuner_sum = 0
    for s in sections:
        if s["header"] is None:
            check(False, f"{s['name']}: header counts present")
            continue
        h = s["header"] + [0] * (3 - len(s["header"]))
        header_kommuner_sum += h[1]
        listed_kommuner = len({KOMMUN_ALIASES.get(n, n) for names, _, _ in s["lines"] for n in names})
        listed_forbund = len(s["lines"])
        for column, header_value, counted in (("kommuner i länet", h[0], kommuner_per_county.get(s["code"], 0)),
                                              ("kommuner med förbund", h[1], listed_kommuner),
                                              ("förbund", h[2], listed_forbund)):
            if header_value == counted:
                continue
            known = KNOWN_APPENDIX_DISCREPANCIES.get((s["name"], column))
            if known == (header_value, counted):
                print(f"note  {s['name']}: header says {column} = {header_value}, listed rows give {counted} "
                      f"(known inconsistency in the appendix)")
            else:
                check(False, f"{s['name']}: header {column} = {header_value} equals the count {counted}")
    check(len(sections) == 21, f"appendix lists all 21 län ({len(sections)})")
    print(f"      sum of the län headers' 'kommuner med förbund' = {header_kommuner_sum} "
          f"(Blekinge's header counts 5, its row lists 4 names: Ronneby is not listed)")

    n_fed = len(federations)
    codes = {m["kommun_code"] for f in federations for m in f["members"]}
    spanning = [f for f in federations if len({m["county_code"] for m in f["members"]}) > 1]
    print()
    print("Required checks")
    check(totals == [290, 220, 83], f"appendix 'Totalt' row reads 290 kommuner, 220 with förbund, 83 förbund ({totals})")
    check(n_fed == 83, f"83 förbund ({n_fed})")
    check(len(codes) == 220, f"220 distinct member kommuner ({len(codes)})")
    check(len(spanning) == 1, f"exactly one förbund spans two län ({len(spanning)}: "
          + "; ".join(f"{f['name']} -> " + "|".join(sorted({m['county_code'] for m in f['members']})) for f in spanning) + ")")
    check(all(len({m["county_code"] for m in f["members"]}) <= 2 for f in federations), "no förbund spans more than two län")
    check(all(f["members"] for f in federations), "every förbund has at least one member kommun")
    merged = [f for f in federations if len(f["sections"]) > 1]
    check(len(merged) == 1 and merged[0]["starred"] and merged == spanning,
          "the only förbund listed under two län is the one marked '*' in the appendix, and it is the spanning one")
    check(len({f["name"] for f in federations}) == n_fed, "förbund names are unique")
    shared = {}
    for f in federations:
        for m in f["members"]:
            shared.setdefault(m["kommun_code"], []).append(f["name"])
    multi = {c: v for c, v in shared.items() if len(v) > 1}
    check(set(multi) == {"1480"}, "only Göteborg (1480) belongs to more than one förbund (its four stadsdel förbund) "
          f"({sorted(multi)})")
    return federations


# ---------------------------------------------------------------------------------------------------------------
# 2. Published figures
# ---------------------------------------------------------------------------------------------------------------

def published_figures():
    rows = [
        # figure, value, unit, period, source_file, note  -- the headline figures of the Finsam follow-ups
        ("public_support_before_pct", 90, "percent of participants", "2011-2014", SEED_004,
         "share on public support (offentlig försörjning) before an insats; 'ca 90 procent'"),
        ("public_support_after_pct", 78, "percent of participants", "2011-2014", SEED_004,
         "share on public support after an insats; 'runt 78 procent'"),
        ("work_or_studies_change_pp", 20, "percentage points", "2011-2014", SEED_004,
         "increase in the share in work or studies after an insats; 'ca 20 procentandelar' (FK's result reporting)"),
        ("without_public_support_change_pp_low", 12, "percentage points", "2011-2014", SEED_004,
         "increase in the share without public support after an insats; '12 till 14 procentandelar' (low end)"),
        ("without_public_support_change_pp_high", 14, "percentage points", "2011-2014", SEED_004,
         "as above, high end"),
        ("sus_midas_followup_month_first", 3, "months after exit", "2011-2014", SEED_004,
         "SUS-MiDAS linkage: need for aktivitetsersättning, sjukersättning and sjukpenning falls after an insats "
         "and stays lower 3 and 6 months on; qualitative, no numbers published"),
        ("sus_midas_followup_month_second", 6, "months after exit", "2011-2014", SEED_004,
         "as above: the second follow-up point"),
        ("socioeconomic_evaluations_count", 58, "evaluations", "2007-2014", SEED_004,
         "compilation of 58 socioeconomic evaluations (NNS rapportserie 2015:1 [S20])"),
        ("mean_cost_per_participant", 82000, "kr per participant", "2007-2014", SEED_004,
         "mean insats cost per participant 'på samhällsnivå'; price year not stated"),
        ("mean_gain_per_participant_year", 82000, "kr per participant and year", "2007-2014", SEED_004,
         "mean short-term revenue ('intäkt på kort sikt') per participant and year, societal level; "
         "method 'omdiskuterad'"),
        ("mean_gain_per_participant_5_years", 410000, "kr per participant", "2007-2014", SEED_004,
         "mean revenue over five years, societal level; = 5 x 82 000 (constant, undiscounted)"),
        ("mean_payback_months", 12, "months", "2007-2014", SEED_003,
         "mean payback time ('återbetalningstid') of all evaluated insatser, societal level (citing the NNS report)"),
        ("financing_share_state_pct", 50, "percent", "2004-", SEED_003 + "|" + SEED_004,
         "state share of Finsam financing, paid via Försäkringskassan"),
        ("financing_share_region_pct", 25, "percent", "2004-", SEED_003 + "|" + SEED_004,
         "region (landsting) share"),
        ("financing_share_kommun_pct", 25, "percent", "2004-", SEED_003 + "|" + SEED_004,
         "kommun(er) share; the party contributing least sets the budget frame"),
        ("federations_count_2012", 83, "förbund", "2012-05-31", SEED_001_NAME,
         "förbund in operation 31 May 2012 (appendix 'Bilaga 1', titled June 2012); see federations_2012.csv"),
        ("federation_member_kommuner_2012", 220, "kommuner", "2012-05-31", SEED_001_NAME,
         "kommuner in a förbund 31 May 2012 (213 at the turn of 2011/2012)"),
        ("kommuner_total", 290, "kommuner", "2012-05-31", SEED_001_NAME, "all kommuner in Sweden (appendix 'Totalt' row)"),
        # figures to calibrate the synthetic generator
        ("participants_total_2011", 37000, "persons", "2011", "[S1]", "participants in all insatser"),
        ("participants_total_2014", 63000, "persons", "2014", "[S1]", "participants in all insatser; 'nästan 63 000'"),
        ("participants_individual_2014", 39000, "persons", "2014", "[S1]", "participants in individual insatser"),
        ("participants_individual_personal_data_2014", 17000, "persons", "2014", "[S1]",
         "of the 39 000: registered with personal data (the only register-linkable group); 'ca 17 000'"),
        ("participants_individual_anonymous_2014", 3000, "persons", "2014", "[S1]", "of the 39 000: anonymous"),
        ("participants_individual_volume_2014", 19000, "persons", "2014", "[S1]", "of the 39 000: in volyminsatser"),
        ("participants_structural_2011", 9000, "persons", "2011", "[S1]", "participants in structural insatser"),
        ("participants_structural_2014", 24000, "persons", "2014", "[S1]", "participants in structural insatser; 'nästan 24 000'"),
        ("plan_individuals_2012", 36500, "persons", "2012", "[S14]", "planned participants 2012 (seed 001); '~36 500'"),
        ("plan_individuals_personal_data_2012", 20931, "persons", "2012", "[S14]",
         "planned participants with personal data, in ~400 insatser (seed 001)"),
        ("plan_insatser_personal_data_2012", 400, "insatser", "2012", "[S14]", "approximate ('ca 400')"),
        ("plan_volume_insatser_2012", 113, "insatser", "2012", "[S14]", "volyminsatser (counts only)"),
        ("insatser_2012", 870, "insatser", "2012", "[S70]", "approximate; 570 individual, 300 structural"),
        ("insatser_individual_2012", 570, "insatser", "2012", "[S70]", "approximate"),
        ("insatser_structural_2012", 300, "insatser", "2012", "[S70]", "approximate"),
        ("exited_women_pct_2012", 57, "percent of exited participants", "2012", "[S70]", ""),
        ("exited_men_pct_2012", 43, "percent of exited participants", "2012", "[S70]", ""),
        ("participants_first_half_2013", 18000, "persons", "2013H1", SEED_002,
         "'drygt 18 000' (seed 002)"),
        ("participant_mean_age", 34, "years", "c. 2013", SEED_002, "mean participant age from SUS (seed 002)"),
        ("participants_aged_16_29_pct_min", 50, "percent of participants", "2014", "[S1]",
         "lower bound: more than half of participants in individual insatser are aged 16-29; more men than women "
         "in that age group (no number)"),
        ("women_pct_older_age_groups", 60, "percent of participants", "2014", "[S1]",
         "women's share of participants aged 30 and over; 'ca 60 procent'"),
        ("participants_individual_2017", 28500, "persons", "2017", "[S31]",
         "= 11 % of the 280 000 estimated in the preparatory works"),
        ("insatser_2018", 1105, "insatser", "2018", "[S71]", "559 individual, 546 structural"),
        ("insatser_individual_2018", 559, "insatser", "2018", "[S71]", ""),
        ("insatser_structural_2018", 546, "insatser", "2018", "[S71]", ""),
        ("participants_individual_2018", 32715, "persons", "2018", "[S71]", ""),
        ("participants_2019", 32000, "persons", "2019", SEED_000, "'drygt 32 000' (seed 000)"),
        ("participants_2020", 49067, "persons", "2020", SEED_003, "individuals in insatser (seed 003)"),
        ("insatser_2020", 1087, "insatser", "2020", SEED_003, "(seed 003)"),
        ("coordinated_support_recipients_2022", 21400, "persons", "c. 2022", "[S13b]",
         "~21 400 receive coordinated support, about half the 2014 level"),
        ("sick_listed_mean_sjp_days_at_start", 811, "days", "2018", "[S29]",
         "sjukskrivna participants: mean sjukpenning days at insats start; mostly psykisk ohälsa"),
        ("sick_listed_women_pct", 70, "percent", "2018", "[S29]", "'7 of 10 women'"),
        ("young_ae_mean_years_at_start", 3.5, "years", "2018", "[S29]",
         "young participants on aktivitetsersättning: mean years on AE at start; sex roughly even"),
        ("federations_count_2012_12", 83, "förbund", "2012-12", "[S70]", "with 221 member kommuner"),
        ("federation_member_kommuner_2012_12", 221, "kommuner", "2012-12", "[S70]", ""),
        ("federations_count_2014", 84, "förbund", "2014", "[S72]", "with 230 member kommuner"),
        ("federation_member_kommuner_2014", 230, "kommuner", "2014", "[S72]", ""),
        ("federations_count_2019_01", 83, "förbund", "2019-01", "[S71]", "with 260 member kommuner"),
        ("federation_member_kommuner_2019_01", 260, "kommuner", "2019-01", "[S71]", ""),
        ("federation_member_kommuner_2019_12", 269, "kommuner", "2019-12", SEED_003, "(seed 003)"),
        ("federations_count_2021", 76, "förbund", "2021", "[S73]", ""),
        ("federations_count_2022", 75, "förbund", "2022", "[S73]", ""),
        ("state_funding_2005", 83, "mkr per year", "2005", SEED_003, "state allocation (seed 003)"),
        ("state_funding_2021", 339, "mkr per year", "2021", SEED_003, "state allocation (seed 003)"),
        ("total_funding_low", 670, "mkr per year", "c. 2019-2021", SEED_003, "'drygt 670 miljoner' (seed 003)"),
        ("total_funding_high", 678, "mkr per year", "c. 2019", "[S71]", "upper end of the published '~670-678 mkr/yr'"),
        ("state_allocation_key_support_pct", 75, "percent", "c. 2020", SEED_000,
         "state allocation key: share by försörjningsmått, after a base amount (seed 000)"),
        ("state_allocation_key_population_pct", 25, "percent", "c. 2020", SEED_000, "share by population"),
        ("target_group_low", 280000, "persons", "2003", "[S31]", "preparatory works' estimate of the target group"),
        ("target_group_high", 500000, "persons", "c. 2023", "[S13b]", "upper estimate of the target group"),
        ("target_group_pct_working_age", 5, "percent of working-age population", "2003", SEED_000,
         "'i storleksordningen 5 procent' (seed 000)"),
        ("hel_sjukpenning_2014", 144299, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64"),
        ("hel_sjuk_aktivitetsersattning_2014", 292905, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64"),
        ("hel_arbetsloshet_2014", 87575, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64"),
        ("hel_arbetsmarknadsatgarder_2014", 184476, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64"),
        ("hel_ekonomiskt_bistand_2014", 100036, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64"),
        ("hel_etableringsersattning_2014", 31373, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64"),
        ("hel_total_2014", 840665, "helårsekvivalenter", "2014", "[S9]", "SCB, ages 20-64; published total (the six parts above sum to 840 664: rounding)"),
        ("population_20_64_2014", 5625202, "persons", "2014", "[S9]", "SCB"),
        ("hel_share_of_population_2014_pct", 14.9, "percent", "2014", "[S9]",
         "helårsekvivalenter / population 20-64 (840 665 / 5 625 202)"),
    ]
    print()
    print("Published figures")
    names = [r[0] for r in rows]
    check(len(set(names)) == len(names), f"figure names are unique ({len(names)} rows)")
    check(82000 * 5 == 410000, "410 000 = 5 x 82 000 (constant undiscounted gain)")
    check(12 * 82000 / 12 == 82000, "cost 82 000 paid back by 82 000/year in 12 months")
    parts = 144299 + 292905 + 87575 + 184476 + 100036 + 31373
    check(abs(parts - 840665) <= 1, f"helårsekvivalenter 2014: the six parts add up to the published total 840 665 "
          f"within rounding ({parts})")
    check(round(100 * 840665 / 5625202, 1) == 14.9, "840 665 / 5 625 202 = 14.9 %")
    check(17000 + 3000 + 19000 == 39000, "17 000 + 3 000 + 19 000 = 39 000 individual participants 2014")
    return rows


# ---------------------------------------------------------------------------------------------------------------
# 3. Prices
# ---------------------------------------------------------------------------------------------------------------

YEARS = range(2008, 2025)
REF = 2014  # year of the single row of year-independent parameters; PriceTable.value applies it to every year

PBB_SOURCED = {2014: (44400, "[S43]"), 2021: (47600, "[S44]"), 2022: (48300, "[S45]"),
               2023: (52500, "[S46]"), 2024: (57300, "[S46]")}
# Other years: the official series as listed by a third-party page (prisbasbelopp.se, "Utveckling av
# prisbasbeloppet"); marked as assumption until checked against SCB.
PBB_OTHER = {2008: 41000, 2009: 42800, 2010: 42400, 2011: 42800, 2012: 44000, 2013: 44500, 2015: 44500,
             2016: 44300, 2017: 44800, 2018: 45500, 2019: 46500, 2020: 47300}
WORK_THRESHOLD_PBB_SHARE = 0.25


def prices():
    rows = []
    add = lambda p, v, u, y, s: rows.append((p, v, u, y, s))

    # employer fees
    for y in YEARS:
        if y == 2008:
            add("employer_fee_rate", 0.3242, "fraction of gross wage", y,
                "assumption: 32.42 % before the 1 pp cut of 2009 (prop. 2008/09:45, unverified)")
        elif y in (2014, 2015, 2017):
            add("employer_fee_rate", 0.3142, "fraction of gross wage", y, "[S40][S41][S56]")
        elif y == 2016:
            add("employer_fee_rate", 0.3142, "fraction of gross wage", y, "31.42 % 2014-2017 [S40][S41]")
        else:
            add("employer_fee_rate", 0.3142, "fraction of gross wage", y,
                "assumption: carried from 2014-2017 (general rate 31.42 % since 2009, unverified)")
    for y in YEARS:
        u = "fraction of gross wage, employees under 26"
        if y == 2014:
            add("employer_fee_rate_under_26", 0.1549, u, y, "[S40][S41]")
        elif y == 2008:
            add("employer_fee_rate_under_26", 0.2131, u, y,
                "assumption: ~21.3 % for ages 18/19-24 in 2008 (2007 youth reduction; "
                "age band differs; unverified)")
        elif 2009 <= y <= 2013:
            add("employer_fee_rate_under_26", 0.1549, u, y,
                "assumption: carried back from 2014; the 15.49 % rate for under-26s is believed in force since 2009 "
                "(unverified)")
        elif y == 2015:
            add("employer_fee_rate_under_26", 0.1549, u, y,
                "assumption: carried forward from 2014; the youth reduction was phased out in steps from May and "
                "Aug 2015 (unverified), so this overstates the 2015 reduction")
        else:
            add("employer_fee_rate_under_26", 0.3142, u, y,
                "assumption: youth reduction for ages 19-25 abolished by June 2016 (unverified); general rate; "
                "later temporary reductions for ages 15-18 and 19-23 (2021-2023) not modelled")

    # income tax on earnings
    for y in YEARS:
        if y == 2014:
            add("municipal_tax_rate", 0.2065, "fraction of taxable income", y,
                "derived from [S58]: primärkommunal ~20.65 % of kommunalskatt 31.86 %")
            add("regional_tax_rate", 0.1121, "fraction of taxable income", y,
                "derived from [S58]: landsting ~11.21 % of kommunalskatt 31.86 %")
        elif y == 2015:
            add("municipal_tax_rate", 0.2078, "fraction of taxable income", y,
                "derived: kommunalskatt 31.99 % [S58] minus landsting part; assumption: landsting "
                "part carried forward from 2014")
            add("regional_tax_rate", 0.1121, "fraction of taxable income", y,
                "assumption: carried forward from 2014 (split of the 2015 total 31.99 % not sourced)")
        elif y < 2014:
            add("municipal_tax_rate", 0.2065, "fraction of taxable income", y, "assumption: carried back from 2014")
            add("regional_tax_rate", 0.1121, "fraction of taxable income", y, "assumption: carried back from 2014")
        else:
            add("municipal_tax_rate", 0.2078, "fraction of taxable income", y, "assumption: carried forward from 2015")
            add("regional_tax_rate", 0.1121, "fraction of taxable income", y, "assumption: carried forward from 2014")
    add("state_tax_rate_effective", 0.0, "fraction of earnings", REF,
        "assumption: participants' earnings below the skiktgräns for statlig inkomstskatt, so no state income "
        "tax on Δearnings; grundavdrag and jobbskatteavdrag ignored; all years")

    # method parameters
    add("discount_rate", 0.035, "fraction per year, real", REF, "[S59] (ASEK 3.5 %); the run's default; all years")
    add("cost_per_participant", 82000, "kr per participant", REF,
        "[S1][S20] (NNS 2015:1 mean of 58 evaluations 2007-2014); seed 004; price year not stated")

    # prisbasbelopp and the work threshold
    for y in YEARS:
        if y in PBB_SOURCED:
            v, s = PBB_SOURCED[y]
        else:
            v, s = PBB_OTHER[y], ("assumption: official series as listed by prisbasbelopp.se "
                                  "(third party), verify with SCB")
        add("prisbasbelopp", v, "kr per year", y, s)
        add("work_threshold_monthly_earnings", round(WORK_THRESHOLD_PBB_SHARE * v), "kr per month", y,
            f"assumption: 0.25 × prisbasbelopp {y} per month (about half-time at the assumed low wage; "
            "no sourced threshold)")
    add("low_wage_job_monthly", 20000, "kr per month", REF, "assumption: a typical low-wage job for participants, 2014")

    # average benefit per full-time month, 2014
    pbb = 44400
    cal = 365 / 12
    wk = 5 * 52 / 12
    sjp_max = 0.8 * 0.97 * 7.5 * pbb / 365 * cal
    u = "kr per full-time month"
    add("average_benefit_monthly_SJP", round(0.8 * sjp_max), u, REF,
        "derived: 0.80 × (0.8·0.97·7.5·44400/365) × 365/12 [S47][S43]; assumption: average = 80 % of the maximum "
        "(plausible range ~75-85 %)")
    add("average_benefit_monthly_RHB", round(0.8 * sjp_max), u, REF,
        "assumption: same as SJP (rehabiliteringspenning grouped with sjukpenning [S8]; its rate is not sourced)")
    add("average_benefit_monthly_AE", round(2.2 * pbb / 12), u, REF,
        "assumption: garantinivå ~2.2 prisbasbelopp/year (mid of 2.1-2.3 for ages 19-29) × 44400/12; "
        "the 2014 range 2.1-2.4 pbb/yr is itself an assumption [S43]")
    add("average_benefit_monthly_SE", round(2.4 * pbb / 12), u, REF,
        "assumption: garantinivå 2.4 prisbasbelopp/year × 44400/12 (participants assumed at garantinivå; "
        "the 2014 rule is an assumption) [S43]")
    add("average_benefit_monthly_AKS", round(223 * wk), u, REF,
        "derived: 223 kr/weekday × 5·52/12 [S26][S51]; assumption: participants without a-kassa entitlement")
    add("average_benefit_monthly_ETB", round(308 * wk), u, REF,
        "assumption: 308 kr/weekday full-time etableringsersättning (unverified) × 5·52/12; "
        "etableringstillägg and bostadsersättning excluded")
    add("average_benefit_monthly_AKASSA", round(0.8 * 680 * wk), u, REF,
        "derived: 0.80 × 680 kr/weekday × 5·52/12 [S49][S50]; assumption: average = 80 % of the maximum dagpenning")
    add("average_benefit_monthly_EB", round(10.5e9 / 226684 / 6.6), u, REF,
        "derived: 10.5e9 kr / 226684 households / 6.6 months [S52][S53]; per household biståndsmånad; "
        "assumption: 2013 months per household hold in 2014")

    # day conventions and financing
    add("days_per_month_calendar", cal, "days per month", REF,
        "[S9]: FK benefits (SJP RHB AE SE) per calendar day, 365/12")
    add("days_per_month_weekdays", wk, "weekdays per month", REF,
        "[S26]: AKS ETB AKASSA per weekday, 5 days/week, 5·52/12")
    add("financing_share_state", 0.5, "fraction of insats cost", REF, "seed 003; seed 004")
    add("financing_share_region", 0.25, "fraction of insats cost", REF, "seed 003; seed 004")
    add("financing_share_kommun", 0.25, "fraction of insats cost", REF, "seed 003; seed 004")

    # group the rows by parameter (in order of first appearance), then by year
    first = {}
    for r in rows:
        first.setdefault(r[0], len(first))
    rows.sort(key=lambda r: (first[r[0]], r[3]))

    print()
    print("Prices")
    keys = [(r[0], r[3]) for r in rows]
    check(len(set(keys)) == len(keys), f"one row per parameter × year ({len(rows)} rows)")
    check(all(r[4] for r in rows), "every row has a source")
    check(all(2008 <= r[3] <= 2024 for r in rows), "years within 2008-2024")
    fin = sum(r[1] for r in rows if r[0].startswith("financing_share_"))
    check(abs(fin - 1) < 1e-12, f"financing shares add up to 1 ({fin})")
    for p in ("employer_fee_rate", "employer_fee_rate_under_26", "municipal_tax_rate", "regional_tax_rate",
              "prisbasbelopp", "work_threshold_monthly_earnings"):
        ys = sorted(r[3] for r in rows if r[0] == p)
        check(ys == list(YEARS), f"{p}: every year 2008-2024")
    t14 = [r[1] for r in rows if r[0] in ("municipal_tax_rate", "regional_tax_rate") and r[3] == 2014]
    check(abs(sum(t14) - 0.3186) < 1e-9, "2014: municipal + regional = 31.86 % [S58]")
    t15 = [r[1] for r in rows if r[0] in ("municipal_tax_rate", "regional_tax_rate") and r[3] == 2015]
    check(abs(sum(t15) - 0.3199) < 1e-9, "2015: municipal + regional = 31.99 % [S58]")
    check(round(sjp_max / cal) == 708, f"sjukpenning maximum 2014 ≈ 708 kr/day ({sjp_max / cal:.2f})")
    codes = {"SJP", "RHB", "AE", "SE", "AKS", "ETB", "AKASSA", "EB"}
    have = {r[0].rsplit("_", 1)[1] for r in rows if r[0].startswith("average_benefit_monthly_")}
    check(have == codes, "average_benefit_monthly_ for every benefit code SJP RHB AE SE AKS ETB AKASSA EB")
    assumed = [f"{r[0]} {r[3]}" for r in rows if "assumption" in r[4]]
    print(f"      rows resting on an assumption: {len(assumed)} of {len(rows)}")
    return rows


def main():
    if not os.path.isdir(OUT) or not os.path.isfile(SEED_001):
        sys.exit("run from the repository root (Datasets/reference/ and the source folder ../shared must exist)")
    federations = build_federations()
    figures = published_figures()
    price_rows = prices()
    print()
    if failures or federations is None:
        print(f"{len(failures)} check(s) failed; nothing written")
        sys.exit(1)

    fed_rows, long_rows = [], []
    for i, f in enumerate(federations, start=1):
        fid = f"F{i:03d}"
        members = sorted(f["members"], key=lambda k: k["kommun_code"])
        lan = "|".join(sorted({m["county_code"] for m in members}))
        fed_rows.append((fid, f["name"], lan, "|".join(m["kommun_code"] for m in members),
                         "|".join(m["kommun_name_short"] for m in members)))
        for m in members:
            long_rows.append((fid, m["kommun_code"], m["kommun_name_short"], m["county_code"]))
    write_csv("federations_2012.csv", ["federation_id", "name", "lan", "kommuner", "kommun_names"], fed_rows)
    write_csv("federation_kommuner_2012.csv", ["federation_id", "kommun_code", "kommun_name", "lan"], long_rows)
    write_csv("published_figures.csv", ["figure", "value", "unit", "period", "source_file", "note"], figures)
    write_csv("prices.csv", ["parameter", "value", "unit", "year", "source"], price_rows)
    spanning = [r for r in fed_rows if "|" in r[2]]
    print(f"förbund spanning two län: {spanning[0][0]} {spanning[0][1]} (lan {spanning[0][2]})")


if __name__ == "__main__":
    main()
