#!/usr/bin/env bash
# Builds a word-level English corpus from GCIDE, the GNU Collaborative International Dictionary of English
# (Webster 1913 + WordNet 1.5, GPL), as installed by the Debian package dict-gcide (a dictd database:
# /usr/share/dictd/gcide.dict.dz, gzip-compatible, plus gcide.index). Articles are taken in dictionary order
# (the order of the .dict file, found through the index; the 00-database-* front matter is skipped) and cut
# into GCIDE's own paragraphs (blank lines and the "[1913 Webster]"-style source tags that close each one),
# one paragraph per output line: the headword with its part of speech, etymology and first sense; further
# senses; quotations with their "--Author" attributions; notes. The source tags themselves and the alternate
# headword lists the dictd conversion appends after an article's last tag are dropped. Markup is turned into
# text: \pronunciations\ and "(pro*nun"ci*a`tion)" groups are removed, {cross references} lose their braces
# and syllable/stress marks (* " `), entity codes such as caf['e] or [ae] become Unicode (café, æ), Greek
# names ([alpha]) Greek letters; the "?" the dictionary has for lost Greek words is kept. Whitespace is
# collapsed, empty lines dropped, output UTF-8. Only MAX_TOKENS tokens are kept from the start (lines are
# written until that many lowercased `\w+|[^\w\s]` tokens have been written; 0 keeps everything). The default,
# 3,000,000, is the smallest multiple of 500,000 whose prefix has at least 55,000 distinct lowercased tokens
# occurring at least twice, so a 50,000-word vocabulary is filled with repeated real words (dict-gcide
# 0.48.5+nmu2: 51,487 such tokens at 2.5M, 58,123 at 3.0M, 102,296 in the whole 7.19M-token dictionary).
#   apt-get install -y dict-gcide
#   bench/make-gcide.sh [OUTPUT] [MAX_TOKENS]
set -euo pipefail
out="${1:-runs/bench-corpus/gcide.txt}"
max_tokens="${2:-3000000}"
dict_dir="${GCIDE_DIR:-/usr/share/dictd}"
[ -r "$dict_dir/gcide.dict.dz" ] && [ -r "$dict_dir/gcide.index" ] \
  || { echo "no $dict_dir/gcide.dict.dz or gcide.index: apt-get install -y dict-gcide" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
python3 - "$dict_dir/gcide.dict.dz" "$dict_dir/gcide.index" "$max_tokens" "$out" <<'EOF'
import codecs, gzip, re, sys, unicodedata

dict_path, index_path, max_tokens, target = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]

# A handful of bytes in the .dict are Windows-1252 (0x92 for ’), not UTF-8.
codecs.register_error("cp1252", lambda e: (e.object[e.start:e.end].decode("cp1252", "replace"), e.end))

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
def b64(s):
    n = 0
    for ch in s:
        n = n * 64 + B64.index(ch)
    return n

articles = set()
with open(index_path, encoding="utf-8", errors="replace") as f:
    for line in f:
        head, off, length = line.rstrip("\n").split("\t")
        if not head.startswith("00-"):
            articles.add((b64(off), b64(length)))
data = gzip.open(dict_path).read()

# --- entity codes of the dictd conversion -------------------------------------------------------
MARKS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "=": "\u0304",
         ".": "\u0307", ",": "\u0327"}
def accented(base, mark):
    c = unicodedata.normalize("NFC", base + mark)
    return c if len(c) == 1 else base
ENT = {}
for base in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
    for code, mark in MARKS.items():
        ENT[code + base] = accented(base, mark)
    ENT[base + "^"] = accented(base, "\u0306")             # [a^]: breve
    ENT["-" + base] = base                                  # [-o]: obscure vowel
    ENT["*" + base] = base
ENT.update({"=ae": "ǣ", "=oo": "oo", "oo^": "oo", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
            "eth": "ð", "Edh": "Ð", "thorn": "þ", "yogh": "ȝ", "ng": "ng", "th": "th", "imac": "ī",
            "aum": "ä", "add": "a", "asl": "a", "udd": "u", "dsdot": "d", "lsdot": "l", "zdot": "ż",
            "mdot": "m", "tsdo": "t", "ncir": "n", "cacute": "ć", "ccaron": "č", "schwa": "ə",
            "root": "√", "deg": "°", "sect": "§", "para": "¶", "pounds": "£", "times": "×", "div": "÷",
            "divby": "÷", "middot": "·", "nbsp": " ", "break": " ", "ldqo": "“", "rdqo": "”",
            "rsquo": "’", "dagger": "†", "dag": "†", "flat": "♭", "sharp": "♯", "natural": "♮",
            "min": "′", "sec": "″", "bprime": "″", "hand": "☞", "rarr": "→", "filig": "fi",
            "fllig": "fl", "ffllig": "ffl", "ounceap": "℥"})
for name in ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
             "rho sigma tau upsilon phi chi psi omega").split():
    uname = "LAMDA" if name == "lambda" else name.upper()      # Unicode spells it LAMDA
    ENT[name] = unicodedata.lookup("GREEK SMALL LETTER " + uname)
    ENT[name.capitalize()] = unicodedata.lookup("GREEK CAPITAL LETTER " + uname)
ENT["sigmat"] = "ς"
for frac in "12 13 14 19 23 34 37 43 67".split():
    ENT["frac" + frac] = frac[0] + "/" + frac[1]
ENT_RE = re.compile(r"\[(" + "|".join(sorted(map(re.escape, ENT), key=len, reverse=True)) + r")\]")

# --- markup -----------------------------------------------------------------------------------
SOURCE = re.compile(r"\[[^\[\]]*(?:Webster|WordNet|PJC|Century Dict|RDH|RHUD)[^\[\]]*\]"
                    r"|\[\s*(?:GG|RP|AS|JC|JG|CM|MW10|MI11|WE1|W13\(1\)|HBCF61|wns?\d+(?:=\d+)?)"
                    r"(?:\s*\+\s*\w+)?\s*\]")
PRON = re.compile(r"\\[^\\]{0,300}\\")
PAREN_PRON = re.compile(r"\(([^()]{1,100})\)")
SYLLABLE = re.compile(r"(?<=[\w\]])[*\"`]+")            # inside {...}: Di*chot"o*mous*ly
INNER = re.compile(r"(?<=\w)[*\"]+(?=\w)|(?<=\w)`|`(?=\w)")  # elsewhere: Af*flict"ing*ly, diate`mnein

def paren_pron(m):   # a parenthesis with stress marks inside words: (b[a^]nd"[=a]d`), (ăn"tĭpōdēz; ...)
    return "" if re.search(r"[\w\]?]\"[\w\[?]|[\w\]?]`", m.group(1)) else m.group(0)

def clean(seg):
    seg = PRON.sub("", seg).replace("\\", "")
    seg = PAREN_PRON.sub(paren_pron, seg)
    seg = ENT_RE.sub(lambda m: ENT[m.group(1)], seg)
    seg = re.sub(r"\{([^{}]*)\}", lambda m: SYLLABLE.sub("", m.group(1)), seg)
    seg = INNER.sub("", seg.replace("{", "").replace("}", ""))
    seg = re.sub(r"\s+", " ", seg).strip()
    return re.sub(r" (?=[,;])", "", seg)

def paragraphs(text):
    tags = list(SOURCE.finditer(text))
    # After the last source tag the dictd conversion appends a list of alternate headwords
    # ("[1913 Webster] band-aid\n   Band-Aid"): text with no blank line before the article's end.
    if tags and not re.search(r"\n[ \t]*\n", text[tags[-1].end():].strip("\n")):
        text = text[:tags[-1].end()]
    blocks = re.split(r"\n[ \t]*\n", SOURCE.sub("\n\n", text).strip("\n"))
    # The first article ("0") begins with the Locke motto of the front matter, indented, before the
    # headword line: drop indented lines that come before a headword (column 0) line.
    first = blocks[0].split("\n")
    start = next((i for i, l in enumerate(first) if l[:1].strip()), 0)
    blocks[0] = "\n".join(first[start:])
    for block in blocks:
        line = clean(block)
        if line:
            yield line

tokens = 0
lines = 0
with open(target, "w", encoding="utf-8", newline="\n") as f:
    for off, length in sorted(articles):
        text = data[off:off + length].decode("utf-8", "cp1252")
        for line in paragraphs(text):
            f.write(line + "\n")
            lines += 1
            tokens += len(re.findall(r"\w+|[^\w\s]", line.lower()))
            if max_tokens and tokens >= max_tokens:
                break
        else:
            continue
        break
print(f"{len(articles)} articles in the dictionary; wrote {lines} lines, {tokens} tokens", file=sys.stderr)
EOF
sha256sum "$out" | sed 's/ .*//' | sed 's/^/sha256: /'
wc -c -l < "$out" | awk '{print "lines:", $1, " bytes:", $2}'
ls -l "$out"
