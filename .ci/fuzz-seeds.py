#!/usr/bin/env python3
"""Writes the hand-made seed inputs of the fuzz corpora (see .ci/fuzz).

Each seed is named `seed-<name>`, so it is told apart from what libFuzzer
adds (named by the SHA-1 of its bytes). Running this again rewrites the
seeds and leaves everything else in the corpora alone. The seeds come from
the repository's own fixtures and from inputs shaped like the real world: a
WordPress and a Drupal JSON Feed, hostile HTML, broken signature and key
files, odd Range headers and config files.
"""

import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CONTENT = ROOT / "crates/content"
SIG = CONTENT / "tests/fixtures/signature"


def corpus(crate_tests, target):
    path = ROOT / crate_tests / "__fuzz__" / target / "corpus"
    path.mkdir(parents=True, exist_ok=True)
    return path


def write(directory, name, data):
    if isinstance(data, str):
        data = data.encode()
    (directory / f"seed-{name}").write_bytes(data)


# Hostile and ordinary item bodies, for the sanitiser and inside feeds.
HOSTILE_HTML = {
    "script": "<p>a</p><script>alert(1)</script>",
    "script-upper": "<SCRIPT SRC=https://evil.example/x.js></SCRIPT><p>b</p>",
    "img-onerror": '<img src=x onerror="alert(1)"><p>c</p>',
    "svg-onload": "<svg onload=alert(1)><p>d</p></svg>",
    "math-mxss": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "noscript-mxss": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "template": "<template><script>alert(1)</script></template><p>e</p>",
    "js-link": '<a href="javascript:alert(1)">x</a>',
    "js-link-entities": '<a href="jav&#x09;ascript:alert(1)">x</a><a href="&#106;avascript:x">y</a>',
    "js-link-space": '<a href=" javascript:alert(1)">x</a><a href="java\nscript:x">y</a>',
    "data-link": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "relative-link": '<a href="/admin">x</a><a href="//evil.example/">y</a><a href="?q">z</a>',
    "ok-links": '<p><a href="https://polisen.se/">Polisen</a>, <a href="mailto:a@b.se">mejl</a>, <a href="tel:+46101234567">ring</a></p>',
    "style-attr": '<p style="background:url(https://evil.example/t.png)">f</p>',
    "style-element": "<style>@import 'https://evil.example/x.css';</style><p>g</p>",
    "iframe": '<iframe src="https://evil.example/"></iframe><p>h</p>',
    "object-embed": '<object data="x.swf"></object><embed src="x.swf"><p>i</p>',
    "form": '<form action="https://evil.example/"><button formaction="javascript:x">j</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>k</p>',
    "base": '<base href="https://evil.example/"><a href="x">l</a>',
    "srcset": '<img srcset="https://evil.example/a.png 1x"><picture><source srcset="x"></picture>',
    "video": '<video src="https://evil.example/v.mp4" poster="https://evil.example/p.png"></video>',
    "comment": "<!-- <script>alert(1)</script> --><p>m</p><!--[if IE]><script>x</script><![endif]-->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]><p>n</p>",
    "nested-a": '<a href="https://a.se/"><div><a href="https://b.se/">o</a></div></a>',
    "formatting-soup": "<b><i><em><strong><p>p<p>q<p>r</b></i></em></strong>",
    "table-foster": "<table><b>s<tr><td><p>t</td></tr></table>",
    "plaintext": "<plaintext><script>alert(1)</script>",
    "xmp": "<xmp><p>u</p></xmp><listing>v</listing>",
    "textarea": "<textarea><script>alert(1)</script></textarea><select><option>w</select>",
    "headings": "<h1>x</h1><h2>y<h3>z</h3></h2><h5>√</h5>",
    "lists": "<ul><li>a<ol><li>b</li></ol><li>c</ul><dl><dt>d<dd>e</dl>",
    "entities": "<p>&amp; &lt; &gt; &quot; &#39; &nbsp; &eacute; &NotNestedGreaterGreater; &#0; &#x110000;</p>",
    "attr-quotes": "<a href='https://a.se/?\"x\"&y=<z>' title=\"q\">q</a>",
    "unclosed": "<p><strong>aa<em>bb<a href=\"https://c.se",
    "wordpress": '<p>Polisen varnar för <strong>narkotika</strong> som köps på nätet.</p>\n<figure class="wp-block-image"><img loading="lazy" src="https://example.org/wp-content/uploads/2026/11/bild.jpg" alt="" class="wp-image-12" srcset="https://example.org/a.jpg 1024w"/></figure>\n<p class="has-text-align-center"><a href="https://example.org/?p=12" target="_blank" rel="noreferrer noopener">Läs mer</a></p>\n<!-- wp:paragraph -->',
    "drupal": '<div class="field field--name-body"><p>Kommunen <span style="color:#c00">informerar</span>.</p><drupal-media data-entity-type="media" data-entity-uuid="0f2a"></drupal-media><p><a href="/node/12" hreflang="sv">Mer</a></p></div>',
}

WORDPRESS_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "user_comment": "This feed allows you to read the posts from this site in any feed reader that supports the JSON Feed format.",
    "title": "Kommunen – Nyheter",
    "home_page_url": "https://kommun.example.org/",
    "feed_url": "https://kommun.example.org/feed/json",
    "language": "sv-SE",
    "favicon": "https://kommun.example.org/wp-content/uploads/2026/01/cropped-ikon-192x192.png",
    "items": [
        {
            "id": "https://kommun.example.org/?p=4711",
            "url": "https://kommun.example.org/2026/11/narkotika-via-natet/",
            "title": "Narkotika via nätet &#8211; så kan du hjälpa till",
            "content_html": HOSTILE_HTML["wordpress"],
            "content_text": "Polisen varnar för narkotika som köps på nätet.",
            "date_published": "2026-11-28T09:12:00+01:00",
            "date_modified": "2026-11-29T10:00:00+01:00",
            "authors": [{"name": "Redaktionen", "url": "https://kommun.example.org/author/red/", "avatar": "https://secure.gravatar.com/avatar/x?s=512"}],
            "image": "https://kommun.example.org/wp-content/uploads/2026/11/bild.jpg",
            "tags": ["Narkotika", "Trygghet"],
            "summary": "Polisen varnar&#8230;",
        },
        {
            "id": "https://kommun.example.org/?p=4712",
            "url": "https://kommun.example.org/2026/11/en/",
            "title": "In English",
            "language": "en",
            "content_html": HOSTILE_HTML["js-link-entities"] + HOSTILE_HTML["noscript-mxss"],
            "date_published": "2026-11-28T09:12:00Z",
        },
    ],
}

DRUPAL_FEED = {
    "version": "https://jsonfeed.org/version/1",
    "title": "Länsstyrelsen",
    "home_page_url": "https://lansstyrelsen.example.se",
    "items": [
        {
            "id": "node/12",
            "url": "https://lansstyrelsen.example.se/node/12",
            "title": "Drogförebyggande arbete",
            "content_html": HOSTILE_HTML["drupal"],
            "date_published": "2026-10-01T08:00:00+0200",
            "author": {"name": "admin"},
        },
        {"id": "node/12", "title": "Samma id igen", "content_text": "x"},
        {"id": 13, "title": ["inte text"], "content_html": None},
    ],
}


def feeds():
    sources = [
        ROOT / "content/feed.json",
        CONTENT / "tests/fixtures/valid/feed.json",
        CONTENT / "tests/fixtures/validity/feed.json",
        CONTENT / "tests/fixtures/plain/cms-1.0.json",
        CONTENT / "tests/fixtures/plain/cms-1.1.json",
        ROOT / "crates/sync/tests/fixtures/feed-10.json",
        ROOT / "crates/publish/tests/fixtures/small/feed.json",
        SIG / "document.json",
    ]
    sources += sorted((CONTENT / "tests/fixtures").glob("*.json"))
    seeds = {}
    for path in sources:
        name = str(path.relative_to(ROOT)).replace("/", "_")
        seeds[name] = path.read_bytes()
    seeds["wordpress.json"] = json.dumps(WORDPRESS_FEED, ensure_ascii=False, indent=2)
    seeds["drupal.json"] = json.dumps(DRUPAL_FEED, ensure_ascii=False)
    # The valid pack with hostile bodies in every item, and with one item's
    # _infostand removed (a pack item without key or kind).
    pack = json.loads((CONTENT / "tests/fixtures/valid/feed.json").read_text())
    bodies = list(HOSTILE_HTML.values())
    for at, item in enumerate(pack["items"]):
        item["content_html"] = bodies[at % len(bodies)]
    seeds["valid-hostile.json"] = json.dumps(pack, ensure_ascii=False)
    pack["items"][0].pop("_infostand", None)
    pack["items"].append(dict(pack["items"][-1], id="extra", language="en"))
    seeds["valid-mangled.json"] = json.dumps(pack, ensure_ascii=False)
    seeds["deep-nesting.json"] = "[" * 200 + "]" * 200
    seeds["empty-object.json"] = "{}"
    seeds["version-only.json"] = '{"version":"https://jsonfeed.org/version/1.1"}'
    seeds["bom.json"] = b"\xef\xbb\xbf" + (CONTENT / "tests/fixtures/plain/cms-1.0.json").read_bytes()
    return seeds


def main():
    for crate_tests, target in [
        ("crates/content/tests/it", "fuzz__pack_strict"),
        ("crates/news/tests/news", "fuzz__news_feed"),
    ]:
        directory = corpus(crate_tests, target)
        for name, data in feeds().items():
            write(directory, name, data)

    directory = corpus("crates/content/tests/it", "fuzz__sanitise")
    for name, data in HOSTILE_HTML.items():
        write(directory, name, data)
    for name, data in feeds().items():
        try:
            items = json.loads(data).get("items", [])
        except (ValueError, AttributeError):
            continue
        for at, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("content_html"), str):
                write(directory, f"{name}-item{at}", item["content_html"])

    directory = corpus("crates/content/tests/it", "fuzz__signature")
    for path in sorted(SIG.glob("*.minisig")):
        write(directory, path.name, path.read_bytes())
        write(directory, path.name + "-crlf", path.read_bytes().replace(b"\n", b"\r\n"))
    good = (SIG / "document.json.minisig").read_text()
    lines = good.splitlines()
    write(directory, "extra-spaces", "\n".join(f"  {line}  " for line in lines) + "\n\n\n")
    write(directory, "no-trailing-newline", good.rstrip("\n"))
    write(directory, "five-lines", good + "untrusted comment: x\n")
    write(directory, "swapped-lines", "\n".join([lines[0], lines[3], lines[2], lines[1]]) + "\n")
    write(directory, "other-comment", good.replace(lines[2], "trusted comment: timestamp:0\tfile:feed.json\trevision:999"))
    write(directory, "public-key-as-signature", (SIG / "test-only-a.pub").read_bytes())

    directory = corpus("crates/content/tests/it", "fuzz__public_key")
    for path in sorted(SIG.glob("test-only-*")):
        write(directory, path.name, path.read_bytes())
    a_line = (SIG / "test-only-a.pub").read_text().splitlines()[1]
    write(directory, "line", a_line)
    write(directory, "line-spaces", f"  \t{a_line}\r\n")
    write(directory, "two-lines", f"{a_line}\n{a_line}\n")
    write(directory, "no-padding", a_line.rstrip("="))
    write(directory, "config-quoted", f'keys = ["{a_line}"]')

    directory = corpus("crates/publish/tests/publish", "fuzz__secret_key")
    for path in sorted(SIG.glob("test-only-*")):
        write(directory, path.name, path.read_bytes())
    key = (SIG / "test-only-a.key").read_text()
    write(directory, "crlf.key", key.replace("\n", "\r\n"))
    write(directory, "comment-only.key", key.splitlines()[0])
    write(directory, "trailing-lines.key", key + "\nextra\nlines\n")

    directory = corpus("crates/media/tests/media", "range_fuzz__range")
    # First byte: which test file (its size); the rest: the Range header.
    ranges = [
        "bytes=0-", "bytes=0-0", "bytes=-1", "bytes=-0", "bytes=0-999", "bytes=999-",
        "bytes=1000-", "bytes=500-100", "bytes=0-18446744073709551615",
        "bytes=18446744073709551615-", "bytes=-18446744073709551616", "bytes=0-1,2-3",
        "bytes=0-1, 5-", "bytes= 0 - 1", "BYTES=0-1", "bytes=", "bytes=-", "bytes=a-b",
        "items=0-1", "bytes=0-1;x", "bytes=-1000", "bytes=1-0,0-0,0-1", "bytes==0-1",
    ]
    for at, header in enumerate(ranges):
        write(directory, f"{at:02}", bytes([at % 4]) + header.encode())

    directory = corpus("crates/config/tests/config", "fuzz__config_file")
    example = (ROOT / "crates/config/config.toml.example").read_text()
    write(directory, "example", example)
    write(directory, "example-uncommented", "\n".join(
        line[2:] if line.startswith("# ") and "=" in line else line for line in example.splitlines()))
    write(directory, "full", """data_dir = "/var/lib/infostand"
offline = false
autostart = true
hardware_acceleration = false

[feed]
url = "https://user:secret@example.org/infostand/feed.json"
keys = ["RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"]
sync_interval = "1h"
proxy = "http://proxy.example.org:3128"

[kiosk]
enabled = true
idle_timeout = "90s"
pin_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"
memory_limit = "1GiB"
daily_reload = "04:00"

[log]
level = "info"
dir = "/var/log/infostand"
""")
    write(directory, "bad-values", """[feed]
url = "http://example.org/feed.json"
keys = ["RWnotakey"]
sync_interval = "forever"
[kiosk]
idle_timeout = "1ms"
memory_limit = "-1"
daily_reload = "25:61"
pin_hash = "plain"
[log]
level = "loud"
""")
    write(directory, "unknown-key", "[kiosk]\nenabled = true\npin = \"1234\"\n")
    write(directory, "inline-tables", 'feed = { url = "https://x.test/f.json", keys = [] }\nkiosk.enabled = true\n')
    write(directory, "duplicate", "offline = true\noffline = false\n")
    write(directory, "crlf-bom", "\ufeffoffline = true\r\n[log]\r\nlevel = \"debug\"\r\n")
    write(directory, "deep-arrays", "[feed]\nkeys = " + "[" * 100 + "]" * 100 + "\n")
    write(directory, "multiline", '[feed]\nurl = """\nhttps://x.test/feed.json"""\nproxy = \'\'\'http://p:1\'\'\'\n')


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
