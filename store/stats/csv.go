package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// WriteEventsCSV writes raw events, one a row, with a header row. Times
// are UTC in RFC 3339, as stored.
func WriteEventsCSV(w io.Writer, evs []Event) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "kind", "time_utc", "project", "theme", "rotation", "lang", "value", "of", "count"})
	for _, e := range evs {
		cw.Write([]string{e.ID, string(e.Kind), e.Time.UTC().Format(time.RFC3339Nano), e.Project, e.Theme,
			e.Rotation, e.Lang, strconv.FormatInt(e.Value, 10), string(e.Of), strconv.FormatInt(e.Count, 10)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteReportCSV writes a report as one table a spreadsheet can filter:
// the level column says whether a row is an exhibit, a theme, a day or
// the total.
func WriteReportCSV(w io.Writer, r Report) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"level", "key", "opens", "median_dwell_seconds", "dwell_samples", "video_started", "video_finished", "video_completion"})
	row := func(level string, x Row) {
		cw.Write([]string{level, x.Key, strconv.FormatInt(x.Opens, 10),
			fmt.Sprintf("%.1f", x.MedianDwell.Seconds()), strconv.Itoa(x.DwellSamples),
			strconv.FormatInt(x.VideoStarts, 10), strconv.FormatInt(x.VideoFinishes, 10),
			fmt.Sprintf("%.3f", x.Completion())})
	}
	for _, x := range r.Exhibits {
		row("exhibit", x)
	}
	for _, x := range r.Themes {
		row("theme", x)
	}
	for _, d := range r.Daily {
		cw.Write([]string{"day", d.Date.Format(time.DateOnly), strconv.FormatInt(d.Opens, 10), "", "", "", "", ""})
	}
	cw.Write([]string{"total", "searches", strconv.FormatInt(r.Searches, 10), "", "", "", "", ""})
	cw.Write([]string{"total", "idle_resets", strconv.FormatInt(r.IdleResets, 10), "", "", "", "", ""})
	cw.Write([]string{"total", "opens", strconv.FormatInt(r.Opens, 10), "", "", "", "", ""})
	cw.Flush()
	return cw.Error()
}
