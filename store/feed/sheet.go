package feed

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"showhall/store/catalog"
	"showhall/store/media"
)

// Spreadsheets of projects, as the city publishes them, become catalogues
// here: sheetfile.go reads the file into records, this file checks them
// row by row. The column mapping is documented in docs/spreadsheet.md;
// this file and that one change together.

// SheetOptions say how to read a spreadsheet.
type SheetOptions struct {
	// MediaDir holds the pictures and videos the rows name.
	MediaDir string
	// Base gives the vocabulary and the rotations (their dates and names);
	// its projects and media are replaced by the sheet's.
	Base catalog.Document
	// Version of the new catalogue; default "sheet-" and the time.
	Version string
	// SkipBadRows publishes the good rows of a sheet that has bad ones.
	SkipBadRows bool
	Now         time.Time
	// VideoProbe decodes a first frame of each video (see
	// media.CheckVideo); nil checks the container only.
	VideoProbe media.VideoProbe
}

// RowError is one bad row: its number as the spreadsheet shows it (the
// header is row 1) and why.
type RowError struct {
	Row    int
	Reason string
}

func (e RowError) String() string { return fmt.Sprintf("row %d: %s", e.Row, e.Reason) }

// SheetError lists every bad row of a sheet.
type SheetError struct{ Rows []RowError }

func (e *SheetError) Error() string {
	return fmt.Sprintf("%d bad rows in the spreadsheet (first: %s); fix them, or publish the others with --skip-bad-rows", len(e.Rows), e.Rows[0])
}

// Sheet is a catalogue read from a spreadsheet.
type Sheet struct {
	Doc     catalog.Document
	Skipped []RowError // bad rows left out (with SkipBadRows)
	// Encoding a CSV file was read as ("GB18030", "UTF-8", ...); empty
	// for a workbook, whose text is always Unicode.
	Encoding string
	files    map[string]string
}

// MediaFile says where each media file of the sheet is.
func (s *Sheet) MediaFile(m catalog.Media) (string, error) {
	if p, ok := s.files[m.Hash]; ok {
		return p, nil
	}
	return "", fmt.Errorf("media %.12s is not from the spreadsheet's media folder", m.Hash)
}

// Columns known to the importer; the three-language ones take the
// suffixes _zh_hans, _zh_hant and _en.
var (
	textColumns = []string{"title", "summary", "body", "organisation", "site", "technologies"}
	plainColumn = map[string]bool{"id": true, "themes": true, "track": true, "zone": true, "funding": true, "status": true,
		"lists": true, "year": true, "cover": true, "gallery": true, "videos": true, "portal_url": true, "updated": true, "rotations": true}
	langSuffix = map[string]catalog.Lang{"_zh_hans": catalog.Hans, "_zh_hant": catalog.Hant, "_en": catalog.En}
)

func normaliseHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = strings.NewReplacer(" ", "_", "-", "_").Replace(h)
	return h
}

// ParseSheet turns spreadsheet records (the first one is the header) into
// a catalogue, checking every row.
func ParseSheet(records [][]string, opt SheetOptions) (*Sheet, error) {
	if len(records) == 0 {
		return nil, errors.New("the spreadsheet is empty (the first row must name the columns)")
	}
	col := map[string]int{}
	for i, h := range records[0] {
		n := normaliseHeader(h)
		if n == "" {
			continue
		}
		known := plainColumn[n]
		for _, t := range textColumns {
			for suf := range langSuffix {
				known = known || n == t+suf
			}
		}
		if !known {
			return nil, fmt.Errorf("row 1: unknown column %q (see docs/spreadsheet.md for the column names)", h)
		}
		if _, dup := col[n]; dup {
			return nil, fmt.Errorf("row 1: column %q appears twice", h)
		}
		col[n] = i
	}
	if _, ok := col["id"]; !ok {
		return nil, errors.New("row 1: there is no id column")
	}
	if _, a := col["title_zh_hans"]; !a {
		if _, b := col["title_zh_hant"]; !b {
			if _, c := col["title_en"]; !c {
				return nil, errors.New("row 1: there is no title column (title_zh_hans, title_zh_hant or title_en)")
			}
		}
	}

	p := &sheetParser{opt: opt, col: col, files: map[string]string{}, media: map[string]catalog.Media{}, byName: map[string]string{}}
	p.vocab = vocabLookup(opt.Base.Vocabulary)
	sheet := &Sheet{files: p.files}
	var bad []RowError
	seen := map[string]int{}
	rotationOf := map[string][]catalog.Showcase{}
	var projects []catalog.Project
	for i, rec := range records[1:] {
		row := i + 2
		if blank(rec) {
			continue
		}
		pr, shows, errs := p.row(rec)
		if pr.ID != "" {
			if first, dup := seen[pr.ID]; dup {
				errs = append(errs, fmt.Sprintf("id %q is already used on row %d", pr.ID, first))
			} else {
				seen[pr.ID] = row
			}
		}
		if len(errs) > 0 {
			bad = append(bad, RowError{Row: row, Reason: strings.Join(errs, "; ")})
			continue
		}
		projects = append(projects, pr)
		for rid, s := range shows {
			rotationOf[rid] = append(rotationOf[rid], s)
		}
	}
	if len(bad) > 0 && !opt.SkipBadRows {
		return nil, &SheetError{Rows: bad}
	}
	sheet.Skipped = bad
	if len(projects) == 0 {
		return nil, errors.New("no project to publish: every row is empty or bad")
	}

	doc := opt.Base
	doc.Format = catalog.FormatVersion
	doc.Projects = projects
	now := opt.Now
	if now.IsZero() {
		now = time.Now()
	}
	doc.Published = now.UTC()
	doc.Version = opt.Version
	if doc.Version == "" {
		doc.Version = "sheet-" + now.UTC().Format("20060102T150405Z")
	}
	// Rotations keep their dates and names; their showcases come from the
	// sheet's rotations column when it has one, otherwise the base's
	// showcases are kept for the projects the sheet still has.
	_, hasRotCol := col["rotations"]
	doc.Rotations = nil
	for _, r := range opt.Base.Rotations {
		if hasRotCol {
			r.Showcase = rotationOf[r.ID]
		} else {
			var keep []catalog.Showcase
			for _, s := range r.Showcase {
				if _, ok := seen[s.Project]; ok {
					keep = append(keep, s)
				}
			}
			r.Showcase = keep
		}
		r.Attract = nil // the base's promo videos are not in the media folder
		doc.Rotations = append(doc.Rotations, r)
	}
	doc.Media = nil
	for _, m := range p.media {
		doc.Media = append(doc.Media, m)
	}
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	sheet.Doc = doc
	return sheet, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

type sheetParser struct {
	opt    SheetOptions
	col    map[string]int
	vocab  map[string]map[string]string // vocabulary name -> any name or id -> id
	files  map[string]string            // hash -> path
	media  map[string]catalog.Media     // hash -> media
	byName map[string]string            // file name -> hash
}

func vocabLookup(v catalog.Vocabulary) map[string]map[string]string {
	out := map[string]map[string]string{}
	add := func(name string, terms []catalog.Term) {
		m := map[string]string{}
		for _, t := range terms {
			for _, k := range []string{t.ID, t.Name.Hans, t.Name.Hant, strings.ToLower(t.Name.En)} {
				if k != "" {
					m[k] = t.ID
				}
			}
		}
		out[name] = m
	}
	add("theme", v.Themes)
	add("track", v.Tracks)
	add("zone", v.Zones)
	add("list", v.Lists)
	add("funding", v.Funding)
	add("status", v.Statuses)
	addPortalSpellings(out)
	return out
}

func (p *sheetParser) cell(rec []string, name string) string {
	i, ok := p.col[name]
	if !ok || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func (p *sheetParser) text(rec []string, name string) catalog.Text {
	return catalog.Text{Hans: p.cell(rec, name+"_zh_hans"), Hant: p.cell(rec, name+"_zh_hant"), En: p.cell(rec, name+"_en")}
}

// splitList splits a cell on ';' (ASCII or full-width), dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '；' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// row reads one project. shows maps rotation ids to its showcase entry.
func (p *sheetParser) row(rec []string) (pr catalog.Project, shows map[string]catalog.Showcase, errs []string) {
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	for i, c := range rec {
		if len(c) > maxSheetCell {
			bad("cell %d is longer than %d bytes", i+1, maxSheetCell)
			return
		}
		if !utf8.ValidString(c) {
			bad("cell %d is not UTF-8 text (save the CSV as UTF-8)", i+1)
			return
		}
	}
	pr.ID = strings.ToLower(p.cell(rec, "id"))
	if pr.ID == "" {
		bad("id is empty")
	}
	pr.Title = p.text(rec, "title")
	if pr.Title.IsZero() {
		bad("no title in any language")
	}
	pr.Summary = p.text(rec, "summary")
	pr.Body = p.text(rec, "body")
	pr.Organisation = p.text(rec, "organisation")
	pr.Site = p.text(rec, "site")
	tech := [3][]string{splitList(p.cell(rec, "technologies_zh_hans")), splitList(p.cell(rec, "technologies_zh_hant")), splitList(p.cell(rec, "technologies_en"))}
	for i := 0; i < max(len(tech[0]), len(tech[1]), len(tech[2])); i++ {
		at := func(l []string) string {
			if i < len(l) {
				return l[i]
			}
			return ""
		}
		pr.Technologies = append(pr.Technologies, catalog.Text{Hans: at(tech[0]), Hant: at(tech[1]), En: at(tech[2])})
	}
	term := func(vocab, column, value string) string {
		id, ok := p.vocab[vocab][value]
		if !ok {
			id, ok = p.vocab[vocab][strings.ToLower(value)]
		}
		if !ok {
			bad("%s: %q is not a known %s", column, value, vocab)
		}
		return id
	}
	for _, t := range splitList(p.cell(rec, "themes")) {
		pr.Themes = append(pr.Themes, term("theme", "themes", t))
	}
	if len(pr.Themes) == 0 {
		bad("themes is empty")
	}
	if v := p.cell(rec, "track"); v != "" {
		pr.Track = term("track", "track", v)
	}
	for _, c := range []struct {
		column string
		dst    *string
	}{{"zone", &pr.Zone}, {"funding", &pr.Funding}, {"status", &pr.Status}} {
		v := p.cell(rec, c.column)
		if v == "" {
			bad("%s is empty", c.column)
			continue
		}
		*c.dst = term(c.column, c.column, v)
	}
	for _, l := range splitList(p.cell(rec, "lists")) {
		name, batch, _ := strings.Cut(l, ":")
		pr.Lists = append(pr.Lists, catalog.ListEntry{List: term("list", "lists", strings.TrimSpace(name)), Batch: strings.TrimSpace(batch)})
	}
	if y := p.cell(rec, "year"); y == "" {
		bad("year is empty")
	} else if n, err := strconv.Atoi(y); err != nil || n < 2000 || n > 2100 {
		bad("year %q is not a year between 2000 and 2100", y)
	} else {
		pr.Year = n
	}
	if u := p.cell(rec, "portal_url"); u != "" {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			bad("portal_url %q does not start with https://", u)
		}
		pr.PortalURL = u
	}
	if u := p.cell(rec, "updated"); u != "" {
		t, err := time.ParseInLocation("2006-01-02", u, time.UTC)
		if err != nil {
			bad("updated %q is not a date like 2026-03-31", u)
		}
		pr.Updated = t
	}
	if c := p.cell(rec, "cover"); c != "" {
		pr.Cover = p.file(c, "cover", "image/", &errs)
	}
	for _, g := range splitList(p.cell(rec, "gallery")) {
		if h := p.file(g, "gallery", "image/", &errs); h != "" {
			pr.Gallery = append(pr.Gallery, h)
		}
	}
	for _, v := range splitList(p.cell(rec, "videos")) {
		if h := p.file(v, "videos", "video/", &errs); h != "" {
			pr.Videos = append(pr.Videos, h)
		}
	}
	rot := map[string]bool{}
	for _, r := range p.opt.Base.Rotations {
		rot[r.ID] = true
	}
	shows = map[string]catalog.Showcase{}
	for _, r := range splitList(p.cell(rec, "rotations")) {
		id, featured := strings.CutSuffix(r, "*")
		if !rot[id] {
			bad("rotations: %q is not a rotation of the catalogue", id)
			continue
		}
		shows[id] = catalog.Showcase{Project: pr.ID, Featured: featured}
	}
	if len(errs) == 0 {
		// The same checks the catalogue makes, reported against this row.
		one := catalog.Document{Format: catalog.FormatVersion, Vocabulary: p.opt.Base.Vocabulary, Projects: []catalog.Project{pr}}
		added := map[string]bool{}
		for _, h := range append(pr.Images(), pr.Videos...) {
			if !added[h] {
				added[h] = true
				one.Media = append(one.Media, p.media[h])
			}
		}
		if err := one.Validate(); err != nil {
			var ve *catalog.ValidationError
			if errors.As(err, &ve) {
				errs = append(errs, ve.Problems...)
			} else {
				errs = append(errs, err.Error())
			}
		}
	}
	return pr, shows, errs
}

// mediaTypes maps file extensions to the types the hall shows.
var mediaTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
	".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime", ".webm": "video/webm", ".mkv": "video/x-matroska",
}

// file finds a media file named in a row, hashing it once.
func (p *sheetParser) file(name, column, kind string, errs *[]string) string {
	if h, ok := p.byName[name]; ok {
		if !strings.HasPrefix(p.media[h].Type, kind) {
			*errs = append(*errs, fmt.Sprintf("%s: %s is not a %s", column, name, strings.TrimSuffix(kind, "/")))
			return ""
		}
		return h
	}
	if !filepath.IsLocal(name) || strings.Contains(name, "\\") {
		*errs = append(*errs, fmt.Sprintf("%s: %q must be a file name inside the media folder", column, name))
		return ""
	}
	typ := mediaTypes[strings.ToLower(filepath.Ext(name))]
	if !strings.HasPrefix(typ, kind) {
		*errs = append(*errs, fmt.Sprintf("%s: %s is not a %s the hall shows (by its extension)", column, name, strings.TrimSuffix(kind, "/")))
		return ""
	}
	if p.opt.MediaDir == "" {
		*errs = append(*errs, fmt.Sprintf("%s: %s is named but no media folder was given (--media DIR)", column, name))
		return ""
	}
	path := filepath.Join(p.opt.MediaDir, name)
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		*errs = append(*errs, fmt.Sprintf("%s: %s is not in the media folder %s", column, name, p.opt.MediaDir))
		return ""
	}
	h, size, err := media.HashFile(path)
	if err != nil {
		*errs = append(*errs, fmt.Sprintf("%s: %s: %v", column, name, err))
		return ""
	}
	m := catalog.Media{Hash: h, Type: typ, Size: size}
	// A file that cannot be shown is the row's error here, in front of
	// the curator, rather than a blank in front of visitors.
	if strings.HasPrefix(typ, "image/") {
		w, ht, _, err := media.VerifyImage(path)
		if err != nil {
			*errs = append(*errs, fmt.Sprintf("%s: %s: %v", column, name, err))
			return ""
		}
		m.Width, m.Height = w, ht
	}
	if strings.HasPrefix(typ, "video/") {
		info, err := media.CheckVideo(path, DefaultLimits.MaxMediaFile, p.opt.VideoProbe)
		if err != nil {
			*errs = append(*errs, fmt.Sprintf("%s: %s: %v", column, name, err))
			return ""
		}
		m.Width, m.Height = info.Width, info.Height
	}
	p.byName[name] = h
	p.media[h] = m
	p.files[h] = path
	return h
}
