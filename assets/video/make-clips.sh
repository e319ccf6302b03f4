#!/bin/sh
# Makes the demo catalogue's promo clips from ffmpeg's generated pictures:
# 960x540 H.264 + silent AAC, 8 s each, with sidecar subtitles in the
# hall's three languages. Rerun from anywhere: assets/video/make-clips.sh
# The titles are drawn only when the Noto CJK font is installed
# (Debian: fonts-noto-cjk); without it the clips have no text.
set -eu
cd "$(dirname "$0")"

FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
D=8      # seconds
R=30     # frames per second
S=960x540

# title TEXT: a drawtext filter that fades the title in, or nothing.
title() {
	if [ -f "$FONT" ]; then
		printf ",drawtext=fontfile=%s:text='%s':fontsize=44:fontcolor=white:borderw=3:bordercolor=black@0.6:x=(w-tw)/2:y=h-th-60:alpha='min(1,t/1.5)'" "$FONT" "$1"
	fi
}

# clip NAME SOURCE FILTERS TITLE
clip() {
	ffmpeg -v error -y \
		-f lavfi -i "$2" \
		-f lavfi -i "anullsrc=r=48000:cl=stereo" \
		-filter_complex "[0:v]$3$(title "$4"),format=yuv420p[v]" \
		-map "[v]" -map 1:a -t $D -r $R \
		-c:v libx264 -preset slow -crf 30 -threads 1 -g 60 \
		-c:a aac -b:a 24k -ac 2 \
		-map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
		-movflags +faststart "$1.mp4"
}

clip promo-healthcare "gradients=s=$S:r=$R:c0=0x0b3d91:c1=0x1fa2ff:c2=0x12d8fa:c3=0x0a2a5e:n=4:speed=0.02:seed=7" \
	"null" "智慧医疗 · Smart Healthcare"
clip promo-education "gradients=s=$S:r=$R:c0=0x3a0ca3:c1=0xf72585:c2=0x4cc9f0:n=3:speed=0.03:seed=3" \
	"null" "智慧教育 · Smart Education"
clip promo-culture-tourism "cellauto=s=480x270:r=$R:rule=110:seed=11" \
	"scale=$S:flags=neighbor,colorchannelmixer=rr=0.9:gg=0.5:bb=0.2" "智慧文旅 · Smart Culture and Tourism"
clip promo-rail-transit "testsrc2=s=$S:r=$R" \
	"hue=s=0.4" "智慧轨交 · Smart Rail Transit"

# srt NAME LANG LINE1 LINE2: two cues over the clip.
srt() {
	printf '1\n00:00:00,500 --> 00:00:03,800\n%s\n\n2\n00:00:04,000 --> 00:00:07,500\n%s\n' "$3" "$4" >"$1.$2.srt"
}
srt promo-healthcare zh-Hans "智慧医疗应用场景" "广州人工智能与数字经济试验区"
srt promo-healthcare zh-Hant "智慧醫療應用場景" "廣州人工智能與數字經濟試驗區"
srt promo-healthcare en "Smart healthcare scenes" "Guangzhou AI and Digital Economy Pilot Zone"
srt promo-education zh-Hans "智慧教育应用场景" "琶洲核心片区 · 广州大学城"
srt promo-education zh-Hant "智慧教育應用場景" "琶洲核心片區 · 廣州大學城"
srt promo-education en "Smart education scenes" "Pazhou core area and the Higher Education Mega Center"
srt promo-culture-tourism zh-Hans "智慧文旅应用场景" "一江两岸三片区"
srt promo-culture-tourism zh-Hant "智慧文旅應用場景" "一江兩岸三片區"
srt promo-culture-tourism en "Smart culture and tourism scenes" "One river, two banks, three areas"
srt promo-rail-transit zh-Hans "智慧轨交应用场景" "城市机会场景清单"
srt promo-rail-transit zh-Hant "智慧軌交應用場景" "城市機會場景清單"
srt promo-rail-transit en "Smart rail transit scenes" "City Opportunity Scene List"

ls -l promo-*.mp4
sha256sum promo-*.mp4 promo-*.srt >SHA256SUMS
