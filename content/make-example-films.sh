#!/usr/bin/env bash
# make-example-films.sh: builds the four EXAMPLE films of the default content pack
# from scratch, then writes the media files' sha256, size and duration into feed.json.
#
# The films are stand-ins for the campaign's real films, which belong to the county.
# Every frame, the poster and the first caption say so. The words on the slides, in the
# narration and in the captions only restate the county's campaign page (Länsstyrelsen
# Västernorrland, "Tillsammans sätter vi stopp för drogflödet via nätet"); do not add facts here.
#
# Usage:
#   content/make-example-films.sh              # regenerate content/media/film-* and update feed.json
#   content/make-example-films.sh --hash-only  # only recompute sha256/size_in_bytes/duration_in_seconds
#                                              # of the files already in content/media into feed.json
#
# Needs: ffmpeg/ffprobe with libvpx-vp9, libopus and drawtext (libfreetype), espeak-ng with the
# Swedish voice, ImageMagick's convert, python3 (stdlib only), the DejaVu fonts
# (Debian: ffmpeg espeak-ng imagemagick python3 fonts-dejavu-core).
#
# Output is deterministic as far as the tools allow: fixed voice, rate, fonts, encoder
# settings and bitexact muxing, no timestamps in the files.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MEDIA="$HERE/media"
FEED="$HERE/feed.json"

FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
FONT_BOLD=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

# Slides are drawn at 1280x720 and the films encoded at 960x540, 25 fps: text slides need few
# bits at that size, which keeps each film well under 2 MB.
W=1280 H=720 OUT_W=960 OUT_H=540 FPS=25 FRAME_MS=40
NAVY='#0B2545'   # text slides
TEAL='#0B5563'   # title and closing slides
PALE='#CFE3EE'   # small text
LABEL_BG='0xFFD23F'  # the "example film" label: black on yellow
BAR='0x7FD1C7'       # progress bar
FOOTER='Tillsammans mot illegala försändelser · Länsstyrelsen Västernorrland'

# Narration: espeak-ng's Swedish voice. Timing around each spoken sentence, in ms.
VOICE=sv RATE=175
LEAD_MS=400   # silence before the first sentence of a slide
GAP_MS=300    # silence between sentences on the same slide
TAIL_MS=700   # silence after the last sentence of a slide
SPEECH_RATE_HZ=22050  # espeak-ng writes 22050 Hz mono

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

mode=all
case "${1:-}" in
  "") ;;
  --hash-only) mode=hash ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

need() { command -v "$1" >/dev/null 2>&1 || { echo "make-example-films: '$1' is missing" >&2; exit 1; }; }
need python3
need ffprobe

# ---------------------------------------------------------------------------------------
# Hashing step: sha256 + size of every manifest entry, size + duration of every attachment.
# Only updates entries that are already in feed.json; a referenced file that is missing, or
# a referenced URL that is not in the manifest, is an error and feed.json is left untouched.
# ---------------------------------------------------------------------------------------
update_feed() {
  python3 - "$FEED" <<'PY'
import hashlib, json, os, re, subprocess, sys

feed_path = sys.argv[1]
base = os.path.dirname(os.path.abspath(feed_path))
with open(feed_path, encoding="utf-8") as f:
    feed = json.load(f)

errors, warnings = [], []
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")

def bad_url(url):
    return (not isinstance(url, str) or not url or SCHEME.match(url) or url.startswith("/")
            or "\\" in url or ".." in url.split("/"))

manifest = feed.get("_infostand", {}).get("media", [])
listed = {e.get("url") for e in manifest}
by_url = {}
for i, entry in enumerate(manifest):
    url = entry.get("url")
    where = f"_infostand.media[{i}]"
    if bad_url(url):
        errors.append(f"{where}: url {url!r} must be relative (no scheme, no leading '/', no '..')")
        continue
    path = os.path.join(base, *url.split("/"))
    if not os.path.isfile(path):
        errors.append(f"{where}: file {url} not found next to feed.json")
        continue
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    entry["sha256"] = digest.hexdigest()
    entry["size_in_bytes"] = os.path.getsize(path)
    by_url[url] = entry

def duration(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                          "-of", "default=nw=1:nk=1", path],
                         check=True, capture_output=True, text=True).stdout.strip()
    return max(1, int(float(out) + 0.5))

used = set()
for i, item in enumerate(feed.get("items", [])):
    where = f"items[{i}] ({item.get('id')})"
    refs = []
    if item.get("image"):
        refs.append(("image", item["image"]))
    for j, a in enumerate(item.get("attachments", [])):
        refs.append((f"attachments[{j}]", a.get("url")))
    for j, c in enumerate(item.get("_infostand", {}).get("captions", [])):
        refs.append((f"_infostand.captions[{j}]", c.get("url")))
    for field, url in refs:
        used.add(url)
        if url not in listed:
            errors.append(f"{where}.{field}: {url} is not in the _infostand.media manifest")
    for a in item.get("attachments", []):
        entry = by_url.get(a.get("url"))
        if entry is None:
            continue
        a["size_in_bytes"] = entry["size_in_bytes"]
        if str(a.get("mime_type", "")).startswith(("video/", "audio/")):
            a["duration_in_seconds"] = duration(os.path.join(base, *a["url"].split("/")))

for url in by_url:
    if url not in used:
        warnings.append(f"_infostand.media: {url} is not used by any item")

for w in warnings:
    print("warning:", w, file=sys.stderr)
if errors:
    for e in errors:
        print("error:", e, file=sys.stderr)
    sys.exit("feed.json NOT updated")

tmp = feed_path + ".tmp"
with open(tmp, "w", encoding="utf-8", newline="\n") as f:
    json.dump(feed, f, ensure_ascii=False, indent=2)
    f.write("\n")
os.replace(tmp, feed_path)
for url, e in by_url.items():
    print(f"{url:28} {e['size_in_bytes']:>9} bytes  sha256 {e['sha256']}")
print(f"updated {feed_path}")
PY
}

if [ "$mode" = hash ]; then
  update_feed
  exit 0
fi

need ffmpeg
need espeak-ng
need convert
for f in "$FONT" "$FONT_BOLD"; do
  [ -f "$f" ] || { echo "make-example-films: font $f is missing (fonts-dejavu-core)" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------
# The films. One line per spoken sentence = one caption cue:
#   film | slide number | slide kind (title, text, closing) | Swedish | English
# Consecutive lines with the same slide number share a slide. Every sentence restates the
# campaign page; the English is a translation of the Swedish.
# ---------------------------------------------------------------------------------------
FILM_TITLES=(
  "film-1|Studentlägenheten"
  "film-2|Krogtoaletten"
  "film-3|Fredagssoffan"
  "film-4|Upptäcktsrisken"
)
SCRIPT=$(cat <<'EOF'
film-1|1|title|Exempelfilm – inte kampanjens film.|Example film – not the campaign's film.
film-1|1|title|Studentlägenheten.|The student flat.
film-1|2|text|Alla som köper och brukar narkotika bidrar till gängkriminalitet.|Everyone who buys and uses drugs contributes to gang crime.
film-1|3|text|Studentlägenhetens filosofiska grubblanden är droppar som kan verka små och obetydliga var för sig.|The student flat's philosophical musings are drops that may seem small and insignificant on their own.
film-1|4|text|Men tillsammans skapar dropparna den fullskaliga översvämning av narkotikarelaterade problem som vi ser i samhället just nu.|But together, the drops create the full-scale flood of drug-related problems that we are seeing in society right now.
film-1|5|closing|Drogerna du köper på nätet lämnar spår i samhället.|The drugs you buy online leave traces in society.
film-1|5|closing|Avstå från att stödja den organiserade brottsligheten.|Refrain from supporting organised crime.
film-2|1|title|Exempelfilm – inte kampanjens film.|Example film – not the campaign's film.
film-2|1|title|Krogtoaletten.|The bar toilet.
film-2|2|text|Alla som köper och brukar narkotika bidrar till gängkriminalitet – också den som partyknarkar.|Everyone who buys and uses drugs contributes to gang crime – including those who use party drugs.
film-2|3|text|Krogtoalettens högljudda tyckanden är droppar som kan verka små och obetydliga var för sig.|The bar toilet's loud opinions are drops that may seem small and insignificant on their own.
film-2|4|text|Alla som beställer och använder droger bidrar till den samhällsutveckling vi ser.|Everyone who orders and uses drugs contributes to the development we are seeing in society.
film-2|4|text|Vissa oftare och mer, men allt räknas.|Some more often and more than others, but it all counts.
film-2|5|closing|Drogerna du köper på nätet lämnar spår i samhället.|The drugs you buy online leave traces in society.
film-2|5|closing|Avstå från att stödja den organiserade brottsligheten.|Refrain from supporting organised crime.
film-3|1|title|Exempelfilm – inte kampanjens film.|Example film – not the campaign's film.
film-3|1|title|Fredagssoffan.|The Friday sofa.
film-3|2|text|Alla som köper och brukar narkotika bidrar till gängkriminalitet – också den som tar ett piller för att slappna av efter en lång jobbvecka.|Everyone who buys and uses drugs contributes to gang crime – including those who take a pill to relax after a long working week.
film-3|3|text|Fredagssoffans ”välförtjänta” verklighetsflykt när barnen somnat är en droppe som kan verka liten och obetydlig.|The Friday sofa's “well-deserved” escape from reality once the children are asleep is a drop that may seem small and insignificant.
film-3|4|text|Narkotikaklassade läkemedel är också viktiga inkomstkällor för den organiserade brottsligheten.|Medicines classified as narcotics are also important sources of income for organised crime.
film-3|5|closing|Drogerna du köper på nätet lämnar spår i samhället.|The drugs you buy online leave traces in society.
film-3|5|closing|Avstå från att stödja den organiserade brottsligheten.|Refrain from supporting organised crime.
film-4|1|title|Exempelfilm – inte kampanjens film.|Example film – not the campaign's film.
film-4|1|title|Upptäcktsrisken.|The risk of detection.
film-4|2|text|Den 2 januari 2023 trädde den nya postlagen i kraft.|The new Postal Act came into force on 2 January 2023.
film-4|3|text|Sedan dess har tusentals beslag av narkotika, dopningspreparat och andra illegala försändelser kunnat göras.|Since then, thousands of seizures of drugs, doping substances and other illegal shipments have been made.
film-4|4|text|Det finns nu en verklig upptäcktsrisk när man köper narkotika på nätet.|There is now a real risk of detection when you buy drugs online.
film-4|5|closing|Drogerna du köper på nätet lämnar spår i samhället.|The drugs you buy online leave traces in society.
film-4|5|closing|Avstå från att stödja den organiserade brottsligheten.|Refrain from supporting organised crime.
EOF
)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/example-films.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$MEDIA"

# The corner label, drawn on every frame and on the posters (no trailing newline).
printf '%s\n%s' "EXEMPELFILM – inte kampanjens film" "Example film – not the campaign's film" >"$TMP/label.txt"
LABEL="drawtext=fontfile=$FONT_BOLD:textfile=$TMP/label.txt:expansion=none:fontsize=20:line_spacing=6:fontcolor=black:box=1:boxcolor=$LABEL_BG:boxborderw=10:x=22:y=20"

# ms -> WebVTT timestamp
vtt_time() { printf '%02d:%02d:%02d.%03d' $(($1 / 3600000)) $(($1 / 60000 % 60)) $(($1 / 1000 % 60)) $(($1 % 1000)); }
# A cue longer than 48 bytes is broken into two lines at the space nearest its middle.
two_lines() {
  awk -v s="$1" 'BEGIN {
    n = length(s); if (n <= 48) { print s; exit }
    best = 0
    for (i = 2; i < n; i++) if (substr(s, i, 1) == " ") {
      d = i - n / 2; if (d < 0) d = -d
      if (!best || d < bd) { best = i; bd = d }
    }
    if (!best) { print s; exit }
    print substr(s, 1, best - 1); print substr(s, best + 1)
  }'
}

# Slide images. $1 = output, $2 = kind, $3 = number of the film, $4 = film title, $5 = text
render_slide() {
  local out=$1 kind=$2 number=$3 title=$4 text=$5
  case "$kind" in
    title)
      convert -size ${W}x${H} "xc:$TEAL" \
        -gravity center \
        -font "$FONT_BOLD" -pointsize 34 -fill '#FFD23F' -annotate +0-130 "EXEMPELFILM $number AV 4" \
        -font "$FONT_BOLD" -pointsize 84 -fill white -annotate +0-20 "$title" \
        -font "$FONT" -pointsize 32 -fill "$PALE" -annotate +0+90 "inte kampanjens film" \
        -gravity southwest -font "$FONT" -pointsize 24 -fill "$PALE" -annotate +40+36 "$FOOTER" \
        "$out" ;;
    text | closing)
      local bg=$NAVY size=54
      [ "$kind" = closing ] && bg=$TEAL size=58
      convert -size ${W}x${H} "xc:$bg" \
        \( -size 1120x470 -background none -fill white -font "$FONT_BOLD" -pointsize $size \
           -interline-spacing 12 -gravity center "caption:$text" \) \
        -gravity center -geometry +0+5 -composite \
        -gravity southwest -font "$FONT" -pointsize 24 -fill "$PALE" -annotate +40+36 "$FOOTER" \
        "$out" ;;
  esac
}

for entry in "${FILM_TITLES[@]}"; do
  film=${entry%%|*} title=${entry#*|}
  number=${film#film-}
  work="$TMP/$film"
  mkdir -p "$work"
  echo "== $film: $title"

  # Collect this film's sentences.
  slides=() kinds=() sv=() en=()
  while IFS='|' read -r f s k t_sv t_en; do
    [ "$f" = "$film" ] || continue
    slides+=("$s") kinds+=("$k") sv+=("$t_sv") en+=("$t_en")
  done <<<"$SCRIPT"
  count=${#sv[@]}

  # Narrate each sentence and lay out the timeline in whole video frames.
  a_inputs=() a_filter="" t=0
  starts=() ends=()
  declare -A slide_frames=() slide_text=() slide_kind=()
  slide_order=()
  for ((i = 0; i < count; i++)); do
    espeak-ng -v "$VOICE" -s "$RATE" -w "$work/s$i.wav" "${sv[$i]}"
    samples=$(ffprobe -v error -select_streams a:0 -show_entries stream=duration_ts -of csv=p=0 "$work/s$i.wav")
    speech=$(((samples * 1000 + SPEECH_RATE_HZ - 1) / SPEECH_RATE_HZ))
    s=${slides[$i]}
    pre=0 post=$GAP_MS
    if ((i == 0)) || [ "${slides[$((i - 1))]}" != "$s" ]; then
      pre=$LEAD_MS
      slide_order+=("$s") slide_frames[$s]=0 slide_kind[$s]=${kinds[$i]} slide_text[$s]=""
    fi
    if ((i == count - 1)) || [ "${slides[$((i + 1))]}" != "$s" ]; then post=$TAIL_MS; fi
    frames=$(((pre + speech + post + FRAME_MS - 1) / FRAME_MS))
    d=$((frames * FRAME_MS))
    starts+=("$t") ends+=($((t + d)))
    t=$((t + d))
    slide_frames[$s]=$((slide_frames[$s] + frames))
    if [ -n "${slide_text[$s]}" ]; then slide_text[$s]+=$'\n\n'; fi
    slide_text[$s]+=${sv[$i]}
    a_inputs+=(-i "$work/s$i.wav")
    a_filter+="[$i:a]adelay=delays=$pre:all=1,apad=whole_len=$((frames * SPEECH_RATE_HZ * FRAME_MS / 1000)),atrim=end_sample=$((frames * SPEECH_RATE_HZ * FRAME_MS / 1000))[a$i];"
  done
  total_ms=$t
  total_frames=$((total_ms / FRAME_MS))
  for ((i = 0; i < count; i++)); do a_filter+="[a$i]"; done
  a_filter+="concat=n=$count:v=0:a=1,aresample=48000[out]"
  echo "   duration ${total_ms} ms"
  if ((total_ms < 20000 || total_ms > 40000)); then
    echo "   warning: $film is ${total_ms} ms long, outside the 20-40 s the pack aims for" >&2
  fi

  # The narration track.
  ffmpeg -nostdin -hide_banner -loglevel error -y "${a_inputs[@]}" \
    -filter_complex "$a_filter" -map '[out]' -c:a pcm_s16le -fflags +bitexact -flags +bitexact "$work/narration.wav"

  # The slides, one still image each, shown for whole frames.
  v_inputs=() v_filter="" n=0
  for s in "${slide_order[@]}"; do
    render_slide "$work/slide$s.png" "${slide_kind[$s]}" "$number" "$title" "${slide_text[$s]}"
    f=${slide_frames[$s]}
    v_inputs+=(-framerate $FPS -loop 1 -t "$((f * FRAME_MS / 1000)).$(printf '%03d' $((f * FRAME_MS % 1000)))" -i "$work/slide$s.png")
    v_filter+="[$n:v]trim=end_frame=$f,setpts=PTS-STARTPTS,format=yuv420p[v$n];"
    n=$((n + 1))
  done
  for ((i = 0; i < n; i++)); do v_filter+="[v$i]"; done
  total_s=$(((total_ms + 500) / 1000))
  printf '%s' "%{eif:trunc(t/60):d}:%{eif:mod(trunc(t),60):d:2} / $((total_s / 60)):$(printf '%02d' $((total_s % 60)))" >"$work/timer.txt"
  v_filter+="concat=n=$n:v=1:a=0,scale=$OUT_W:$OUT_H:flags=lanczos[slides];"
  v_filter+="color=c=$BAR:s=${OUT_W}x8:r=$FPS[bar];"
  v_filter+="[slides][bar]overlay=x='-w+W*t*1000/$total_ms':y=H-h:eval=frame:shortest=1,"
  v_filter+="$LABEL,"
  v_filter+="drawtext=fontfile=$FONT:textfile=$work/timer.txt:expansion=normal:fontsize=20:fontcolor=white:x=w-tw-30:y=h-th-26[video]"

  ffmpeg -nostdin -hide_banner -loglevel error -y "${v_inputs[@]}" -i "$work/narration.wav" \
    -filter_complex "$v_filter" -map '[video]' -map "$n:a" -frames:v "$total_frames" \
    -c:v libvpx-vp9 -b:v 0 -crf 40 -row-mt 1 -threads 2 -deadline good -cpu-used 4 \
    -g 50 -keyint_min 50 -pix_fmt yuv420p -r $FPS \
    -c:a libopus -b:a 32k -ac 1 \
    -map_metadata -1 -metadata:s:a:0 language=swe -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
    -cues_to_front 1 -f webm "$MEDIA/$film.webm"

  # The poster: the title slide with the label, 960x540 JPEG.
  ffmpeg -nostdin -hide_banner -loglevel error -y -i "$work/slide${slide_order[0]}.png" \
    -vf "scale=$OUT_W:$OUT_H:flags=lanczos,$LABEL,format=yuvj420p" -frames:v 1 -q:v 3 \
    -map_metadata -1 -fflags +bitexact -flags +bitexact "$MEDIA/$film-poster.jpg"

  # Captions: one cue per sentence, back to back, covering the whole film.
  for lang in sv en; do
    out="$MEDIA/$film.$lang.vtt"
    {
      printf 'WEBVTT\n\n'
      if [ "$lang" = sv ]; then
        printf 'NOTE\nExempelfilm – inte kampanjens film. Skapad av content/make-example-films.sh.\n\n'
      else
        printf "NOTE\nExample film – not the campaign's film. Made by content/make-example-films.sh.\n\n"
      fi
      for ((i = 0; i < count; i++)); do
        if [ "$lang" = sv ]; then text=${sv[$i]}; else text=${en[$i]}; fi
        printf '%d\n%s --> %s\n%s\n\n' $((i + 1)) "$(vtt_time "${starts[$i]}")" "$(vtt_time "${ends[$i]}")" "$(two_lines "$text")"
      done
    } >"$out"
  done
  unset slide_frames slide_text slide_kind
done

update_feed
