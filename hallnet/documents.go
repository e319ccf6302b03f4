package hallnet

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Notices and opening hours travel the way the catalogue does: a screen
// names in its status the versions it holds (by signing time), and a
// screen that holds older ones reads the signed documents at
// PathDocuments and takes them with its own checks (a trusted key's
// signature, never an older version). So a notice given to one screen
// reaches every screen, even when the curator reached only one.

// PathDocuments serves a screen's signed notices and opening hours as
// Documents (GET).
const PathDocuments = "/hall/v1/documents"

// DocumentVersion names one signed notice a screen holds.
type DocumentVersion struct {
	ID     string    `json:"id"`
	Signed time.Time `json:"signed"`
}

// Documents are a screen's signed notices and opening hours, each
// exactly as its publisher signed it.
type Documents struct {
	Notices []string `json:"notices,omitempty"`
	Hours   string   `json:"hours,omitempty"`
}

// maxDocuments bounds the documents read from a screen: a few notices
// and a year of opening hours are tens of KB.
const maxDocuments = 4 << 20

// DocumentsHandler serves what docs returns at PathDocuments.
func DocumentsHandler(docs func() (Documents, error), log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "GET only", http.StatusMethodNotAllowed)
			return
		}
		d, err := docs()
		if err != nil {
			log.Warn("the signed notices and hours cannot be served", "error", err)
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(d)
	})
}

// Documents reads the signed notices and opening hours of the screen at
// addr.
func (c *Client) Documents(ctx context.Context, addr string) (Documents, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	body, err := c.get(ctx, addr, PathDocuments, maxDocuments)
	if err != nil {
		return Documents{}, err
	}
	var d Documents
	if err := json.Unmarshal(body, &d); err != nil {
		return Documents{}, fmt.Errorf("%s answered with documents that are not showhall's: %v", addr, err)
	}
	return d, nil
}
