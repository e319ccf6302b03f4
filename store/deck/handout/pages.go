package handout

import (
	"fmt"
	"strings"

	"showhall/store/catalog"
	"showhall/store/deck"
)

// dateVenue is the line under a title: date and venue.
func dateVenue(d deck.Deck) string {
	var parts []string
	for _, s := range []string{d.Date, d.Venue} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

func contactLines(c deck.Contact) []string {
	var out []string
	for _, s := range []string{c.Name, c.Organisation, c.Phone, c.Email, c.URL} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// project finds a slide's project; a deck made on another catalogue may
// name one this laptop does not have.
func (r *renderer) project(id string) (*catalog.Project, bool) {
	if r.in.Snap == nil {
		return nil, false
	}
	return r.in.Snap.Project(id)
}

func (r *renderer) footer(page, pages int) {
	r.text(r.in.Deck.Title, margin, r.h-margin+6, r.w/2, 9, muted, 1)
	s := fmt.Sprintf("%d / %d", page, pages)
	r.color(muted)
	r.line(s, r.w-margin-r.width(s, 9), r.h-margin+6, 9)
}

// perSlide draws one landscape page per slide, laid out like the talk.
func (r *renderer) perSlide() error {
	d := r.in.Deck
	for i, s := range d.Slides {
		r.pdf.AddPage()
		switch s.Kind {
		case deck.KindTitle:
			r.titlePage()
		case deck.KindClosing:
			r.closingPage()
		case deck.KindProject:
			r.projectPage(s.Project)
		}
		r.footer(i+1, len(d.Slides))
	}
	if len(d.Slides) == 0 {
		r.pdf.AddPage()
		r.titlePage()
	}
	return nil
}

func (r *renderer) titlePage() {
	d := r.in.Deck
	// A dark band like the talk's title slide, kept to the top third so a
	// printer does not soak the page in ink.
	r.pdf.SetFillColor(stage[0], stage[1], stage[2])
	r.pdf.RectFromUpperLeftWithStyle(0, 0, r.w, r.h*0.45, "F")
	y := r.text(d.Event, margin*2, r.h*0.16, r.w-margin*4, 20, accent, 2)
	r.text(d.Title, margin*2, y+8, r.w-margin*4, 36, [3]uint8{0xff, 0xff, 0xff}, 2)
	y = r.text(dateVenue(d), margin*2, r.h*0.52, r.w-margin*4, 18, ink, 2)
	r.text(r.in.T("hall_name"), margin*2, y+12, r.w-margin*4, 14, muted, 2)
}

func (r *renderer) closingPage() {
	d := r.in.Deck
	y := r.text(r.in.T("rs_thanks"), margin*2, r.h*0.22, r.w-margin*4, 36, ink, 1)
	r.rule(margin*2, y+10, 120)
	y = r.text(r.in.T("rs_contact"), margin*2, y+30, r.w-margin*4, 16, muted, 1)
	for _, l := range contactLines(d.Contact) {
		y = r.text(l, margin*2, y+6, r.w-margin*4, 20, ink, 2)
	}
	if r.qr(d.Contact.URL, r.w-margin*2-150, r.h*0.22, 150) {
		r.text(d.Contact.URL, r.w-margin*2-150, r.h*0.22+156, 150, 9, muted, 2)
	}
}

func (r *renderer) projectPage(id string) {
	l := r.lang()
	p, ok := r.project(id)
	if !ok {
		r.text(r.in.T("rs_missing_project")+" "+id, margin, margin, r.w-2*margin, 20, muted, 2)
		return
	}
	y := r.text(p.Title.In(l), margin, margin, r.w-2*margin, 26, ink, 2)
	r.rule(margin, y+4, 80)
	top := y + 18
	// Left: the picture, large; right: who, where, facts, the QR code.
	picW := (r.w - 2*margin) * 0.58
	picH := picW * 9 / 16
	r.picture(first(p.Images()), margin, top, picW, picH)
	r.text(p.Summary.In(l), margin, top+picH+12, picW, 12, muted, 4)

	x := margin + picW + 24
	cw := r.w - margin - x
	yy := r.text(r.in.T("organisation"), x, top, cw, 11, muted, 1)
	yy = r.text(p.Organisation.In(l), x, yy+2, cw, 15, ink, 2)
	yy = r.text(r.in.T("site"), x, yy+10, cw, 11, muted, 1)
	yy = r.text(p.Site.In(l), x, yy+2, cw, 15, ink, 2)
	yy += 10
	for _, f := range deck.Facts(r.in.Snap, p, l) {
		yy = r.text("· "+f, x, yy+2, cw, 11, ink, 2)
	}
	qs := 110.0
	qy := r.h - margin - qs - 30
	if r.qr(p.PortalURL, x, qy, qs) {
		r.text(r.in.T("scan_qr"), x, qy+qs+4, cw, 10, muted, 2)
	}
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// compact draws portrait pages: the talk's title at the top of the first
// page, then a row per project, and the contact details at the end.
// Footers are drawn last, when the number of pages is known.
func (r *renderer) compact() error {
	d := r.in.Deck
	const rowH = 150.0
	bottom := r.h - margin - 20
	r.pdf.AddPage()
	y := r.text(d.Event, margin, margin, r.w-2*margin, 12, accent, 1)
	y = r.text(d.Title, margin, y+2, r.w-2*margin, 22, ink, 2)
	y = r.text(dateVenue(d), margin, y+2, r.w-2*margin, 11, muted, 1)
	r.rule(margin, y+6, r.w-2*margin)
	y += 24
	for _, id := range d.Projects() {
		p, ok := r.project(id)
		if !ok {
			continue
		}
		if y+rowH > bottom {
			r.pdf.AddPage()
			y = margin
		}
		r.row(p, y, rowH)
		y += rowH
	}
	if lines := contactLines(d.Contact); len(lines) > 0 {
		if y+60 > bottom {
			r.pdf.AddPage()
			y = margin
		}
		y = r.text(r.in.T("rs_contact"), margin, y+8, r.w-2*margin, 11, muted, 1)
		r.text(strings.Join(lines, " · "), margin, y+2, r.w-2*margin, 12, ink, 3)
	}
	pages := r.pdf.GetNumberOfPages()
	for i := 1; i <= pages; i++ {
		if err := r.pdf.SetPage(i); err != nil {
			return err
		}
		r.footer(i, pages)
	}
	return nil
}

// row draws one project of the compact handout.
func (r *renderer) row(p *catalog.Project, y, h float64) {
	l := r.lang()
	picW, picH := 176.0, 99.0
	r.picture(first(p.Images()), margin, y+8, picW, picH)
	qs := 84.0
	x := margin + picW + 14
	cw := r.w - margin - x - qs - 14
	yy := r.text(p.Title.In(l), x, y+8, cw, 13, ink, 2)
	yy = r.text(p.Organisation.In(l), x, yy+2, cw, 10, ink, 1)
	yy = r.text(p.Site.In(l), x, yy, cw, 10, muted, 1)
	facts := deck.Facts(r.in.Snap, p, l)
	if len(facts) > 3 {
		facts = facts[:3]
	}
	r.text(strings.Join(facts, " · "), x, yy+4, cw, 9, muted, 3)
	r.qr(p.PortalURL, r.w-margin-qs, y+8, qs)
	r.pdf.SetStrokeColor(0xd8, 0xdd, 0xe5)
	r.pdf.SetLineWidth(0.5)
	r.pdf.Line(margin, y+h-4, r.w-margin, y+h-4)
}
