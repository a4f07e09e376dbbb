#!/usr/bin/env bash
# The manual recipe create_look replaces, as plain shell: one image from Gemini (with the
# reference photo), uploaded to HeyGen as an asset, added as a look to an existing avatar group,
# then polled at a fixed interval until HeyGen has finished it. Only curl, base64, grep and sed
# (plus tr and shell built-ins): no jq, node or python. bench/create-look.ts runs it against the
# fake Gemini and the HeyGen simulator to compare with create_look.
#
# Environment:
#   GEMINI_BASE_URL   e.g. https://generativelanguage.googleapis.com (or the fake's URL)
#   GEMINI_API_KEY    sent as x-goog-api-key
#   GEMINI_MODEL      default gemini-3.1-flash-image
#   HEYGEN_BASE_URL   e.g. https://api.heygen.com (or the simulator's URL)
#   HEYGEN_API_KEY    sent as x-api-key
#   GROUP_ID          the person's existing avatar group
#   REFERENCE         path to the person's face photo (JPEG)
#   OUT               folder for the request/answer files and the image (created if missing)
#   POLL_SECONDS      seconds between look polls (default 10)
#   MAX_POLLS         give up after this many polls (default 60)
#   PROMPT, ASPECT_RATIO (default 16:9), IMAGE_SIZE (default 2K), LOOK_NAME (optional)
# Prints, last: RECIPE look_id=<id> requests=<number of curl calls>. Exits non-zero on any failure.

set -eu

fail() {
  echo "recipe.sh: $*" >&2
  exit 1
}

for name in GEMINI_BASE_URL GEMINI_API_KEY HEYGEN_BASE_URL HEYGEN_API_KEY GROUP_ID REFERENCE OUT; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || fail "$name is not set"
done
[ -f "$REFERENCE" ] || fail "REFERENCE $REFERENCE is not a file"
command -v curl >/dev/null 2>&1 || fail "curl is not installed"

POLL_SECONDS=${POLL_SECONDS:-10}
MAX_POLLS=${MAX_POLLS:-60}
GEMINI_MODEL=${GEMINI_MODEL:-gemini-3.1-flash-image}
ASPECT_RATIO=${ASPECT_RATIO:-16:9}
IMAGE_SIZE=${IMAGE_SIZE:-2K}
PROMPT=${PROMPT:-Sitting at a desk in a calm bedroom at night, talking about sleep science to the camera. This should look like a real candid photo, NOT an AI render.}
LOOK_NAME=${LOOK_NAME:-recipe look $(date +%s)}
GEMINI_BASE_URL=${GEMINI_BASE_URL%/}
HEYGEN_BASE_URL=${HEYGEN_BASE_URL%/}
mkdir -p "$OUT"

requests=0
status=""

# http OUTFILE WHAT CURL_ARGS...: one curl call; its body goes to OUTFILE, its status to $status.
# WHAT names the request in messages (never the arguments: they carry the API keys).
http() {
  out=$1
  what=$2
  shift 2
  requests=$((requests + 1))
  status=$(curl -sS -o "$out" -w '%{http_code}' "$@") || fail "$what: curl failed (request $requests)"
}

# check WHAT OUTFILE: fails unless the last status was 2xx, showing the start of the answer.
check() {
  case "$status" in
    2??) ;;
    *) fail "$1 answered HTTP $status: $(head -c 600 "$2")" ;;
  esac
}

# json_string FIELD FILE: the first string value of "FIELD" in a JSON file.
json_string() {
  grep -o "\"$1\" *: *\"[^\"]*\"" "$2" | head -n 1 | sed 's/^.*: *"//; s/"$//'
}

# JSON escaping for the prompt and name: backslashes and double quotes.
escape() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}

# 1. Gemini: the prompt and the reference photo (base64) → one image.
body="$OUT/gemini-request.json"
answer="$OUT/gemini-answer.json"
{
  printf '{"contents":[{"role":"user","parts":[{"text":"%s"},{"inlineData":{"mimeType":"image/jpeg","data":"' "$(escape "$PROMPT")"
  base64 < "$REFERENCE" | tr -d '\r\n'
  printf '"}}]}],"generationConfig":{"responseModalities":["IMAGE"],"imageConfig":{"aspectRatio":"%s","imageSize":"%s"}}}' "$ASPECT_RATIO" "$IMAGE_SIZE"
} > "$body"
http "$answer" "Gemini generateContent" -X POST "$GEMINI_BASE_URL/v1beta/models/$GEMINI_MODEL:generateContent" \
  -H "x-goog-api-key: $GEMINI_API_KEY" -H 'content-type: application/json' --data-binary "@$body"
check "Gemini generateContent" "$answer"
# The last inlineData part is the final image (interim "thought" images come first).
mime=$(grep -o '"mimeType" *: *"image/[a-z]*"' "$answer" | tail -n 1 | sed 's/^.*: *"//; s/"$//')
case "$mime" in
  image/png) image="$OUT/image.png" ;;
  image/jpeg) image="$OUT/image.jpg" ;;
  *) fail "Gemini answered no image: $(head -c 600 "$answer")" ;;
esac
grep -o '"data" *: *"[^"]*"' "$answer" | tail -n 1 | sed 's/^.*: *"//; s/"$//' | base64 -d > "$image" \
  || fail "could not decode the image from Gemini's answer"
[ -s "$image" ] || fail "Gemini's image is empty"

# 2. HeyGen: upload the image as an asset.
asset_answer="$OUT/asset.json"
http "$asset_answer" "POST /v3/assets" -X POST "$HEYGEN_BASE_URL/v3/assets" -H "x-api-key: $HEYGEN_API_KEY" -F "file=@$image;type=$mime"
check "POST /v3/assets" "$asset_answer"
asset_id=$(json_string asset_id "$asset_answer")
[ -n "$asset_id" ] || fail "no asset_id in $(head -c 600 "$asset_answer")"

# 3. HeyGen: add it as a look to the group.
look_answer="$OUT/look.json"
http "$look_answer" "POST /v3/avatars" -X POST "$HEYGEN_BASE_URL/v3/avatars" -H "x-api-key: $HEYGEN_API_KEY" -H 'content-type: application/json' \
  --data-binary "{\"type\":\"photo\",\"name\":\"$(escape "$LOOK_NAME")\",\"file\":{\"type\":\"asset_id\",\"asset_id\":\"$asset_id\"},\"avatar_group_id\":\"$GROUP_ID\"}"
check "POST /v3/avatars" "$look_answer"
# data.avatar_item.id: the first "id" inside the avatar_item object.
look_id=$(sed -n 's/.*"avatar_item" *: *{[^{}]*"id" *: *"\([^"]*\)".*/\1/p' "$look_answer" | head -n 1)
[ -n "$look_id" ] || fail "no avatar_item.id in $(head -c 600 "$look_answer")"

# 4. HeyGen: poll the look at a fixed interval until it is completed.
poll_answer="$OUT/poll.json"
polls=0
while :; do
  polls=$((polls + 1))
  http "$poll_answer" "GET /v3/avatars/looks/$look_id" "$HEYGEN_BASE_URL/v3/avatars/looks/$look_id" -H "x-api-key: $HEYGEN_API_KEY"
  case "$status" in
    404) ;; # a new look can be invisible for a few seconds
    *) check "GET /v3/avatars/looks/$look_id" "$poll_answer" ;;
  esac
  look_status=$(json_string status "$poll_answer")
  case "$look_status" in
    completed)
      grep -q '"preview_image_url" *: *"' "$poll_answer" && break
      ;;
    failed) fail "HeyGen could not make look $look_id: $(head -c 600 "$poll_answer")" ;;
    pending_consent) fail "look $look_id waits for the avatar owner's consent" ;;
  esac
  [ "$polls" -lt "$MAX_POLLS" ] || fail "look $look_id is still ${look_status:-not visible} after $polls polls"
  sleep "$POLL_SECONDS"
done

echo "RECIPE look_id=$look_id requests=$requests"
