#!/usr/bin/env bash
# Makes the sandbox's sample video (src/sandbox/heygen/sample-video.ts): a real, playable 10 s
# H.264/AAC MP4 (320×180, "SANDBOX" on a plain card, moov first) that the HeyGen simulator serves
# for every finished Video Agent video. Needs ffmpeg (Debian: apt-get install ffmpeg) and the
# DejaVu fonts; run it only to change the video — the module it writes is checked in.
set -euo pipefail
cd "$(dirname "$0")/.."
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
out=$(mktemp --suffix=.mp4)
trap 'rm -f "$out"' EXIT
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "color=c=0x3b4a5a:s=320x180:r=10:d=10" -f lavfi -i "anullsrc=r=22050:cl=mono" -t 10 \
  -vf "drawbox=x='mod(t*40\,320)':y=120:w=40:h=24:color=0xf2c200@1:t=fill,drawtext=fontfile=$font:text='SANDBOX':fontcolor=white:fontsize=36:x=(w-text_w)/2:y=40,drawtext=fontfile=$font:text='offline stand-in, not a HeyGen video':fontcolor=white:fontsize=11:x=(w-text_w)/2:y=90" \
  -c:v libx264 -profile:v baseline -pix_fmt yuv420p -crf 38 -g 50 -c:a aac -b:a 16k -movflags +faststart \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact "$out"
{
  echo '// The sandbox'"'"'s sample video: a real 10 s MP4 (H.264 + AAC, 320×180, "SANDBOX" on a plain card,'
  echo '// moov before mdat) made by scripts/make-sandbox-video.sh with ffmpeg. Data, not code.'
  echo
  echo "export const SAMPLE_VIDEO_SECONDS = 10;"
  echo
  printf "export const SAMPLE_VIDEO_BASE64 =\n  '%s';\n" "$(base64 -w0 "$out")"
} > src/sandbox/heygen/sample-video.ts
echo "wrote src/sandbox/heygen/sample-video.ts ($(stat -c %s "$out") bytes of MP4)"
