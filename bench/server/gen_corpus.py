#!/usr/bin/env python3
"""Writes a fictional JSONL corpus for the server load benchmark: N stories of K articles each.

Each story has a wire report; the other articles copy some of its paragraphs (some lightly
edited), quote the same official, and add a paragraph of their own. Everything is made up.
Usage: gen_corpus.py ARTICLES OUT.jsonl
"""
import json
import random
import sys

random.seed(7)
PLACES = ["Port Estrel", "Calder Mouth", "Sable Ridge", "Orla", "Brennick", "Vantmoor", "Lisk", "Harrowgate",
          "Tamsin Bay", "Quarry Hill", "Ostry", "Velde", "Marrow Point", "Kell", "Ashby Fen", "Dunmere"]
THINGS = ["flood barrier", "ferry service", "copper mine", "rail bridge", "grain terminal", "power station",
          "harbour wall", "water plant", "tram depot", "steel works", "fishing fleet", "border crossing"]
EVENTS = ["closed after a storm", "reopened after repairs", "hit by a strike", "sold to a foreign buyer",
          "damaged by fire", "shut by inspectors", "expanded with new funds", "blocked by protesters"]
NAMES = ["Miriam Okonkwo-Hale", "Dario Vell", "Anika Strom", "Tomas Berg", "Leila Haddad", "Piet Varga",
         "Rosa Ilunga", "Ivo Marsh", "Hana Ostrova", "Colm Reyes"]
ROLES = ["the harbour master", "the regional minister", "a union steward", "the company's director",
         "the mayor", "a senior engineer"]
WIRES = ["Meridian Wire", "Continental Press", "Northern Newswire"]
OUTLETS = ["Valley Post", "Northgate Times", "Lowland Gazette", "Estrel Courier", "Harbour Ledger",
           "Daily Beacon", "Coastline Herald", "Capital Chronicle", "Rampart Report", "Northstar Daily"]
FILLER = ("Residents gathered at the community hall late into the evening. Traffic on the coast road was "
          "slow through the afternoon. Shops near the quay closed early. Officials promised an update by "
          "the weekend. Schools in the district stayed open. Local volunteers handed out blankets.").split(". ")


def edit(sentence):
    swaps = [("said", "stated"), ("on Tuesday", "this week"), ("The ", "This "), ("about", "around")]
    a, b = random.choice(swaps)
    return sentence.replace(a, b, 1)


SYLLABLES = ["ka", "lo", "mer", "vin", "sa", "tor", "el", "dra", "quin", "bo", "rus", "an", "te", "gal",
             "hol", "mi", "zen", "pa", "dor", "wy", "cal", "ost", "ri", "nu", "fen", "jar", "li", "sto"]
WORDS = ["cargo", "tariff", "levee", "council", "audit", "pension", "harvest", "tunnel", "reactor", "clinic",
         "convoy", "ballot", "drought", "vaccine", "satellite", "orchard", "refinery", "runway", "archive",
         "ferry", "lighthouse", "vineyard", "quarry", "garrison", "festival", "museum", "reservoir", "dockyard"]


def coined(parts):
    return "".join(random.choice(SYLLABLES) for _ in range(parts)).capitalize()


def story(n, k, articles, day):
    # Each story gets names and words of its own, so stories stay apart as real ones do.
    place = f"{coined(2)} {random.choice(['Bay', 'Ridge', 'Falls', 'Cross', 'Haven', ''])}".strip()
    thing = f"{random.choice(WORDS)} {random.choice(THINGS)}"
    event = random.choice(EVENTS)
    who = f"{coined(2)} {coined(3)}"
    role = random.choice(ROLES)
    number = random.randint(120, 9000)
    wire = random.choice(WIRES)
    # Sentences of the story's own coined words: stories share no passages, as real ones
    # rarely do, so the reuse stage links copies within a story only.
    lexicon = [coined(random.randint(2, 3)).lower() for _ in range(40)]

    def sentence(words):
        return " ".join(random.choice(lexicon) for _ in range(words)).capitalize()

    paras = [
        f"The {thing} at {place} was {event} on Tuesday, {role} said. {sentence(14)}, leaving about {number} people affected.",
        f"\"{sentence(16)},\" {who} told {wire}. {sentence(12)}.",
        f"{sentence(18)} in {place}. Work is expected to take at least {random.randint(2, 30)} days.",
        f"\"{sentence(11)},\" {who} said. {sentence(15)}.",
    ]
    base = f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}T"
    for i in range(k):
        if i == 0:
            outlet, body = wire, paras
        else:
            outlet = random.choice(OUTLETS)
            kept = [p if random.random() < 0.6 else edit(p) for p in paras if random.random() < 0.85] or paras[:1]
            own = " ".join(coined(2).lower() for _ in range(20)).capitalize() + "."
            body = [own] + kept
        articles.append({
            "id": f"s{n:05d}-{i:02d}",
            "outlet": outlet,
            "title": f"{place} {thing} {event}" + ("" if i == 0 else f", {outlet} reports"),
            "url": f"https://{outlet.lower().replace(' ', '')}.example/{n}/{i}",
            "published": f"{base}{(6 + i) % 24:02d}:{(7 * i) % 60:02d}:00Z",
            "text": "\n\n".join(body),
        })


def main():
    total, out = int(sys.argv[1]), sys.argv[2]
    per_story = 20
    articles = []
    for n in range(total // per_story):
        story(n, per_story, articles, n % 300)
    with open(out, "w") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
    print(f"{len(articles)} articles in {out}", file=sys.stderr)


main()
