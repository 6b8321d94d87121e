"""Generate news-like documents deterministically, for the benchmarks: as JSON lines or as a WARC.

    .venv/bin/python benchmarks/generate.py docs.jsonl --docs 600
    .venv/bin/python benchmarks/generate.py crawl.warc --warc-bytes 1000000000

Each document is a short wire story: a headline, 8 to 30 sentences in paragraphs, about a quarter
of them reporting an act between two states or organisations (meetings, agreements, demands,
accusations, threats, aid, with hedges and future tense now and then), the rest the ordinary filler
of news (markets, weather, statistics, background) that has no event. The same seed gives the same
documents. WARC pages wrap the story in the furniture of a real news site (styles, scripts,
navigation, related links), about 100 kB a page, with the request and metadata records Common Crawl
News writes beside each response.
"""

from __future__ import annotations

import argparse
import io
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ACTORS = [
    "India", "Russia", "China", "the United States", "Japan", "France", "Germany", "Brazil", "Turkey",
    "Iran", "Israel", "Ukraine", "Pakistan", "South Africa", "Indonesia", "Saudi Arabia", "Egypt",
    "Mexico", "Canada", "Australia", "South Korea", "Nigeria", "the European Union", "NATO",
    "the United Nations", "Vietnam", "Poland", "Kenya", "Argentina", "Qatar",
]
CITIES = ["Geneva", "Vienna", "New Delhi", "Beijing", "Brussels", "Jakarta", "Cairo", "Doha", "Nairobi",
          "Brasilia", "Ankara", "Tokyo", "Paris", "Berlin", "Warsaw"]
TOPICS = ["maritime security", "trade", "energy supplies", "climate finance", "counter-terrorism",
          "nuclear safety", "food security", "cyber security", "migration", "defence procurement"]
REASONS = ["its missile tests", "the border clashes", "human rights abuses", "the detention of journalists",
           "violations of the ceasefire", "cyber attacks on banks", "the seizure of a tanker"]
DEMANDS = ["release the detained sailors", "return to the negotiating table", "withdraw its troops",
           "halt the construction of the dam", "allow aid convoys through", "lift the export ban"]
GOODS = ["wheat", "liquefied natural gas", "fighter jets", "vaccines", "rice", "crude oil"]
COMPANIES = ["Tata Steel", "Siemens", "Petrobras", "Toyota", "Unilever", "Aramco", "Samsung"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

EVENTS = [
    "{a} and {b} signed an agreement on {topic} on {day}.",
    "{a} condemned {b} for {reason}.",
    "Officials from {a} met their counterparts from {b} in {city} to discuss {topic}.",
    "{a} urged {b} to {demand}.",
    "{a} threatened to impose sanctions on {b} over {reason}.",
    "{a} pledged {n} million dollars in aid to {b} after the floods.",
    "{a} accused {b} of {reason}.",
    "The president of {a} will visit {b} next month, officials said.",
    "{a} reportedly agreed to supply {b} with {goods}.",
    "{a} rejected a proposal from {b} on {topic}.",
    "{a} and {b} agreed to hold further talks on {topic} in {city}.",
    "{a} expelled two diplomats from {b} on {day}.",
    "{a} praised {b} for its role in the talks.",
    "{a} did not sign the declaration on {topic} that {b} had drafted.",
]
FILLER = [
    "Shares in {company} rose {n} percent in early trading.",
    "The central bank left interest rates unchanged at {n} percent.",
    "Heavy rain is expected across the region over the weekend.",
    "Analysts said the figures were broadly in line with expectations.",
    "The ministry published its annual report on {topic} on {day}.",
    "Local elections are due to be held in {month}.",
    "Inflation eased to {n} percent in {month}, the statistics office said.",
    "The talks are the first of their kind in more than a decade.",
    "Tickets for the festival in {city} sold out within hours.",
    "Traffic was disrupted in central {city} for most of the morning.",
    "The report runs to more than {n} pages and includes detailed annexes.",
    "Economists expect growth to pick up in the second half of the year.",
    "The museum in {city} will reopen in {month} after renovation work.",
    "Officials declined to give further details.",
    "The figures will be revised when more data become available.",
    "Demand for {goods} has risen steadily since {month}.",
]
QUOTE = '"We will keep working with our partners on {topic}," a spokesperson said.'
HEADLINES = ["{a} and {b} step up talks on {topic}", "Tensions rise as {a} warns {b}",
             "{a} seeks closer ties with {b}", "Markets steady as {a} and {b} meet"]


def _fill(template: str, rng: random.Random) -> str:
    """A template with its slots filled at random (two different actors for a and b)."""
    a, b = rng.sample(ACTORS, 2)
    text = template.format(a=a, b=b, topic=rng.choice(TOPICS), reason=rng.choice(REASONS),
                           demand=rng.choice(DEMANDS), goods=rng.choice(GOODS), city=rng.choice(CITIES),
                           day=rng.choice(DAYS), month=rng.choice(MONTHS), n=rng.randint(2, 90),
                           company=rng.choice(COMPANIES))
    return text[0].upper() + text[1:]


def make_document(rng: random.Random, number: int) -> dict[str, str]:
    """One story: id, title, date, url and text."""
    sentences = []
    for _ in range(rng.randint(8, 30)):
        roll = rng.random()
        template = rng.choice(EVENTS) if roll < 0.25 else QUOTE if roll < 0.30 else rng.choice(FILLER)
        sentences.append(_fill(template, rng))
    paragraphs, start = [], 0
    while start < len(sentences):
        size = rng.randint(2, 5)
        paragraphs.append(" ".join(sentences[start:start + size]))
        start += size
    day = date(2025, 1, 1) + timedelta(days=rng.randint(0, 364))
    return {"id": f"gen-{number:07d}", "title": _fill(rng.choice(HEADLINES), rng), "date": day.isoformat(),
            "url": f"https://news.example.org/{day:%Y/%m/%d}/story-{number}", "text": "\n\n".join(paragraphs)}


def documents(count: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``count`` stories, the same for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        yield make_document(rng, number)


def write_jsonl(path: Path, count: int, seed: int = 0) -> Path:
    """Write ``count`` stories as JSON lines."""
    with path.open("w", encoding="utf-8") as handle:
        for doc in documents(count, seed):
            handle.write(json.dumps(doc) + "\n")
    return path


def page_html(doc: dict[str, str], rng: random.Random, furniture: int = 100_000) -> str:
    """A news page around a story, padded with site furniture to about ``furniture`` characters."""
    links = "".join(f'<li><a href="/section/{k}/{rng.randint(1, 10**6)}">Section {k} news and analysis '
                    f'{rng.randint(1, 999)}</a></li>\n' for k in range(60))
    styles = "".join(f".block-{k} {{ margin: {k % 7}px; padding: {k % 5}px; "
                     f"color: #{k * 4099 % 16**6:06x}; }}\n" for k in range(furniture // 200))
    script = "".join(f"window.dataLayer.push({{'slot': {k}, 'id': '{rng.getrandbits(64):016x}'}});\n"
                     for k in range(furniture // 120))
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in doc["text"].split("\n\n"))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{doc["title"]}</title>\n'
            f'<meta property="article:published_time" content="{doc["date"]}T08:00:00+00:00">\n'
            f'<style>{styles}</style><script>window.dataLayer = [];\n{script}</script></head>\n'
            f'<body><header><nav><ul>{links}</ul></nav></header>\n<main><article><h1>{doc["title"]}</h1>\n'
            f'{body}</article></main>\n<aside><h2>Related</h2><ul>{links}</ul></aside>\n'
            f'<footer><ul>{links}</ul><p>All rights reserved.</p></footer></body></html>\n')


def write_warc(path: Path, target_bytes: int, seed: int = 0) -> int:
    """Write a WARC of news pages (request, response, metadata per page) of about ``target_bytes``;
    written record by record, never held in memory. Returns the number of pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    pages = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        while handle.tell() < target_bytes:
            doc = make_document(rng, pages)
            body = page_html(doc, rng).encode("utf-8")
            when = {"WARC-Date": f"{doc['date']}T12:00:00Z"}
            request = StatusAndHeaders(f"GET {doc['url']} HTTP/1.1", [("Host", "news.example.org")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(doc["url"], "request", payload=io.BytesIO(b""),
                                                          length=0, http_headers=request,
                                                          warc_headers_dict=when))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(doc["url"], "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=http,
                                                          warc_headers_dict=when))
            meta = f"fetchTimeMs: {rng.randint(50, 900)}\r\n".encode()
            writer.write_record(writer.create_warc_record(
                doc["url"], "metadata", payload=io.BytesIO(meta), length=len(meta),
                warc_content_type="application/warc-fields", warc_headers_dict=when))
            pages += 1
    return pages


def main() -> None:
    """Write documents to the file named."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="A .jsonl file, or a .warc / .warc.gz file.")
    parser.add_argument("--docs", type=int, default=600, help="Stories in a .jsonl file.")
    parser.add_argument("--warc-bytes", type=int, default=100_000_000, help="Size of a WARC file.")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.out.name.endswith((".warc", ".warc.gz")):
        print(f"{write_warc(args.out, args.warc_bytes, args.seed)} pages written to {args.out}")
    else:
        write_jsonl(args.out, args.docs, args.seed)
        print(f"{args.docs} stories written to {args.out}")


if __name__ == "__main__":
    main()
